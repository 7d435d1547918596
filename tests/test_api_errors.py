"""Requests FastAPI rejects get the one error shape (API) or the error page (web).

Before, a body or parameter of the wrong type came back as FastAPI's `{"detail": [...]}`,
a second shape beside `{"error": {...}}` that clients had to handle for the same kind of
mistake.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from fastapi import HTTPException
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


# Unknown routes and wrong methods. Before, Starlette answered these with its own
# `{"detail": "Not Found"}` / `{"detail": "Method Not Allowed"}`, on web paths too.

def _http_error(response: Any, status: int, code: str) -> dict[str, Any]:
    """The error object of a routing error, after checking it is the one shape."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}, body
    error: dict[str, Any] = body["error"]
    assert set(error) == {"status", "code", "message", "hint"}
    assert error["status"] == status and error["code"] == code
    return error


def test_unknown_api_route_is_a_404_in_the_error_shape(client: TestClient) -> None:
    error = _http_error(client.get("/api/v1/nope"), 404, "not_found")
    assert error["message"] == "No route GET /api/v1/nope"
    assert "/docs" in error["hint"]


def test_unknown_api_version_is_answered_as_api_not_page(client: TestClient) -> None:
    # Anything under /api is for programs: JSON, not the HTML page.
    error = _http_error(client.post("/api/v2/screen", json={}), 404, "not_found")
    assert error["message"] == "No route POST /api/v2/screen"


def test_wrong_method_is_a_405_with_allow_header(client: TestClient) -> None:
    response = client.delete("/api/v1/screen")
    error = _http_error(response, 405, "method_not_allowed")
    assert response.headers["allow"] == "POST"
    assert error["message"] == "DELETE is not allowed on /api/v1/screen; it accepts POST"
    assert "POST" in error["hint"]


def test_wrong_method_lists_every_allowed_method(engine: Engine, db_url: str) -> None:
    app = create_app(Settings(database_url=db_url))

    async def stored() -> dict[str, str]:
        raise HTTPException(409, detail="Item 7 was changed by someone else")

    app.add_api_route("/api/v1/items/7", stored, methods=["GET", "PUT"])
    client = TestClient(app)
    response = client.delete("/api/v1/items/7")
    error = _http_error(response, 405, "method_not_allowed")
    allowed = {m.strip() for m in response.headers["allow"].split(",")}
    assert allowed == {"GET", "PUT"}
    assert all(m in error["message"] and m in error["hint"] for m in allowed)
    # A route's own HTTPException keeps its status and its detail, as the message.
    error = _http_error(client.put("/api/v1/items/7"), 409, "conflict")
    assert error["message"] == "Item 7 was changed by someone else"


def test_unknown_web_page_is_the_html_404_page_with_path_escaped(client: TestClient) -> None:
    response = client.get("/nope/<script>alert(1)</script>")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "There is no page at /nope/&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert "<script>" not in response.text
    assert '"detail"' not in response.text


def test_wrong_method_on_a_web_page_is_the_html_405_page(client: TestClient) -> None:
    response = client.post("/pathfind")
    assert response.status_code == 405
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["allow"] == "GET"
    assert "This page does not accept POST" in response.text


def test_missing_static_file_is_the_html_404_page(client: TestClient) -> None:
    response = client.get("/static/nope.css")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "There is no page at /static/nope.css" in response.text


def _walk_refs(node: Any) -> set[str]:
    """Every `$ref` anywhere in an OpenAPI fragment."""
    if isinstance(node, dict):
        refs = {node["$ref"]} if isinstance(node.get("$ref"), str) else set()
        return refs.union(*(_walk_refs(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_walk_refs(v) for v in node))
    return set()


def test_openapi_documents_the_real_error_shape(client: TestClient) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert "HTTPValidationError" not in json.dumps(schema)
    components = schema["components"]["schemas"]
    assert "HTTPValidationError" not in components and "ValidationError" not in components
    error_ref = "#/components/schemas/ErrorResponse"
    documented = 0
    for path, operations in schema["paths"].items():
        # the HTML pages are not part of the API and stay out of its schema
        assert path.startswith("/api/"), path
        for method, operation in operations.items():
            responses = operation["responses"]
            # Every API operation may answer 404/405 and the like in the one shape.
            assert responses["4XX"]["content"]["application/json"]["schema"] == {
                "$ref": error_ref}, (method, path)
            if "422" not in responses:
                continue
            documented += 1
            content = responses["422"]["content"]
            assert content == {"application/json": {"schema": {"$ref": error_ref}}}
    assert documented > 0
    # The model's own references resolve inside the document.
    for ref in _walk_refs(components["ErrorResponse"]) | _walk_refs(schema["paths"]):
        assert ref.rsplit("/", 1)[1] in components, ref
    detail = components[_walk_refs(components["ErrorResponse"]).pop().rsplit("/", 1)[1]]
    assert {"status", "code", "message", "hint"} <= set(detail["required"])
    assert "problems" in detail["properties"]


def test_error_responses_match_the_documented_model(client: TestClient) -> None:
    # The model the schema documents accepts what the API actually sends.
    from sangam.api.http_errors import ErrorResponse

    for response in (client.get("/api/v1/nope"), client.delete("/api/v1/screen"),
                     client.post("/api/v1/screen", json={"name": 5})):
        assert response.status_code in (404, 405, 422)
        ErrorResponse.model_validate(response.json())


def _failing_app(engine: Engine, db_url: str) -> TestClient:
    """The real app with one API route and one page that fail as a bug would."""
    app = create_app(Settings(database_url=db_url))

    def broken() -> None:
        raise ZeroDivisionError("internal detail that must not reach the client")

    app.add_api_route("/api/v1/broken", broken)
    app.add_api_route("/broken", broken, include_in_schema=False)
    return TestClient(app, raise_server_exceptions=False)


def test_unexpected_failure_is_a_500_in_the_error_shape(engine: Engine, db_url: str) -> None:
    """Before: Starlette's plain-text "Internal Server Error", a third shape for clients."""
    client = _failing_app(engine, db_url)
    response = client.get("/api/v1/broken")
    assert response.status_code == 500
    error = response.json()["error"]
    assert error["code"] == "internal_error" and error["status"] == 500
    assert "/api/v1/broken" in error["message"] and error["hint"]
    assert "internal detail" not in response.text and "ZeroDivision" not in response.text


def test_unexpected_failure_on_a_page_is_the_html_error_page(engine: Engine,
                                                             db_url: str) -> None:
    client = _failing_app(engine, db_url)
    response = client.get("/broken")
    assert response.status_code == 500
    assert response.headers["content-type"].startswith("text/html")
    assert "The server failed while answering GET /broken" in response.text
    assert "internal detail" not in response.text
