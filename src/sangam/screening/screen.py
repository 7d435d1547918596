"""Screening one name or many: the library entry points the CLI, API, web UI and other
pillars call (`screen_name`, `screen_names`).

Every result names the date of each list it was screened against and warns when a list is
older than `settings.list_max_age_days`, because a clean result against a stale list is
not a clean result.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from datetime import date
from typing import Any

from sangam.errors import InvalidInput
from sangam.screening.index import ScreeningIndex
from sangam.screening.match import search
from sangam.screening.model import (
    BAND_MATCH,
    BAND_NONE,
    BAND_REVIEW,
    ListInfo,
    Match,
    ScreeningResult,
)
from sangam.screening.store import load_lists, sources
from sangam.settings import Settings, get_settings

#: Scores at or above this reach the review band (an alert a person must look at).
DEFAULT_THRESHOLD = 0.80
#: Scores at or above this are a match (still a person's decision; the tool only ranks).
MATCH_THRESHOLD = 0.92
MAX_NAME_LENGTH = 500

_lock = threading.Lock()
_cache: dict[tuple[tuple[str, str, float], ...], ScreeningIndex] = {}


def get_index(settings: Settings | None = None) -> ScreeningIndex:
    """The index over all current lists, rebuilt when a list file changes."""
    settings = settings or get_settings()
    key = tuple(sorted((k, p, m) for k, (p, m) in sources(settings).items()))
    with _lock:
        index = _cache.get(key)
        if index is None:
            parsed = load_lists(settings)
            index = ScreeningIndex.build(
                {lid: p.info for lid, p in parsed.items()},
                ((lid, e) for lid, p in parsed.items() for e in p.entries),
            )
            _cache.clear()
            _cache[key] = index
    return index


def band_for(score: float, threshold: float) -> str:
    if score >= max(threshold, MATCH_THRESHOLD):
        return BAND_MATCH
    if score >= threshold:
        return BAND_REVIEW
    return BAND_NONE


def parse_lists(value: str | Iterable[str] | None, index: ScreeningIndex) -> frozenset[str] | None:
    """`a,b` or an iterable of list ids -> a validated set (None = all lists)."""
    if value is None:
        return None
    items = [v.strip() for v in (value.split(",") if isinstance(value, str) else value)]
    wanted = frozenset(v for v in items if v)
    if not wanted:
        return None
    unknown = sorted(wanted - set(index.lists))
    if unknown:
        raise InvalidInput(
            f"Unknown list(s): {', '.join(unknown)}.",
            f"Available lists: {', '.join(sorted(index.lists))} (see `sangam lists`).",
        )
    return wanted


def check_country(country: str | None) -> str | None:
    if country is None or not country.strip():
        return None
    code = country.strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", code):
        raise InvalidInput(
            f"Country '{country}' is not an ISO 3166-1 alpha-2 code.",
            "Use two letters, e.g. US, JP, IN.",
        )
    return code


def check_threshold(threshold: float | None) -> float:
    if threshold is None:
        return DEFAULT_THRESHOLD
    if not 0.0 < threshold <= 1.0:
        raise InvalidInput(
            f"Threshold {threshold} is outside (0, 1].",
            f"Use a score such as {DEFAULT_THRESHOLD} (the default).",
        )
    return threshold


def list_status(info: ListInfo, max_age_days: int, today: date | None = None) -> dict[str, Any]:
    age = info.age_days(today)
    return {
        "list": info.list_id,
        "title": info.title,
        "published": info.published.isoformat(),
        "age_days": age,
        "entries": info.entries,
        "stale": age > max_age_days,
        "date_note": info.date_note,
    }


def _warnings(statuses: list[dict[str, Any]], max_age_days: int) -> tuple[str, ...]:
    return tuple(
        f"List {s['list']} is dated {s['published']}, {s['age_days']} days old (more than "
        f"{max_age_days}); import a current file with `sangam lists import`."
        for s in statuses
        if s["stale"]
    )


def screen_name(
    name: str,
    country: str | None = None,
    threshold: float | None = None,
    lists: str | Iterable[str] | None = None,
    limit: int = 10,
    settings: Settings | None = None,
    index: ScreeningIndex | None = None,
) -> ScreeningResult:
    """Screen one name against the restricted-party lists.

    Other pillars call this (e.g. the export-control pathfinder screens end users).
    """
    settings = settings or get_settings()
    index = index or get_index(settings)
    query = (name or "").strip()
    if not query:
        raise InvalidInput("The name to screen is empty.", "Give an organisation or person name.")
    if len(query) > MAX_NAME_LENGTH:
        raise InvalidInput(
            f"The name is {len(query)} characters long; the limit is {MAX_NAME_LENGTH}.",
            "Screen the organisation's name, not a description.",
        )
    code = check_country(country)
    cut = check_threshold(threshold)
    selected = parse_lists(lists, index)
    return _screen(index, query, code, cut, selected, limit, settings.list_max_age_days)


def _statuses(
    index: ScreeningIndex, selected: frozenset[str] | None, max_age_days: int
) -> list[dict[str, Any]]:
    return [
        list_status(info, max_age_days)
        for lid, info in sorted(index.lists.items())
        if selected is None or lid in selected
    ]


def _screen(
    index: ScreeningIndex,
    query: str,
    country: str | None,
    threshold: float,
    selected: frozenset[str] | None,
    limit: int,
    max_age_days: int,
    statuses: list[dict[str, Any]] | None = None,
    warnings: tuple[str, ...] | None = None,
) -> ScreeningResult:
    """Screen one name; a batch passes the lists' statuses and warnings it worked out
    once (each result gets its own copies of the statuses)."""
    if statuses is None:
        statuses = _statuses(index, selected, max_age_days)
    else:
        statuses = [dict(s) for s in statuses]
    if warnings is None:
        warnings = _warnings(statuses, max_age_days)
    dates = {s["list"]: s["published"] for s in statuses}
    matches: list[Match] = []
    # nothing under the threshold is returned, so nothing under it needs explaining
    for scored in search(index, query, country, selected, limit, floor=threshold):
        if scored.score < threshold:
            continue
        list_id, entry = index.entries[scored.entry]
        matches.append(
            Match(
                list=list_id,
                source_id=entry.source_id,
                name=entry.name,
                matched_name=index.names[scored.name_id].text,
                score=scored.score,
                band=band_for(scored.score, threshold),
                entity_type=entry.entity_type,
                programs=entry.programs,
                countries=entry.countries,
                list_date=dates[list_id],
                explanation=scored.explanation,
                aligned=scored.aligned,
            )
        )
    return ScreeningResult(
        query=query,
        matches=tuple(matches),
        band=matches[0].band if matches else BAND_NONE,
        threshold=threshold,
        country=country,
        lists=tuple(statuses),
        warnings=warnings,
    )


def screen_names(
    names: Iterable[str],
    country: str | None = None,
    threshold: float | None = None,
    lists: str | Iterable[str] | None = None,
    limit: int = 10,
    settings: Settings | None = None,
    index: ScreeningIndex | None = None,
) -> list[ScreeningResult]:
    """Screen many names with one index (blank names give an empty result, not an error,
    so a batch file's rows stay aligned with its results)."""
    settings = settings or get_settings()
    index = index or get_index(settings)
    code = check_country(country)
    cut = check_threshold(threshold)
    selected = parse_lists(lists, index)
    max_age_days = settings.list_max_age_days
    # the lists' dates and ages once per batch, not once per name
    statuses = _statuses(index, selected, max_age_days)
    warnings = _warnings(statuses, max_age_days)
    out: list[ScreeningResult] = []
    for raw in names:
        query = (raw or "").strip()[:MAX_NAME_LENGTH]
        if not query:
            out.append(ScreeningResult(query="", matches=(), band=BAND_NONE, threshold=cut))
            continue
        out.append(
            _screen(index, query, code, cut, selected, limit, max_age_days, statuses, warnings)
        )
    return out


__all__ = [
    "BAND_MATCH",
    "BAND_NONE",
    "BAND_REVIEW",
    "DEFAULT_THRESHOLD",
    "MATCH_THRESHOLD",
    "get_index",
    "screen_name",
    "screen_names",
]
