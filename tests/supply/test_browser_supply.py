"""The supply pages in a real browser (Chromium driven by Playwright) against a real
`sangam serve` subprocess: choose a scenario, see it on the graph, follow it to the chart."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.web.test_browser import page, server

# The `sangam serve` subprocess and the Chromium page are the web tests' own fixtures
# (Chromium from SANGAM_TEST_CHROMIUM; skipped when absent), reused rather than copied.
__all__ = ["page", "server"]
pytestmark = pytest.mark.browser


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
    expect(page.locator("#lost-value")).to_have_text("0 USD")
    page.screenshot(path=str(tmp_path / "supply-scenario.png"), full_page=True)
