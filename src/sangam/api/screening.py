"""`POST /screen` (one name or a batch) and `GET /lists`: thin over sangam.screening."""

from __future__ import annotations

import builtins
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from sangam.api.deps import SettingsDep
from sangam.errors import InvalidInput
from sangam.screening import list_infos, screen_name, screen_names
from sangam.screening.screen import list_status

router = APIRouter(tags=["screening"])

MAX_BATCH = 10_000


class ScreenRequest(BaseModel):
    """Give `name` for one name, or `names` for a batch (not both)."""

    name: str | None = Field(default=None, examples=["Rosneft Oil Company"])
    # The batch limit is checked in the route, not by Pydantic, so that a too-large batch
    # gets the one error shape ({"error": {...}}) with a hint, like every other mistake.
    names: list[str] | None = Field(
        default=None, description=f"A batch of at most {MAX_BATCH} names."
    )
    country: str | None = Field(default=None, examples=["RU"])
    threshold: float | None = None
    lists: list[str] | None = None


class AlignedToken(BaseModel):
    query: str
    listed: str
    similarity: float


class MatchOut(BaseModel):
    list: str
    source_id: str
    name: str
    matched_name: str
    score: float
    band: str
    programs: builtins.list[str]
    entity_type: str
    countries: builtins.list[str]
    list_date: str
    explanation: str
    aligned: builtins.list[AlignedToken]


class ListStatus(BaseModel):
    list: str
    title: str
    published: str
    age_days: int
    entries: int
    stale: bool
    date_note: str


class ScreenResult(BaseModel):
    query: str
    country: str | None
    band: str
    threshold: float
    matches: list[MatchOut]
    lists: list[ListStatus]
    warnings: list[str]


class BatchResult(BaseModel):
    results: list[ScreenResult]


class ListsOut(BaseModel):
    max_age_days: int
    lists: list[ListStatus]


@router.post("/screen", response_model=ScreenResult | BatchResult)
def screen(body: ScreenRequest, settings: SettingsDep) -> Any:
    """Screen one name (`name`) or many (`names`); each match carries its explanation and
    the date of its list."""
    if (body.name is None) == (body.names is None):
        raise InvalidInput(
            "Give either 'name' or 'names'.",
            'Send {"name": "..."} for one name or {"names": ["...", "..."]} for a batch.',
        )
    if body.name is not None:
        result = screen_name(body.name, body.country, body.threshold, body.lists,
                             settings=settings)
        return result.to_dict()
    names = body.names or []
    if len(names) > MAX_BATCH:
        raise InvalidInput(
            f"The batch has {len(names)} names; the limit is {MAX_BATCH} per request.",
            f"Send at most {MAX_BATCH} names per request, or use `sangam screen --file` "
            "for large batches.",
        )
    results = screen_names(names, body.country, body.threshold, body.lists,
                           settings=settings)
    return {"results": [r.to_dict() for r in results]}


@router.get("/lists", response_model=ListsOut)
def lists(settings: SettingsDep) -> Any:
    """The lists screened against, with publication date, age and staleness."""
    return {
        "max_age_days": settings.list_max_age_days,
        "lists": [list_status(i, settings.list_max_age_days) for i in list_infos(settings)],
    }
