"""Template rendering, CSRF protection and the HTML rendering of errors.

Templates autoescape everything. Forms that change state carry a CSRF token: a random
value in a cookie, and the same value signed with the server's secret in the form; a POST
is accepted only when both agree (see :func:`verify_csrf`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from sangam.errors import Forbidden, SangamError

WEB_DIR = Path(__file__).resolve().parent
STATIC_DIR = WEB_DIR / "static"
templates = Jinja2Templates(directory=str(WEB_DIR / "templates"))

CSRF_COOKIE = "sangam_csrf"
CSRF_FIELD = "csrf_token"
_PROCESS_SECRET = secrets.token_bytes(32)


def _secret(request: Request) -> bytes:
    key = getattr(request.app.state.settings, "secret_key", None)
    return key.encode() if key else _PROCESS_SECRET


def _sign(request: Request, nonce: str) -> str:
    return hmac.new(_secret(request), nonce.encode(), hashlib.sha256).hexdigest()


def _nonce(request: Request) -> str:
    existing = request.cookies.get(CSRF_COOKIE)
    if existing and len(existing) == 43:
        return existing
    cached: str | None = getattr(request.state, "csrf_nonce", None)
    if cached is None:
        cached = secrets.token_urlsafe(32)
        request.state.csrf_nonce = cached
    return cached


def csrf_token(request: Request) -> str:
    """The token to embed in a form for this browser."""
    return _sign(request, _nonce(request))


async def verify_csrf(request: Request) -> None:
    """Dependency for state-changing form posts: reject when the token does not match."""
    form = await request.form()
    sent = form.get(CSRF_FIELD)
    nonce = request.cookies.get(CSRF_COOKIE)
    valid = isinstance(sent, str) and bool(nonce) and hmac.compare_digest(
        str(sent), _sign(request, nonce or ""))
    if not valid:
        raise Forbidden(
            "The form's security token is missing or out of date.",
            "Reload the page and submit the form again.",
        )


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render a page; sets the CSRF cookie so any form on it can be submitted."""
    context.setdefault("csrf_token", csrf_token(request))
    response = templates.TemplateResponse(request, template, context, status_code=status_code)
    if request.cookies.get(CSRF_COOKIE) != _nonce(request):
        response.set_cookie(CSRF_COOKIE, _nonce(request), httponly=True, samesite="strict")
    return response


def render_error_page(request: Request, exc: SangamError) -> Response:
    return render(request, "error.html", status_code=exc.status, error=exc)
