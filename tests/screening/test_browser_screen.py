"""The /screen page in a real browser (Debian's Chromium driven by Playwright) against a real
`sangam serve` subprocess: screen one typed name, then upload a CSV and download results."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.web.serving import chromium_page, running_server

pytestmark = pytest.mark.browser

LISTED = "Huawei Technologies Co., Ltd."
LISTED_ID = "30947"
UNLISTED = "Larsen & Toubro Limited"
RESULT_COLUMNS = ["list", "source_id", "matched_name", "score", "band"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("screen-web")
    env = {"SANGAM_SCREENING_DIR": str(tmp / "lists"), "SANGAM_LIST_MAX_AGE_DAYS": "100000"}
    with running_server(tmp, "/api/v1/lists", env) as base:
        # Build the server's index before the browser's first, timed, expectation.
        warm = httpx.get(base + "/screen", params={"name": "warm up"}, timeout=60)
        assert warm.status_code == 200
        yield base


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[object]:
    with chromium_page(accept_downloads=True) as page:
        yield page


def test_screen_a_typed_name(server: str, page: object, tmp_path: Path) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto(server + "/screen")
    form = page.locator("form.screen-form")
    form.locator("input[name=name]").fill(LISTED)
    form.locator("input[name=country]").fill("CN")
    form.locator("button[type=submit]").click()
    result = page.locator("section.screen-result")
    expect(result).to_have_attribute("data-band", "match")
    top = result.locator("table.matches tbody tr").first
    expect(top.locator("td").nth(0)).to_have_text("match")
    expect(top).to_contain_text(LISTED_ID)
    expect(top).to_contain_text("us-csl")
    expect(top).to_contain_text("2023-11-30")  # the date of the list it came from
    expect(top.locator("td.explanation")).to_contain_text("aligned")
    expect(form.locator("input[name=name]")).to_have_value(LISTED)
    page.screenshot(path=str(tmp_path / "screen.png"))

    form.locator("input[name=name]").fill(UNLISTED)
    form.locator("input[name=country]").fill("")
    form.locator("button[type=submit]").click()
    expect(result.locator("h2")).to_contain_text(UNLISTED)
    expect(result).not_to_have_attribute("data-band", "match")


def test_upload_a_csv_and_download_results(server: str, page: object, tmp_path: Path) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    src = tmp_path / "applicants.csv"
    with src.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["ref", "name"], ["a1", LISTED], ["a2", UNLISTED],
                                      ["a3", "<b>bold</b>"]])
    page.goto(server + "/screen")
    batch = page.locator("form.batch-form")
    batch.locator("input[name=file]").set_input_files(str(src))
    batch.locator("button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Screening results for applicants.csv")
    rows = page.locator("table.matches tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0).locator("td").nth(2)).to_have_text("match")
    expect(rows.nth(0)).to_contain_text("2023-11-30")
    expect(rows.nth(0).locator("td.explanation")).to_contain_text("aligned")
    expect(rows.nth(2).locator("td").nth(1)).to_have_text("<b>bold</b>")  # shown, not run
    page.screenshot(path=str(tmp_path / "batch.png"))

    with page.expect_download() as info:
        page.locator("a.download").click()
    saved = tmp_path / "from-page.csv"
    info.value.save_as(saved)
    check_results(saved)

    # The other route to a download: choose it in the form before uploading.
    page.goto(server + "/screen")
    batch.locator("input[name=file]").set_input_files(str(src))
    batch.locator("select[name=output]").select_option("csv")
    with page.expect_download() as info:
        batch.locator("button[type=submit]").click()
    assert info.value.suggested_filename == "screening.csv"
    direct = tmp_path / "direct.csv"
    info.value.save_as(direct)
    check_results(direct)
    assert direct.read_text(encoding="utf-8") == saved.read_text(encoding="utf-8")


def check_results(path: Path) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == ["ref", "name", *RESULT_COLUMNS]
        rows = list(reader)
    assert [r["ref"] for r in rows] == ["a1", "a2", "a3"]
    assert (rows[0]["list"], rows[0]["source_id"], rows[0]["band"]) == ("us-csl", LISTED_ID,
                                                                         "match")
    assert rows[1]["band"] in ("", "review")
