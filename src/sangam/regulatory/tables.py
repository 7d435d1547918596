"""Reading the rule tables: bundled files in `data/regulatory/`, overlaid by refreshed copies.

Rules are data. Every table is listed in `data/regulatory/tables.yaml` with its file, key and
as-of date; every row keeps the `status` and `source_id` markers it was written with, so an
answer can say, row by row, what it rests on and whether that row was checked against the
official text. `sangam rules import` writes refreshed tables under `var/regulatory/` (with a
`<file>.meta.json` naming their as-of date); a file there takes precedence over the bundled one.
"""

from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sangam.errors import Unavailable
from sangam.settings import Settings, get_settings

MANIFEST = "tables.yaml"


def bundled_dir(settings: Settings | None = None) -> Path:
    """Where the bundled tables live (`data/regulatory/`)."""
    return (settings or get_settings()).data_dir / "regulatory"


def overlay_dir(settings: Settings | None = None) -> Path:
    """Where refreshed tables are written: `var/regulatory/` next to `data/`.

    `SANGAM_REGULATORY_DIR` overrides it (tests and read-only installs use this)."""
    env = os.environ.get("SANGAM_REGULATORY_DIR")
    if env:
        return Path(env)
    return (settings or get_settings()).data_dir.parent / "var" / "regulatory"


@dataclass(frozen=True, slots=True)
class RowRef:
    """One row of one table an answer used, with the markers it carries."""

    table: str
    key: str
    status: str
    source_id: str
    as_of: str
    verified: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "key": self.key,
            "status": self.status,
            "source_id": self.source_id,
            "as_of": self.as_of,
            "verified": self.verified,
        }


@dataclass(frozen=True)
class TableInfo:
    """What `sangam rules` lists for one table."""

    name: str
    title: str
    file: str
    path: Path
    as_of: str
    overlaid: bool
    rows: int
    unverified: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "file": self.file,
            "as_of": self.as_of,
            "overlaid": self.overlaid,
            "rows": self.rows,
            "unverified": self.unverified,
        }


@dataclass
class Table:
    """A loaded table: its rows (as read), one RowRef per row, and raw YAML when it is YAML."""

    info: TableInfo
    rows: list[dict[str, Any]]
    refs: list[RowRef]
    raw: dict[str, Any] = field(default_factory=dict)


def _read_csv(path: Path) -> list[dict[str, Any]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [dict(row) for row in csv.DictReader(handle)]


def _read_yaml(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        loaded = yaml.safe_load(handle)
    if not isinstance(loaded, dict):
        raise Unavailable(f"rule table {path.name} is not a YAML mapping",
                          "Restore the file from the repository.")
    return loaded


def read_manifest(base: Path) -> dict[str, Any]:
    path = base / MANIFEST
    if not path.is_file():
        raise Unavailable(
            f"the regulatory rule tables are missing ({path} not found)",
            "Restore data/regulatory/ from the repository or set SANGAM_DATA_DIR.",
        )
    return _read_yaml(path)


def _row_key(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    return "" if value is None else str(value)


def load_table(name: str, spec: dict[str, Any], base: Path, overlay: Path,
               verified_statuses: frozenset[str]) -> Table:
    """Load one table, preferring a refreshed copy in the overlay directory."""
    file = str(spec["file"])
    as_of = str(spec.get("as_of", ""))
    path = base / file
    overlaid = False
    candidate = overlay / file
    if candidate.is_file():
        path = candidate
        overlaid = True
        meta_path = overlay / f"{file}.meta.json"
        if meta_path.is_file():
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            as_of = str(meta.get("as_of", as_of))
    if not path.is_file():
        raise Unavailable(
            f"rule table {name} is missing ({file})",
            "Restore data/regulatory/ from the repository, or run `sangam rules import`.",
        )
    raw: dict[str, Any] = {}
    if file.endswith((".yaml", ".yml")):
        raw = _read_yaml(path)
        rows = [dict(r) for r in raw.get("exceptions", [])]
        as_of = str(raw.get("as_of", as_of))
    else:
        rows = _read_csv(path)
    key = str(spec.get("key", ""))
    default_status = str(spec.get("default_status", "unmarked"))
    refs: list[RowRef] = []
    unverified = 0
    for row in rows:
        status = str(row.get("status") or default_status)
        verified = status.split(" ")[0] in verified_statuses
        unverified += not verified
        refs.append(RowRef(
            table=name,
            key=_row_key(row, key),
            status=status,
            source_id=str(row.get("source_id") or ""),
            as_of=str(row.get("as_of") or as_of),
            verified=verified,
        ))
    info = TableInfo(name=name, title=str(spec.get("title", name)), file=file, path=path,
                     as_of=as_of, overlaid=overlaid, rows=len(rows), unverified=unverified)
    return Table(info=info, rows=rows, refs=refs, raw=raw)


def load_tables(base: Path | None = None, overlay: Path | None = None) -> dict[str, Table]:
    """Load every table of the manifest (bundled, overlaid where refreshed)."""
    base = base or bundled_dir()
    overlay = overlay or overlay_dir()
    manifest = read_manifest(base)
    verified = frozenset(str(s) for s in manifest.get("verified_statuses", []))
    specs: dict[str, Any] = manifest.get("tables", {})
    return {name: load_table(name, spec, base, overlay, verified) for name, spec in specs.items()}


def table_infos(base: Path | None = None, overlay: Path | None = None) -> list[TableInfo]:
    """Every table with its as-of date and how many rows are not verified (`sangam rules`)."""
    return [table.info for table in load_tables(base, overlay).values()]
