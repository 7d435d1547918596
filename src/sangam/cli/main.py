"""The `sangam` command. Each pillar adds its commands through a `register(app)` function."""

from __future__ import annotations

import typer

from sangam import compiled

compiled.exit_if_stale()  # one clear line rather than an import traceback

from sangam.cli import kb as kb_cli
from sangam.cli import regulatory as regulatory_cli
from sangam.cli import screening as screening_cli
from sangam.cli import serve as serve_cli
from sangam.cli import supply as supply_cli
from sangam.cli.output import render_error
from sangam.errors import SangamError

app = typer.Typer(
    name="sangam",
    help="Sangam: clearinghouse and decision support for US–Japan–India defence-technology "
    "collaboration.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

# Pillars register their commands here; each module exposes `register(app: typer.Typer)`.
for _module in (kb_cli, serve_cli, supply_cli, screening_cli, regulatory_cli):
    _module.register(app)


def main() -> None:
    """Entry point: render user errors once, with a hint, and exit 2.

    Typer's standalone mode already handles usage errors and Ctrl-C; only our own errors
    (a bad file, an unknown id) pass through it and are rendered here.
    """
    try:
        app()
    except SangamError as exc:
        render_error(exc)
        raise SystemExit(2) from None
