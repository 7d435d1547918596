"""Knowledge-base pages: the search page (home) and entity pages."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup, escape

from sangam.api.deps import EngineDep, ReaderDep
from sangam.db import require_schema
from sangam.errors import SangamError
from sangam.kb import conflicts, get_entity, search, stats
from sangam.kb.schema import load_model
from sangam.kb.search import HIT_END, HIT_START
from sangam.web.render import render

router = APIRouter(include_in_schema=False)


def highlight(snippet: str) -> Markup:
    """Escape a snippet, then turn the hit markers into <mark>."""
    safe = str(escape(snippet))
    return Markup(safe.replace(HIT_START, "<mark>").replace(HIT_END, "</mark>"))  # noqa: S704


@router.get("/", response_class=HTMLResponse)
def home(request: Request, engine: EngineDep, reader: ReaderDep, q: str = "",
         schema: str = "", country: str = "") -> HTMLResponse:
    require_schema(engine)
    hits = []
    error = None
    if q.strip():
        try:
            with engine.connect() as conn:
                hits = search(conn, q, reader, schema=schema or None, country=country or None,
                              limit=50)
        except SangamError as exc:
            error = exc
    return render(request, "search.html", q=q, schema=schema, country=country, hits=hits,
                  error=error, schemata=load_model().concrete(), stats=stats(engine),
                  highlight=highlight)


@router.get("/entity/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str, engine: EngineDep,
                reader: ReaderDep) -> HTMLResponse:
    require_schema(engine)
    with engine.connect() as conn:
        view = get_entity(conn, entity_id, reader)
    return render(request, "entity.html", view=view, conflicts=conflicts(view))
