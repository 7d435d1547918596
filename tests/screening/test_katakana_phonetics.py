"""Katakana words compared with Latin ones through the sounds katakana writes alike
(spelling._PHONETIC_FOLDS): METI's Japanese names of Russian firms against the other lists,
with negative cases where the looser comparison must not win."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rapidfuzz.distance import OSA

from sangam.screening.index import ScreeningIndex
from sangam.screening.screen import screen_name
from sangam.screening.spelling import katakana_keys, katakana_loose, latin_key, latin_loose

OTHER_LISTS = "us-ofac-sdn,us-csl,un-sc"


def _alike(katakana: str, latin: str) -> float:
    return max(OSA.normalized_similarity(key, latin_key(latin)) for key in katakana_keys(katakana))


@pytest.mark.parametrize(
    ("katakana", "latin"),
    [
        ("ijefusuku", "izhevsk"),  # イジェフスク: ジ for zh, フ for a devoiced v
        ("konponentsu", "components"),  # ン before p is m, c is k
        ("rajiofijika", "radiofizika"),  # ジ for z
        ("tsutaefu", "tutaev"),  # ツ for t, final フ for -ev
        ("vaatikaru", "vertikal"),  # a long vowel for er
    ],
)
def test_katakana_reading_and_latin_word_are_alike(katakana: str, latin: str) -> None:
    before = OSA.normalized_similarity(katakana_loose(katakana), latin_loose(latin))
    assert _alike(katakana, latin) >= 0.85 > before


def test_an_acronym_has_no_key() -> None:
    """DCSS would fold to the consonants of ドゥクス "Duks"; katakana spells an acronym
    letter by letter, so a word without vowels is not compared this way."""
    assert latin_key("dcss") == ""
    assert _alike("dukusu", "duks") > 0.6


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("株式会社イジェフスク電気機械工場クポル", "IZHEVSK ELECTROMECHANICAL PLANT KUPOL"),
        ("株式会社コンペル", "OMPEL"),  # AO KOMPEL or JSC COMPEL, the same firm
        ("公開株式会社ラジオフィジカ", "RADIOFIZIKA"),
        ("有限会社チップデバイス", "CHIPDEVICE"),
        # a katakana run ending in a loanword, read split in English as well
        ("公共株式会社ツタエフモーター工場", "TUTAEV MOTOR PLANT"),
        # ... and whole, where the split is wrong (ザヴォート is not a word of its own here)
        ("ダリザヴォート船舶修理センター", "DALZAVOD"),
    ],
)
def test_meti_names_meet_their_russian_romanisation(top_match: Callable[[str], str], query: str,
                                                   expected: str) -> None:
    assert expected in top_match(query)


@pytest.mark.parametrize(
    ("query", "expected", "not_first"),
    [
        ("有限会社ヴァーティカル", "VERTIKAL", "BAIKAL"),
        ("株式会社ドゥクス", "DUKS", "DCSS"),
    ],
)
def test_looser_comparison_does_not_rank_a_wrong_word_first(
    index: ScreeningIndex, query: str, expected: str, not_first: str
) -> None:
    result = screen_name(query, index=index, lists=OTHER_LISTS)
    assert result.matches, query
    top = result.matches[0].matched_name.upper()
    assert expected in top and not_first not in top


@pytest.mark.parametrize(
    ("katakana", "latin"),
    [
        ("makeefu", "makeyev"),  # マケエフ: Russian e after a vowel, written ye
        ("vichazu", "vityaz"),  # ヴィチャズ: t before ya, written ty
        ("rajiosuvyaji", "radiosvyaz"),  # ラジオ: ジ for di before a vowel
    ],
)
def test_russian_romanisation_and_katakana_are_alike(katakana: str, latin: str) -> None:
    assert _alike(katakana, latin) >= 0.9


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("株式会社V.P.マケエフ名称国立ミサイル・センター", "MAKEYEV STATE MISSILE CENTER"),
        ("株式会社機械製造会社ヴィチャズ", "VITYAZ MACHINE BUILDING COMPANY"),
        ("学術生産企業「ラジオスヴャジ」", "RADIOSVYAZ"),
    ],
)
def test_meti_names_meet_russian_ye_ty_di(top_match: Callable[[str], str], query: str,
                                          expected: str) -> None:
    assert expected in top_match(query)


@pytest.mark.parametrize("query", ["ラジオ・テクノロジー株式会社", "スタジオ・ノヴァ"])
def test_di_as_ji_does_not_alert_on_general_words(index: ScreeningIndex, query: str) -> None:
    assert not screen_name(query, index=index).matches


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # UniDic reads アルファ "alpha" and テック "technical"; the katakana words are also
        # compared as the foreign words they spell (ALFA, TEKH)
        ("アルファ・マシナリー・グループ", "ALFA MACHINERY GROUP"),
        ("NMテック", "LLC NM-TEKH"),
    ],
)
def test_a_run_read_as_a_loanword_is_also_a_katakana_word(
    top_match: Callable[[str], str], query: str, expected: str
) -> None:
    assert top_match(query) == expected


def test_the_loanword_spelling_still_ranks_first(index: ScreeningIndex) -> None:
    result = screen_name("アルファ・グループ", index=index, lists=OTHER_LISTS)
    assert result.matches[0].matched_name.upper() == "ALPHA GROUP"
    assert not screen_name("デルタ・マシナリー", index=index).matches
