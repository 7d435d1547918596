"""`sangam pathfind` and `sangam rules`: the export-control pathfinder on the command line."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from sangam.cli.output import console, print_json
from sangam.errors import InvalidInput
from sangam.regulatory import get_rulebook, normalise, pathfind, table_infos
from sangam.regulatory.batch import read_queries, run_batch, write_results
from sangam.regulatory.ecfr_import import import_file
from sangam.regulatory.memo import write_memo
from sangam.regulatory.model import DISCLAIMER, Answer
from sangam.regulatory.tables import bundled_dir, overlay_dir

rules_app = typer.Typer(help="List the regulatory rule tables, or refresh them from the eCFR.",
                        invoke_without_command=True, no_args_is_help=False)


def _print_answer(answer: Answer) -> None:
    # Codes, descriptions and notes come from the rule tables and the query: escaped, so a
    # bracket in them ("USML-XI(c)", "[Reserved]") prints as written.
    data = answer.as_dict()
    console.print(f"[bold]{escape(data['item']['code'])}[/] "
                  f"{escape(data['item']['description'][:100])}", highlight=False)
    for note in data["item"]["inferred"]:
        console.print(f"  [dim]inferred: {escape(note)}[/]", highlight=False)
    for det in data["determinations"]:
        colour = {"yes": "red", "no": "green"}.get(det["licence_required"], "yellow")
        console.print(f"\n[bold]{escape(det['regime'])}[/] — licence required: "
                      f"[{colour}]{escape(det['licence_required'])}[/]  "
                      f"({escape(det['authority'])})",
                      highlight=False)
        console.print(det["explanation"], highlight=False, markup=False)
        for exc in det["exceptions"]:
            if exc["available"] != "no":
                console.print(f"  exception {exc['symbol']} ({exc['section']}): "
                              f"{exc['available']} — {exc['why']}", highlight=False,
                              markup=False)
        if det["typical_days"]:
            console.print(f"  typical: about {det['typical_days']} days", highlight=False)
        console.print("  cites: " + "; ".join(c["ref"] for c in det["citations"]),
                      highlight=False, markup=False)
        if det["unverified_rows"]:
            console.print(f"  [yellow]{det['unverified_rows']} rule row(s) used are not "
                          "verified against the official text[/]", highlight=False)
    for item in data["not_applicable"]:
        console.print(f"[dim]{escape(item['regime'])}: {escape(item['why'])}[/]",
                      highlight=False)
    for box in data["sandboxes"]:
        console.print("\n[cyan]Sandbox[/] "
                      + escape(f"{box['name']} — {box['fit']} ({box['label']})"),
                      highlight=False)
    console.print(f"\n[bold]Summary:[/] {data['summary']['text']}", highlight=False,
                  markup=False)
    console.print(f"Screening: {data['screening']['note']}", highlight=False, markup=False)
    console.print(f"[dim]{DISCLAIMER}[/]", highlight=False)


def pathfind_command(
    item: str = typer.Option(None, "--item", help="ECCN, EAR99, USML-XI(c), SCOMET-6A001, "
                             "JP-AT1-7"),
    from_country: str = typer.Option(None, "--from", help="exporting country (ISO alpha-2)"),
    to_country: str = typer.Option(None, "--to", help="destination country (ISO alpha-2)"),
    kind: str = typer.Option("hardware", "--kind", help="hardware|software|technology|service"),
    end_user: str | None = typer.Option(None, "--end-user", help="end user's name"),
    end_use: str | None = typer.Option(None, "--end-use", help="end use, e.g. military, "
                                       "civil, nuclear, temporary, return to licensor"),
    nationality: str | None = typer.Option(None, "--nationality", help="recipient's "
                                           "nationality (deemed exports)"),
    us_content_percent: float | None = typer.Option(None, "--us-content-percent",
                                                    help="US-origin share; 100 = US-origin "
                                                    "item being re-exported"),
    value: float | None = typer.Option(None, "--value", help="value in USD"),
    as_json: bool = typer.Option(False, "--json", help="print the answer as JSON"),
    memo: Path | None = typer.Option(None, "--memo", help="write a determination memo "
                                     "(FILE.md and FILE.html)"),
    batch: Path | None = typer.Option(None, "--batch", help="CSV of planned transfers "
                                      "(columns item, from, to, kind, end_user, …)"),
    out: Path | None = typer.Option(None, "--out", help="batch output: R.csv or R.jsonl"),
) -> None:
    """Which export approvals a transfer needs, from whom, how long, and why."""
    book = get_rulebook()
    if batch is not None:
        if out is None:
            raise InvalidInput("--batch needs --out", "Example: --batch plan.csv --out r.csv")
        rows, queries = read_queries(batch, book)
        with Progress(console=console, transient=True,
                      disable=not console.is_terminal) as bar:
            task = bar.add_task("pathfinding", total=len(queries))
            count = write_results(rows, run_batch(
                queries, book, progress=lambda n: bar.advance(task, n)), out)
        console.print(f"{count} determinations written to {out}", highlight=False,
                      markup=False)
        return
    missing = [name for name, v in (("--item", item), ("--from", from_country),
                                    ("--to", to_country)) if not v]
    if missing:
        raise InvalidInput(f"missing {', '.join(missing)}",
                           "Example: sangam pathfind --item 5A002 --from US --to IN --json")
    q = normalise(book, item, from_country, to_country, kind, end_user, end_use, nationality,
                  us_content_percent, value)
    answer = pathfind(q, book)
    if memo is not None:
        paths = write_memo(answer, memo)
        if not as_json:
            console.print("memo written: " + ", ".join(str(p) for p in paths), highlight=False,
                          markup=False)
    if as_json:
        print_json(answer.as_dict())
    else:
        _print_answer(answer)


@rules_app.callback()
def rules_list(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="print as JSON"),
) -> None:
    """Every rule table with its as-of date and how many rows are unverified."""
    if ctx.invoked_subcommand is not None:
        return
    infos = table_infos()
    if as_json:
        print_json({"tables": [i.as_dict() for i in infos]})
        return
    table = Table("table", "as of", "rows", "unverified", "source", title="Regulatory rules")
    for info in infos:
        table.add_row(escape(info.name), escape(info.as_of), str(info.rows), str(info.unverified),
                      "refreshed (var/)" if info.overlaid else "bundled")
    console.print(table)
    console.print(f"[dim]{DISCLAIMER}[/]", highlight=False)


@rules_app.command("import")
def rules_import(
    files: list[Path] = typer.Argument(..., help="eCFR XML files: 15 CFR Parts 738, 740, 774; "
                                       "22 CFR Part 121"),
    as_of: str | None = typer.Option(None, "--as-of", help="eCFR date (YYYY-MM-DD) when the "
                                     "file does not state it"),
    out_dir: Path | None = typer.Option(None, "--out-dir", help="where to write (default "
                                        "var/regulatory/)"),
    as_json: bool = typer.Option(False, "--json", help="print as JSON"),
) -> None:
    """Refresh rule tables from official eCFR XML (written atomically, with their date)."""
    target = out_dir or overlay_dir()
    chart = bundled_dir() / "ear_country_chart_full.csv"
    written = [t for path in files for t in import_file(path, target, chart, as_of)]
    if as_json:
        print_json({"out_dir": str(target), "tables": [t.as_dict() for t in written]})
        return
    for t in written:
        console.print(f"{t.file}: {t.rows} rows, as of {t.as_of} ({t.source}) -> {target}",
                      highlight=False, markup=False)


def register(app: typer.Typer) -> None:
    app.command("pathfind")(pathfind_command)
    app.add_typer(rules_app, name="rules")
