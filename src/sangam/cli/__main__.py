"""`python -m sangam.cli` — the same as the `sangam` command."""

from sangam.cli.main import main

main()
