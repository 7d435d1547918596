"""Knowledge-base API: search, entities, export, schemata."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse
from pydantic import BaseModel

from sangam.api.deps import EngineDep, ReaderDep
from sangam.db import require_schema
from sangam.kb import export_lines, get_entity, plain_snippet, search, stats
from sangam.kb.schema import load_model

router = APIRouter(tags=["knowledge base"])


class SearchResponse(BaseModel):
    query: str
    results: list[dict[str, Any]]


@router.get("/search", response_model=SearchResponse)
def api_search(engine: EngineDep, reader: ReaderDep, q: str = Query(..., min_length=1),
               schema: str | None = None, country: str | None = None,
               limit: int = Query(20, ge=1, le=200)) -> dict[str, Any]:
    """Search entities by name, alias, abbreviation, description or quote."""
    require_schema(engine)
    with engine.connect() as conn:
        hits = search(conn, q, reader, schema=schema, country=country, limit=limit)
    return {"query": q, "results": [
        {"id": h.id, "schema": h.schema, "caption": h.caption, "score": h.score,
         "snippet": plain_snippet(h.snippet)} for h in hits]}


@router.get("/entities/{entity_id}")
def api_entity(entity_id: str, engine: EngineDep, reader: ReaderDep) -> dict[str, Any]:
    """One entity with every statement the reader may see, each with source and quote."""
    require_schema(engine)
    with engine.connect() as conn:
        return get_entity(conn, entity_id, reader).as_dict()


@router.get("/export")
def api_export(engine: EngineDep, reader: ReaderDep,
               schema: str | None = None) -> StreamingResponse:
    """The knowledge base as JSON Lines (the format `sangam load` reads)."""
    require_schema(engine)
    with engine.connect() as conn:
        lines = [line + "\n" for line in export_lines(conn, reader, schema=schema)]
    return StreamingResponse(iter(lines), media_type="application/x-ndjson")


@router.get("/schemata")
def api_schemata() -> dict[str, Any]:
    """The model: schemata and their typed properties."""
    model = load_model()
    return {name: {p.name: {"type": p.type, "label": p.label, "range": p.range}
                   for p in model.schemata[name].properties.values()}
            for name in model.concrete()}


@router.get("/stats")
def api_stats(engine: EngineDep) -> dict[str, int]:
    """How many sources, entities and statements are loaded."""
    require_schema(engine)
    return stats(engine)
