"""METI's quoted name of a firm made of general words only (「中央自動設計局」 after its
parent) is read alone, and counts only when it is a listed name whole."""

from __future__ import annotations

import pytest

from conftest import NOT_METI
from sangam.screening.index import ScreeningIndex
from sangam.screening.screen import screen_name


def test_quoted_general_name_meets_the_listed_name_whole(index: ScreeningIndex) -> None:
    top = screen_name("戦術ミサイル兵器コーポレーション、「中央自動設計局」", index=index,
                      lists=NOT_METI).matches[0]
    assert top.matched_name.upper() == "JOINT STOCK COMPANY CENTRAL DESIGN BUREAU OF AUTOMATICS"
    assert top.score >= 0.8


@pytest.mark.parametrize("query", ["ナントカ工業「機械製造工場」",
                                   "株式会社テスト「技術センター」"])
def test_quoted_general_name_sharing_some_words_does_not_alert(
    index: ScreeningIndex, query: str
) -> None:
    """Negative: 「機械製造工場」 ("machine building plant") is in many listed names
    ("MARI MACHINE BUILDING PLANT JSC"), and is none of them."""
    assert not screen_name(query, index=index, lists=NOT_METI).matches
