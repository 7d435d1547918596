"""OFAC SDN in its legacy CSV form: `sdn.csv` with `alt.csv` and `add.csv` beside it.

Quirks handled (see data/screening/SOURCES.md): no header row; cp1252 text; `-0-` means
empty; a trailing 0x1A byte; `alt.csv`/`add.csv` may be newer than `sdn.csv`, so rows that
point to an `ent_num` missing from `sdn.csv` are skipped (and counted), not joined.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from sangam.screening.countries import country_code
from sangam.screening.importers.base import (
    ImportOptions,
    fail,
    file_date,
    now_iso,
    read_text,
    register,
    require_file,
)
from sangam.screening.model import ListEntry, ListInfo, ParsedList

_TYPES = {"": "organization", "individual": "individual", "vessel": "vessel",
          "aircraft": "aircraft"}
_AKA = re.compile(r"a\.k\.a\.,?\s+'([^']+)'", re.IGNORECASE)


def _val(cell: str) -> str:
    cell = cell.strip()
    return "" if cell == "-0-" else cell


def _rows(path: Path, width: int) -> list[tuple[int, list[str]]]:
    text = read_text(path, ("utf-8", "cp1252"))
    text = text.rstrip("\x1a\r\n ")
    out: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    for row in reader:
        line = reader.line_num
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        if len(row) != width:
            raise fail(path, line, f"expected {width} comma-separated columns, found {len(row)}")
        if not row[0].strip().isdigit():
            raise fail(path, line, f"ent_num '{row[0]}' is not a number", "ent_num")
        out.append((line, row))
    return out


def _resolve(path: Path) -> tuple[Path, Path | None, Path | None]:
    sdn = require_file(path / "sdn.csv" if path.is_dir() else path)
    alt = sdn.with_name("alt.csv")
    add = sdn.with_name("add.csv")
    return sdn, alt if alt.is_file() else None, add if add.is_file() else None


@register(
    "ofac-sdn",
    list_id="us-ofac-sdn",
    title="OFAC Specially Designated Nationals and Blocked Persons",
    publisher="US Department of the Treasury, OFAC",
    description="sdn.csv (with alt.csv and add.csv in the same folder); path = file or folder",
)
def import_ofac_sdn(path: Path, options: ImportOptions) -> ParsedList:
    sdn, alt, add = _resolve(path)
    names: dict[str, str] = {}
    types: dict[str, str] = {}
    programs: dict[str, tuple[str, ...]] = {}
    remarks: dict[str, str] = {}
    for line, row in _rows(sdn, 12):
        ent = row[0].strip()
        name = _val(row[1])
        if not name:
            raise fail(sdn, line, "the entry has no name", "SDN_Name")
        kind = _val(row[2]).lower()
        if kind not in _TYPES:
            raise fail(sdn, line, f"unknown SDN_Type '{row[2].strip()}'", "SDN_Type")
        names[ent] = name
        types[ent] = _TYPES[kind]
        programs[ent] = tuple(
            p.strip(" []") for p in _val(row[3]).split("] [") if p.strip(" []")
        )
        remarks[ent] = _val(row[11])
    aliases: dict[str, list[str]] = {ent: [] for ent in names}
    skipped = 0
    if alt is not None:
        for _line, row in _rows(alt, 5):
            ent = row[0].strip()
            if ent not in names:
                skipped += 1
                continue
            alias = _val(row[3])
            if alias:
                aliases[ent].append(alias)
    for ent, remark in remarks.items():
        aliases[ent].extend(_AKA.findall(remark))
    addresses: dict[str, list[str]] = {ent: [] for ent in names}
    countries: dict[str, list[str]] = {ent: [] for ent in names}
    if add is not None:
        for _line, row in _rows(add, 6):
            ent = row[0].strip()
            if ent not in names:
                skipped += 1
                continue
            parts = [_val(c) for c in row[2:5]]
            text = ", ".join(p for p in parts if p)
            if text:
                addresses[ent].append(text)
            code = country_code(parts[2]) if parts[2] else None
            if code and code not in countries[ent]:
                countries[ent].append(code)
    entries = tuple(
        ListEntry(
            source_id=ent,
            name=names[ent],
            aliases=tuple(dict.fromkeys(a for a in aliases[ent] if a != names[ent])),
            entity_type=types[ent],
            programs=programs[ent],
            countries=tuple(countries[ent]),
            addresses=tuple(addresses[ent]),
            remarks=remarks[ent],
        )
        for ent in names
    )
    note = "" if options.published else "date of the file's modification time"
    if skipped:
        note = (note + "; " if note else "") + (
            f"{skipped} alt/add rows refer to entries not in sdn.csv and were skipped"
        )
    info = ListInfo(
        list_id=options.list_id or "us-ofac-sdn",
        title="OFAC Specially Designated Nationals and Blocked Persons",
        publisher="US Department of the Treasury, OFAC",
        format="ofac-sdn",
        published=options.published or file_date(sdn),
        entries=len(entries),
        source_files=tuple(p.name for p in (sdn, alt, add) if p is not None),
        date_note=note,
        imported_at=now_iso(),
    )
    return ParsedList(info, entries)
