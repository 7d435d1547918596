"""Write validated datasets: one transaction, idempotent, with the search index updated.

`load_path` is the single way data gets into the knowledge base (the CLI's `load`, `init
--seed` and the API all call it). A failure anywhere rolls the whole load back.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, func, select, text

from sangam.db import require_schema
from sangam.errors import Problem, ValidationFailed
from sangam.kb import tables
from sangam.kb.readers import SUFFIXES, read_path
from sangam.kb.search_index import reindex
from sangam.kb.validate import Rows, validate

_BATCH = 10_000
_BULK = 50_000
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class LoadReport:
    dataset: str
    files: int
    sources: int
    entities: int
    statements_seen: int
    statements_added: int
    skipped_unchanged: bool = False


def digest_path(path: Path) -> str:
    """A digest of the dataset's bytes and file names, to skip reloading unchanged data."""
    h = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES) \
        if path.is_dir() else [path]
    for file in files:
        h.update(file.name.encode())
        h.update(file.read_bytes())
    return h.hexdigest()


def _insert_ignore(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """INSERT … ON CONFLICT DO NOTHING, straight to the driver's executemany.

    Both engines accept the same SQL; only the placeholder differs. Going around SQLAlchemy's
    per-row parameter processing more than halves the time of a large load.
    """
    if not rows:
        return
    cols = [c.name for c in table.columns if c.name in rows[0]]
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = (f"INSERT INTO {table.name} ({', '.join(cols)}) VALUES "  # noqa: S608
           f"({', '.join([mark] * len(cols))}) ON CONFLICT DO NOTHING")
    for i in range(0, len(rows), _BATCH):
        conn.exec_driver_sql(sql, [tuple(r[c] for c in cols) for r in rows[i : i + _BATCH]])


def _known(conn: Connection, table_name: str, ids: Iterable[str]) -> dict[str, str]:
    table = tables.entity if table_name == "entity" else tables.source
    label = table.c.schema if table_name == "entity" else table.c.kind
    found: dict[str, str] = {}
    wanted = sorted(ids)
    for i in range(0, len(wanted), 500):
        for key, value in conn.execute(select(table.c.id, label)
                                       .where(table.c.id.in_(wanted[i : i + 500]))):
            found[key] = value
    return found


def _check_against_stored(conn: Connection, rows: Rows) -> None:
    """An entity already stored keeps its schema; say so rather than half-merging."""
    stored = _known(conn, "entity", rows.entities)
    problems = [
        Problem(f"{eid} is stored as a {stored[eid]}, not a {row['schema']}", field="schema",
                row=eid)
        for eid, row in rows.entities.items() if eid in stored and stored[eid] != row["schema"]
    ]
    if problems:
        raise ValidationFailed(problems, "Use another id, or the stored schema.")


def _count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(tables.statement)).scalar_one())


def write_rows(conn: Connection, rows: Rows, progress: Progress | None = None) -> int:
    """Insert validated rows (skipping ones already stored); returns statements added."""
    _check_against_stored(conn, rows)
    before = _count(conn)
    _insert_ignore(conn, tables.source, list(rows.sources.values()))
    _insert_ignore(conn, tables.entity, list(rows.entities.values()))
    used = {r["marking"] for r in rows.entities.values()} | {r["marking"] for r in
                                                             rows.statements.values()}
    _insert_ignore(conn, tables.marking, [{"label": m} for m in sorted(used)])
    statements = list(rows.statements.values())
    bulk = len(statements) >= _BULK and len(statements) > before
    if bulk:
        # Building secondary indexes once after a large load is much faster than updating
        # them row by row; the transaction makes this invisible to readers.
        for index in tables.statement.indexes:
            conn.exec_driver_sql(f"DROP INDEX {index.name}")
    for i in range(0, len(statements), _BATCH):
        _insert_ignore(conn, tables.statement, statements[i : i + _BATCH])
        if progress:
            progress("statements", min(i + _BATCH, len(statements)), len(statements))
    if bulk:
        for index in tables.statement.indexes:
            index.create(conn)
    added = _count(conn) - before
    if added or rows.entities:
        touched = set(rows.entities) | {s["entity_id"] for s in statements}
        if progress:
            progress("index", 0, len(touched))
        reindex(conn, touched)
        if progress:
            progress("index", len(touched), len(touched))
    return added


def load_path(engine: Engine, path: Path, *, skip_unchanged: bool = False,
              recorded_by: str = "sangam load", progress: Progress | None = None) -> LoadReport:
    """Validate and load a file or folder in one transaction."""
    require_schema(engine)
    name = str(path)
    digest = digest_path(path) if path.exists() else ""
    if skip_unchanged:
        with engine.connect() as conn:
            seen = conn.execute(select(tables.load_log.c.id).where(
                tables.load_log.c.dataset == name, tables.load_log.c.digest == digest)).first()
        if seen:
            return LoadReport(name, 0, 0, 0, 0, 0, skipped_unchanged=True)
    # A large load allocates millions of small objects that all stay alive until the end;
    # the cyclic garbage collector would rescan them again and again (quadratic time) while
    # finding nothing to free, so it is paused for the duration of the load.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        data = read_path(path)
        with engine.begin() as conn:
            rows = validate(data, lambda table, ids: _known(conn, table, ids), recorded_by)
            added = write_rows(conn, rows, progress)
            conn.execute(tables.load_log.insert().values(
                dataset=name, digest=digest,
                loaded_at=datetime.now(UTC).isoformat(timespec="seconds"),
                statements_added=added, statements_seen=len(rows.statements)))
    finally:
        if gc_was_enabled:
            gc.enable()
    return LoadReport(name, len(data.files), len(rows.sources), len(rows.entities),
                      len(rows.statements), added)


def stats(engine: Engine) -> dict[str, int]:
    """Counts for the status line of `init` and the home page."""
    with engine.connect() as conn:
        return {
            name: int(conn.execute(text(f"SELECT count(*) FROM {name}")).scalar_one())  # noqa: S608
            for name in ("source", "entity", "statement")
        }
