"""Reading item codes and country codes, and saying what the nearest valid value is.

`--item` accepts an ECCN (`5A002`, `9A610.x`), `EAR99`, a USML category or paragraph
(`USML-XI`, `USML-XI(c)`), a SCOMET entry (`SCOMET-6A001`) or a row of Japan's Appended
Table 1 (`JP-AT1-7`). Given an ECCN, the Wassenaar-aligned Japanese row and SCOMET category are
inferred from the crosswalk table and the item says so in `inferred`.
"""

from __future__ import annotations

import re

from rapidfuzz import process

from sangam.errors import InvalidInput
from sangam.regulatory.model import Item
from sangam.regulatory.rulebook import RuleBook

_ECCN = re.compile(r"^([0-9][A-E][0-9]{3})((?:\.[a-z0-9]+)*)$", re.IGNORECASE)
_USML = re.compile(r"^USML[-\s]?([IVXL]+)((?:\([a-z0-9]+\))*)$", re.IGNORECASE)
_SCOMET = re.compile(r"^SCOMET[-\s]?([0-9])([A-E][0-9]{3}[a-z0-9.]*)?$", re.IGNORECASE)
_ALIASES = {"UK": "GB", "EL": "GR", "USA": "US", "JPN": "JP", "IND": "IN"}
_JP = re.compile(r"^JP[-\s]?AT1[-\s]?([0-9]{1,2}(?:-2)?)$", re.IGNORECASE)


def nearest(value: str, choices: list[str], limit: int = 3) -> list[str]:
    """The closest valid values, for error hints."""
    found = process.extract(value.upper(), choices, limit=limit)
    return [choice for choice, _score, _index in found]


def check_country(book: RuleBook, code: str | None, field: str) -> str:
    """An upper-case ISO code known to the tables, or an InvalidInput naming near values."""
    raw = (code or "").strip()
    iso = raw.upper()
    if iso in book.countries:
        return iso
    by_name = {c.name.upper(): c.iso2 for c in book.countries.values()}
    if iso in _ALIASES:
        hint_codes = [_ALIASES[iso]]
    elif iso in by_name:
        hint_codes = [by_name[iso]]
    else:
        names = nearest(raw, list(by_name), limit=2)
        hint_codes = [by_name[n] for n in names]
        if len(iso) == 2:
            hint_codes = nearest(iso, sorted(book.countries), limit=2) + hint_codes
    hint = ", ".join(dict.fromkeys(f"{c} ({book.countries[c].name})" for c in hint_codes))
    raise InvalidInput(
        f"unknown country code {raw!r} for {field}",
        f"Use an ISO 3166-1 alpha-2 code. Nearest: {hint}.",
    )


def _crosswalk(book: RuleBook, key: str) -> tuple[str | None, str | None, str]:
    for pattern, row, _ref in book.crosswalk:
        if pattern.search(key):
            return row["jp_row"] or None, row["scomet_category"] or None, row["note"]
    return None, None, ""


def parse_item(book: RuleBook, raw: str) -> Item:
    """Parse `--item`; unknown codes raise InvalidInput with the nearest valid codes."""
    code = (raw or "").strip()
    upper = code.upper()
    if upper == "EAR99":
        jp, scomet, note = _crosswalk(book, "EAR99")
        return Item(code="EAR99", scheme="ear99", eccn="EAR99", jp_row=jp,
                    scomet_category=scomet,
                    description="Subject to the EAR but not on the Commerce Control List",
                    inferred=(f"Japan: not listed; catch-all only (Appended Table 1 row {jp})"
                              f" - inferred ({note})",
                              "India: not on the SCOMET list; catch-all only - inferred"))
    match = _ECCN.match(code)
    if match:
        eccn = match.group(1).upper()
        record = book.eccns.get(eccn)
        if record is None:
            raise InvalidInput(
                f"unknown ECCN {eccn!r}",
                "Nearest ECCNs on the Commerce Control List: "
                + ", ".join(nearest(eccn, sorted(book.eccns))) + ".")
        jp, scomet, note = _crosswalk(book, eccn)
        inferred = []
        if jp:
            title = book.japan_rows.get(jp, ({"title": ""}, None))[0]["title"]
            inferred.append(f"Japan: Appended Table 1 row {jp} ({title}) - inferred from the "
                            f"ECCN ({note}); confirm against METI's goods/technology matrix")
        if scomet:
            title = book.scomet.get(scomet, ({"title": ""}, None))[0]["title"]
            inferred.append(f"India: SCOMET Category {scomet} ({title}) - inferred from the "
                            "ECCN; the SCOMET entry number is not inferred")
        elif jp == "16":
            inferred.append("India: not a SCOMET item (no Wassenaar counterpart); catch-all "
                            "only - inferred")
        return Item(code=eccn + match.group(2).lower(), scheme="eccn", eccn=eccn, jp_row=jp,
                    scomet_category=scomet, description=record.heading,
                    inferred=tuple(inferred))
    match = _USML.match(code)
    if match:
        roman = match.group(1).upper()
        if roman not in book.usml_categories:
            raise InvalidInput(
                f"unknown USML category {roman!r}",
                "USML categories run I-XXI, e.g. USML-XI or USML-XI(c). Nearest: "
                + ", ".join(f"USML-{r}" for r in nearest(roman, sorted(book.usml_categories)))
                + ".")
        paragraph = roman + match.group(2).lower() if match.group(2) else None
        title = book.usml_categories[roman][0]["title"]
        description = f"USML Category {roman} — {title}"
        if paragraph:
            found = book.usml_paragraphs.get(paragraph)
            if found is None:
                options = sorted(c for c in book.usml_paragraphs if c.startswith(roman + "("))
                raise InvalidInput(
                    f"unknown USML paragraph {paragraph!r}",
                    "Nearest paragraphs: " + ", ".join(
                        f"USML-{c}" for c in nearest(paragraph, options)) + ".")
            description += f"; paragraph ({paragraph[len(roman):]}) {found[0]['text'][:160]}"
        return Item(code=f"USML-{paragraph or roman}", scheme="usml", usml_category=roman,
                    usml_paragraph=paragraph, jp_row="1", scomet_category="6",
                    description=description,
                    inferred=("Japan: Appended Table 1 row 1 (arms) - inferred for a USML "
                              "article", "India: SCOMET Category 6 (munitions list) - inferred "
                              "for a USML article"))
    match = _SCOMET.match(code)
    if match:
        category = match.group(1)
        entry = (match.group(1) + match.group(2)).upper() if match.group(2) else None
        found = book.scomet.get(category)
        if found is None or not found[0]["licensing_authority"]:
            raise InvalidInput(
                f"unknown or reserved SCOMET category {category!r}",
                "SCOMET categories: " + ", ".join(
                    f"SCOMET-{c}" for c, (r, _) in sorted(book.scomet.items())
                    if r["licensing_authority"]) + " (e.g. SCOMET-6A001).")
        return Item(code=f"SCOMET-{entry or category}", scheme="scomet", scomet_entry=entry,
                    scomet_category=category, jp_row="1" if category == "6" else None,
                    description=f"SCOMET Category {category} — {found[0]['title']}",
                    inferred=("SCOMET entry text is not bundled: the entry number is taken as "
                              "given",))
    match = _JP.match(code)
    if match:
        row = match.group(1)
        found = book.japan_rows.get(row)
        if found is None:
            raise InvalidInput(
                f"unknown row {row!r} of Japan's Appended Table 1",
                "Rows are 1-16 (and 3-2); nearest: " + ", ".join(
                    f"JP-AT1-{r}" for r in nearest(row, sorted(book.japan_rows))) + ".")
        return Item(code=f"JP-AT1-{row}", scheme="jp", jp_row=row,
                    scomet_category="6" if row == "1" else None,
                    description=f"Japan Appended Table 1 row {row} — {found[0]['title']}")
    suggestions = nearest(upper, sorted(book.eccns), limit=3)
    raise InvalidInput(
        f"unknown item code {code!r}",
        "Give an ECCN (5A002, 9A610.x), EAR99, a USML category (USML-XI or USML-XI(c)), a "
        "SCOMET entry (SCOMET-6A001) or a Japanese list row (JP-AT1-7). Nearest ECCNs: "
        + ", ".join(suggestions) + ".",
    )
