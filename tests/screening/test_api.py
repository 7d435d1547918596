"""`POST /api/v1/screen` (one name or a batch) and `GET /api/v1/lists`: the JSON contract,
the list dates and staleness warnings, and the one error shape for every mistake."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sangam.api.app import create_app
from sangam.api.screening import MAX_BATCH
from sangam.screening.index import ScreeningIndex
from sangam.settings import Settings

LISTED = "Huawei Technologies Co., Ltd."
LISTED_ENTRY = ("us-csl", "30947")
SDN_NAME = "ROSNEFT TRADING S.A."
UNLISTED = "Larsen & Toubro Limited"
BUNDLED = {"us-ofac-sdn", "us-csl", "un-sc", "jp-meti-russia", "jp-meti-third-country",
           "jp-meti-belarus"}
MATCH_KEYS = {"list", "source_id", "name", "matched_name", "score", "band", "programs",
              "entity_type", "countries", "list_date", "explanation", "aligned"}
RESULT_KEYS = {"query", "country", "band", "threshold", "matches", "lists", "warnings"}
ERROR_KEYS = {"status", "code", "message", "hint"}


def make_client(tmp: Path, max_age_days: int) -> TestClient:
    settings = Settings(database_url=f"sqlite:///{tmp / 'api.db'}",
                        list_max_age_days=max_age_days)
    return TestClient(create_app(settings))


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, index: ScreeningIndex) -> Iterator[TestClient]:
    """An app whose lists are never stale (so warnings appear only where a test asks)."""
    with make_client(tmp_path_factory.mktemp("api"), 100_000) as c:
        yield c


def post(client: TestClient, body: dict[str, Any], status: int = 200) -> dict[str, Any]:
    response = client.post("/api/v1/screen", json=body)
    assert response.status_code == status, response.text
    data: dict[str, Any] = response.json()
    return data


def error(client: TestClient, body: dict[str, Any], status: int = 422) -> dict[str, Any]:
    data = post(client, body, status)
    assert set(data) == {"error"}, data
    err: dict[str, Any] = data["error"]
    assert set(err) == ERROR_KEYS, err
    assert err["status"] == status and err["message"] and err["hint"]
    return err


def test_screen_one_name(client: TestClient) -> None:
    data = post(client, {"name": LISTED})
    assert set(data) == RESULT_KEYS
    assert data["query"] == LISTED and data["band"] == "match" and data["warnings"] == []
    top = data["matches"][0]
    assert set(top) == MATCH_KEYS
    assert (top["list"], top["source_id"], top["band"]) == (*LISTED_ENTRY, "match")
    assert 0.0 <= top["score"] <= 1.0 and top["explanation"]
    dates = {s["list"]: s["published"] for s in data["lists"]}
    assert set(dates) == BUNDLED
    assert all(m["list_date"] == dates[m["list"]] for m in data["matches"])
    assert top["list_date"] == "2023-11-30"
    for pair in top["aligned"]:
        assert set(pair) == {"query", "listed", "similarity"}
        assert 0.0 <= pair["similarity"] <= 1.0


def test_screen_options(client: TestClient) -> None:
    data = post(client, {"name": SDN_NAME, "lists": ["us-ofac-sdn"], "country": "ch",
                         "threshold": 0.9})
    assert data["country"] == "CH" and data["threshold"] == 0.9
    assert data["matches"] and {m["list"] for m in data["matches"]} == {"us-ofac-sdn"}
    assert all(m["score"] >= 0.9 for m in data["matches"])
    assert [s["list"] for s in data["lists"]] == ["us-ofac-sdn"]
    loose = post(client, {"name": SDN_NAME, "lists": ["us-ofac-sdn"], "threshold": 0.6})
    assert len(loose["matches"]) >= len(data["matches"])


def test_screen_unlisted(client: TestClient) -> None:
    data = post(client, {"name": UNLISTED})
    assert data["band"] != "match"
    assert all(m["band"] != "match" for m in data["matches"])


def test_screen_batch_keeps_order_and_blanks(client: TestClient) -> None:
    names = [UNLISTED, LISTED, "", SDN_NAME]
    data = post(client, {"names": names, "lists": ["us-csl", "us-ofac-sdn"]})
    assert set(data) == {"results"}
    results = data["results"]
    assert [r["query"] for r in results] == names
    assert all(set(r) == RESULT_KEYS for r in results)
    assert results[2]["matches"] == [] and results[2]["band"] == "no match"
    assert (results[1]["matches"][0]["list"], results[1]["matches"][0]["source_id"]) \
        == LISTED_ENTRY
    assert results[3]["band"] == "match"
    one = post(client, {"name": LISTED, "lists": ["us-csl", "us-ofac-sdn"]})
    assert results[1] == one  # a batch answers each name as a single request would
    assert post(client, {"names": []}) == {"results": []}


@pytest.mark.parametrize(("body", "expected"), [
    ({"name": ""}, "empty"),
    ({"name": "   "}, "empty"),
    ({"name": "x" * 501}, "limit is 500"),
    ({}, "Give either 'name' or 'names'"),
    ({"name": LISTED, "names": [LISTED]}, "Give either 'name' or 'names'"),
    ({"name": LISTED, "lists": ["us-csl", "eu-fsf"]}, "Unknown list(s): eu-fsf"),
    ({"names": [LISTED], "lists": ["nope"]}, "Unknown list(s): nope"),
    ({"name": LISTED, "country": "Japan"}, "ISO 3166-1"),
    ({"name": LISTED, "threshold": 0}, "outside (0, 1]"),
    ({"names": [LISTED], "threshold": 1.5}, "outside (0, 1]"),
])
def test_screen_errors_have_the_one_shape(
    client: TestClient, body: dict[str, Any], expected: str
) -> None:
    err = error(client, body)
    assert err["code"] == "invalid_input"
    assert expected in err["message"], err


def test_too_large_batch_is_rejected_with_the_error_shape(client: TestClient) -> None:
    err = error(client, {"names": ["Acme"] * (MAX_BATCH + 1)})
    assert err["code"] == "invalid_input"
    assert str(MAX_BATCH) in err["message"] and "sangam screen --file" in err["hint"]


def test_unknown_list_hint_names_the_lists(client: TestClient) -> None:
    err = error(client, {"name": LISTED, "lists": ["eu-fsf"]})
    assert all(list_id in err["hint"] for list_id in BUNDLED)


def test_lists(client: TestClient) -> None:
    response = client.get("/api/v1/lists")
    assert response.status_code == 200
    data = response.json()
    assert data["max_age_days"] == 100_000
    by_id = {s["list"]: s for s in data["lists"]}
    assert set(by_id) == BUNDLED
    for s in by_id.values():
        assert set(s) == {"list", "title", "published", "age_days", "entries", "stale",
                          "date_note"}
        assert s["entries"] > 0 and s["stale"] is False
        assert s["age_days"] == (date.today() - date.fromisoformat(s["published"])).days
    assert by_id["us-ofac-sdn"]["published"] == "2024-05-03"
    assert "alt.csv" in by_id["us-ofac-sdn"]["date_note"]  # the SDN files' mismatched dates


def test_stale_lists_warn(tmp_path: Path, index: ScreeningIndex) -> None:
    with make_client(tmp_path, 1) as stale:
        data = post(stale, {"name": LISTED, "lists": ["us-csl", "un-sc"]})
        assert len(data["warnings"]) == 2
        assert any("us-csl" in w and "2023-11-30" in w for w in data["warnings"])
        assert all(s["stale"] for s in stale.get("/api/v1/lists").json()["lists"])


def test_openapi_documents_the_routes(client: TestClient) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "post" in paths["/api/v1/screen"] and "get" in paths["/api/v1/lists"]
