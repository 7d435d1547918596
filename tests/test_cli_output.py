"""CLI output prints user and data text literally, never as Rich markup.

Square brackets are ordinary in names, list ids, footnotes and file paths ("Bahrain [2]",
"[/x]"). Read as markup they either vanish silently or raise MarkupError, which turned a
plain user mistake into a traceback.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml
from sqlalchemy import Engine
from tests.conftest import REPO
from typer.testing import CliRunner

from sangam.cli.main import app as cli_app
from sangam.kb import load_path

runner = CliRunner()


def _sangam(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the real entry point (`python -m sangam.cli`), which renders errors and exits 2."""
    return subprocess.run([sys.executable, "-m", "sangam.cli", *args], capture_output=True,
                          text=True, cwd=REPO, timeout=120, check=False)


def test_error_message_with_closing_tag_prints_literally() -> None:
    result = _sangam("screen", "foo", "--lists", "[/x]")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "MarkupError" not in result.stderr
    assert "Error:" in result.stderr
    assert "Unknown list(s): [/x]" in result.stderr
    # The hint still follows the message.
    assert "sangam lists" in result.stderr


def test_error_message_with_style_tag_is_not_swallowed() -> None:
    result = _sangam("supply", "validate", "[bold]nowhere[/bold]")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "'[bold]nowhere[/bold]'" in result.stderr


def test_supply_table_prints_bracketed_names(tmp_path: Path) -> None:
    network = yaml.safe_load(
        (REPO / "data" / "supply" / "networks" / "defence_demo.yaml").read_text("utf-8"))
    network["name"] = "demo [/x] [red]net[/red]"
    path = tmp_path / "net.yaml"
    path.write_text(yaml.safe_dump(network, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(cli_app, ["supply", "validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "demo [/x] [red]net[/red]" in " ".join(result.stdout.split())


def test_kb_show_and_search_print_bracketed_data(engine: Engine, cli_env: str,
                                                 tmp_path: Path) -> None:
    dataset = tmp_path / "brackets.yaml"
    dataset.write_text(yaml.safe_dump({
        "sources": [{"id": "src:b", "title": "Notes [draft]", "publisher": "Desk [2]",
                     "kind": "user"}],
        "entities": [{"id": "org:brackets", "schema": "Organization", "statements": [
            {"prop": "name", "value": "Zephyr [/x] Works", "source": "src:b"},
            {"prop": "alias", "value": "Zephyr [bold]Alt[/bold]", "source": "src:b"},
        ]}],
    }, allow_unicode=True), encoding="utf-8")
    load_path(engine, dataset)
    shown = runner.invoke(cli_app, ["show", "org:brackets"])
    assert shown.exit_code == 0, shown.output
    flat = " ".join(shown.stdout.split())
    assert "Zephyr [/x] Works" in flat and "Zephyr [bold]Alt[/bold]" in flat
    found = runner.invoke(cli_app, ["search", "Zephyr"])
    assert found.exit_code == 0, found.output
    assert "[/x]" in found.stdout
    none = runner.invoke(cli_app, ["search", "[/qqq] nothing"])
    assert none.exit_code == 0, none.output
    assert "[/qqq] nothing" in none.stdout
