"""An ordinal ("48TH", "70th") is its number, as 第48 and "70 周年" write it."""

from __future__ import annotations

import pytest

from conftest import NOT_METI
from sangam.screening.index import ScreeningIndex
from sangam.screening.normalize import _latin_tokens
from sangam.screening.screen import screen_name

NIZHNY_70 = "JOINT STOCK COMPANY NIZHNY NOVGOROD PLANT OF THE 70TH ANNIVERSARY OF VICTORY"


def test_ordinal_suffix_is_dropped_from_numbers_only() -> None:
    assert _latin_tokens("48TH Central 2nd 1st 3rd") == ["48", "central", "2", "1", "3"]
    assert _latin_tokens("4x4 th 7-Eleven") == ["4x4", "th", "7", "eleven"]


def test_ordinal_meets_its_number(index: ScreeningIndex) -> None:
    top = screen_name("株式会社ニジニ・ノヴゴロド戦勝 70 周年記念工場", index=index,
                      lists=NOT_METI).matches[0]
    assert top.matched_name.upper() == NIZHNY_70
    assert top.score >= 0.8


@pytest.mark.parametrize("query", ["株式会社ニジニ・ノヴゴロド戦勝 75 周年記念工場",
                                   "連邦国家予算機関ロシア連邦国防省第 49中央科学研究所"])
def test_another_number_is_still_another_name(index: ScreeningIndex, query: str) -> None:
    """Negative: the 75th is not the 70th, and institute No. 49 is not No. 48."""
    assert not screen_name(query, index=index, lists=NOT_METI).matches
