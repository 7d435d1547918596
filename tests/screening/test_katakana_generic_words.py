"""A katakana word UniDic does not know as a loanword is compared with the lists' generic
words as the word it spells, whatever letter that word begins with."""

from __future__ import annotations

from conftest import NOT_METI
from sangam.screening.index import ScreeningIndex, katakana_similarity
from sangam.screening.screen import screen_name


def test_katakana_spelling_of_an_english_word() -> None:
    assert katakana_similarity("konponentsu", "components") >= 0.9
    # words it only resembles score well below it (the best pair aligns)
    assert katakana_similarity("konponentsu", "contents") < 0.8
    assert katakana_similarity("konponentsu", "continents") < 0.8
    assert katakana_similarity("konponentsu", "kompass") == 0.0


def test_katakana_word_meets_a_generic_listed_word(index: ScreeningIndex) -> None:
    """コンポネンツ (not UniDic's コンポーネント) is "Components": SDN's LIMITED LIABILITY
    COMPANY ULTRAN ELECTRONIC COMPONENTS."""
    top = screen_name("ウルトラン・エレクトロニック・コンポネンツ有限会社", index=index,
                      lists=NOT_METI).matches[0]
    assert top.matched_name.upper() == "LIMITED LIABILITY COMPANY ULTRAN ELECTRONIC COMPONENTS"
    assert "'konponentsu'~'components'" in top.explanation


def test_generic_katakana_words_alone_do_not_alert(index: ScreeningIndex) -> None:
    """Negative: "Electronic Components" is no one's name."""
    assert not screen_name("エレクトロニック・コンポネンツ有限会社", index=index,
                           lists=NOT_METI).matches


def test_russian_yo_in_katakana_meets_e() -> None:
    """ё after a consonant is ョ in katakana ("yo") and mostly "e" on the lists."""
    from sangam.screening.spelling import katakana_keys, latin_key

    assert latin_key("degtyarev") in katakana_keys("degucharyofu")
    assert latin_key("korolev") in katakana_keys("kororyofu")
