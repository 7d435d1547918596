"""A listed general word that a katakana name leaves out costs what a generic word costs,
as it already did for names read with their general words in English."""

from __future__ import annotations

from conftest import NOT_METI
from sangam.screening.index import ScreeningIndex
from sangam.screening.screen import screen_name


def test_listed_kind_of_firm_left_out_in_katakana(index: ScreeningIndex) -> None:
    """株式会社アフトマティカ is "JOINT STOCK COMPANY CONCERN AVTOMATIKA" (SDN 37771):
    METI leaves out "Concern", a kind of firm."""
    top = screen_name("株式会社アフトマティカ", index=index, lists=NOT_METI).matches[0]
    assert top.source_id == "37771"
    assert top.score >= 0.8


def test_kind_of_firm_alone_does_not_alert(index: ScreeningIndex) -> None:
    """Negative: "Concern" alone is no one's name."""
    assert not screen_name("株式会社コンツェルン", index=index, lists=NOT_METI).matches
