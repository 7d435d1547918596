"""Requests FastAPI rejects get the one error shape (API) or the error page (web).

Before, a body or parameter of the wrong type came back as FastAPI's `{"detail": [...]}`,
a second shape beside `{"error": {...}}` that clients had to handle for the same kind of
mistake.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sangam.api.app import create_app
from sangam.settings import Settings


@pytest.fixture
def client(engine: Engine, db_url: str) -> TestClient:
    return TestClient(create_app(Settings(database_url=db_url)))


def _error(response: Any) -> dict[str, Any]:
    """The error object, after checking the status and that it is the one shape."""
    assert response.status_code == 422, response.text
    body = response.json()
    assert set(body) == {"error"}, body
    error: dict[str, Any] = body["error"]
    assert set(error) == {"status", "code", "message", "hint", "problems"}
    assert error["status"] == 422 and error["code"] == "validation_failed"
    assert error["message"] and error["hint"]
    for problem in error["problems"]:
        assert set(problem) == {"file", "row", "field", "message"}
    return error


def test_screen_name_of_wrong_type(client: TestClient) -> None:
    error = _error(client.post("/api/v1/screen", json={"name": 5}))
    [problem] = error["problems"]
    assert problem["field"] == "body.name"
    assert "string" in problem["message"] and "got 5" in problem["message"]
    assert "body.name" in error["message"]


def test_kb_search_limit_not_an_integer(client: TestClient) -> None:
    error = _error(client.get("/api/v1/search", params={"q": "radar", "limit": "ten"}))
    [problem] = error["problems"]
    assert problem["field"] == "query.limit"
    assert "integer" in problem["message"] and "'ten'" in problem["message"]


def test_kb_search_missing_query_parameter(client: TestClient) -> None:
    error = _error(client.get("/api/v1/search"))
    assert error["problems"][0]["field"] == "query.q"
    assert "required query parameter 'q' is missing" in error["problems"][0]["message"]


def test_pathfind_missing_fields_are_all_named(client: TestClient) -> None:
    error = _error(client.post("/api/v1/pathfind", json={"item": "5A002"}))
    fields = {p["field"] for p in error["problems"]}
    # The wire names (aliases) of the fields, as a client sends them.
    assert fields == {"body.from", "body.to"}
    assert all("missing" in p["message"] for p in error["problems"])
    assert "missing" in error["hint"].lower()


def test_body_that_is_not_json(client: TestClient) -> None:
    response = client.post("/api/v1/supply/tts", content=b"{not json",
                           headers={"content-type": "application/json"})
    error = _error(response)
    assert error["problems"][0]["field"] == "body"
    assert "not valid JSON" in error["problems"][0]["message"]


def test_web_form_validation_renders_the_error_page(client: TestClient) -> None:
    page = client.get("/screen")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token, "the screening page carries a CSRF token"
    # A text field where the form expects an uploaded file: FastAPI rejects it.
    response = client.post("/screen/batch", data={"csrf_token": token.group(1),
                                                  "file": "names.csv"})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    assert "The request is not valid" in response.text
    assert "body.file" in response.text
    assert '"detail"' not in response.text
