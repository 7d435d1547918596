"""Importer for official eCFR XML: refresh the rule tables from the regulation itself.

Given the eCFR XML export of a part (the `api/versioner/v1/full/<date>/title-NN.xml?part=P`
files, or the same part inside a whole-title file), write the table that part feeds, atomically
(temporary file + rename), with its as-of date in `<file>.meta.json` next to it. Imported rows
carry status `imported_official`: they were read by a program from the official text.

Supported parts and the tables they refresh:

* 22 CFR Part 121 (USML) -> `usml_categories.csv` and `usml_paragraphs.csv`
* 15 CFR Part 738 (Supplement No. 1, Commerce Country Chart) -> `ear_country_chart_full.csv`
* 15 CFR Part 740 (Supplement No. 1, Country Groups) -> `ear_country_groups_full.csv`
* 15 CFR Part 774 (Supplement No. 1, Commerce Control List) -> `ccl_eccns.csv`

The Part 121 parser is tested on the real eCFR file bundled in `data/regulatory/ecfr/`. The
738/740/774 parsers follow the GPO table conventions (GPOTABLE/BOXHD/CHED/ROW/ENT) and are
tested on small files written in that form; check their output against the official text the
first time a real file is imported.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sangam.errors import InvalidInput, Problem, ValidationFailed

_DATE_IN_PATH = re.compile(r"/on/(\d{4}-\d{2}-\d{2})/")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CITATION = re.compile(r"(\d+)\s+CFR\s+Part\s+(\d+)", re.IGNORECASE)
_CATEGORY = re.compile(r"^Category\s+([IVXL]+)\s*[—-]\s*(.+)$")
_PARA = re.compile(
    r"^(\*\s*)?\(([a-z]|\d{1,2})\)(?:\s*[-–]\s*\(([a-z]|\d{1,2})\))?\s*(.*)$", re.DOTALL
)
_MARKER = re.compile(r"^\*?\s*\(([a-z]+|\d+)\)")
_NEXT_ROMAN = {"i": "ii", "v": "vi", "x": "xi"}
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
CHART_COLUMNS = ("CB1", "CB2", "CB3", "NP1", "NP2", "NS1", "NS2", "MT1", "RS1", "RS2", "FC1",
                 "CC1", "CC2", "CC3", "AT1", "AT2")
GROUP_COLUMNS = ("A:1", "A:2", "A:3", "A:4", "A:5", "A:6", "B", "D:1", "D:2", "D:3", "D:4",
                 "D:5", "E:1", "E:2")


def roman_to_int(roman: str) -> int:
    total = 0
    for i, ch in enumerate(roman):
        value = ROMAN[ch]
        total += -value if i + 1 < len(roman) and ROMAN[roman[i + 1]] > value else value
    return total


def text_of(element: ET.Element) -> str:
    """All text inside an element, whitespace collapsed."""
    return " ".join("".join(element.itertext()).split())


@dataclass(frozen=True)
class ImportedTable:
    """One table written by the importer."""

    file: str
    rows: int
    as_of: str
    source: str

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "rows": self.rows, "as_of": self.as_of, "source": self.source}


def detect(root: ET.Element) -> tuple[int, int, str | None]:
    """(title, part, as-of date or None) of an eCFR XML document."""
    for element in root.iter():
        if element.tag.startswith("DIV") and element.get("TYPE") == "PART":
            meta = element.get("hierarchy_metadata", "").replace("&quot;", '"')
            found = _CITATION.search(meta)
            date = _DATE_IN_PATH.search(meta)
            if found:
                return int(found.group(1)), int(found.group(2)), date.group(1) if date else None
            part = element.get("N", "")
            if part.isdigit():
                return 0, int(part), date.group(1) if date else None
    raise InvalidInput(
        "this XML file is not an eCFR part export (no DIV5 TYPE=\"PART\" element found)",
        "Download the part from https://www.ecfr.gov/api/versioner/v1/full/<date>/"
        "title-15.xml?part=774 (or title-22 part=121).",
    )


def _parse_xml(path: Path) -> ET.Element:
    try:
        # The eCFR export is a public government file the user chose to import.
        return ET.parse(path).getroot()  # noqa: S314
    except ET.ParseError as exc:
        raise InvalidInput(f"{path.name} is not well-formed XML: {exc}",
                           "Check that the file was downloaded completely.") from None
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror}",
                           "Give the path of an eCFR XML file.") from None


# --- 22 CFR Part 121 -------------------------------------------------------------------------

def parse_part_121(
    root: ET.Element, as_of: str
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """USML categories and paragraphs (lettered and numbered) from § 121.1."""
    categories: list[dict[str, str]] = []
    paragraphs: list[dict[str, str]] = []
    source = "eCFR 22 CFR 121.1"
    for extract in root.iter("EXTRACT"):
        roman = ""
        letter: str | None = None
        children = list(extract)
        markers = [_MARKER.match(text_of(c)) if c.tag == "P" else None for c in children]
        for index, element in enumerate(children):
            if element.tag == "HD1":
                match = _CATEGORY.match(text_of(element))
                if not match:
                    continue
                roman, title = match.group(1), match.group(2).strip()
                letter = None
                categories.append({
                    "category": str(roman_to_int(roman)), "roman": roman, "title": title,
                    "status": "imported_official", "as_of": as_of, "source_id": source,
                })
                continue
            if element.tag != "P" or not roman:
                continue
            text = text_of(element)
            match = _PARA.match(text)
            if not match:
                continue
            marker, range_end, body = match.group(2), match.group(3), match.group(4)
            sme = "yes" if match.group(1) else "no"
            if marker.isalpha():
                expected = chr(ord(letter) + 1) if letter else "a"
                is_ear_para = marker == "x" and "subject to the EAR" in body[:160]
                if marker != expected and not is_ear_para:
                    continue  # a roman numeral sub-paragraph such as (i), (v), (x)
                if marker in _NEXT_ROMAN and not is_ear_para:
                    following = next((m.group(1) for m in markers[index + 1:] if m), None)
                    if following == _NEXT_ROMAN[marker]:
                        continue  # (i) followed by (ii): a roman sub-paragraph
                letter = range_end or marker
                code, parent = f"{roman}({marker})", roman
            else:
                if letter is None:
                    continue
                code, parent = f"{roman}({letter})({marker})", f"{roman}({letter})"
            reserved = body.startswith("[Reserved]")
            paragraphs.append({
                "code": code, "category": str(roman_to_int(roman)), "roman": roman,
                "parent": parent, "sme": sme, "mt": "yes" if "(MT" in body else "no",
                "reserved": "yes" if reserved else "no",
                "range_end": range_end or "",
                "text": body[:400], "status": "imported_official", "as_of": as_of,
                "source_id": source,
            })
    if not categories:
        raise ValidationFailed([Problem("no USML category headings (HD1 'Category …') found",
                                        field="§ 121.1")])
    return categories, paragraphs


# --- GPO tables (Parts 738, 740, 774) ---------------------------------------------------------

def _leaf_headers(table: ET.Element) -> list[str]:
    box = table.find("BOXHD")
    if box is None:
        return []
    cheds = list(box.iter("CHED"))
    leaves: list[str] = []
    for i, ched in enumerate(cheds):
        level = int(ched.get("H", "1"))
        nxt = int(cheds[i + 1].get("H", "1")) if i + 1 < len(cheds) else 0
        if nxt <= level:
            leaves.append(text_of(ched))
    return leaves


def _rows(table: ET.Element) -> Iterable[list[ET.Element]]:
    for row in table.iter("ROW"):
        yield list(row.iter("ENT"))


def _clean_name(entry: ET.Element) -> tuple[str, str]:
    """Country name without footnote markers, and the footnote numbers."""
    notes = [text_of(su) for su in entry.iter("SU")]
    parts = [entry.text or ""]
    for child in entry:
        if child.tag != "SU":
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    name = " ".join("".join(parts).split()).strip(" *")
    return name, " ".join(n for n in notes if n)


def _column_code(header: str) -> str | None:
    compact = re.sub(r"[^A-Z0-9]", "", header.upper())
    return compact if compact in CHART_COLUMNS else None


def parse_part_738(root: ET.Element, as_of: str, names: dict[str, str]) -> list[dict[str, str]]:
    """Commerce Country Chart rows: one per destination, `X` per controlled column."""
    out: list[dict[str, str]] = []
    problems: list[Problem] = []
    for table in root.iter("GPOTABLE"):
        codes = [_column_code(h) for h in _leaf_headers(table)]
        if sum(c is not None for c in codes) < 10:
            continue
        for number, entries in enumerate(_rows(table), start=1):
            if not entries:
                continue
            name, notes = _clean_name(entries[0])
            iso = names.get(name.casefold())
            if iso is None:
                problems.append(Problem(f"country {name!r} has no ISO code in the bundled "
                                        "chart", file="Part 738 Supp. 1", row=number))
                continue
            row = {"country": name, "iso2": iso}
            row.update(dict.fromkeys(CHART_COLUMNS, ""))
            offset = max(len(entries) - len(codes), 0)  # align columns from the right
            for code, cell in zip(codes, entries[offset:], strict=False):
                if code and "X" in text_of(cell).upper():
                    row[code] = "X"
            row.update({"footnotes": notes, "notes": "", "as_of": as_of,
                        "source_id": "eCFR 15 CFR 738 Supp. 1", "status": "imported_official"})
            out.append(row)
    if problems:
        raise ValidationFailed(problems, "Add the missing countries to the bundled chart first.")
    if not out:
        raise ValidationFailed([Problem("no Country Chart table found", field="Supp. No. 1")])
    return out


def parse_part_740(root: ET.Element, as_of: str, names: dict[str, str]) -> list[dict[str, str]]:
    """Country Group memberships from the tables of Supplement No. 1 to Part 740."""
    members: dict[str, set[str]] = {}
    for table in root.iter("GPOTABLE"):
        headers = _leaf_headers(table)
        groups: list[str | None] = []
        for header in headers:
            found = re.search(r"\b([ADE])\s*:\s*(\d)", header)
            groups.append(f"{found.group(1)}:{found.group(2)}" if found else None)
        if not any(groups):
            continue
        for entries in _rows(table):
            if not entries:
                continue
            name, _ = _clean_name(entries[0])
            iso = names.get(name.casefold())
            if iso is None:
                continue
            bucket = members.setdefault(iso, set())
            for group, cell in zip(groups[1:], entries[1:], strict=False):
                if group and "X" in text_of(cell).upper():
                    bucket.add(group)
    for paragraph in root.iter("P"):
        text = text_of(paragraph)
        if text.startswith("Country Group B") and ":" in text:
            for name in text.split(":", 1)[1].split(","):
                iso = names.get(name.strip(" .").casefold())
                if iso:
                    members.setdefault(iso, set()).add("B")
    if not members:
        raise ValidationFailed([Problem("no Country Group table found", field="Supp. No. 1")])
    by_iso = {iso: name for name, iso in names.items()}
    out = []
    for iso in sorted(members):
        row = {"country": by_iso.get(iso, iso).title(), "iso2": iso}
        row.update({g: "X" if g in members[iso] else "" for g in GROUP_COLUMNS})
        row.update({"notes": "", "as_of": as_of, "source_id": "eCFR 15 CFR 740 Supp. 1",
                    "status": "imported_official"})
        out.append(row)
    return out


_ECCN_HEAD = re.compile(r"^([0-9][A-E][0-9]{3})\s+(.+)$")
_CHART_CELL = re.compile(r"\b(CB|NP|NS|MT|RS|FC|CC|AT)\s+Column\s+(\d)", re.IGNORECASE)


def parse_part_774(root: ET.Element, as_of: str) -> list[dict[str, str]]:
    """ECCN headings and Country Chart reasons from Supplement No. 1 to Part 774."""
    out: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for element in root.iter():
        if element.tag in ("P", "HD1", "HD2", "HD3"):
            text = text_of(element)
            head = _ECCN_HEAD.match(text)
            bold = element.find("B")
            if head and (element.tag != "P" or bold is not None):
                current = {"eccn": head.group(1), "heading": head.group(2).strip(),
                           "reasons": "", "reason_details": "", "lvs": "", "gbs": "",
                           "sta_excluded": "", "other_license_exceptions": "",
                           "status": "imported_official", "as_of": as_of,
                           "source_id": "eCFR 15 CFR 774 Supp. 1"}
                out.append(current)
                continue
            if current is not None and text.startswith("LVS:"):
                current["lvs"] = text[4:].strip()
            elif current is not None and text.startswith("GBS:"):
                current["gbs"] = text[4:].strip()
        elif element.tag == "GPOTABLE" and current is not None:
            reasons: list[str] = []
            details: list[str] = []
            for entries in _rows(element):
                if len(entries) < 2:
                    continue
                control, chart = text_of(entries[0]), text_of(entries[1])
                details.append(f"{control} [{chart}]")
                for found in _CHART_CELL.finditer(chart):
                    code = f"{found.group(1).upper()}{found.group(2)}"
                    if code not in reasons:
                        reasons.append(code)
            if reasons or details:
                current["reasons"] = ";".join(reasons)
                current["reason_details"] = "; ".join(details)[:1000]
    if not out:
        raise ValidationFailed([Problem("no ECCN entries found", field="Supp. No. 1")])
    return out


# --- writing ----------------------------------------------------------------------------------

def write_csv_atomic(path: Path, rows: list[dict[str, str]], meta: dict[str, Any]) -> None:
    """Write a CSV and its `.meta.json` so a reader never sees a half-written table."""
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0].keys()), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    for target, content in ((path, buffer.getvalue()),
                            (path.with_name(path.name + ".meta.json"),
                             json.dumps(meta, indent=2) + "\n")):
        handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                out.write(content)
            Path(tmp).replace(target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def country_names(chart_csv: Path) -> dict[str, str]:
    """Casefolded EAR country name -> ISO code, from the bundled chart (plus a few aliases)."""
    names: dict[str, str] = {"united states": "US"}
    with chart_csv.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            names[row["country"].casefold()] = row["iso2"]
    return names


def import_file(path: Path, out_dir: Path, chart_csv: Path,
                as_of: str | None = None) -> list[ImportedTable]:
    """Import one eCFR XML file into `out_dir`; returns the tables written."""
    root = _parse_xml(path)
    title, part, found_date = detect(root)
    date = as_of or found_date
    if not date:
        raise InvalidInput(
            f"{path.name} does not state its eCFR date (its paths carry a placeholder)",
            "Give the date of the eCFR version with --as-of YYYY-MM-DD.",
        )
    if not _ISO_DATE.match(date):
        raise InvalidInput(f"as-of date {date!r} is not YYYY-MM-DD", "Example: --as-of 2026-09-24")
    source = f"{title} CFR Part {part} ({path.name})"
    meta = {"as_of": date, "source": source, "imported_from": path.name}
    written: list[ImportedTable] = []

    def emit(file: str, rows: list[dict[str, str]]) -> None:
        write_csv_atomic(out_dir / file, rows, meta)
        written.append(ImportedTable(file=file, rows=len(rows), as_of=date, source=source))

    if part == 121:
        categories, paragraphs = parse_part_121(root, date)
        emit("usml_categories.csv", categories)
        emit("usml_paragraphs.csv", paragraphs)
    elif part == 738:
        emit("ear_country_chart_full.csv", parse_part_738(root, date, country_names(chart_csv)))
    elif part == 740:
        emit("ear_country_groups_full.csv", parse_part_740(root, date, country_names(chart_csv)))
    elif part == 774:
        emit("ccl_eccns.csv", parse_part_774(root, date))
    else:
        raise InvalidInput(
            f"{path.name} is {title} CFR Part {part}; the importer reads 15 CFR Parts 738, 740, "
            "774 and 22 CFR Part 121",
            "Download one of those parts from the eCFR.",
        )
    return written
