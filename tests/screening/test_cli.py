"""The `sangam screen` and `sangam lists` commands: the DESIGN.md JSON contract, the batch
file contract, list import, staleness warnings, and plain errors (exit 2, no traceback).

Scores move while the matcher is tuned, so these tests assert structure and clear-cut bands
(an exact listed name is a match at rank 1; a well-known unlisted firm raises no match-band
alert), never exact score values.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sangam.cli.main import app as cli_app
from sangam.cli.main import main as cli_main
from sangam.cli.output import console, err_console
from sangam.screening import MATCH_THRESHOLD, load_lists
from sangam.screening.index import ScreeningIndex

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data" / "screening"
runner = CliRunner()

#: An exact listed name and the entry it must find first (US CSL, Entity List row).
LISTED = "Huawei Technologies Co., Ltd."
LISTED_ENTRY = ("us-csl", "30947")
#: Listed on both OFAC's SDN list and the CSL; used to check --lists.
SDN_NAME = "ROSNEFT TRADING S.A."
SDN_ENTRY = ("us-ofac-sdn", "18299")
#: Large Indian and Japanese defence firms that are on none of the bundled lists.
UNLISTED = ("Larsen & Toubro Limited", "Mitsubishi Heavy Industries")
BUNDLED = {"us-ofac-sdn", "us-csl", "un-sc", "jp-meti-russia", "jp-meti-third-country",
           "jp-meti-belarus"}
MATCH_KEYS = {"list", "source_id", "name", "matched_name", "score", "band", "programs",
              "explanation", "list_date"}
RESULT_COLUMNS = ["list", "source_id", "matched_name", "score", "band"]


@pytest.fixture(autouse=True)
def _warm(index: ScreeningIndex) -> None:
    """Build the index once per session (the CLI then finds it cached)."""


@pytest.fixture
def wide() -> Iterator[None]:
    """Rich tables wrap at the 80 columns of a non-terminal; widen them so cells stay whole."""
    saved = console._width, err_console._width
    console._width = err_console._width = 250
    yield
    console._width, err_console._width = saved


def cli_json(*args: str) -> dict[str, Any]:
    result = runner.invoke(cli_app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def run_main(args: list[str], monkeypatch: pytest.MonkeyPatch,
             capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the real entry point (which renders user errors and exits 2) in this process.

    Returns the exit code, stdout, and stderr with its line wrapping undone."""
    monkeypatch.setattr(sys, "argv", ["sangam", *args])
    with pytest.raises(SystemExit) as stop:
        cli_main()
    captured = capsys.readouterr()
    code = stop.value.code
    return (code if isinstance(code, int) else 1), captured.out, " ".join(captured.err.split())


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_unlisted_names_really_are_unlisted() -> None:
    """The premise of the no-alert checks below: no entry carries these names."""
    wanted = {n.casefold() for n in UNLISTED}
    for parsed in load_lists().values():
        for entry in parsed.entries:
            assert not wanted & {n.casefold() for n in entry.all_names()}, entry


# --- sangam screen NAME --json ---------------------------------------------------------


def test_screen_json_contract() -> None:
    data = cli_json("screen", LISTED)
    assert data["query"] == LISTED
    matches = data["matches"]
    assert matches, data
    top = matches[0]
    assert (top["list"], top["source_id"]) == LISTED_ENTRY
    assert top["band"] == "match" and data["band"] == "match"
    assert "HUAWEI" in top["name"].upper()
    published = {s["list"]: s["published"] for s in cli_json("lists")["lists"]}
    for m in matches:
        assert set(m) >= MATCH_KEYS, m
        assert isinstance(m["score"], float) and 0.0 <= m["score"] <= 1.0
        assert m["band"] in ("match", "review")
        assert isinstance(m["programs"], list)
        assert isinstance(m["explanation"], str) and m["explanation"].strip()
        assert m["list_date"] == published[m["list"]]
        date.fromisoformat(m["list_date"])
    scores = [m["score"] for m in matches]
    assert scores == sorted(scores, reverse=True)
    assert {s["list"] for s in data["lists"]} == BUNDLED


@pytest.mark.parametrize("name", UNLISTED)
def test_unlisted_name_raises_no_match_alert(name: str) -> None:
    data = cli_json("screen", name)
    assert data["band"] != "match"
    assert all(m["band"] != "match" for m in data["matches"]), data["matches"]


def test_threshold_never_adds_alerts_and_is_a_floor() -> None:
    counts = []
    for threshold in ("0.5", "0.7", "0.8", "0.9", "0.99", "1"):
        data = cli_json("screen", "Rosneft Trading", "--threshold", threshold)
        cut = float(threshold)
        assert data["threshold"] == cut
        for m in data["matches"]:
            assert m["score"] >= cut
            assert m["band"] == ("match" if m["score"] >= max(cut, MATCH_THRESHOLD) else "review")
        counts.append(len(data["matches"]))
    assert counts == sorted(counts, reverse=True), counts
    assert counts[0] > counts[-1], counts  # the thresholds do cut something here


def test_country_is_echoed_and_soft() -> None:
    home = cli_json("screen", LISTED, "--country", "cn")
    assert home["country"] == "CN"
    assert (home["matches"][0]["list"], home["matches"][0]["source_id"]) == LISTED_ENTRY
    assert home["matches"][0]["band"] == "match"
    # A different country is a soft signal, not a filter: the listed entry is still an alert.
    away = cli_json("screen", LISTED, "--country", "JP")
    assert away["country"] == "JP"
    assert LISTED_ENTRY in {(m["list"], m["source_id"]) for m in away["matches"]}


def test_lists_option_restricts_lists() -> None:
    everywhere = cli_json("screen", SDN_NAME)
    assert len({m["list"] for m in everywhere["matches"]}) > 1
    only_sdn = cli_json("screen", SDN_NAME, "--lists", "us-ofac-sdn")
    assert {m["list"] for m in only_sdn["matches"]} == {"us-ofac-sdn"}
    assert (only_sdn["matches"][0]["list"], only_sdn["matches"][0]["source_id"]) == SDN_ENTRY
    assert only_sdn["matches"][0]["band"] == "match"
    assert [s["list"] for s in only_sdn["lists"]] == ["us-ofac-sdn"]
    two = cli_json("screen", SDN_NAME, "--lists", "un-sc, us-csl")
    assert {m["list"] for m in two["matches"]} <= {"un-sc", "us-csl"}
    assert {s["list"] for s in two["lists"]} == {"un-sc", "us-csl"}


@pytest.mark.parametrize(("args", "expected"), [
    (["screen", LISTED, "--lists", "us-csl,no-such-list"], "Unknown list(s): no-such-list"),
    (["screen", LISTED, "--country", "China"], "not an ISO 3166-1 alpha-2 code"),
    (["screen", LISTED, "--threshold", "1.5"], "outside (0, 1]"),
    (["screen", "   "], "empty"),
    (["screen"], "Give a NAME to screen"),
])
def test_screen_errors_are_plain_and_exit_2(
    args: list[str], expected: str, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run_main(args, monkeypatch, capsys)
    assert code == 2
    assert out == ""
    assert err.startswith("Error:") and expected in err, err
    assert "Traceback" not in err


def test_unknown_list_error_names_the_available_lists(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_main(["screen", LISTED, "--lists", "eu-fsf"], monkeypatch, capsys)
    assert code == 2
    assert all(list_id in err for list_id in BUNDLED), err


def test_screen_table_shows_match_explanation_and_list_date(
    wide: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SANGAM_LIST_MAX_AGE_DAYS", "100000")
    result = runner.invoke(cli_app, ["screen", LISTED, "--lists", "us-csl"])
    assert result.exit_code == 0, result.output
    assert "30947" in result.stdout and "match" in result.stdout
    assert "(2023-11-30)" in result.stdout  # the CSL snapshot's date, beside the list
    assert "aligned" in result.stdout  # the explanation column
    assert "Warning" not in result.stderr


def test_names_with_brackets_are_printed_not_read_as_markup(wide: None) -> None:
    """Rich markup in a screened name must neither style the output nor crash it."""
    for name in ("[/x] Unlisted Trading", "ACME [bold]Widgets[/bold] Ltd"):
        result = runner.invoke(cli_app, ["screen", name])
        assert result.exit_code == 0, result.output
        assert name in result.stdout


# --- staleness ----------------------------------------------------------------------------


def test_stale_lists_warn(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SANGAM_LIST_MAX_AGE_DAYS", "1")
    data = cli_json("screen", LISTED)
    assert len(data["warnings"]) == len(BUNDLED)
    for list_id in BUNDLED:
        assert any(list_id in w for w in data["warnings"]), list_id
    shown = runner.invoke(cli_app, ["screen", LISTED])
    assert shown.exit_code == 0
    assert "Warning:" in shown.stderr and "us-csl" in shown.stderr
    lists = cli_json("lists")
    assert lists["max_age_days"] == 1
    assert all(s["stale"] for s in lists["lists"])

    monkeypatch.setenv("SANGAM_LIST_MAX_AGE_DAYS", "100000")
    assert cli_json("screen", LISTED)["warnings"] == []
    assert not any(s["stale"] for s in cli_json("lists")["lists"])
    assert "Warning" not in runner.invoke(cli_app, ["screen", LISTED]).stderr


# --- batch: sangam screen --file ------------------------------------------------------------


@pytest.fixture
def names_csv(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "applicants.csv", [
        ["id", "name", "note"],
        ["1", LISTED, "listed"],
        ["2", UNLISTED[0], "unlisted, Indian"],
        ["3", "", "blank name"],
        ["4", SDN_NAME, 'quoted "note"'],
        ["5", UNLISTED[1], "unlisted, Japanese"],
    ])


def test_batch_csv_output_contract(names_csv: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.csv"
    result = runner.invoke(cli_app, ["screen", "--file", str(names_csv), "--column", "name",
                                     "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Screened 5 names" in " ".join(result.stderr.split())
    with out.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == ["id", "name", "note", *RESULT_COLUMNS]
    rows = read_csv(out)
    inputs = read_csv(names_csv)
    assert len(rows) == len(inputs) == 5
    for row, given in zip(rows, inputs, strict=True):
        assert {k: row[k] for k in given} == given  # input columns kept, in order
    listed = rows[0]
    assert (listed["list"], listed["source_id"], listed["band"]) == (*LISTED_ENTRY, "match")
    assert "HUAWEI" in listed["matched_name"].upper()
    assert 0.0 <= float(listed["score"]) <= 1.0
    blank = rows[2]
    assert all(blank[c] == "" for c in RESULT_COLUMNS)
    assert rows[3]["band"] == "match"
    for row in (rows[1], rows[4]):
        assert row["band"] in ("", "review")
        if row["band"] == "":
            assert all(row[c] == "" for c in RESULT_COLUMNS)


def test_batch_jsonl_output_matches_csv(names_csv: Path, tmp_path: Path) -> None:
    out_jsonl, out_csv = tmp_path / "results.jsonl", tmp_path / "results.csv"
    for out in (out_jsonl, out_csv):
        result = runner.invoke(cli_app, ["screen", "--file", str(names_csv), "--out", str(out),
                                         "--lists", "us-csl,us-ofac-sdn"])
        assert result.exit_code == 0, result.output
    lines = out_jsonl.read_text(encoding="utf-8").splitlines()
    results = [json.loads(line) for line in lines]
    assert [r["query"] for r in results] == [r["name"] for r in read_csv(names_csv)]
    for result, row in zip(results, read_csv(out_csv), strict=True):
        assert {"query", "matches"} <= set(result)
        for m in result["matches"]:
            assert set(m) >= MATCH_KEYS and m["list"] in ("us-csl", "us-ofac-sdn")
        best = result["matches"][0] if result["matches"] else None
        assert row["source_id"] == (best["source_id"] if best else "")
        assert row["list"] == (best["list"] if best else "")
    assert (results[0]["matches"][0]["list"], results[0]["matches"][0]["source_id"]) \
        == LISTED_ENTRY


def test_batch_accepts_a_byte_order_mark_and_another_column(tmp_path: Path) -> None:
    src = tmp_path / "excel.csv"
    src.write_bytes("\ufeffOrganisation;x\n".replace(";", ",").encode("utf-8")
                    + f'"{LISTED}",1\n'.encode())
    out = tmp_path / "r.csv"
    result = runner.invoke(cli_app, ["screen", "--file", str(src), "--column", "Organisation",
                                     "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = read_csv(out)
    assert len(rows) == 1 and rows[0]["source_id"] == LISTED_ENTRY[1]


@pytest.mark.parametrize(("content", "args", "expected"), [
    ("nom,pays\nToshiba,JP\n", ["--column", "name"],
     ["applicants.csv", "no column 'name'", "columns: nom, pays", "--column"]),
    ("", [], ["applicants.csv", "empty"]),
    ("name,x\nToshiba,1,extra\n", [], ["applicants.csv", "row 2", "more fields"]),
    ("name,score\nToshiba,1\n", [], ["applicants.csv", "already has column(s) score"]),
    ("name,name\nToshiba,Toshiba\n", [], ["applicants.csv", "repeats column(s) name"]),
    (b"name\nTo\xffshiba\n", [], ["applicants.csv", "row 2", "UTF-8"]),
])
def test_batch_bad_input_files(
    content: str | bytes, args: list[str], expected: list[str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    src = tmp_path / "applicants.csv"
    if isinstance(content, bytes):
        src.write_bytes(content)
    else:
        src.write_text(content, encoding="utf-8")
    out = tmp_path / "r.csv"
    code, _, err = run_main(["screen", "--file", str(src), "--out", str(out), *args],
                            monkeypatch, capsys)
    assert code == 2
    assert all(part in err for part in expected), err
    assert "Traceback" not in err
    assert not out.exists()


@pytest.mark.parametrize(("out_name", "expected"), [
    ("results.txt", "Cannot write 'results.txt'"),
    ("missing-folder/results.csv", "does not exist"),
    (None, "--file needs --out"),
])
def test_batch_bad_out(
    out_name: str | None, expected: str, names_csv: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["screen", "--file", str(names_csv)]
    if out_name:
        args += ["--out", str(tmp_path / out_name)]
    code, _, err = run_main(args, monkeypatch, capsys)
    assert code == 2 and expected in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["applicants.csv"]


def test_batch_missing_input_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_main(["screen", "--file", str(tmp_path / "nope.csv"), "--out",
                             str(tmp_path / "r.csv")], monkeypatch, capsys)
    assert code == 2 and "nope.csv does not exist" in err


def test_installed_command_error_has_no_traceback(tmp_path: Path) -> None:
    """The same error through `python -m sangam.cli`, as a user's shell runs it."""
    src = write_csv(tmp_path / "in.csv", [["company"], ["Toshiba"]])
    proc = subprocess.run(
        [sys.executable, "-m", "sangam.cli", "screen", "--file", str(src), "--column", "name",
         "--out", str(tmp_path / "r.csv")],
        capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"}, timeout=60,
    )
    assert proc.returncode == 2
    assert "no column 'name' (columns: company)" in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""


# --- sangam lists ---------------------------------------------------------------------------


def test_lists_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SANGAM_LIST_MAX_AGE_DAYS", "400")
    data = cli_json("lists")
    assert data["max_age_days"] == 400
    by_id = {s["list"]: s for s in data["lists"]}
    assert set(by_id) == BUNDLED
    for s in by_id.values():
        assert {"list", "title", "entries", "published", "age_days", "stale", "date_note"} \
            <= set(s)
        assert isinstance(s["entries"], int) and s["entries"] > 0
        assert s["age_days"] == (date.today() - date.fromisoformat(s["published"])).days
        assert s["stale"] == (s["age_days"] > 400)
    assert by_id["us-ofac-sdn"]["published"] == "2024-05-03"
    assert by_id["us-csl"]["published"] == "2023-11-30"
    assert by_id["jp-meti-belarus"]["entries"] == len(load_lists()["jp-meti-belarus"].entries)


def test_lists_table(wide: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SANGAM_LIST_MAX_AGE_DAYS", "1")
    result = runner.invoke(cli_app, ["lists"])
    assert result.exit_code == 0, result.output
    statuses = cli_json("lists")["lists"]
    for s in statuses:
        assert s["list"] in result.stdout
        assert s["published"] in result.stdout
        assert str(s["entries"]) in result.stdout
        assert f"{s['age_days']} (stale)" in result.stdout


# --- sangam lists import --------------------------------------------------------------------


def small_csl(path: Path, data_rows: int = 3) -> Path:
    """The first rows of the bundled CSL file, in its official CSV form, with its quirk of a
    repeated header line kept."""
    source = DATA / "us_csl" / "consolidated_partial_2023.csv"
    with source.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows: list[list[str]] = []
        for row in reader:
            if row == header and not rows:
                rows.append(row)  # the repeated header
            elif row != header:
                rows.append(row)
            if len(rows) > data_rows:
                break
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def test_lists_import_then_malformed_import_changes_nothing(
    store_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    good = small_csl(tmp_path / "consolidated.csv")
    info = cli_json("lists", "import", "--format", "us-csl", str(good),
                    "--published", "2025-06-01")
    assert info["list_id"] == "us-csl" and info["entries"] == 3
    assert info["published"] == "2025-06-01"
    stored = store_dir / "us-csl.json"
    before = stored.read_bytes()
    by_id = {s["list"]: s for s in cli_json("lists")["lists"]}
    assert by_id["us-csl"]["entries"] == 3 and by_id["us-csl"]["published"] == "2025-06-01"
    assert by_id["us-ofac-sdn"]["published"] == "2024-05-03"  # the others stay bundled

    text = good.read_text(encoding="utf-8")
    bad_line = text.count("\n") + 1
    bad = tmp_path / "consolidated-broken.csv"
    bad.write_text(text + '"999","x","1","Entity","P","Broken Row","","","",' + "," * 40 + "\n",
                   encoding="utf-8")
    code, _, err = run_main(["lists", "import", "--format", "us-csl", str(bad)],
                            monkeypatch, capsys)
    assert code == 2
    assert f"consolidated-broken.csv, row {bad_line}" in err, err
    assert "nothing was changed" in err
    assert stored.read_bytes() == before
    assert sorted(p.name for p in store_dir.iterdir()) == ["us-csl.json"]  # no temp files

    headless = tmp_path / "no-header.csv"
    headless.write_text("name,source\nX,Y\n", encoding="utf-8")
    code, _, err = run_main(["lists", "import", "--format", "us-csl", str(headless)],
                            monkeypatch, capsys)
    assert code == 2 and "no-header.csv, row 1" in err and "_id" in err, err
    assert stored.read_bytes() == before
    assert cli_json("lists")["lists"][0]  # still readable
    assert {s["list"]: s for s in cli_json("lists")["lists"]}["us-csl"]["entries"] == 3


def test_lists_import_table_output(store_dir: Path, tmp_path: Path) -> None:
    good = small_csl(tmp_path / "consolidated.csv", data_rows=2)
    result = runner.invoke(cli_app, ["lists", "import", "--format", "us-csl", str(good),
                                     "--published", "2025-06-01", "--list-id", "csl-sample"])
    assert result.exit_code == 0, result.output
    assert "Imported csl-sample: 2 entries, published 2025-06-01" in " ".join(
        result.stdout.split())
    assert (store_dir / "csl-sample.json").is_file()


@pytest.mark.parametrize(("args", "expected"), [
    (["--format", "pdf", "README.pdf"], "Unknown list format 'pdf'"),
    (["--format", "us-csl", "missing.csv"], "does not exist"),
    (["--format", "us-csl", "{good}", "--published", "June 2025"], "is not a date"),
    (["--format", "us-csl", "{good}", "--list-id", "../evil"], "only letters, digits"),
])
def test_lists_import_errors(
    args: list[str], expected: str, store_dir: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    good = small_csl(tmp_path / "consolidated.csv")
    args = [a.replace("{good}", str(good)) for a in args]
    code, _, err = run_main(["lists", "import", *args], monkeypatch, capsys)
    assert code == 2 and expected in err, err
    assert "Traceback" not in err
    assert not store_dir.exists() or not any(store_dir.iterdir())
