"""Routing errors in the one error shape, and an OpenAPI schema that documents that shape.

Starlette answers an unknown path or a wrong method itself, with `{"detail": "Not Found"}`
or `{"detail": "Method Not Allowed"}` — JSON even for a browser. Every other mistake is a
`SangamError` rendered once by `sangam.api.app` as `{"error": {...}}` (API) or the HTML
error page (web), so this module turns each `HTTPException` into a `SangamError` with a
message saying what was wrong and a hint saying what to do, and the app renders it through
the same handler. The status is kept; so are the exception's headers (`Allow` on a 405).

FastAPI's generated schema likewise documents its own 422 body (`HTTPValidationError`) on
every route that validates input, but the API never sends it. `document_errors` rewrites the
generated schema once: 422 (and any other 4XX) on API routes point at `ErrorResponse`, the
Pydantic model of the shape. The HTML pages are not in the schema (their routers set
`include_in_schema=False`).
"""

from __future__ import annotations

import json
import re
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict
from pydantic.json_schema import SkipJsonSchema
from starlette.exceptions import HTTPException

from sangam.errors import SangamError

API_ROOT = "/api"
_SCHEMAS = "#/components/schemas/"
_FASTAPI_ERROR_MODELS = ("HTTPValidationError", "ValidationError")


def is_api_path(path: str) -> bool:
    """Whether a request is for programs (JSON errors) rather than a browser (error page).

    Any path under /api, not only the current /api/v1, so a client that asks for a version
    or route that does not exist still gets JSON it can read.
    """
    return path == API_ROOT or path.startswith(API_ROOT + "/")


class HTTPError(SangamError):
    """A request the router itself rejected: no such route, wrong method, and the like."""

    def __init__(self, status: int, message: str, hint: str) -> None:
        super().__init__(message, hint)
        self.status = status
        self.code = _code(status)


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def _code(status: int) -> str:
    """A stable machine code from the status phrase: 405 → `method_not_allowed`."""
    return re.sub(r"[^a-z0-9]+", "_", _phrase(status).lower()).strip("_") or "error"


def _docs_hint(request: Request) -> str:
    app = request.app
    return (f"The API's routes are listed at {app.docs_url or '/docs'} "
            f"(OpenAPI schema: {app.openapi_url})." if app.openapi_url
            else "Check the address against the API's documentation.")


def http_error(request: Request, exc: HTTPException) -> HTTPError:
    """The `SangamError` to render for a Starlette/FastAPI `HTTPException`."""
    status, method, path = exc.status_code, request.method, request.url.path
    api = is_api_path(path)
    phrase = _phrase(status)
    # Starlette fills `detail` with the status phrase when nobody said more; a route that
    # raised its own HTTPException with a real detail keeps that text as the message.
    detail = None if exc.detail in (None, "", phrase) else str(exc.detail)
    if status == 404 and detail is None:
        if api:
            return HTTPError(404, f"No route {method} {path}", _docs_hint(request))
        return HTTPError(404, f"There is no page at {path}",
                         "Check the address, or start from the home page at /.")
    if status == 405 and detail is None:
        allow = (exc.headers or {}).get("Allow", "")
        methods = [m.strip() for m in allow.split(",") if m.strip()]
        accepts = ", ".join(methods) or "no method"
        allowed = " or ".join(methods) or "another method"
        if api:
            return HTTPError(405, f"{method} is not allowed on {path}; it accepts {accepts}",
                             f"Send the request with {allowed}. {_docs_hint(request)}")
        return HTTPError(405, f"This page does not accept {method} requests",
                         f"{path} answers {allowed} only: go back to the page you came from "
                         "and use its links or forms, or start from the home page at /.")
    message = detail or f"{phrase}: {method} {path}"
    hint = (_docs_hint(request) if api
            else "Go back and try again, or start from the home page at /.")
    return HTTPError(status, message, hint)


# The shape `sangam.api.app` sends for every error, as Pydantic models for the schema.

class ErrorProblem(BaseModel):
    """One thing wrong with the input: where it is and what was wrong."""

    model_config = ConfigDict(extra="forbid")
    file: str | None
    row: int | str | None
    field: str | None
    message: str


def _no_default(schema: JsonDict) -> None:
    """Drop `default: null` from a field's schema: the API omits the field, never sends null."""
    schema.pop("default", None)


class ErrorDetail(BaseModel):
    """What `SangamError.as_dict()` gives; `problems` only on `validation_failed`."""

    model_config = ConfigDict(extra="forbid")
    status: int
    code: str
    message: str
    hint: str | None
    # Present only when code is validation_failed, and then never null: the schema shows an
    # optional array, without the `null` type or default that `= None` would add.
    problems: list[ErrorProblem] | SkipJsonSchema[None] = Field(
        default=None, json_schema_extra=_no_default)


class ErrorResponse(BaseModel):
    """The body of every error answer under /api: `{"error": {...}}`."""

    model_config = ConfigDict(extra="forbid")
    error: ErrorDetail


_REQUEST_INVALID = ("The request does not match the route's declaration; error.problems "
                    "names every field at fault (body.name, query.limit, …).")
_ANY_CLIENT_ERROR = ("Any other mistake (404 unknown route or entity, 405 wrong method, "
                     "403, …) in the same shape.")


def _json(description: str) -> dict[str, Any]:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": _SCHEMAS + "ErrorResponse"}}}}


def _rewrite(schema: dict[str, Any]) -> None:
    """Point every documented error at the real model; drop FastAPI's unused ones."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    model = ErrorResponse.model_json_schema(ref_template=_SCHEMAS + "{model}")
    components.update(model.pop("$defs", {}))
    components["ErrorResponse"] = model
    fastapi_refs = {_SCHEMAS + name for name in _FASTAPI_ERROR_MODELS}
    for path, operations in schema.get("paths", {}).items():
        if not is_api_path(path):
            continue
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            declared = responses.get("422", {}).get("content", {})
            if any(c.get("schema", {}).get("$ref") in fastapi_refs for c in declared.values()):
                responses["422"] = _json(_REQUEST_INVALID)
            responses.setdefault("4XX", _json(_ANY_CLIENT_ERROR))
    text = json.dumps({k: v for k, v in schema.items() if k != "components"})
    text += json.dumps({k: v for k, v in components.items() if k not in _FASTAPI_ERROR_MODELS})
    for name in _FASTAPI_ERROR_MODELS:
        if f'"{_SCHEMAS}{name}"' not in text:
            components.pop(name, None)


def document_errors(app: FastAPI) -> None:
    """Make `app.openapi()` document the error shape the app actually sends."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        schema = generate()  # FastAPI caches it in app.openapi_schema; rewrite it once
        if "ErrorResponse" not in schema.get("components", {}).get("schemas", {}):
            _rewrite(schema)
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
