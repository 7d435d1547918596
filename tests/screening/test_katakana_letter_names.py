"""Katakana names of Latin letters (アイ "I") read as the letter, a lone letter never
joined to the next word, and words joined into a listed word less one letter, through the
real lists and index."""

from __future__ import annotations

from sangam.screening.index import ScreeningIndex
from sangam.screening.normalize import name_forms
from sangam.screening.screen import screen_name

OTHER_LISTS = "us-ofac-sdn,us-csl,un-sc"


def test_letter_name_is_read_as_the_letter(index: ScreeningIndex) -> None:
    """METI's アイ・ジェット・グローバル is "I JET GLOBAL DMCC", not "eye jet global"."""
    readings = {f.tokens for f in name_forms("アイ・ジェット・グローバル DMCC")}
    assert ("i", "jet", "global") in readings
    result = screen_name("アイ・ジェット・グローバル DMCC", index=index, lists=OTHER_LISTS)
    assert result.matches
    assert result.matches[0].matched_name.upper() == "I JET GLOBAL DMCC"


def test_a_run_that_only_contains_a_letter_name_is_a_word() -> None:
    # アイテック is one word, not the letter I and "tech"
    assert all("i" not in f.tokens for f in name_forms("株式会社アイテック"))


def test_a_lone_letter_is_not_joined_to_the_next_word(index: ScreeningIndex) -> None:
    """Joined, "i technology" became "itechnology", one letter off "K TECHNOLOGY" as a
    whole name (0.87)."""
    assert not screen_name("アイ・テクノロジー株式会社", index=index).matches
    assert not screen_name("I Technology", index=index).matches


def test_words_joined_into_a_listed_word_less_one_letter(index: ScreeningIndex) -> None:
    """レーザーチップス is read "laser chip"; joined, it is LASERCHIPS less its s."""
    result = screen_name("レーザーチップス", index=index, lists=OTHER_LISTS)
    assert result.matches
    assert result.matches[0].matched_name.upper() == "LASERCHIPS FZCO"


def test_short_general_words_are_not_joined(index: ScreeningIndex) -> None:
    for name in ("Global Trade", "Power Tech", "Sun Shine Trading"):
        assert not screen_name(name, index=index).matches, name
