"""The /pathfind page: a form for one proposed transfer, the answer per regime, and its memo."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response

from sangam.errors import InvalidInput
from sangam.regulatory import get_rulebook, normalise, pathfind
from sangam.regulatory.memo import to_html, to_markdown
from sangam.regulatory.model import KINDS, Answer
from sangam.web.render import render

router = APIRouter(include_in_schema=False)  # HTML pages, not part of the API
FIELDS = ("item", "from", "to", "kind", "end_user", "end_use", "nationality",
          "us_content_percent", "value")


def _number(raw: str | None, name: str) -> float | None:
    if raw is None or not raw.strip():
        return None
    try:
        return float(raw)
    except ValueError:
        raise InvalidInput(f"{name} {raw!r} is not a number", f"Give {name} as a number.") \
            from None


def _answer(request: Request) -> tuple[dict[str, str], Answer | None]:
    params = {k: request.query_params.get(k, "") for k in FIELDS}
    if not params["item"]:
        return params, None
    book = get_rulebook()
    q = normalise(book, params["item"], params["from"], params["to"],
                  params["kind"] or "hardware", params["end_user"], params["end_use"],
                  params["nationality"] or None,
                  _number(params["us_content_percent"], "US content percent"),
                  _number(params["value"], "value"))
    return params, pathfind(q, book)


@router.get("/pathfind", response_class=HTMLResponse)
def pathfind_page(request: Request) -> Response:
    params, answer = _answer(request)
    return render(request, "regulatory_pathfind.html", params=params, kinds=KINDS,
                  answer=answer.as_dict() if answer else None,
                  query_string=str(request.query_params))


@router.get("/pathfind/memo")
def pathfind_memo(request: Request, format: str = "html") -> Response:
    """The determination memo for the same query, as HTML or Markdown."""
    _params, answer = _answer(request)
    if answer is None:
        raise InvalidInput("no item given", "Fill in the pathfinder form first.")
    if format == "md":
        return PlainTextResponse(to_markdown(answer), media_type="text/markdown")
    return HTMLResponse(to_html(answer))
