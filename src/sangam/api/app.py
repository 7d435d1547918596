"""The application factory: API under /api/v1, web UI at /, OpenAPI at /docs.

Errors are mapped here, once: a `SangamError` becomes `{"error": {...}}` with its status for
API paths, and an HTML error page for the web UI.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from sangam import __version__
from sangam.api import kb as kb_api
from sangam.api import regulatory as regulatory_api
from sangam.api import screening as screening_api
from sangam.api import supply as supply_api
from sangam.api.http_errors import document_errors, http_error, is_api_path
from sangam.api.request_errors import request_error
from sangam.db import get_engine
from sangam.errors import InternalError, SangamError
from sangam.settings import Settings, get_settings
from sangam.web import regulatory as web_regulatory
from sangam.web import routes as web_routes
from sangam.web import screening as web_screening
from sangam.web import supply as web_supply
from sangam.web.render import STATIC_DIR, render_error_page

API_PREFIX = "/api/v1"


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        title="Sangam",
        version=__version__,
        description="Knowledge base, screening, export-control pathfinding and supply-chain "
        "resilience for US–Japan–India defence-technology collaboration.",
        docs_url="/docs",
        openapi_url=f"{API_PREFIX}/openapi.json",
    )
    app.state.settings = settings
    app.state.engine = get_engine(settings.database_url)

    # Pillar routers; each module exposes `router` (an APIRouter without prefix).
    for module in (kb_api, screening_api, regulatory_api, supply_api):
        app.include_router(module.router, prefix=API_PREFIX)
    app.include_router(web_routes.router)
    app.include_router(web_screening.router)
    app.include_router(web_regulatory.router)
    app.include_router(web_supply.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.exception_handler(SangamError)
    async def _sangam_error(request: Request, exc: SangamError) -> Response:
        if is_api_path(request.url.path):
            return JSONResponse({"error": exc.as_dict()}, status_code=exc.status)
        return render_error_page(request, exc)

    # A body or parameter that does not match its declaration gets the same shape (or page)
    # as every other user mistake, not FastAPI's {"detail": [...]}.
    @app.exception_handler(RequestValidationError)
    async def _request_invalid(request: Request, exc: RequestValidationError) -> Response:
        return await _sangam_error(request, request_error(exc))

    # So do an unknown route and a wrong method (Starlette's `{"detail": "Not Found"}`),
    # keeping the status and the exception's headers (`Allow` on a 405).
    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException) -> Response:
        response = await _sangam_error(request, http_error(request, exc))
        response.headers.update(exc.headers or {})
        return response

    # Anything else is a bug: the same shape (or page) with status 500 instead of Starlette's
    # plain "Internal Server Error". Starlette re-raises afterwards, so the server still logs
    # the traceback.
    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        return await _sangam_error(request, InternalError(
            f"The server failed while answering {request.method} {request.url.path}",
            "Try again in a moment; if it happens again, report the time and the address to "
            "whoever runs this server (the server log has the details)."))

    document_errors(app)  # OpenAPI documents the shape above, not FastAPI's 422 body
    return app
