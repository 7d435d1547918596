"""The web UI in a real browser (Debian's Chromium driven by Playwright) against a real
`sangam serve` subprocess on a loaded SQLite database."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.conftest import FIXTURES

CHROMIUM = os.environ.get("SANGAM_TEST_CHROMIUM") or shutil.which("chromium")
pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("web")
    env = {**os.environ, "SANGAM_DATABASE_URL": f"sqlite:///{tmp / 'web.db'}"}
    sangam = [sys.executable, "-m", "sangam.cli"]
    subprocess.run([*sangam, "init"], env=env, check=True, capture_output=True)
    subprocess.run([*sangam, "load", str(FIXTURES / "kb")], env=env, check=True,
                   capture_output=True)
    port = _free_port()
    proc = subprocess.Popen([*sangam, "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(base + "/api/v1/stats", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            pytest.fail("sangam serve did not start")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[object]:
    if not CHROMIUM:
        pytest.skip("Chromium not installed (.ci/run installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield browser.new_page()
        browser.close()


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
