"""FastAPI's request validation errors, turned into the project's one error shape.

FastAPI answers a body or parameter that does not match a route's declaration with its own
`{"detail": [...]}`. Every other mistake a user can make is a `SangamError` rendered as
`{"error": {...}}` (or the HTML error page), so a client would have to handle two shapes
for the same kind of mistake. This module maps each pydantic error to a `Problem` naming
the field (its location joined with '.', e.g. `body.name`, `query.limit`) and says what was
wrong, so `sangam.api.app` can render it like any other `ValidationFailed`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from fastapi.exceptions import RequestValidationError

from sangam.errors import Problem, ValidationFailed

# What a value is called, by where FastAPI looked for it (the first element of `loc`).
_NOUNS = {"body": "field", "query": "query parameter", "path": "path parameter",
          "header": "header", "cookie": "cookie"}
_MAX_SHOWN = 60


class RequestInvalid(ValidationFailed):
    """The request does not match what the route declares (types, required fields)."""

    def __init__(self, problems: list[Problem], hint: str) -> None:
        super().__init__(problems, hint)
        fields = ", ".join(p.field for p in problems[:5] if p.field)
        more = f" and {len(problems) - 5} more" if len(problems) > 5 else ""
        self.message = (f"The request is not valid: {len(problems)} "
                        f"problem{'s' if len(problems) != 1 else ''}"
                        + (f" ({fields}{more})" if fields else "") + "; nothing was done")


def _shown(value: Any) -> str:
    """The offending value, short enough to quote back in one line."""
    text = repr(value)
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…"


def _problem(error: Mapping[str, Any]) -> Problem:
    loc: Sequence[str | int] = error.get("loc") or ()
    field = ".".join(str(part) for part in loc) or None
    kind = str(error.get("type", ""))
    msg = str(error.get("msg", "invalid value"))
    if kind == "missing":
        source = str(loc[0]) if loc else ""
        name = ".".join(str(part) for part in loc[1:])
        noun = _NOUNS.get(source, "value")
        if not name:
            message = "the request body is missing" if source == "body" else msg
        else:
            message = f"the required {noun} '{name}' is missing" + (
                " from the request body" if source == "body" else "")
    elif kind == "json_invalid":
        reason = (error.get("ctx") or {}).get("error", "")
        where = f" at character {loc[1]}" if len(loc) > 1 else ""
        message = f"the body is not valid JSON{where}" + (f": {reason}" if reason else "")
        field = "body"
    elif "input" in error:
        message = f"{msg[:1].lower()}{msg[1:]}; got {_shown(error['input'])}"
    else:
        message = msg
    return Problem(message, field=field)


def _hint(problems: list[Problem], errors: Sequence[Mapping[str, Any]]) -> str:
    kinds = {str(e.get("type", "")) for e in errors}
    if "json_invalid" in kinds:
        return ("Send a JSON object with Content-Type: application/json; the fields and their "
                "types are listed at /docs.")
    if kinds == {"missing"}:
        return "Add the missing fields and send the request again; /docs lists what is required."
    return ("Fix the listed fields (each names where it is: body, query or path) and send the "
            "request again; /docs lists every field and its type.")


def request_error(exc: RequestValidationError) -> RequestInvalid:
    """One `RequestInvalid` listing every field FastAPI rejected."""
    errors: Sequence[Mapping[str, Any]] = list(exc.errors())
    problems = [_problem(e) for e in errors] or [Problem("the request could not be read")]
    return RequestInvalid(problems, _hint(problems, errors))
