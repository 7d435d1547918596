"""`sangam serve`: the web UI, the API and its OpenAPI page in one process."""

from __future__ import annotations

import os
from typing import Annotated

import typer


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port (make run honours PORT).")] =
    int(os.environ.get("PORT", "8000")),
) -> None:
    """Serve the web UI at /, the API at /api/v1 and OpenAPI at /docs."""
    import uvicorn

    from sangam.api.app import create_app
    from sangam.cli.output import err_console
    from sangam.db import get_engine, require_schema
    from sangam.settings import get_settings

    settings = get_settings()
    require_schema(get_engine(settings.database_url))
    err_console.print(f"Sangam is serving on http://{host}:{port}/ (API: /api/v1, docs: /docs)")
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
