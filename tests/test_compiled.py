"""The compiled-build check: a compiled module built from other source than its `.py` must
stop the program with the fix, and CI must run the compiled screening code it benchmarks."""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from sangam import compiled

EXT = sysconfig.get_config_var("EXT_SUFFIX") or ".so"


def _package(root: Path, source: str) -> Path:
    """A source folder with one module `pkg.mod` and an (empty) extension beside it."""
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "mod.py").write_text(source, encoding="utf-8")
    (root / "pkg" / f"mod{EXT}").write_bytes(b"")
    return root


def _manifest(path: Path, source: str) -> Path:
    digest = hashlib.sha256(source.encode()).hexdigest()
    path.write_text(json.dumps({"modules": {"pkg.mod": digest}}), encoding="utf-8")
    return path


def test_current_build_is_not_stale(tmp_path: Path) -> None:
    root = _package(tmp_path / "src", "X = 1\n")
    manifest = _manifest(tmp_path / "compiled.json", "X = 1\n")
    assert compiled.stale_modules(["pkg.mod"], root, manifest) == []


def test_edited_source_is_stale(tmp_path: Path) -> None:
    root = _package(tmp_path / "src", "X = 2\n")  # edited after the build recorded X = 1
    manifest = _manifest(tmp_path / "compiled.json", "X = 1\n")
    assert compiled.stale_modules(["pkg.mod"], root, manifest) == ["pkg.mod"]


def test_unrecorded_extension_is_stale(tmp_path: Path) -> None:
    """An extension without a manifest (a build interrupted, a manifest deleted) cannot be
    trusted to be the source's."""
    root = _package(tmp_path / "src", "X = 1\n")
    assert compiled.stale_modules(["pkg.mod"], root, tmp_path / "missing.json") == ["pkg.mod"]


def test_plain_source_is_never_stale(tmp_path: Path) -> None:
    """Without an extension the source runs as it is: nothing to check."""
    (tmp_path / "src" / "pkg").mkdir(parents=True)
    (tmp_path / "src" / "pkg" / "mod.py").write_text("X = 1\n", encoding="utf-8")
    assert compiled.stale_modules(["pkg.mod"], tmp_path / "src", tmp_path / "none.json") == []


def test_repository_build_is_current() -> None:
    """Whatever is compiled in this checkout was built from its present sources (the
    check that guards every import of the screening package)."""
    for package, names in compiled.MODULES.items():
        assert compiled.stale_modules([f"{package}.{n}" for n in names]) == []


@pytest.mark.skipif(os.environ.get("SANGAM_EXPECT_COMPILED") != "1",
                    reason="only CI (.ci/run) requires the compiled build")
def test_ci_runs_compiled_screening() -> None:
    """CI's tests and benchmark figures are of the compiled code, not of a silent fallback."""
    for package, names in compiled.MODULES.items():
        for name in names:
            module = importlib.import_module(f"{package}.{name}")
            assert str(module.__file__).endswith(EXT), module.__file__


def test_stale_build_stops_the_command_line(tmp_path: Path) -> None:
    """The `sangam` command refuses to run stale compiled code, in one line that names the
    module and the fix (`make compile`), and exits 2 without a traceback. Run on a copy of
    the source tree with a fabricated extension, so the checkout is untouched."""
    src = Path(compiled.__file__).resolve().parents[1]
    copy = tmp_path / "src"
    shutil.copytree(src / "sangam", copy / "sangam")
    for built in (copy / "sangam").rglob(f"*{EXT}"):
        built.unlink()
    (copy / "sangam" / "compiled.json").unlink(missing_ok=True)
    (copy / "sangam" / "screening" / f"spelling{EXT}").write_bytes(b"")
    done = subprocess.run(
        [sys.executable, "-c", "from sangam.cli.main import main; main()", "lists"],
        env={**os.environ, "PYTHONPATH": str(copy)}, capture_output=True, text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "sangam.screening.spelling" in done.stderr
    assert "make compile" in done.stderr
    assert "Traceback" not in done.stderr
