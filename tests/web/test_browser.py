"""The web UI in a real browser (Debian's Chromium driven by Playwright) against a real
`sangam serve` subprocess on a loaded SQLite database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import FIXTURES
from tests.web.serving import chromium_page, running_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("web")
    with running_server(tmp, "/api/v1/stats", setup=[["load", str(FIXTURES / "kb")]]) as base:
        yield base


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[object]:
    with chromium_page() as page:
        yield page


def test_search_then_open_entity(server: str, page: object, tmp_path: Path) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto(server + "/")
    page.fill("input[name=q]", "INDUS X")
    page.click("button[type=submit]")
    expect(page.locator("#results li").first).to_contain_text("INDUS-X")
    page.fill("input[name=q]", "UNICORN")
    page.select_option("select[name=schema]", "Project")
    page.click("button[type=submit]")
    page.click("#results li a")
    expect(page.locator("h1")).to_have_text("UNICORN integrated antenna mast")
    expect(page.locator("#statements")).to_contain_text("about USD 35 million for the first units")
    page.click("text=NEC Corporation")
    expect(page.locator("h1")).to_have_text("NEC Corporation")
    expect(page.locator("body")).to_contain_text("UNICORN integrated antenna mast")
    page.screenshot(path=str(tmp_path / "entity.png"))


def test_conflicts_are_shown(server: str, page: object) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto(server + "/entity/ind:japan-defence-budget-2025")
    expect(page.locator(".conflicts")).to_contain_text("jp-budget-2025")


def test_unknown_entity_page_explains(server: str, page: object) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto(server + "/entity/org:nobody")
    expect(page.locator(".error h1")).to_contain_text("No entity with id")
