"""Start-up time and peak memory of `sangam serve` with the bundled dataset loaded, against a
baseline of a bare FastAPI app on Uvicorn (the floor any server of this stack pays)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import httpx
import psutil

REPO = Path(__file__).resolve().parents[1]
QUERIES = ["UNICORN", "BEL", "INDUS X", "iDEX", "antenna mast", "defence budget", "Quad"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def measure(cmd: list[str], url: str, env: dict[str, str], paths: list[str]) -> tuple[float, float]:
    """Seconds until `url` answers, and peak RSS (MiB) after requesting `paths`."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                if httpx.get(url, timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.02)
            if time.perf_counter() - started > 60:
                raise RuntimeError(f"{cmd} did not start")
        startup = time.perf_counter() - started
        peak = 0.0
        ps = psutil.Process(proc.pid)
        for path in paths:
            httpx.get(url.rsplit("/", 1)[0] + path, timeout=10)
            peak = max(peak, ps.memory_info().rss / 2**20)
        return startup, peak
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "SANGAM_DATABASE_URL": f"sqlite:///{Path(tmp) / 'bench.db'}"}
        subprocess.run([sys.executable, "-m", "sangam.cli", "init", "--seed"], env=env,
                       check=True, capture_output=True)
        port = free_port()
        paths = [f"/api/v1/search?q={q}" for q in QUERIES] + ["/?q=UNICORN",
                                                              "/entity/proj:unicorn", "/docs"]
        ours = measure([sys.executable, "-m", "sangam.cli", "serve", "--port", str(port)],
                       f"http://127.0.0.1:{port}/api/v1/stats", env, paths)
        bare = Path(tmp) / "bare.py"
        bare.write_text(textwrap.dedent("""
            from fastapi import FastAPI
            app = FastAPI()
            @app.get("/ok")
            def ok() -> dict[str, bool]:
                return {"ok": True}
        """))
        port = free_port()
        base = measure([sys.executable, "-m", "uvicorn", "--app-dir", tmp, "bare:app",
                        "--port", str(port), "--log-level", "warning"],
                       f"http://127.0.0.1:{port}/ok", env, ["/ok"] * len(paths))
        print(f"sangam serve: start-up {ours[0]:.2f} s, peak RSS {ours[1]:.0f} MiB")
        print(f"bare FastAPI: start-up {base[0]:.2f} s, peak RSS {base[1]:.0f} MiB")
        print(f"ratio: start-up {ours[0] / base[0]:.1f}×, memory {ours[1] / base[1]:.1f}×")


if __name__ == "__main__":
    main()
