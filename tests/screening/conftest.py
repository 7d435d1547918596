"""Shared fixtures: the real bundled lists, parsed once, and a small custom index."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sangam.screening import get_index
from sangam.screening.index import ScreeningIndex
from sangam.screening.model import ListEntry, ListInfo
from sangam.screening.screen import screen_name
from sangam.settings import get_settings

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data" / "screening"


@pytest.fixture(scope="session")
def index() -> ScreeningIndex:
    return get_index(get_settings())


#: The lists other than METI's: a METI name in Japanese must meet the party's Latin name there
NOT_METI = "us-ofac-sdn,us-csl,un-sc"


@pytest.fixture(scope="session")
def top_match(index: ScreeningIndex) -> Callable[[str], str]:
    """The listed name, in capitals, that a METI name screened against the other lists
    matches first; the test fails when nothing matches."""
    def top(query: str) -> str:
        result = screen_name(query, index=index, lists=NOT_METI)
        assert result.matches, query
        return result.matches[0].matched_name.upper()

    return top


@pytest.fixture(scope="session")
def small_index() -> ScreeningIndex:
    """A hand-made list: names whose expected matches can be worked out by hand."""
    from datetime import date

    info = ListInfo("test-list", "Test list", "Sangam tests", "test", date(2025, 1, 1), 6)
    entries = [
        ListEntry("T1", "Toshiba Corporation", countries=("JP",)),
        ListEntry("T2", "OOO Romashka", countries=("RU",)),
        ListEntry("T3", "Bharat Dynamics Pvt Ltd", countries=("IN",)),
        ListEntry("T4", "DELTA"),
        ListEntry("T5", "Global Technology Trading Company"),
        ListEntry("T6", "JSC 558 Aircraft Repair Plant", countries=("BY",)),
    ]
    return ScreeningIndex.build({"test-list": info}, (("test-list", e) for e in entries))


@pytest.fixture()
def store_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    target = tmp_path / "screening"
    monkeypatch.setenv("SANGAM_SCREENING_DIR", str(target))
    yield target
