"""The screening hot path compiled with mypyc, and the check that the build is current.

Screening a batch spends its time in plain Python loops over dicts and lists: preparing a
query's readings, bounding candidates, aligning tokens. mypyc compiles those typed modules,
unchanged, into C extensions that run the same code faster (16-19% more names per second
in the batch benchmark; see docs/performance.md); the sources stay the documentation and
the fallback, since every module also runs as plain Python where no C compiler is at hand.

The extensions are built beside their sources (`make compile`, which `make run`, `make test`
and `make bench` call; not in git), and Python imports an extension before a `.py` of the
same name: an edited source whose extension was not rebuilt would run the old code without
a word. So the build records each source's SHA-256 in a manifest, and a compiled package
checks it on import (`require_current`) and refuses to start with stale code.

This module uses the standard library only: `python -m sangam.compiled` must run while the
compiled package itself cannot be imported.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

#: Modules compiled, by package. Only typed, plain modules whose loops dominate a batch.
MODULES: dict[str, tuple[str, ...]] = {
    "sangam.screening": (
        "arabic", "candidates", "index", "match", "normalize", "query", "screen", "spelling",
    ),
}
_ROOT = Path(__file__).resolve().parent  # src/sangam
MANIFEST = _ROOT / "compiled.json"
_EXTENSION = sysconfig.get_config_var("EXT_SUFFIX") or ".so"


class StaleBuild(ImportError):
    """A compiled module is older than its source: the compiled code would not be the
    code in the repository."""


def _source(module: str, root: Path | None = None) -> Path:
    return (root or _ROOT.parent) / (module.replace(".", "/") + ".py")


def _extension(module: str, root: Path | None = None) -> Path:
    return (root or _ROOT.parent) / (module.replace(".", "/") + _EXTENSION)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _modules() -> list[str]:
    return [f"{package}.{name}" for package, names in MODULES.items() for name in names]


def _recorded(manifest: Path) -> dict[str, str]:
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    modules = data.get("modules") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in modules.items()} if isinstance(modules, dict) else {}


def stale_modules(
    modules: list[str], root: Path | None = None, manifest: Path = MANIFEST
) -> list[str]:
    """Those of `modules` (dotted names under `root`, the source folder) that have a
    compiled extension built from other source than the `.py` beside it, or from source
    the manifest does not record."""
    recorded = _recorded(manifest)
    return [
        module for module in modules
        if _extension(module, root).exists()
        and recorded.get(module) != _digest(_source(module, root))
    ]


def require_current(package: str) -> None:
    """Refuse to import `package` when one of its compiled modules is out of date."""
    stale = stale_modules([f"{package}.{name}" for name in MODULES.get(package, ())])
    if stale:
        raise StaleBuild(
            f"compiled modules are older than their source: {', '.join(stale)}. "
            "Run `make compile` to rebuild them (or `make pure` to remove them and run "
            "the source as plain Python)."
        )


def exit_if_stale() -> None:
    """For the command line: a stale build ends the program with the reason and the fix in
    two lines, before the import that would fail with a traceback."""
    for package in MODULES:
        try:
            require_current(package)
        except StaleBuild as exc:
            print(f"error: {exc}", file=sys.stderr)
            raise SystemExit(2) from None


def compiled_modules() -> list[str]:
    """The modules that are compiled now (what a benchmark reports it measured)."""
    return [m for m in _modules() if _extension(m).exists()]


def remove() -> None:
    """Remove every compiled extension and the manifest: the sources run as plain Python."""
    for module in _modules():
        _extension(module).unlink(missing_ok=True)
    for shared in _ROOT.parent.glob(f"*__mypyc{_EXTENSION}"):
        shared.unlink()
    MANIFEST.unlink(missing_ok=True)


def _cannot_compile() -> str | None:
    """Why this machine cannot build C extensions, or None when it can."""
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        return f"no C compiler ({compiler}) found: install gcc"
    include = Path(sysconfig.get_paths()["include"]) / "Python.h"
    if not include.exists():
        return f"no Python headers ({include}) found: install python3-dev"
    try:
        import mypyc  # noqa: F401  (a part of mypy, a development dependency)
    except ImportError:
        return "mypyc is not installed: run `make install`"
    return None


def build() -> int:
    """Compile the modules unless the extensions already match their sources."""
    modules = _modules()
    current = {m: _digest(_source(m)) for m in modules}
    if all(_extension(m).exists() for m in modules) and _recorded(MANIFEST) == current:
        return 0
    remove()
    reason = _cannot_compile()
    if reason is not None:
        print(f"compile: {reason}; screening runs as plain Python (slower, same results)",
              file=sys.stderr)
        return 0
    from rich.console import Console  # imported here: the check on import stays light

    sources = [str(_source(m).relative_to(_ROOT.parent.parent)) for m in modules]
    with Console(stderr=True).status(
        f"compile: building {len(modules)} screening modules with mypyc (a minute or two)"
    ):
        done = subprocess.run(
            [sys.executable, "-m", "mypyc", *sources], cwd=_ROOT.parent.parent,
            capture_output=True, text=True, check=False,
        )
    if done.returncode != 0:
        # a user's `make run` must still start: the sources run as plain Python, and CI,
        # which requires the compiled build (tests/test_compiled.py), fails instead
        remove()
        print(done.stdout[-4000:], done.stderr[-4000:], sep="\n", file=sys.stderr)
        print("compile: mypyc failed (above); screening runs as plain Python (slower, same "
              "results)", file=sys.stderr)
        return 0
    MANIFEST.write_text(json.dumps({"modules": current}, indent=1) + "\n", encoding="utf-8")
    print(f"compile: done ({', '.join(name for name in modules)})", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sangam.compiled",
        description="Compile the screening hot path with mypyc, or remove the compiled code.",
    )
    parser.add_argument("--remove", action="store_true",
                        help="remove the compiled modules and run the sources as plain Python")
    args = parser.parse_args(argv)
    if args.remove:
        remove()
        return 0
    return build()


if __name__ == "__main__":
    sys.exit(main())
