"""Country names as lists write them, mapped to ISO 3166-1 alpha-2 codes.

Lists name countries in their own words ("Korea, North", "Iran (Islamic Republic of)",
"Russia."), while Sangam speaks ISO codes (DESIGN.md). The table is data
(`countries.yaml`), so a new spelling is a line of YAML rather than a code change.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

_TABLE = Path(__file__).resolve().parent / "countries.yaml"


def _key(name: str) -> str:
    return re.sub(r"[^a-z]+", " ", name.lower().replace("ü", "u")).strip()


@cache
def _lookup() -> dict[str, str]:
    raw: dict[str, list[str]] = yaml.safe_load(_TABLE.read_text(encoding="utf-8"))
    table: dict[str, str] = {}
    for code, names in raw.items():
        table[_key(str(code))] = str(code)
        for name in names:
            table[_key(name)] = str(code)
    return table


def country_code(name: str) -> str | None:
    """The ISO code for a country name or code as a list writes it, or None if unknown."""
    key = _key(name)
    if not key:
        return None
    table = _lookup()
    if key in table:
        return table[key]
    if key.startswith("region "):
        return table.get(key.removeprefix("region "))
    return None


def country_in_text(text: str) -> str | None:
    """The country an address ends with ("..., Moscow, Russia." -> RU), if recognisable."""
    parts = [p for p in re.split(r"[,;]", text) if p.strip()]
    for part in reversed(parts[-2:]):
        cleaned = re.sub(r"[\d.\-]+", " ", part).strip()
        code = country_code(cleaned)
        if code:
            return code
        tail = cleaned.split()
        for n in (3, 2, 1):
            if len(tail) >= n:
                code = country_code(" ".join(tail[-n:]))
                if code and (n > 1 or len(tail[-1]) > 2):
                    return code
    return None
