"""Japan METI/MOFA export-ban lists (Russia, Belarus, third countries) as PDF-extracted text.

The official lists are PDFs; this reads the text extracted from them (as OpenSanctions
keeps it). Each entry is a number, the Japanese name (katakana and/or kanji, aliases in
`（別称、…及び…）`), the English name with `a.k.a.` and `-alias` lines, then `所在地：` and
the address. Quirks handled: full-width entry numbers; an entry number glued to the end of
the previous address line ("…Moscow 127055RU.10 対外諜報庁"); Japanese and English names on
one line; names wrapping over several lines; a repeated number for one entity with two
addresses (kept as two entries, each with the list's own number).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sangam.screening.countries import country_in_text
from sangam.screening.importers.base import (
    ImportOptions,
    fail,
    now_iso,
    read_text,
    register,
    require_file,
)
from sangam.screening.model import ListEntry, ListInfo, ParsedList

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f々〆ヶ]")
_START = re.compile(r"^(\d{1,4})\s*(?=[\u3040-\u30ff\u3400-\u9fff])(.*)$")
_GLUED = re.compile(r"^(.*\S)\s*?(\d{1,4})\s+(?=[\u3040-\u30ff\u3400-\u9fff])(.*)$")
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_AKA = re.compile(r",?\s*a\.k\.a\.?.*$", re.IGNORECASE)
_NOTICE = re.compile(r"（(令和[^）]*告示[^）]*)）")

#: How each list announces itself in its header, and the list id it is stored under.
_LISTS = (
    ("ロシア連邦及びベラルーシ共和国以外", "jp-meti-third-country", None,
     "Japan: third-country entities under the Russia-related export ban"),
    ("ベラルーシ共和国の団体", "jp-meti-belarus", "BY",
     "Japan: Belarusian entities under the export ban"),
    ("ロシア連邦の団体", "jp-meti-russia", "RU",
     "Japan: Russian entities under the export ban"),
)


@dataclass
class _Raw:
    number: str
    line: int
    name_lines: list[str] = field(default_factory=list)
    address_lines: list[str] = field(default_factory=list)
    in_address: bool = False


def _split_japanese(text: str) -> list[str]:
    """'A（別称、B、C及びD）' -> [A, B, C, D]."""
    text = text.replace(" ", " ").strip()
    m = re.search(r"（別称、(.*)）\s*$", text)
    if not m:
        return [text] if text else []
    primary = text[: m.start()].strip()
    inner = m.group(1)
    head, _, last = inner.rpartition("及び")
    parts = [*head.split("、"), last] if head else inner.split("、")
    return [p.strip() for p in [primary, *parts] if p.strip()]


def _clean_alias(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip().lstrip("-").strip()
    text = re.sub(r"(;\s*and|;|,\s*and)$", "", text).strip()
    return text.rstrip(".;, ").strip() if text.endswith((".", ";", ",")) else text


def _split_english(lines: list[str]) -> list[str]:
    segments: list[str] = []
    for line in lines:
        if line.startswith("-") or not segments:
            segments.append(line)
        else:
            segments[-1] += " " + line
    if not segments:
        return []
    primary = _AKA.sub("", re.sub(r"\s+", " ", segments[0])).strip().rstrip(",")
    return [p for p in [primary, *(_clean_alias(s) for s in segments[1:])] if p]


def _names(raw: _Raw) -> tuple[list[str], list[str]]:
    """Japanese names and English names of one entry."""
    japanese: list[str] = []
    english: list[str] = []
    depth = 0
    for i, line in enumerate(raw.name_lines):
        if i == 0 or depth > 0 or (_CJK.search(line) and not english):
            if i == 0 and not _CJK.search(line[-1:] or " ") and depth == 0:
                m = re.match(r"^(.*[\u3040-\u30ff\u3400-\u9fff）])\s*([A-Za-z].*)$", line)
                if m and not _CJK.search(m.group(2)):
                    japanese.append(m.group(1))
                    english.append(m.group(2))
                    continue
            japanese.append(line)
            depth += line.count("（") - line.count("）")
        else:
            english.append(line)
    return _split_japanese("".join(japanese)), _split_english(english)


def _parse_date(text: str) -> date | None:
    m = _DATE.search(text)
    return date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


@register(
    "jp-meti",
    list_id="jp-meti-russia",
    title="Japan METI/MOFA export-ban entity lists",
    publisher="Ministry of Economy, Trade and Industry (METI), Japan",
    description="text extracted from a METI list PDF (Russia, Belarus or third-country list)",
)
def import_jp_meti(path: Path, options: ImportOptions) -> ParsedList:
    require_file(path)
    lines = unicodedata.normalize("NFKC", read_text(path, ("utf-8-sig",))).splitlines()
    header: list[str] = []
    raws: list[_Raw] = []
    expected = 1
    for lineno, raw_line in enumerate(lines, start=1):
        line = raw_line.strip()
        if not line:
            continue
        start = _START.match(line)
        if start and (not raws or int(start.group(1)) in (expected, expected - 1)):
            raws.append(_Raw(start.group(1), lineno, [start.group(2).strip()]))
            expected = int(start.group(1)) + 1
            continue
        if not raws:
            header.append(line)
            continue
        current = raws[-1]
        glued = _GLUED.match(line) if current.in_address else None
        if glued and int(glued.group(2)) in (expected, expected - 1):
            current.address_lines.append(glued.group(1))
            raws.append(_Raw(glued.group(2), lineno, [glued.group(3).strip()]))
            expected = int(glued.group(2)) + 1
            continue
        if line.startswith("所在地"):
            current.in_address = True
            line = line.split("：", 1)[1] if "：" in line else line.split(":", 1)[-1]
        (current.address_lines if current.in_address else current.name_lines).append(line)
    head = "".join(header)
    kind = next((k for k in _LISTS if k[0] in head), None)
    if kind is None:
        raise fail(path, 1, "the header does not name a METI/MOFA Russia, Belarus or "
                   "third-country export-ban list")
    if not raws:
        raise fail(path, None, "no numbered entries found")
    updated = _parse_date(head.split("最終更新日")[-1]) if "最終更新日" in head else None
    published = options.published or updated or _parse_date(head)
    if published is None:
        raise fail(path, 1, "the header has no 最終更新日 (last update) date; give --published")
    notice = _NOTICE.search(head)
    programs = (notice.group(1),) if notice else ()
    entries: list[ListEntry] = []
    for raw in raws:
        if not raw.in_address:
            raise fail(path, raw.line, f"entry {raw.number} has no 所在地 (address) line")
        japanese, english = _names(raw)
        if not english and not japanese:
            raise fail(path, raw.line, f"entry {raw.number} has no name")
        names = list(dict.fromkeys([*english, *japanese]))
        address = re.sub(r"\s+", " ", " ".join(raw.address_lines)).strip()
        addresses = tuple(a.strip(" .") for a in re.split(r";\s*and\s+", address) if a.strip())
        countries = list(dict.fromkeys(c for a in addresses if (c := country_in_text(a))))
        if kind[2] and kind[2] not in countries:
            countries.insert(0, kind[2])
        entries.append(
            ListEntry(
                source_id=raw.number,
                name=names[0],
                aliases=tuple(names[1:]),
                entity_type="organization",
                programs=programs,
                countries=tuple(countries),
                addresses=addresses,
            )
        )
    info = ListInfo(
        list_id=options.list_id or kind[1],
        title=kind[3],
        publisher="Ministry of Economy, Trade and Industry (METI), Japan",
        format="jp-meti",
        published=published,
        entries=len(entries),
        source_files=(path.name,),
        date_note="" if options.published else "最終更新日 (last update) in the list header",
        imported_at=now_iso(),
    )
    return ParsedList(info, tuple(entries))
