"""US Consolidated Screening List, CSV form (trade.gov `consolidated.csv`).

Quirks handled: the file may repeat its header line (skip rows whose `source` is
"source"); `alt_names` and `addresses` are `;`-separated; an address ends in an ISO code.
Each row's `_id` is kept as `source_id`; the short code of the underlying list ("EL",
"SDN", "DPL", ...) becomes the first programme so the user sees which list flagged it.
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
    split_clean,
)
from sangam.screening.model import ListEntry, ListInfo, ParsedList

REQUIRED = ("_id", "source", "type", "programs", "name", "addresses", "alt_names")
_TYPES = {"individual": "individual", "entity": "organization", "vessel": "vessel",
          "aircraft": "aircraft", "": "organization"}
_SHORT = re.compile(r"\(([A-Z][A-Z0-9-]*)\)")


@register(
    "us-csl",
    list_id="us-csl",
    title="US Consolidated Screening List",
    publisher="US International Trade Administration (trade.gov)",
    description="consolidated.csv from trade.gov",
)
def import_us_csl(path: Path, options: ImportOptions) -> ParsedList:
    require_file(path)
    text = read_text(path, ("utf-8-sig", "cp1252"))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise fail(path, 1, f"header lacks column(s) {', '.join(missing)}")
    entries: list[ListEntry] = []
    seen: set[tuple[str, str]] = set()  # one _id may recur across sub-lists
    for row in reader:
        line = reader.line_num
        if None in row:
            raise fail(path, line, f"more columns than the header's {len(header)}")
        if row["source"] == "source":
            continue  # the repeated header line
        source_id = (row["_id"] or "").strip()
        name = (row["name"] or "").strip()
        if not source_id:
            raise fail(path, line, "the row has no _id", "_id")
        if not name:
            raise fail(path, line, "the row has no name", "name")
        if (source_id, row["source"]) in seen:
            raise fail(path, line, f"_id {source_id} appears twice in one source list", "_id")
        seen.add((source_id, row["source"]))
        kind = (row["type"] or "").strip().lower()
        source = row["source"] or ""
        short = _SHORT.findall(source)
        programs = tuple(dict.fromkeys([*short[:1], *split_clean(row["programs"] or "", ";")]))
        addresses = split_clean(row["addresses"] or "", ";")
        countries: list[str] = []
        for address in addresses:
            tail = address.rsplit(",", 1)[-1].strip()
            code = tail if re.fullmatch(r"[A-Z]{2}", tail) else country_code(tail)
            if code and code not in countries:
                countries.append(code)
        for field in ("nationalities", "citizenships"):
            for value in split_clean(row.get(field) or "", ";"):
                code = value if re.fullmatch(r"[A-Z]{2}", value) else country_code(value)
                if code and code not in countries:
                    countries.append(code)
        entries.append(
            ListEntry(
                source_id=source_id,
                name=name,
                aliases=tuple(a for a in split_clean(row["alt_names"] or "", ";") if a != name),
                entity_type=_TYPES.get(kind, "unknown"),
                programs=programs,
                countries=tuple(countries),
                addresses=addresses,
                remarks=(row.get("remarks") or "").strip(),
            )
        )
    if not entries:
        raise fail(path, None, "the file holds no entries")
    info = ListInfo(
        list_id=options.list_id or "us-csl",
        title="US Consolidated Screening List",
        publisher="US International Trade Administration (trade.gov)",
        format="us-csl",
        published=options.published or file_date(path),
        entries=len(entries),
        source_files=(path.name,),
        date_note="" if options.published else "date of the file's modification time",
        imported_at=now_iso(),
    )
    return ParsedList(info, tuple(entries))
