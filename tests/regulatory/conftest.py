"""Fixtures for the regulatory tests: the real bundled rule tables, no mocks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sangam.regulatory import get_rulebook, normalise, pathfind
from sangam.regulatory.model import Answer, Determination
from sangam.regulatory.rulebook import RuleBook

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data" / "regulatory"


@pytest.fixture(scope="session")
def book(tmp_path_factory: pytest.TempPathFactory) -> RuleBook:
    # An empty overlay directory: tests never see refreshed tables from var/.
    return get_rulebook(DATA, tmp_path_factory.mktemp("empty-overlay"))


def ask(book: RuleBook, item: str, src: str, dst: str, **kw: Any) -> Answer:
    q = normalise(book, item, src, dst, kw.pop("kind", "hardware"), kw.pop("end_user", None),
                  kw.pop("end_use", None), kw.pop("nationality", None),
                  kw.pop("us_content_percent", None), kw.pop("value", None))
    return pathfind(q, book, screen=None)


def regime(answer: Answer, name: str) -> Determination:
    found = [d for d in answer.determinations if d.regime == name]
    assert found, f"no {name} determination in {[d.regime for d in answer.determinations]}"
    return found[0]


def exception(det: Determination, symbol: str) -> str:
    return next(e.available for e in det.exceptions if e.symbol == symbol)
