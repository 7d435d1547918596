"""Docs that cannot rot: every command is documented, every value type and schema too."""

from __future__ import annotations

import re

import typer
from tests.conftest import REPO

from sangam.cli.main import app
from sangam.kb.schema import load_model

DOCS = "\n".join(p.read_text(encoding="utf-8") for p in [REPO / "README.md",
                                                          *sorted((REPO / "docs").glob("*.md"))])


def _commands() -> list[str]:
    group = typer.main.get_command(app)
    names = []
    for name, cmd in getattr(group, "commands", {}).items():
        names.append(name)
        names += [f"{name} {sub}" for sub in getattr(cmd, "commands", {})]
    assert len(names) >= 6
    return names


def test_every_command_is_documented() -> None:
    missing = [c for c in _commands() if not re.search(rf"sangam {re.escape(c)}\b", DOCS)]
    assert not missing, f"document these commands in README.md or docs/: {missing}"


def test_every_value_type_is_in_the_data_format() -> None:
    fmt = (REPO / "docs" / "data-format.md").read_text(encoding="utf-8")
    missing = [t for t in load_model().types if f"`{t}`" not in fmt]
    assert not missing, missing


def test_every_schema_is_in_the_architecture_or_format_docs() -> None:
    model = load_model()
    assert {"Organization", "Programme", "Agreement", "Project", "Event", "Indicator"} <= set(
        model.concrete())
    assert "schemata.yaml" in DOCS
