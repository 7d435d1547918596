"""The CLI, API and web faces over the bundled demo network: JSON shapes from DESIGN.md,
errors a user can cause, and the pages' graph, tables and chart."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sangam.api.app import create_app
from sangam.cli.main import app as cli_app
from sangam.settings import Settings
from sangam.supply.catalog import get_network

DEMO = "defence-demo"
GALLIUM = "cn-gallium-embargo"
runner = CliRunner()


def cli_json(*args: str) -> Any:
    result = runner.invoke(cli_app, ["supply", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("supply") / "web.db"
    with TestClient(create_app(Settings(database_url=f"sqlite:///{db}"))) as c:
        yield c


# --------------------------------------------------------------------------- CLI


def test_cli_tts_ttr_contracts() -> None:
    """Gallium embargo on the demo: the US stockpile's 0.6 kg and Japan's 0.05 kg/wk run the
    seeker's GaAs line dry first; the UUV uses no gallium, so it is never bound (null)."""
    tts = cli_json("tts", DEMO, "--scenario", GALLIUM)
    assert set(tts) == {"tts_weeks", "unbounded", "per_product"}
    assert tts["unbounded"] is False and tts["tts_weeks"] > 0
    assert tts["per_product"]["uuv"] is None
    assert tts["per_product"]["seeker"] == tts["tts_weeks"]
    assert set(tts["per_product"]) == {"ian_mast", "seeker", "uuv"}
    ttr = cli_json("ttr", DEMO, "--scenario", GALLIUM)
    assert {"lost_value", "lost_units", "allocation"} <= set(ttr)
    assert ttr["lost_value"] > 0 and ttr["lost_units"]["uuv"] == 0


def test_cli_rank_scenario_stockpile_exposure_minerals() -> None:
    rank = cli_json("rank", DEMO)
    assert len(rank["sites"]) == 34
    assert set(rank["sites"][0]) >= {"id", "lost_value", "tts_weeks", "ttr_weeks", "rei",
                                     "at_risk"}
    assert rank["sites"][0]["rei"] == 1.0
    scenario = cli_json("scenario", DEMO, "--scenario", GALLIUM, "--points", "3")
    assert [p["weeks"] for p in scenario["loss_curve"]] == [0.0, 13.0, 26.0]
    assert scenario["ttr"]["lost_value"] == scenario["loss_curve"][-1]["lost_value"]
    stock = cli_json("stockpile", DEMO, "--scenario", GALLIUM, "--alliance", "us")
    assert stock["feasible"] and {a["country"] for a in stock["additions"]} == {"US"}
    assert stock["tts_after"] >= 26 - 1e-6
    exposure = cli_json("exposure", DEMO)
    assert [p["product"] for p in exposure["products"]] == ["ian_mast", "seeker", "uuv"]
    minerals = cli_json("minerals", "galli")
    assert minerals["minerals"][0]["hhi"] == pytest.approx(9675.7)


def test_cli_inline_disruption_matches_the_file() -> None:
    """--embargo CN:gallium --weeks 26 is the bundled gallium scenario written inline."""
    inline = cli_json("ttr", DEMO, "--embargo", "CN:gallium", "--weeks", "26")
    from_file = cli_json("ttr", DEMO, "--scenario", GALLIUM)
    assert inline["lost_value"] == from_file["lost_value"]


@pytest.mark.parametrize(("args", "text"), [
    (["tts", DEMO, "--fail", "no-such-site"], "unknown site 'no-such-site'"),
    (["rank", "missing/network.yaml"], "No network file or bundled network named"),
])
def test_cli_user_errors_exit_2_without_traceback(args: list[str], text: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "sangam.cli", "supply", *args],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert text in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


# --------------------------------------------------------------------------- API


def test_api_routes(client: TestClient) -> None:
    listed = client.get("/api/v1/supply/networks").json()
    assert [n["name"] for n in listed["networks"]] == [DEMO]
    assert GALLIUM in listed["scenarios"]
    body = {"network": DEMO, "scenario": GALLIUM}
    tts = client.post("/api/v1/supply/tts", json=body)
    assert tts.status_code == 200
    assert tts.json() == cli_json("tts", DEMO, "--scenario", GALLIUM)
    ttr = client.post("/api/v1/supply/ttr", json={**body, "weeks": 4}).json()
    assert ttr["duration_weeks"] == 4 and ttr["lost_value"] == 0  # TTS is over 4 weeks
    rank = client.get(f"/api/v1/supply/networks/{DEMO}/rank").json()
    assert len(rank["sites"]) == 34
    scen = client.post("/api/v1/supply/scenario?points=5", json=body).json()
    assert scen["at_risk"] is True and len(scen["loss_curve"]) == 5
    # A bundled network sent back inline gives the same ranking.
    inline = client.get(f"/api/v1/supply/networks/{DEMO}").json()
    assert client.post("/api/v1/supply/rank", json={"network": inline}).json() == rank
    assert client.get("/api/v1/supply/alliances").status_code == 200
    assert client.post("/api/v1/supply/exposure", json={"network": DEMO}).status_code == 200


def test_api_error_shape(client: TestClient) -> None:
    missing = client.post("/api/v1/supply/tts", json={"network": "atlantis",
                                                       "scenario": GALLIUM})
    assert missing.status_code == 404
    error = missing.json()["error"]
    assert error["code"] == "not_found" and "atlantis" in error["message"]
    assert DEMO in error["hint"]
    bad = client.post("/api/v1/supply/tts", json={"network": DEMO, "scenario": {
        "disruptions": [{"kind": "site_failure", "site": "zz"}]}})
    assert bad.status_code == 422
    [problem] = bad.json()["error"]["problems"]
    assert problem == {"file": "request.scenario", "row": "disruptions[1]", "field": "site",
                       "message": "unknown site 'zz'"}
    server_path = client.post("/api/v1/supply/rank", json={"network": "data/supply/networks/"
                                                                      "defence_demo.yaml"})
    assert server_path.status_code == 404  # paths on the server are never read


# --------------------------------------------------------------------------- web


def test_supply_page_draws_every_site_and_ranks_them(client: TestClient) -> None:
    page = client.get("/supply")
    assert page.status_code == 200
    html = page.text
    net = get_network(DEMO)
    assert html.count("<svg") >= 1
    nodes = re.findall(r'<g class="site-node[^"]*" data-site="([^"]+)"', html)
    assert sorted(nodes) == sorted(s.id for s in net.sites)
    rows = re.findall(r'<tr class="risk-row[^"]*" data-site="([^"]+)"', html)
    assert len(rows) == len(net.sites) and rows[0] == "mast-us"
    assert "Illustrative network" in html
    assert "unbounded" in html and "weeks" in html
    assert 'name="csrf_token"' in html


def test_supply_page_marks_a_scenario(client: TestClient) -> None:
    """The gallium embargo cuts the four links leaving ga-cn."""
    html = client.get(f"/supply?network={DEMO}&scenario={GALLIUM}").text
    assert html.count('class="link cut"') == 4
    assert "Scenario: China gallium export ban" in html


def test_scenario_page(client: TestClient) -> None:
    page = client.get(f"/supply/scenario?network={DEMO}&scenario={GALLIUM}&weeks=20")
    assert page.status_code == 200
    html = page.text
    tts = cli_json("tts", DEMO, "--scenario", GALLIUM)["tts_weeks"]
    assert f"{tts:,.2f} weeks" in re.search(r'<dd id="tts">(.*?)</dd>', html).group(1)  # type: ignore[union-attr]
    assert re.search(r'<dd id="duration">20\.0 weeks</dd>', html)
    assert len(re.findall(r'<tr class="product-row"', html)) == 3
    assert 'class="loss-line"' in html and "disruption length (weeks)" in html
    assert len(re.findall(r'<g class="site-node', html)) == 34
    assert 'data-mode="stock"' in html and 'data-mode="capacity"' in html


def test_scenario_page_errors_are_readable(client: TestClient) -> None:
    bad = client.get(f"/supply/scenario?network={DEMO}&scenario={GALLIUM}&weeks=soon")
    assert bad.status_code == 422 and "is not a number" in bad.text
    missing = client.get("/supply?network=atlantis")
    assert missing.status_code == 404 and "No bundled network named" in missing.text


def test_upload_needs_csrf_and_names_bad_rows(client: TestClient, tmp_path: Path) -> None:
    page = client.get("/supply")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    good = client.get(f"/api/v1/supply/networks/{DEMO}").json()
    ok = client.post("/supply/upload", data={"csrf_token": token},
                     files={"file": ("mine.yaml", yaml.safe_dump(good), "application/yaml")})
    assert ok.status_code == 200 and "uploaded file mine.yaml" in ok.text
    assert len(re.findall(r'<tr class="risk-row', ok.text)) == 34
    good["sites"][1]["capacity_per_week"] = "lots"
    bad = client.post("/supply/upload", data={"csrf_token": token},
                      files={"file": ("bad.yaml", yaml.safe_dump(good), "application/yaml")})
    assert bad.status_code == 422
    assert "bad.yaml, row sites[2], field &#39;capacity_per_week&#39;" in bad.text
    no_file = client.post("/supply/upload", data={"csrf_token": token})
    assert no_file.status_code == 422 and "No file was chosen" in no_file.text
    forged = client.post("/supply/upload", data={"csrf_token": "forged"},
                         files={"file": ("mine.yaml", "{}", "application/yaml")})
    assert forged.status_code == 403
