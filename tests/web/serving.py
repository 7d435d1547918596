"""A real `sangam serve` subprocess and a real Chromium page, shared by the browser tests of
every pillar (tests/web, tests/screening, tests/supply) so each starts them the same way."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

CHROMIUM = os.environ.get("SANGAM_TEST_CHROMIUM") or shutil.which("chromium")
SANGAM = [sys.executable, "-m", "sangam.cli"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def running_server(
    tmp: Path,
    ready_path: str,
    extra_env: dict[str, str] | None = None,
    setup: Sequence[Sequence[str]] = (),
) -> Iterator[str]:
    """`sangam init`, then each `setup` command, then `sangam serve` on a free port; yields
    the base URL once `ready_path` answers 200 and stops the server afterwards."""
    env = {**os.environ, "SANGAM_DATABASE_URL": f"sqlite:///{tmp / 'web.db'}",
           **(extra_env or {})}
    for args in (["init"], *setup):
        subprocess.run([*SANGAM, *args], env=env, check=True, capture_output=True)
    port = free_port()
    proc = subprocess.Popen([*SANGAM, "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if httpx.get(base + ready_path, timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            pytest.fail("sangam serve did not start")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@contextmanager
def chromium_page(accept_downloads: bool = False) -> Iterator[Any]:
    """A Playwright page in Debian's Chromium; skips the test when Chromium is absent."""
    if not CHROMIUM:
        pytest.skip("Chromium not installed (.ci/run installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        context = browser.new_context(accept_downloads=accept_downloads)
        try:
            yield context.new_page()
        finally:
            context.close()
            browser.close()
