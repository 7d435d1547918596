"""UN Security Council Consolidated List, XML form (`consolidated.xml`).

The root's `dateGenerated` is the publication date. Individuals' names are the
FIRST..FOURTH_NAME parts joined; `NAME_ORIGINAL_SCRIPT` (Arabic, Cyrillic, Chinese) is
kept as an alias so a query in that script meets the entry directly.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

from sangam.screening.countries import country_code
from sangam.screening.importers.base import (
    ImportOptions,
    fail,
    file_date,
    now_iso,
    register,
    require_file,
)
from sangam.screening.model import ListEntry, ListInfo, ParsedList


def _text(node: ET.Element, tag: str) -> str:
    child = node.find(tag)
    return (child.text or "").strip() if child is not None else ""


def _entry(node: ET.Element, kind: str, path: Path) -> ListEntry:
    prefix = "INDIVIDUAL" if kind == "individual" else "ENTITY"
    source_id = _text(node, "DATAID")
    if not source_id:
        raise fail(path, None, f"an {prefix} element has no DATAID", "DATAID")
    parts = [_text(node, t) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
    name = " ".join(p for p in parts if p)
    if not name:
        raise fail(path, None, f"{prefix} {source_id} has no name", "FIRST_NAME")
    aliases = [
        (a.text or "").strip()
        for a in node.findall(f"{prefix}_ALIAS/ALIAS_NAME")
        if (a.text or "").strip()
    ]
    original = _text(node, "NAME_ORIGINAL_SCRIPT")
    if original:
        aliases.append(original)
    countries: list[str] = []
    addresses: list[str] = []
    for addr in node.findall(f"{prefix}_ADDRESS"):
        fields = [
            (c.text or "").strip() for c in addr if c.tag != "NOTE" and (c.text or "").strip()
        ]
        if fields:
            addresses.append(", ".join(fields))
        code = country_code(_text(addr, "COUNTRY"))
        if code and code not in countries:
            countries.append(code)
    for value in node.findall("NATIONALITY/VALUE"):
        code = country_code((value.text or "").strip())
        if code and code not in countries:
            countries.append(code)
    programs = tuple(p for p in (_text(node, "UN_LIST_TYPE"),) if p)
    reference = _text(node, "REFERENCE_NUMBER")
    return ListEntry(
        source_id=source_id,
        name=name,
        aliases=tuple(dict.fromkeys(a for a in aliases if a != name)),
        entity_type=kind,
        programs=programs,
        countries=tuple(countries),
        addresses=tuple(addresses),
        remarks=f"UN reference {reference}" if reference else "",
    )


@register(
    "un-xml",
    list_id="un-sc",
    title="UN Security Council Consolidated List",
    publisher="United Nations Security Council",
    description="consolidated.xml from scsanctions.un.org",
)
def import_un_xml(path: Path, options: ImportOptions) -> ParsedList:
    require_file(path)
    try:
        root = ET.parse(path).getroot()  # noqa: S314 (official list file chosen by the user)
    except ET.ParseError as exc:
        raise fail(path, exc.position[0], f"not well-formed XML: {exc}") from None
    if root.tag != "CONSOLIDATED_LIST":
        raise fail(path, 1, f"root element is <{root.tag}>, expected <CONSOLIDATED_LIST>")
    entries = [_entry(n, "individual", path) for n in root.findall("INDIVIDUALS/INDIVIDUAL")]
    entries += [_entry(n, "organization", path) for n in root.findall("ENTITIES/ENTITY")]
    if not entries:
        raise fail(path, None, "the file holds no INDIVIDUAL or ENTITY elements")
    generated = root.get("dateGenerated", "")
    published = options.published
    note = ""
    if published is None:
        try:
            published = date.fromisoformat(generated[:10])
        except ValueError:
            published = file_date(path)
            note = "no dateGenerated; date of the file's modification time"
    info = ListInfo(
        list_id=options.list_id or "un-sc",
        title="UN Security Council Consolidated List",
        publisher="United Nations Security Council",
        format="un-xml",
        published=published,
        entries=len(entries),
        source_files=(path.name,),
        date_note=note,
        imported_at=now_iso(),
    )
    return ParsedList(info, tuple(entries))
