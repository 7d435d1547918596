"""The records screening works with: list entries, list metadata, matches and results.

Plain frozen dataclasses so they pickle cheaply to Dask workers and serialise to the JSON
contract in DESIGN.md (`{"query", "matches": [{"list", "source_id", "name", ...}]}`) without
an ORM in between.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

#: Entity types an entry may carry; importers map each list's own vocabulary onto these.
ENTITY_TYPES = ("organization", "individual", "vessel", "aircraft", "unknown")

BAND_MATCH = "match"
BAND_REVIEW = "review"
BAND_NONE = "no match"


@dataclass(frozen=True)
class ListEntry:
    """One entry of a restricted-party list, as the list itself states it.

    `source_id` is the list's own identifier (OFAC `ent_num`, CSL `_id`, UN `DATAID`, METI
    entry number), never renumbered, so a compliance officer can find the entry in the
    official file.
    """

    source_id: str
    name: str
    aliases: tuple[str, ...] = ()
    entity_type: str = "unknown"
    programs: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    remarks: str = ""

    def all_names(self) -> tuple[str, ...]:
        """The primary name followed by every alias, without duplicates."""
        seen: dict[str, None] = {self.name: None}
        for alias in self.aliases:
            seen.setdefault(alias, None)
        return tuple(seen)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ListEntry:
        return cls(
            source_id=str(data["source_id"]),
            name=str(data["name"]),
            aliases=tuple(data.get("aliases", ())),
            entity_type=str(data.get("entity_type", "unknown")),
            programs=tuple(data.get("programs", ())),
            countries=tuple(data.get("countries", ())),
            addresses=tuple(data.get("addresses", ())),
            remarks=str(data.get("remarks", "")),
        )


@dataclass(frozen=True)
class ListInfo:
    """What a list is and how current it is."""

    list_id: str
    title: str
    publisher: str
    format: str
    published: date
    entries: int
    source_files: tuple[str, ...] = ()
    date_note: str = ""
    imported_at: str = ""

    def age_days(self, today: date | None = None) -> int:
        return ((today or date.today()) - self.published).days

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["published"] = self.published.isoformat()
        out["source_files"] = list(self.source_files)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ListInfo:
        return cls(
            list_id=str(data["list_id"]),
            title=str(data["title"]),
            publisher=str(data["publisher"]),
            format=str(data["format"]),
            published=date.fromisoformat(str(data["published"])),
            entries=int(data["entries"]),
            source_files=tuple(data.get("source_files", ())),
            date_note=str(data.get("date_note", "")),
            imported_at=str(data.get("imported_at", "")),
        )


@dataclass(frozen=True)
class ParsedList:
    """An importer's output: the list's metadata and its entries, validated."""

    info: ListInfo
    entries: tuple[ListEntry, ...]


@dataclass(frozen=True)
class Match:
    """One listed entry that resembles the screened name, with the reasons."""

    list: str
    source_id: str
    name: str
    matched_name: str
    score: float
    band: str
    entity_type: str
    programs: tuple[str, ...]
    countries: tuple[str, ...]
    list_date: str
    explanation: str
    aligned: tuple[tuple[str, str, float], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "list": self.list,
            "source_id": self.source_id,
            "name": self.name,
            "matched_name": self.matched_name,
            "score": self.score,
            "band": self.band,
            "programs": list(self.programs),
            "entity_type": self.entity_type,
            "countries": list(self.countries),
            "list_date": self.list_date,
            "explanation": self.explanation,
            "aligned": [
                {"query": q, "listed": c, "similarity": s} for q, c, s in self.aligned
            ],
        }


@dataclass(frozen=True)
class ScreeningResult:
    """The answer for one screened name: matches best first, and warnings about the lists."""

    query: str
    matches: tuple[Match, ...]
    band: str
    threshold: float
    country: str | None = None
    lists: tuple[dict[str, Any], ...] = ()
    warnings: tuple[str, ...] = field(default=())

    @property
    def best(self) -> Match | None:
        return self.matches[0] if self.matches else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "country": self.country,
            "band": self.band,
            "threshold": self.threshold,
            "matches": [m.to_dict() for m in self.matches],
            "lists": list(self.lists),
            "warnings": list(self.warnings),
        }
