"""Katakana runs are read kana by kana (cutlet's table), with wi/we/wo, so a run MeCab
does not know is not cut into pieces read wrongly."""

from __future__ import annotations

import pytest

from conftest import NOT_METI
from sangam.screening.index import ScreeningIndex
from sangam.screening.normalize import _hepburn_word
from sangam.screening.screen import screen_name


@pytest.mark.parametrize(
    ("run", "reading"),
    [("ヴェ", "ve"), ("ツェ", "tse"), ("ファ", "fa"), ("ミンツ", "mintsu"),
     ("ウィルソン", "wiruson"), ("ウェスト", "wesuto"), ("ストレラ", "sutorera"),
     ("イルクーツク", "irukuutsuku")],
)
def test_katakana_run_in_hepburn(run: str, reading: str) -> None:
    assert _hepburn_word(run) == reading


def test_turkish_firm_in_katakana(index: ScreeningIndex) -> None:
    """ヴェ is the Turkish "ve" (and) of MEGASAN ELEKTRONIK TICARET VE SANAYI A.S."""
    top = screen_name("メガサン・エレクトロニック・ティジャーレット・ヴェ・サナーイ株式会社",
                      index=index, lists=NOT_METI).matches[0]
    assert top.matched_name.upper() == "MEGASAN ELEKTRONIK TICARET VE SANAYI ANONIM SIRKETI"
    assert top.score >= 0.92


def test_academician_title_left_out(index: ScreeningIndex) -> None:
    """METI's A.L.ミンツ名称無線技術研究所 leaves out the "ACADEMICIAN" of SDN's name: a
    title, which costs as a general word."""
    top = screen_name("A.L.ミンツ名称無線技術研究所", index=index, lists=NOT_METI).matches[0]
    assert top.matched_name.upper() == "ACADEMICIAN A.L. MINTS RADIO ENGINEERING INSTITUTE"


def test_other_namesake_is_not_mints(index: ScreeningIndex) -> None:
    """Negative: the same institute's words with another namesake do not alert."""
    result = screen_name("A.L.ペトロフ名称無線技術研究所", index=index, lists=NOT_METI)
    assert not any("MINTS" in m.matched_name.upper() for m in result.matches)
