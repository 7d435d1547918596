"""Releasability markings: `PUBLIC`, or `REL TO` a list of countries and organisations.

A marking is stored as a canonical string ("PUBLIC" or "REL TO IN, JP, US, org:diu") so that
equal markings compare equal in SQL. The read path never interprets markings in SQL: it asks
:func:`visible` which of the (few) distinct markings in the database a reader may see and
filters with `marking IN (...)`, so the rule lives in exactly one place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from sangam.errors import InvalidInput

PUBLIC = "PUBLIC"
_REL_TO = re.compile(r"^\s*REL(?:EASABLE)?\s+TO\s*:?\s*(.+)$", re.IGNORECASE)
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_ORG = re.compile(r"^org:[a-z0-9][a-z0-9.\-]*$")


@dataclass(frozen=True)
class Reader:
    """The attributes markings are checked against. Anonymous readers see PUBLIC only."""

    country: str | None = None
    orgs: frozenset[str] = field(default_factory=frozenset)

    @property
    def attributes(self) -> frozenset[str]:
        return self.orgs | ({self.country} if self.country else set())


ANONYMOUS = Reader()


def normalise_marking(raw: str | None) -> str:
    """Canonical form of a marking; raises InvalidInput naming what is wrong."""
    if raw is None or not raw.strip() or raw.strip().upper() == PUBLIC:
        return PUBLIC
    match = _REL_TO.match(raw)
    if not match:
        raise InvalidInput(
            f"unknown marking {raw!r}",
            "Use PUBLIC or 'REL TO' followed by country codes and org ids, e.g. 'REL TO US, JP'.",
        )
    members: set[str] = set()
    for part in re.split(r"[,/\s]+", match.group(1).strip()):
        if not part:
            continue
        token = part if part.startswith("org:") else part.upper()
        if not (_COUNTRY.match(token) or _ORG.match(token)):
            raise InvalidInput(
                f"marking {raw!r}: {part!r} is neither an ISO country code nor an org id",
                "Countries are two letters (US, JP, IN); organisations are ids like org:diu.",
            )
        members.add(token)
    return "REL TO " + ", ".join(sorted(members))


def marking_members(marking: str) -> frozenset[str]:
    """The countries and orgs a REL TO marking releases to; empty for PUBLIC."""
    if marking == PUBLIC:
        return frozenset()
    return frozenset(m.strip() for m in marking[len("REL TO ") :].split(","))


def visible(marking: str, reader: Reader) -> bool:
    """True when the reader may see something carrying this marking."""
    return marking == PUBLIC or bool(marking_members(marking) & reader.attributes)


def visible_markings(markings: Iterable[str], reader: Reader) -> list[str]:
    """The subset of `markings` the reader may see (always including PUBLIC)."""
    return sorted({PUBLIC} | {m for m in markings if visible(m, reader)})
