"""Knowledge-base commands: init, load, search, show, export, schema."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from sangam.access.markings import Reader
from sangam.cli.output import console, err_console, print_json
from sangam.db import get_engine, migrate, require_schema
from sangam.kb import export_lines, get_entity, load_path, plain_snippet, search, stats
from sangam.kb.query import conflicts
from sangam.kb.schema import load_model
from sangam.kb.search import HIT_END, HIT_START
from sangam.kb.store import LoadReport
from sangam.settings import get_settings

JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable JSON on stdout.")]
CountryOpt = Annotated[str | None, typer.Option(
    "--as-country", help="Read as a user of this country (applies REL TO markings).")]
OrgOpt = Annotated[list[str] | None, typer.Option(
    "--as-org", help="Read as a member of this organisation id (repeatable).")]


def _reader(country: str | None, orgs: list[str] | None) -> Reader:
    return Reader(country=country.upper() if country else None, orgs=frozenset(orgs or []))


def _load_with_progress(path: Path, skip_unchanged: bool) -> LoadReport:
    engine = get_engine(get_settings().database_url)
    if not sys.stderr.isatty():
        return load_path(engine, path, skip_unchanged=skip_unchanged)
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/"
                  "{task.total}"), TimeElapsedColumn(), console=err_console) as bar:
        tasks: dict[str, TaskID] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(f"{stage:>10}", total=total)
            bar.update(tasks[stage], completed=done, total=total)

        return load_path(engine, path, skip_unchanged=skip_unchanged, progress=update)


def _snippet_markup(snippet: str) -> str:
    """Hits in bold yellow; every piece between the hit markers escaped on its own, so a
    trailing backslash in one piece cannot swallow the closing tag that follows it."""
    pieces = re.split(f"([{HIT_START}{HIT_END}])", snippet)
    return "".join("[bold yellow]" if p == HIT_START else "[/]" if p == HIT_END else escape(p)
                   for p in pieces)


def _report(report: LoadReport) -> None:
    if report.skipped_unchanged:
        err_console.print(f"{report.dataset}: unchanged since it was last loaded; skipped.",
                          highlight=False, markup=False)
        return
    err_console.print(
        f"{escape(report.dataset)}: {report.files} file(s), {report.sources} sources, "
        f"{report.entities} entities, {report.statements_seen} statements "
        f"([bold]{report.statements_added} new[/]).", highlight=False)


def init(seed: Annotated[bool, typer.Option("--seed", help="Also load the bundled dataset.")]
         = False) -> None:
    """Create or upgrade the database; with --seed, load the bundled dataset if it changed."""
    settings = get_settings()
    engine = get_engine(settings.database_url)
    migrate(engine)
    if seed:
        _report(_load_with_progress(settings.seed_dir, skip_unchanged=True))
    counts = stats(engine)
    err_console.print(f"Database ready: {counts['entity']} entities, {counts['statement']} "
                      f"statements from {counts['source']} sources.")


def load(path: Annotated[Path, typer.Argument(help="A YAML/JSON/JSONL/CSV file or a folder.")],
         json_out: JsonOpt = False) -> None:
    """Validate and load a dataset (docs/data-format.md); all or nothing, idempotent."""
    report = _load_with_progress(path, skip_unchanged=False)
    if json_out:
        print_json(report.__dict__)
    else:
        _report(report)


def search_cmd(
    query: Annotated[str, typer.Argument(help="Words, names or abbreviations.")],
    schema: Annotated[str | None, typer.Option(help="Only this schema, e.g. Project.")] = None,
    country: Annotated[str | None, typer.Option(help="Only entities linked to this country.")]
    = None,
    limit: Annotated[int, typer.Option(min=1, max=200)] = 20,
    json_out: JsonOpt = False, as_country: CountryOpt = None, as_org: OrgOpt = None,
) -> None:
    """Search entities by name, alias, abbreviation, description or quote."""
    engine = get_engine(get_settings().database_url)
    require_schema(engine)
    with engine.connect() as conn:
        hits = search(conn, query, _reader(as_country, as_org), schema=schema, country=country,
                      limit=limit)
    if json_out:
        print_json({"query": query, "results": [
            {"id": h.id, "schema": h.schema, "caption": h.caption, "score": h.score,
             "snippet": plain_snippet(h.snippet)} for h in hits]})
        return
    if not hits:
        console.print(f"No results for {query!r}. Try fewer words or an abbreviation.",
                      highlight=False, markup=False)
        return
    # Captions and snippets are data: escaped, so brackets in them print as written.
    table = Table("id", "schema", "caption", "snippet", show_lines=False)
    for h in hits:
        table.add_row(escape(h.id), escape(h.schema), escape(h.caption), _snippet_markup(h.snippet))
    console.print(table)


def show(entity_id: Annotated[str, typer.Argument(help="An entity id, e.g. proj:unicorn.")],
         json_out: JsonOpt = False, as_country: CountryOpt = None, as_org: OrgOpt = None) -> None:
    """Show an entity: every statement with its source and the supporting quote."""
    engine = get_engine(get_settings().database_url)
    require_schema(engine)
    with engine.connect() as conn:
        view = get_entity(conn, entity_id, _reader(as_country, as_org))
    if json_out:
        print_json(view.as_dict())
        return
    console.print(f"[bold]{escape(view.caption)}[/]  "
                  f"[dim]{escape(f'{view.schema} · {view.id} · {view.marking}')}[/]",
                  highlight=False)
    table = Table("property", "value", "src", "supporting quote", show_lines=True)
    sources: dict[str, int] = {}
    for st in view.statements:
        value = escape(st["value"] if not st["ref_caption"]
                       else f"{st['ref_caption']} ({st['ref']})")
        if st["conflict"]:
            value += f"\n[yellow]conflict: {escape(st['conflict'])}[/]"
        number = sources.setdefault(st["source"]["id"], len(sources) + 1)
        quote = escape(f"“{st['quote']}”") if st["quote"] else ""
        if st["note"]:
            quote += f"\n[italic]{escape(st['note'])}[/]"
        table.add_row(escape(st["label"]), value, f"[{number}]", quote)
    console.print(table)
    by_id = {st["source"]["id"]: st["source"] for st in view.statements}
    for sid, number in sources.items():
        src = by_id[sid]
        line = f"[{number}] {src['title']} — {src['publisher']}"
        if src["published"]:
            line += f", {src['published']}"
        console.print(line, highlight=False, markup=False)
    for key, group in conflicts(view).items():
        values = "; ".join(f"{g['value']} ({g['source']['publisher']})" for g in group)
        console.print(f"[yellow]Conflict {escape(key)}:[/] {escape(values)}", highlight=False)
    if view.referenced_by:
        console.print("Referenced by: " + ", ".join(
            f"{r['caption']} ({r['id']}, {r['prop']})" for r in view.referenced_by),
            highlight=False, markup=False)


def export(
    out: Annotated[Path | None, typer.Option("--out", "-o", help="File to write (default stdout).")]
    = None,
    schema: Annotated[str | None, typer.Option(help="Only entities of this schema.")] = None,
    entity: Annotated[list[str] | None, typer.Option(help="Only these entity ids (repeatable).")]
    = None,
    as_country: CountryOpt = None, as_org: OrgOpt = None,
) -> None:
    """Write the knowledge base (or a filtered part) as JSON Lines that `sangam load` reads."""
    engine = get_engine(get_settings().database_url)
    require_schema(engine)
    with engine.connect() as conn:
        lines = export_lines(conn, _reader(as_country, as_org), schema=schema, entity_ids=entity)
        if out is None:
            for line in lines:
                sys.stdout.write(line + "\n")
            return
        tmp = out.with_name(out.name + ".partial")
        count = 0
        with tmp.open("w", encoding="utf-8") as fh:
            for line in lines:
                fh.write(line + "\n")
                count += 1
        tmp.replace(out)
    err_console.print(f"Wrote {count} lines to {out}.", highlight=False, markup=False)


def schema_cmd(json_out: JsonOpt = False) -> None:
    """List the schemata and their properties (declared in kb/schemata.yaml)."""
    model = load_model()
    if json_out:
        print_json({name: {p.name: {"type": p.type, "label": p.label, "range": p.range}
                           for p in model.schemata[name].properties.values()}
                    for name in model.concrete()})
        return
    for name in model.concrete():
        props = model.schemata[name].properties.values()
        console.print(f"[bold]{escape(name)}[/]: "
                      + escape(", ".join(f"{p.name} ({p.type})" for p in props)),
                      highlight=False)


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("load")(load)
    app.command("search")(search_cmd)
    app.command("show")(show)
    app.command("export")(export)
    app.command("schema")(schema_cmd)
