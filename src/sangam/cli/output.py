"""Shared rendering for CLI commands: JSON to stdout, tables and errors through Rich."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console
from rich.markup import escape

from sangam.errors import SangamError, ValidationFailed

console = Console()
err_console = Console(stderr=True)


def print_json(data: Any) -> None:
    """Machine output: compact-but-readable JSON on stdout, nothing else."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def render_error(exc: SangamError) -> None:
    """The terminal rendering of the one error shape (see sangam.errors).

    Messages and hints quote what the user typed and what the data says (names, list ids,
    file paths), so they are escaped: a stray `[/x]` must print as itself, not be read as
    Rich markup and crash the error printer.
    """
    err_console.print(f"[bold red]Error:[/] {escape(exc.message)}", highlight=False)
    if isinstance(exc, ValidationFailed):
        for problem in exc.problems[:200]:
            err_console.print(f"  - {problem}", highlight=False, markup=False)
        if len(exc.problems) > 200:
            err_console.print(f"  … and {len(exc.problems) - 200} more", highlight=False)
    if exc.hint:
        err_console.print(f"[dim]{escape(exc.hint)}[/]", highlight=False)
