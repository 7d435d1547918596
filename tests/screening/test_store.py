"""Import is atomic: a failed import leaves the lists in place untouched."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from sangam.errors import InvalidInput, ValidationFailed
from sangam.screening import import_list, load_lists, screen_name
from sangam.screening.screen import get_index

DATA = Path(__file__).resolve().parents[2] / "data" / "screening"


def test_import_replaces_list_and_failed_import_changes_nothing(
    store_dir: Path, tmp_path: Path
) -> None:
    src = tmp_path / "belarus.txt"
    shutil.copy(DATA / "jp_meti_russia" / "list_belarus_tokutei.pdf.txt", src)
    info = import_list("jp-meti", src, published=date(2025, 1, 2))
    assert info.list_id == "jp-meti-belarus" and info.published == date(2025, 1, 2)
    stored = store_dir / "jp-meti-belarus.json"
    before = stored.read_bytes()
    assert load_lists()["jp-meti-belarus"].info.published == date(2025, 1, 2)

    broken = tmp_path / "broken.txt"
    text = src.read_text(encoding="utf-8")
    broken.write_text(text.replace("所在地：19 Lyusi", "19 Lyusi"), encoding="utf-8")
    with pytest.raises(ValidationFailed) as err:
        import_list("jp-meti", broken)
    assert err.value.problems[0].file == "broken.txt"
    assert stored.read_bytes() == before
    assert sorted(p.name for p in store_dir.iterdir()) == ["jp-meti-belarus.json"]


def test_unknown_format() -> None:
    with pytest.raises(InvalidInput, match="Unknown list format"):
        import_list("pdf", Path("x.pdf"))


def test_results_carry_list_date_and_stale_warning(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SANGAM_LIST_MAX_AGE_DAYS", "100000")
    fresh = screen_name("Rosneft", lists="us-csl")
    assert fresh.warnings == ()
    assert fresh.matches[0].list_date == "2023-11-30"
    monkeypatch.setenv("SANGAM_LIST_MAX_AGE_DAYS", "30")
    stale = screen_name("Rosneft", lists="us-csl")
    assert len(stale.warnings) == 1 and "us-csl" in stale.warnings[0]
    assert get_index() is get_index()  # cached while no list file changes
