"""The importer on the real eCFR Part 121 file, the overlay, batch, memo, CLI and API."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import typer
from tests.regulatory.conftest import DATA, ask
from typer.testing import CliRunner

from sangam.errors import InvalidInput, ValidationFailed
from sangam.regulatory.batch import read_queries, run_batch, write_results
from sangam.regulatory.ecfr_import import import_file
from sangam.regulatory.memo import write_memo
from sangam.regulatory.tables import load_tables

PART_121 = DATA / "ecfr" / "title-22-part-121.xml"
CHART = DATA / "ear_country_chart_full.csv"


def test_import_real_part_121(tmp_path: Path) -> None:
    written = import_file(PART_121, tmp_path, CHART, as_of="2026-06-25")
    assert {t.file for t in written} == {"usml_categories.csv", "usml_paragraphs.csv"}
    with (tmp_path / "usml_paragraphs.csv").open() as handle:
        rows = {r["code"]: r for r in csv.DictReader(handle)}
    with (tmp_path / "usml_categories.csv").open() as handle:
        cats = list(csv.DictReader(handle))
    assert len(cats) == 21 and cats[10]["title"] == "Military Electronics"
    assert rows["XI(a)(1)"]["sme"] == "yes"  # "* (1) Underwater hardware…"
    assert rows["VIII(i)"]["text"].startswith("Technical data")  # top-level (i), not roman
    assert "XI(x)" in rows and rows["XI(e)"]["range_end"] == "w"
    meta = json.loads((tmp_path / "usml_paragraphs.csv.meta.json").read_text())
    assert meta["as_of"] == "2026-06-25"
    assert not list(tmp_path.glob(".*.tmp"))
    tables = load_tables(DATA, tmp_path)
    assert tables["usml_paragraphs"].info.overlaid
    assert tables["usml_paragraphs"].info.unverified == 0


def test_import_needs_a_date_when_the_file_has_none(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as err:
        import_file(PART_121, tmp_path, CHART)
    assert "--as-of" in (err.value.hint or "")


def test_import_part_738_gpo_table(tmp_path: Path) -> None:
    xml = tmp_path / "p738.xml"
    heads = "".join(f'<CHED H="2">{c[:2]} {c[2]}</CHED>' for c in (
        "CB1", "CB2", "CB3", "NP1", "NP2", "NS1", "NS2", "MT1", "RS1", "RS2", "FC1", "CC1",
        "CC2", "CC3", "AT1", "AT2"))
    xml.write_text(
        '<DIV5 N="738" TYPE="PART" hierarchy_metadata="{&quot;path&quot;:&quot;/on/'
        '2026-09-24/title-15/part-738&quot;,&quot;citation&quot;:&quot;15 CFR Part 738&quot;}">'
        f'<GPOTABLE><BOXHD><CHED H="1">Countries</CHED>{heads}</BOXHD>'
        '<ROW><ENT I="01">India<SU>7</SU></ENT><ENT>X</ENT><ENT/><ENT/><ENT>X</ENT><ENT/>'
        '<ENT>X</ENT><ENT/><ENT>X</ENT><ENT>X</ENT><ENT/><ENT/><ENT/><ENT/><ENT/><ENT/><ENT/>'
        '</ROW></GPOTABLE></DIV5>', encoding="utf-8")
    written = import_file(xml, tmp_path / "out", CHART)
    assert written[0].as_of == "2026-09-24"
    with (tmp_path / "out" / "ear_country_chart_full.csv").open() as handle:
        row = next(csv.DictReader(handle))
    assert row["iso2"] == "IN" and row["footnotes"] == "7"
    assert [c for c in ("CB1", "NP1", "NS1", "MT1", "RS1", "NS2") if row[c] == "X"] == [
        "CB1", "NP1", "NS1", "MT1", "RS1"]


def test_batch_csv_roundtrip_and_validation(tmp_path: Path, book) -> None:
    plan = tmp_path / "plan.csv"
    plan.write_text("item,from,to,kind,end_user\n5A002,US,IN,hardware,\nEAR99,US,JP,,\n"
                    "5A002,US,IN,hardware,\n", encoding="utf-8")
    rows, queries = read_queries(plan, book)
    out = tmp_path / "r.csv"
    assert write_results(rows, run_batch(queries, book, screen=None), out) == 3
    with out.open() as handle:
        result = list(csv.DictReader(handle))
    assert [r["licence_required"] for r in result] == ["yes", "no", "yes"]
    bad = tmp_path / "bad.csv"
    bad.write_text("item,from,to,value\n5A002,US,XX,\n5A002,US,IN,abc\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as err:
        read_queries(bad, book)
    assert [p.row for p in err.value.problems] == [2, 3]
    assert err.value.problems[1].field == "value"


def test_memo_markdown_and_html(tmp_path: Path, book) -> None:
    paths = write_memo(ask(book, "5A002", "US", "IN"), tmp_path / "memo")
    md, page = (p.read_text() for p in paths)
    assert "## US EAR — licence required: yes" in md
    assert "Unverified rule rows used" in md and "not legal advice" in md
    assert page.startswith("<!doctype html>") and "<h2>US EAR" in page


def test_cli_pathfind_json_and_error() -> None:
    from sangam.cli import regulatory as cli

    app = typer.Typer()
    cli.register(app)

    @app.callback()
    def _root() -> None:
        """Root so subcommands are named."""

    runner = CliRunner()
    result = runner.invoke(app, ["pathfind", "--item", "5A002", "--from", "US", "--to", "IN",
                                 "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    first = data["determinations"][0]
    assert set(first) >= {"regime", "licence_required", "reasons", "exceptions", "authority",
                          "typical_days", "citations", "explanation"}
    assert "screening" in data
    result = runner.invoke(app, ["rules", "--json"])
    assert result.exit_code == 0
    assert any(t["name"] == "ccl_eccns" for t in json.loads(result.stdout)["tables"])
    bad = runner.invoke(app, ["pathfind", "--item", "ZZZ", "--from", "US", "--to", "IN"])
    assert isinstance(bad.exception, InvalidInput)


def test_api_pathfind_and_error_shape() -> None:
    from fastapi.testclient import TestClient

    from sangam.api.app import create_app

    client = TestClient(create_app())
    ok = client.post("/api/v1/pathfind", json={"item": "USML-XI(c)", "from": "US", "to": "IN"})
    assert ok.status_code == 200
    assert ok.json()["determinations"][0]["regime"] == "US ITAR"
    bad = client.post("/api/v1/pathfind", json={"item": "5A002", "from": "US", "to": "UK"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_input"
    page = client.get("/pathfind", params={"item": "EAR99", "from": "US", "to": "JP"})
    assert page.status_code == 200 and "licence required" in page.text
    memo = client.get("/pathfind/memo", params={"item": "EAR99", "from": "US", "to": "JP",
                                                 "format": "md"})
    assert memo.status_code == 200 and "# Export-control determination memo" in memo.text
