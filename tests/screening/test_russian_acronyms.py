"""Acronyms of Russian general words in listed names (NII, NPK, TSNII, ...) indexed with
the English of the Japanese words METI writes for them, through the real lists and index."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sangam.screening.index import ScreeningIndex
from sangam.screening.normalize import in_english
from sangam.screening.screen import screen_name

OTHER_LISTS = "us-ofac-sdn,us-csl,un-sc"


def test_acronyms_are_put_into_english() -> None:
    assert in_english(("nii", "svt")) == ("scientific", "research", "institute", "svt")
    assert in_english(("npk", "tekhmash")) == (
        "scientific", "production", "association", "tekhmash")
    # the full Russian words as before
    assert in_english(("nauchno", "issledovatelskii", "institut", "svt"))[:3] == (
        "scientific", "research", "institute")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("株式会社コンピューター機器科学研究所 SVT", "AO NII SVT"),
        ("株式会社学術生産公団テクマシュ", "NPK TEKHMASH OAO"),
    ],
)
def test_meti_name_meets_a_listed_acronym(
    top_match: Callable[[str], str], query: str, expected: str
) -> None:
    assert top_match(query) == expected


@pytest.mark.parametrize("query", ["学術技術センター", "科学研究所ミール"])
def test_general_words_and_an_unlisted_name_do_not_alert(
    index: ScreeningIndex, query: str
) -> None:
    assert not screen_name(query, index=index, lists=OTHER_LISTS).matches


def test_russian_words_are_read_as_listed_words_are() -> None:
    """A listed "INSTITUT" is mended to "institute" (one letter from a generic word) before
    its Russian words are put into English; the table's words are read the same way."""
    assert in_english(("nauchno", "issledovatelskii", "institute", "rastr")) == (
        "scientific", "research", "institute", "rastr")


def test_meti_name_meets_a_listed_russian_name(top_match: Callable[[str], str]) -> None:
    assert top_match("株式会社産業テレビジョン技術科学研究所ラストル") == (
        "AKTSIONERNOE OBSHCHESTVO NAUCHNO ISSLEDOVATELSKII INSTITUT PROMYSHLENNOGO "
        "TELEVIDENIYA RASTR")
