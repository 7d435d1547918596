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
_START = re.compile(r"^(\d{1,4})\s*(\S.*)$")
_GLUED = re.compile(r"(?<=\D)(\d{1,4})(?=\s*\S)")
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_AKA = re.compile(r",?\s*(a\.k\.a\.?|the following \w+ alias).*$", re.IGNORECASE)
_NOTICE = re.compile(r"\((令和[^)]*告示[^)]*)\)")

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
    m = re.search(r"\(別称、(.*)\)\s*$", text)
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
    lines = [part for line in lines for part in re.split(r"\s*—\s*", line)]
    for line in lines:
        if line.startswith("-") or not segments or segments[-1].endswith(":"):
            segments.append(line)
        else:
            segments[-1] += " " + line
    if not segments:
        return []
    primary = _AKA.sub("", re.sub(r"\s+", " ", segments[0])).strip().rstrip(",")
    return [p for p in [primary, *(_clean_alias(s) for s in segments[1:])] if p]


def _names(raw: _Raw) -> tuple[list[str], list[str]]:
    """Japanese names and English names of one entry.

    Two layouts occur: Japanese aliases in `(別称、…及び…)` and English `-alias` lines; or
    (newer entries) one `別称:` block of `;`-separated aliases in either script."""
    japanese: list[str] = []
    english: list[str] = []
    extra: list[str] = []
    depth = 0
    lines = raw.name_lines
    for k, line in enumerate(lines):
        if line.startswith("別称:"):
            block = " ".join([line.removeprefix("別称:"), *lines[k + 1 :]])
            extra = [a.strip() for a in block.split(";") if a.strip()]
            lines = lines[:k]
            break
    for i, line in enumerate(lines):
        line = re.sub(r"^[—–]\s*", "-", line)
        if i == 0 or depth > 0 or (_CJK.search(line) and not english):
            after = depth + line.count("(") - line.count(")")
            m = re.match(r"^(.*[\u3000-\u30ff\u3400-\u9fff)」』])\s*([A-Za-z].*)$", line)
            tail = m.group(2) if m else ""
            if (
                after == 0
                and m
                and not _CJK.search(tail)
                and tail.count("(") >= tail.count(")")
                and not re.search(r"[」』]", tail)
            ):
                japanese.append(m.group(1))
                english.append(m.group(2))
                depth = 0
                continue
            japanese.append(line)
            depth = after
        else:
            english.append(line)
    return _split_japanese("".join(japanese)), [*_split_english(english), *extra]


def _split_glued(line: str, expected: int) -> tuple[str, str, str] | None:
    """'…Moscow 127055RU.10 対外諜報庁' -> ('…Moscow 127055RU.', '10', '対外諜報庁')."""
    for m in _GLUED.finditer(line):
        before, number, rest = line[: m.start(1)], m.group(1), line[m.end(1) :].strip()
        if before.strip() and int(number) in (expected, expected - 1) and _CJK.search(rest):
            return before.rstrip(), number, rest
    return None


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
    text = unicodedata.normalize("NFKC", read_text(path, ("utf-8-sig",)))
    text = re.sub(r"所\s*在\s*地\s*:\s*", "所在地:", text)  # "所 在 地 :" in some entries
    numbered: list[tuple[int, str]] = []
    for lineno, raw_line in enumerate(text.splitlines(), start=1):
        before, sep, after = raw_line.partition("所在地:")
        if sep and before.strip():  # "Production Association Strela所在地:26 ..."
            numbered += [(lineno, before), (lineno, sep + after)]
        else:
            numbered.append((lineno, raw_line))
    header: list[str] = []
    raws: list[_Raw] = []
    expected = 1
    for lineno, raw_line in numbered:
        line = raw_line.strip()
        if not line:
            continue
        start = _START.match(line)
        if (
            start
            and _CJK.search(start.group(2))
            and (not raws or int(start.group(1)) in (expected, expected - 1))
        ):
            raws.append(_Raw(start.group(1), lineno, [start.group(2).strip()]))
            expected = int(start.group(1)) + 1
            continue
        if not raws:
            header.append(line)
            continue
        current = raws[-1]
        if line.startswith("所在地"):
            current.in_address = True
            line = line.split(":", 1)[1].strip() if ":" in line else line.removeprefix("所在地")
            if not line:
                continue
        glued = _split_glued(line, expected) if current.in_address else None
        if glued:
            current.address_lines.append(glued[0])
            raws.append(_Raw(glued[1], lineno, [glued[2]]))
            expected = int(glued[1]) + 1
            continue
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
