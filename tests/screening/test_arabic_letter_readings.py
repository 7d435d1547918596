"""Arabic-script names the lists romanise in more than one way: a Latin digraph that is
two Arabic letters, a compound with الدين written as one word. Each rule with a negative
case where reading it more loosely would make a false alert."""

from __future__ import annotations

import pytest

from sangam.screening.index import ScreeningIndex
from sangam.screening.query import restore_missing_spaces
from sangam.screening.screen import screen_name
from sangam.screening.spelling import arabic_latin_keys

OTHER_LISTS = "us-ofac-sdn,us-csl"


def _names(index: ScreeningIndex, query: str) -> list[str]:
    result = screen_name(query, index=index, lists=OTHER_LISTS)
    return [m.matched_name.upper() for m in result.matches]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # إسحاق is "Ishaq": s and h, not ش
        ("مالك إسحاق", "ISHAQ, MALIK"),
        # أدهم is "Adham": d and h, not ذ (else the family name alone picks another Tabaja)
        ("أدهم حسين طباجة", "TABAJA, ADHAM HUSAYN"),
    ],
)
def test_a_latin_digraph_inside_a_word_may_be_two_arabic_letters(
    index: ScreeningIndex, query: str, expected: str
) -> None:
    names = _names(index, query)
    assert names and names[0] == expected


def test_a_word_initial_digraph_stays_one_letter(index: ScreeningIndex) -> None:
    """Negative: an initial "Sh" is ش; read as s-h, "Shalah" would be سهيل (Suhail) and
    the query below, another man's name, would alert on AL-TIKRITI, Hamid Raja Shalah."""
    assert "shl" not in arabic_latin_keys("shalah")
    assert not any("TIKRITI" in name for name in _names(index, "حامد رجا سهيل التكريتي"))


def test_a_name_with_ad_din_is_also_read_joined(index: ScreeningIndex) -> None:
    """جلال الدين is listed as one word, "Jalaluddin" (الدين follows a word the lists
    have joined with it); apart, it met nothing better than "DON JULIO"."""
    names = _names(index, "جلال الدين حقانى")
    assert names and names[0] == "JALALUDDIN HAQQANI"


def test_a_guessed_join_with_ad_din_does_not_outrank_the_words_as_written(
    index: ScreeningIndex,
) -> None:
    """Negative: the group انصار الدين (Ansar al-Din) joined has the consonants of the
    person "NASERUDDIN" (the key leaves out its initial alif); the guessed join meets
    listed words loosely, and a join that begins with a vowel letter only words that
    begin with a vowel, so the group's own two-word name stays first and the person is
    not among the matches at all."""
    names = _names(index, "انصار الدين")
    assert names and names[0] == "ANCAR DINE"
    assert "NASERUDDIN" not in names


def test_a_join_with_ad_din_that_begins_with_a_vowel_meets_a_word_that_does(
    index: ScreeningIndex,
) -> None:
    """The vowel check keeps a listed word that begins with a vowel: عصام الدين is
    "ISAMUDDIN" (apart, the query met "RADWAN, Osama" first)."""
    assert _names(index, "نورجمان رضوان عصام الدين")[:1] == ["ISAMUDDIN, NURJAMAN RIDUAN"]


def test_a_space_left_out_after_a_non_joining_letter_is_put_back(
    index: ScreeningIndex,
) -> None:
    """أحمدكاظم: after د, which does not join the next letter, a missing space does not
    show; the word meets no listed word whole, its pieces "Ahmad" and "Kazim" do."""
    names = _names(index, "أحمدكاظم رحيم السعدي")
    assert names and names[0] == "AL-SA'IDI, AHMAD KAZIM RAHIM"


def test_a_word_that_meets_a_listed_word_whole_is_not_split(index: ScreeningIndex) -> None:
    """Negative: عبدالرحمن also splits after د into two words the lists have (عبد,
    الرحمن), but whole it is "Abdulrahman", so it stays one word."""
    assert restore_missing_spaces(index, ["عبدالرحمن", "محمد"]) == ["عبدالرحمن", "محمد"]
    assert restore_missing_spaces(index, ["أحمدكاظم"]) == ["أحمد", "كاظم"]
