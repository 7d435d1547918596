"""Normalisation and transliteration: cases worked out by hand."""

from __future__ import annotations

import pytest

from sangam.screening.index import ScreeningIndex
from sangam.screening.normalize import name_forms
from sangam.screening.screen import screen_name
from sangam.screening.spelling import (
    arabic_key,
    arabic_query_keys,
    katakana_loose,
    latin_loose,
    skeleton,
)


def tokens(name: str) -> list[tuple[str, ...]]:
    return [f.tokens for f in name_forms(name)]


@pytest.mark.parametrize(
    ("name", "expected", "legal"),
    [
        ("Toshiba Corporation", ("toshiba",), ("corp",)),
        ("TOSHIBA CORP.", ("toshiba",), ("corp",)),
        ("Bharat Dynamics Pvt. Ltd.", ("bharat", "dynamics"), ("ltd",)),
        ("Bharat Dynamics Private Limited", ("bharat", "dynamics"), ("ltd",)),
        ("OOO Romashka", ("romashka",), ("llc",)),
        ("Admiralty Shipyard JSC", ("admiralty", "shipyard"), ("jsc",)),
        ("Siemens GmbH", ("siemens",), ("gmbh",)),
        ("Ｓｏｎｙ　Ｇｒｏｕｐ", ("sony", "group"), ()),  # full-width, NFKC
        ("Müller-Lüdenscheidt AG", ("muller", "ludenscheidt"), ("gmbh",)),
    ],
)
def test_latin_names_and_legal_forms(
    name: str, expected: tuple[str, ...], legal: tuple[str, ...]
) -> None:
    form = name_forms(name)[0]
    assert form.tokens == expected
    assert form.legal_forms == legal


def test_cyrillic_legal_form_and_transliteration() -> None:
    form = name_forms("ООО Ромашка")[0]
    assert form.tokens == ("romashka",)
    assert form.legal_forms == ("llc",)


def test_japanese_kanji_reads_as_japanese_not_chinese() -> None:
    forms = name_forms("株式会社東芝")
    assert forms[0].script == "japanese"
    assert forms[0].tokens == ("toushiba",)
    assert "jsc" in forms[0].legal_forms
    assert skeleton("toushiba") == skeleton("toshiba")


def test_katakana_and_devanagari() -> None:
    assert tokens("アルマズ・アンテイ")[0] == ("arumazu", "antei")
    assert skeleton("arumazu") == skeleton("almaz")
    assert tokens("भारत डायनेमिक्स")[0][0] == "bhart"
    assert skeleton("bhart") == skeleton("bharat")


def test_katakana_run_is_one_word() -> None:
    """MeCab cuts ストレラ into スト ("strike") + レラ; the katakana reading keeps the run whole
    and marks it as katakana, and a loanword UniDic knows keeps its own spelling."""
    kana = next(f for f in name_forms("ストレラ生産連合体") if f.script == "kana")
    assert kana.tokens[0] == "sutorera" and kana.katakana == frozenset({"sutorera"})
    kana = next(f for f in name_forms("ロシア科学アカデミー") if f.script == "kana")
    assert kana.tokens == ("rossiya", "kagaku", "academy")
    translated = [f.tokens for f in name_forms("ロシア科学アカデミー") if f.script == "translated"]
    assert translated == [("russian", "academy", "of", "sciences"),
                          ("russia", "academy", "of", "sciences")]


@pytest.mark.parametrize(
    ("katakana", "latin"),
    [
        ("sutorera", "strela"),  # added u and o, l written as r
        ("arumazu", "almaz"),
        ("irukuutsuku", "irkutsk"),  # long vowel uu is one u; tsu before k loses its u
        ("wagunaa", "wagner"),  # final long a for -er
    ],
)
def test_katakana_loose_meets_the_latin_spelling(katakana: str, latin: str) -> None:
    assert katakana_loose(katakana) == latin_loose(latin)


def test_katakana_loose_keeps_real_vowels() -> None:
    # the u of "ku" before a vowel and a vowel between two consonants of a word stay
    assert katakana_loose("kuon") == "kuon"
    assert katakana_loose("tamara") == "tamara"


def test_han_only_gives_both_readings() -> None:
    scripts = [f.script for f in name_forms("中国航天")]
    assert scripts == ["japanese", "chinese"]
    assert name_forms("中国航天")[1].tokens == ("zhong", "guo", "hang", "tian")


def test_chinese_reading_gives_a_character_the_reading_of_its_word() -> None:
    """长 is "chang" in 长沙 (Changsha) and "zhang" elsewhere, 行 "hang" in 银行 (bank),
    重 "chong" in 重庆 (Chongqing), 厦 "xia" in 厦门 (Xiamen); ü is u (吕 "Lu")."""
    def chinese(text: str) -> tuple[str, ...]:
        return next(f.tokens for f in name_forms(text) if f.script == "chinese")

    assert chinese("长沙景嘉微电子")[:2] == ("chang", "sha")
    assert chinese("中国银行") == ("zhong", "guo", "yin", "hang")
    assert chinese("重庆大学")[:2] == ("chong", "qing")
    assert chinese("厦门大学")[:2] == ("xia", "men")
    assert chinese("吕梁化工")[:2] == ("lu", "liang")


def test_a_chinese_city_read_right_makes_no_false_alert(index: ScreeningIndex) -> None:
    """Negative: read a character at a time, 长沙 was "Zhang Sha", and the city alone
    alerted on a listed person named ZHANG (and a Changsha firm on "WEI, Zhang")."""
    assert not screen_name("长沙市", index=index).matches
    assert not screen_name("长沙市人民政府", index=index).matches


def test_a_chinese_firm_meets_its_listed_english_name(index: ScreeningIndex) -> None:
    """Entity List firms by their Chinese names: the city and the firm's name read by word
    and joined as the lists write them (chang sha -> "changsha", not "changshajing"), the
    general words put into English (微电子 microelectronics, 航空发动机 aero engine)."""
    for query, listed in (
        ("长沙景嘉微电子股份有限公司", "CHANGSHA JINGJIA MICROELECTRONICS COMPANY LIMITED"),
        ("重庆宗申航空发动机制造有限公司", "CHONGQING ZONGSHEN AERO ENGINE MANUFACTURING CO LTD"),
    ):
        result = screen_name(query, index=index)
        assert result.matches and result.matches[0].matched_name.upper() == listed, query


def test_arabic_consonant_key() -> None:
    """Arabic words are kept in their script and meet Latin spellings through a consonant
    key: حسين (h s y n) and "Hussein" are both "hsn"; التكريتي loses its article."""
    assert arabic_key(name_forms("محمد")[0].tokens[0]) == arabic_key("muhammad") == "mhmd"
    assert arabic_key("حسين") == arabic_key("hussein") == "hsn"
    assert "tkrt" in arabic_query_keys("التكريتي") and arabic_key("tikriti") == "tkrt"
    # عبد الرحمن is also read the way lists write it, "Abdul Rahman"
    forms = [f.tokens for f in name_forms("عبد الرحمن ياسين")]
    assert ("عبدال", "رحمن", "ياسين") in forms


def test_name_that_is_only_a_legal_form_is_kept() -> None:
    assert tokens("Limited")[0] == ("limited",)
