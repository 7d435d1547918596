"""`POST /api/v1/pathfind` and `GET /api/v1/rules`: the pathfinder over HTTP."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from sangam.regulatory import get_rulebook, normalise, pathfind, table_infos

router = APIRouter(tags=["regulatory"])


class PathfindRequest(BaseModel):
    """A proposed transfer (the same fields as `sangam pathfind`)."""

    model_config = ConfigDict(populate_by_name=True)

    item: str = Field(examples=["5A002"], description="ECCN, EAR99, USML-XI(c), SCOMET-6A001, "
                      "JP-AT1-7")
    from_country: str = Field(alias="from", examples=["US"])
    to_country: str = Field(alias="to", examples=["IN"])
    kind: str = "hardware"
    end_user: str | None = None
    end_use: str | None = None
    nationality: str | None = None
    us_content_percent: float | None = None
    value: float | None = None


class DeterminationOut(BaseModel):
    regime: str
    licence_required: str
    depends_on: list[str]
    reasons: list[str]
    exceptions: list[dict[str, Any]]
    authority: str
    typical_days: int | None
    steps: list[dict[str, Any]]
    citations: list[dict[str, Any]]
    explanation: str
    notes: list[str]
    destination: str
    rule_rows: list[dict[str, Any]]
    unverified_rows: int


class PathfindResponse(BaseModel):
    query: dict[str, Any]
    item: dict[str, Any]
    determinations: list[DeterminationOut]
    not_applicable: list[dict[str, str]]
    procurement: dict[str, Any] | None
    sandboxes: list[dict[str, Any]]
    screening: dict[str, Any]
    summary: dict[str, Any]
    as_of: dict[str, str]
    unverified_rows: list[dict[str, str]]
    disclaimer: str


class RuleTableOut(BaseModel):
    name: str
    title: str
    file: str
    as_of: str
    overlaid: bool
    rows: int
    unverified: int


class RulesResponse(BaseModel):
    tables: list[RuleTableOut]


@router.post("/pathfind", response_model=PathfindResponse)
def pathfind_endpoint(body: PathfindRequest) -> dict[str, Any]:
    """Which approvals a transfer needs, from whom, how long, and why (decision support)."""
    book = get_rulebook()
    q = normalise(book, body.item, body.from_country, body.to_country, body.kind,
                  body.end_user, body.end_use, body.nationality, body.us_content_percent,
                  body.value)
    return pathfind(q, book).as_dict()


@router.get("/rules", response_model=RulesResponse)
def rules_endpoint() -> dict[str, Any]:
    """Every rule table with its as-of date and count of unverified rows."""
    return {"tables": [i.as_dict() for i in table_infos()]}
