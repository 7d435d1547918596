"""`sangam screen` and `sangam lists`: thin over sangam.screening."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn
from rich.table import Table

from sangam.cli.output import console, err_console, print_json
from sangam.errors import InvalidInput
from sangam.screening import list_infos, screen_name
from sangam.screening.batch import read_names, screen_column, write_results
from sangam.screening.importers import FORMATS
from sangam.screening.screen import list_status
from sangam.screening.store import import_list
from sangam.settings import get_settings

lists_app = typer.Typer(
    help="Restricted-party lists: show them (name, entries, date, age) or import a current file.",
    invoke_without_command=True,
    no_args_is_help=False,
)


def screen(
    name: Annotated[str | None, typer.Argument(help="Name of an organisation or person.")] = None,
    country: Annotated[
        str | None, typer.Option("--country", help="ISO country code; a soft signal.")
    ] = None,
    threshold: Annotated[
        float | None, typer.Option("--threshold", help="Score that reaches review (0-1).")
    ] = None,
    lists: Annotated[
        str | None, typer.Option("--lists", help="Comma-separated list ids (default: all).")
    ] = None,
    file: Annotated[Path | None, typer.Option("--file", help="CSV of names to screen.")] = None,
    column: Annotated[
        str, typer.Option("--column", help="Column of --file holding names.")
    ] = "name",
    out: Annotated[
        Path | None, typer.Option("--out", help="Results file: R.csv or R.jsonl.")
    ] = None,
    dask: Annotated[
        str | None, typer.Option("--dask", help="Dask scheduler address for very large batches.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Screen a name (or a CSV of names) against the restricted-party lists."""
    if file is not None:
        _screen_file(file, column, out, country, threshold, lists, dask)
        return
    if not name:
        raise InvalidInput("Give a NAME to screen, or --file F.csv --column name --out R.csv.")
    result = screen_name(name, country=country, threshold=threshold, lists=lists)
    if as_json:
        print_json(result.to_dict())
        return
    for warning in result.warnings:
        err_console.print(f"[yellow]Warning:[/] {escape(warning)}", highlight=False)
    if not result.matches:
        console.print(
            f"No listed entry reaches the review threshold ({result.threshold:.2f}) for "
            f"[bold]{escape(result.query)}[/].",
            highlight=False,
        )
        return
    # Names and explanations come from the lists and the user: never read them as markup.
    table = Table(title=f"Screening: {escape(result.query)}", show_lines=True)
    for col in ("band", "score", "list (date)", "source_id", "listed name", "why"):
        table.add_column(col)
    for m in result.matches:
        listed = m.name if m.name == m.matched_name else f"{m.name}\n(as {m.matched_name})"
        table.add_row(
            m.band, f"{m.score:.2f}", escape(f"{m.list}\n({m.list_date})"), escape(m.source_id),
            escape(listed), escape(m.explanation),
        )
    console.print(table)


def _screen_file(
    file: Path, column: str, out: Path | None, country: str | None, threshold: float | None,
    lists: str | None, dask: str | None,
) -> None:
    if out is None:
        raise InvalidInput("--file needs --out R.csv or --out R.jsonl.")
    if out.suffix.lower() not in (".csv", ".jsonl"):
        raise InvalidInput(f"Cannot write '{out.name}'.", "Use --out ending in .csv or .jsonl.")
    # Checked before screening, so a typo in --out does not cost the whole batch.
    if not out.parent.is_dir():
        raise InvalidInput(
            f"Cannot write {out}: the folder {out.parent} does not exist.",
            "Create the folder first or give --out a path in an existing folder.",
        )
    header, rows = read_names(file, column)
    names = [row[column] for row in rows]
    with Progress(
        "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
        TimeRemainingColumn(), console=err_console, disable=not sys.stderr.isatty(),
    ) as progress:
        task = progress.add_task("Screening", total=len(names))
        results = screen_column(
            names, country, threshold, lists,
            progress=lambda n: progress.advance(task, n), dask_address=dask,
        )
    try:
        write_results(out, header, rows, results)
    except OSError as exc:
        raise InvalidInput(
            f"Cannot write {out}: {exc.strerror or exc}.",
            "Give --out a writable file path ending in .csv or .jsonl.",
        ) from None
    alerts = sum(1 for r in results if r["matches"])
    err_console.print(
        f"Screened {len(names)} names: {alerts} reach review or match. Results in {out}.",
        highlight=False, markup=False,
    )


@lists_app.callback()
def lists_show(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show each list: name, entries, publication date and age."""
    if ctx.invoked_subcommand is not None:
        return
    settings = get_settings()
    statuses = [list_status(info, settings.list_max_age_days) for info in list_infos(settings)]
    if as_json:
        print_json({"max_age_days": settings.list_max_age_days, "lists": statuses})
        return
    table = Table(title="Restricted-party lists")
    table.add_column("list", no_wrap=True)
    for col in ("title", "entries", "published", "age (days)", "note"):
        table.add_column(col)
    for s in statuses:
        age = f"[red]{s['age_days']} (stale)[/]" if s["stale"] else str(s["age_days"])
        table.add_row(escape(s["list"]), escape(s["title"]), str(s["entries"]),
                      escape(str(s["published"])), age,
                      escape(s["date_note"]))
    console.print(table)


@lists_app.command("import")
def lists_import(
    path: Annotated[Path, typer.Argument(help="The official list file (or OFAC folder).")],
    fmt: Annotated[
        str, typer.Option("--format", help=f"One of: {', '.join(sorted(FORMATS))}.")
    ],
    published: Annotated[
        str | None,
        typer.Option("--published", help="Publication date YYYY-MM-DD if the file has none."),
    ] = None,
    list_id: Annotated[
        str | None, typer.Option("--list-id", help="Store under this list id.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Import a current official file; atomic, a failed import changes nothing."""
    when: date | None = None
    if published:
        try:
            when = date.fromisoformat(published)
        except ValueError:
            raise InvalidInput(
                f"--published '{published}' is not a date.", "Use YYYY-MM-DD."
            ) from None
    info = import_list(fmt, path, published=when, list_id=list_id)
    if as_json:
        print_json(info.to_dict())
        return
    console.print(
        f"Imported [bold]{escape(info.list_id)}[/]: {info.entries} entries, published "
        f"{info.published.isoformat()}"
        + (f" ({escape(info.date_note)})" if info.date_note else "") + ".",
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    app.command("screen")(screen)
    app.add_typer(lists_app, name="lists")
