"""The supply pages in a real browser (Chromium driven by Playwright) against a real
`sangam serve` subprocess: choose a scenario, see it on the graph, follow it to the chart."""

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

CHROMIUM = os.environ.get("SANGAM_TEST_CHROMIUM") or shutil.which("chromium")
pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not CHROMIUM:
        pytest.skip("Chromium not installed (.ci/run installs Debian's chromium)")
    tmp = tmp_path_factory.mktemp("supply-web")
    env = {**os.environ, "SANGAM_DATABASE_URL": f"sqlite:///{tmp / 'web.db'}"}
    sangam = [sys.executable, "-m", "sangam.cli"]
    subprocess.run([*sangam, "init"], env=env, check=True, capture_output=True)
    port = _free_port()
    proc = subprocess.Popen([*sangam, "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(base + "/api/v1/supply/networks", timeout=1).status_code == 200:
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
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield browser.new_page()
        browser.close()


def test_network_scenario_and_chart(server: str, page: object, tmp_path: Path) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto(server + "/")
    page.click("nav >> text=Supply")
    expect(page.locator("h1")).to_have_text("Supply-chain risk: defence-demo")
    expect(page.locator("svg g.site-node")).to_have_count(34)
    expect(page.locator("#risk-table tbody tr")).to_have_count(34)
    expect(page.locator("#risk-table tbody tr").first).to_contain_text("mast-us")
    page.select_option("select[name=scenario]", "cn-gallium-embargo")
    page.click("form.supply-form button[type=submit]")
    expect(page.locator(".scenario-summary h2")).to_contain_text("China gallium export ban")
    expect(page.locator("svg path.link.cut")).to_have_count(4)
    page.click("text=Loss over time and mitigations")
    expect(page.locator("#tts")).to_contain_text("9.58 weeks")
    expect(page.locator(".supply-chart path.loss-line")).to_have_count(1)
    expect(page.locator("#product-table tbody tr")).to_have_count(3)
    page.fill("input[name=weeks]", "8")
    page.click("form.supply-form button[type=submit]")
    expect(page.locator("#duration")).to_have_text("8.0 weeks")
    expect(page.locator("#lost-value")).to_have_text("0 value units")
    page.screenshot(path=str(tmp_path / "supply-scenario.png"), full_page=True)
