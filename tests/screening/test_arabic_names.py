"""UN names in Arabic script screened against the other lists (dev-set cross_script
cases): the rules of Arabic spelling and romanisation that let them meet, each with a
negative case where a looser rule could make a false alert."""

from __future__ import annotations

import pytest

from sangam.screening.arabic import ARABIC_NEAR_SIM
from sangam.screening.index import ScreeningIndex
from sangam.screening.match import PARTIAL_NAME_MIN_SIM
from sangam.screening.normalize import arabic_in_english, name_forms
from sangam.screening.screen import screen_name
from sangam.screening.spelling import (
    abdul_split,
    arabic_latin_keys,
    arabic_query_keys,
    compound_split,
)

OTHER_LISTS = "us-ofac-sdn,us-csl"


def _best(index: ScreeningIndex, query: str) -> str:
    result = screen_name(query, index=index, lists=OTHER_LISTS)
    assert result.matches, query
    return result.matches[0].matched_name.upper()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # the article assimilated to a sun letter and written apart: "ES SAYED" for السيد;
        # the query's father's name (محمد) is not in the listed name
        ("عبد القادر محمود محمد السيد", "ES SAYED, ABDELKADER MAHMOUD"),
        # the listed article written apart is part of the query's word: a listed person
        # with fewer names than the query (its father's name عزيز) is still found whole
        ("عبد المجيد عزيز الزنداني", "AL-ZINDANI, ABDELMAJID"),
        ("قاسم محمد مهدي الريمي", "AL-REMI, QASSEM"),
    ],
)
def test_a_listed_article_written_apart_is_part_of_the_word(
    index: ScreeningIndex, query: str, expected: str
) -> None:
    assert _best(index, query) == expected


def test_two_loose_parts_do_not_outrank_the_whole_name(index: ScreeningIndex) -> None:
    """Negative: "RABAH, Zuhayr" shares two loose consonant keys with the query (ربيع
    "rb", الظواهري "zhr"); the listed al-Zawahiri, whose article is written apart, has
    every part of the query and must come first."""
    result = screen_name("أيمن محمد ربيع الظواهري", index=index, lists=OTHER_LISTS)
    assert result.matches
    assert "ZAWAHIRI" in result.matches[0].matched_name.upper()
    rabah = [m.score for m in result.matches if "RABAH" in m.matched_name.upper()]
    assert all(score < result.matches[0].score for score in rabah)


def test_an_initial_ayn_with_ya_may_be_written_as_a_vowel(index: ScreeningIndex) -> None:
    """عیسی is "Issa" in the listed name (the ي of an initial ع/ا not written), as أيمن is
    "Aiman"; every part then aligns."""
    assert _best(index, "ابراهیم عیسی حاجي محمد البکر") == (
        "AL-BAKAR, IBRAHIM 'ISSA HAJI MUHAMMAD")
    result = screen_name("أيمن محمد ربيع الظواهري", index=index, lists=OTHER_LISTS)
    aiman = [m for m in result.matches if "AIMAN" in m.matched_name.upper()]
    assert aiman and "'أيمن'~'aiman'" in aiman[0].explanation


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # عبدالخالق written as one word, listed apart as "Abd al-Khaliq"
        ("عبدالخالق الحوثي", "AL-HUTHI, ABD AL-KHALIQ"),
        # أبواليزيد: "Abou El Yazid"
        ("راضي عبد السميع أبواليزيد العياشي", "EL AYASHI, RADI ABD EL SAMIE ABOU EL YAZID"),
        # بنحسين: "Ben Hassine"
        ("سيف الله بن عمر بن محمد بنحسين", "HASSINE, SAIFALLAH BEN"),
    ],
)
def test_a_compound_joined_in_the_query_meets_it_written_apart(
    index: ScreeningIndex, query: str, expected: str
) -> None:
    assert _best(index, query) == expected


def test_compound_split_keeps_other_words_whole() -> None:
    """Only عبد, أبو and بن heads are split, عبد and أبو only before the article, and only
    with at least two letters left: بنك ("bank") and أبوبكر stay whole (أبو بكر "Abubakar"
    is joined, not split, by the query's known joins)."""
    assert compound_split(["عبدالخالق", "أبواليزيد", "بنحسين"]) == [
        "عبد", "الخالق", "أبو", "اليزيد", "بن", "حسين"]
    assert compound_split(["بنك", "أبوبكر", "عبدال"]) == ["بنك", "أبوبكر", "عبدال"]


def test_abd_allah_is_one_word(index: ScreeningIndex) -> None:
    """عبد الله is "Abdallah": not split as عبد الرحمن is ("Abdul Rahman"), which left
    a word لله no listed name has."""
    assert abdul_split(["حامد", "عبد", "الله"]) == ["حامد", "عبدالله"]
    assert abdul_split(["عبد", "الرحمن"]) == ["عبدال", "رحمن"]
    assert _best(index, "حامد عبد الله أحمد العلي") == "AL-'ALI, HAMID 'ABDALLAH AHMAD"


def test_the_article_inside_a_compound_is_assimilated(index: ScreeningIndex) -> None:
    """عبدالرحمن is "Abderrahmane": the article's l is not written before a sun letter."""
    assert "bdrhmn" in arabic_query_keys("عبدالرحمن")
    assert "bdkdr" not in arabic_query_keys("عبدالقادر")  # ق is no sun letter
    assert _best(index, "عبد الرحمن ولد العامر") == "EL AMAR, ABDERRAHMANE OULD"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("عصبة الأنصار", "ASBAT AL-ANSAR"),
        ("هيئة تحرير الشام", "HAY'AT TAHRIR AL-SHAM"),
    ],
)
def test_ta_marbuta_in_a_construct_is_a_t(
    index: ScreeningIndex, query: str, expected: str
) -> None:
    """عصبة before the next word of a construct is "Asbat", هيئة "Hay'at"."""
    assert _best(index, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("عبد الستار عبد المنان", "MANAN, HAJI ABDUL SATAR HAJI ABDUL"),
        ("خيرالله بارکزی خدای نظر", "BARAKZAI, HAJI KHAIRULLAH"),
        ("احمد شاه نورزی عبیدالله", "NOORZAI, MULLAH AHMED SHAH"),
    ],
)
def test_a_listed_title_the_original_script_leaves_out_costs_nothing(
    index: ScreeningIndex, query: str, expected: str
) -> None:
    assert _best(index, query) == expected


def test_a_title_set_aside_does_not_make_one_name_a_match(index: ScreeningIndex) -> None:
    """Negative: "HASSAN, Sheikh" shares only the common حسن with the query; the title
    set aside leaves one name part, which must not alert."""
    result = screen_name("حسن ظاهرعويس", index=index, lists=OTHER_LISTS)
    assert all("SHEIKH" not in m.matched_name.upper() for m in result.matches)


def test_limited_written_in_arabic_script_is_a_legal_form(index: ScreeningIndex) -> None:
    """لمتد is "Ltd" transliterated: set aside as the legal form, the name alone meets."""
    form = name_forms("راحت لمتد")[0]
    assert form.tokens == ("راحت",) and form.legal_forms == ("ltd",)
    result = screen_name("راحت لمتد", index=index, lists=OTHER_LISTS)
    assert result.matches and result.matches[0].name.upper().startswith("RAHAT")


def test_arabic_script_function_words_weigh_as_generic_words(index: ScreeningIndex) -> None:
    """او ("and" in Pashto) and کمپنی ("company") are generic words: left unaligned they
    cost as little as "and" and "company" do, so the names carry the match."""
    assert _best(index, "د حاجی بصیر او ضرجمیل کمپنی حواله") == (
        "HAJI BASIR AND ZARJMIL COMPANY HAWALA")
    # Negative: sharing only such words aligns nothing that can alert
    assert not screen_name("شركة و کمپنی", index=index, lists=OTHER_LISTS).matches


def test_a_particle_joined_to_the_article_is_read_apart(index: ScreeningIndex) -> None:
    """بالدم is ب + الدم, "bil-Dima"; والجهاد is و + الجهاد. A name that merely begins
    with those letters (والي "Wali", فالح "Falih") is not split."""
    assert compound_split(["والجهاد", "بالدم", "للدعوة"]) == [
        "و", "الجهاد", "ب", "الدم", "ل", "الدعوة"]
    assert compound_split(["والي", "فالح"]) == ["والي", "فالح"]
    assert _best(index, "الموقعون بالدم") == "AL-MUWAQQI'UN BIL-DIMA"


def test_urdu_h_inside_a_word_may_be_left_out(index: ScreeningIndex) -> None:
    """چوہدری is "Chaudry" or "Chaudhry": the Urdu ہ inside the word is not a consonant
    of every spelling. Arabic ه is a consonant and keeps its key."""
    assert "Sdr" in arabic_query_keys("چوہدری")
    assert arabic_query_keys("فهد") == {"fhd"}
    assert _best(index, "عامر علی چوہدری").startswith("CHAUD")


def test_latin_ch_may_spell_kha(index: ScreeningIndex) -> None:
    """"Barich" spells بريخ (ch as in German), as "Cherif" spells شريف (ch as in French)."""
    assert arabic_latin_keys("barich") == {"brS", "brx"}
    assert arabic_latin_keys("cherif") == {"Srf", "xrf"}
    assert _best(index, "محمد نعيم بريخ خدايداد") == "BARICH, MOHAMMAD NAIM"


def test_arabic_business_words_weigh_as_generic_words(index: ScreeningIndex) -> None:
    """للصرافة ("for money exchange") costs as little as "Exchange" would; the two names
    carry the match. Negative: the generic words alone meet nothing."""
    assert _best(index, "سلسلة الذهب للصرافة") == "AL SILSILAH AL DHAHABA"
    assert not screen_name("مكتب الصرافة", index=index, lists=OTHER_LISTS).matches


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # the listed "Hishan" is one consonant off هاشم (Hashim)
        ("أكرم تركي هاشم المزيده", "AL MAZIDIH, AKRAM TURKI HISHAN"),
        ("غازي فيزا هاشم المزيده", "AL MAZIDIH, GHAZY FEZZA HISHAN"),
    ],
)
def test_a_listed_word_one_consonant_off_completes_a_name(
    index: ScreeningIndex, query: str, expected: str
) -> None:
    assert _best(index, query) == expected


def test_a_word_one_consonant_off_never_makes_a_match(index: ScreeningIndex) -> None:
    """Negative: it does not retrieve, and it is too weak for a partial name: هاشم
    alone, or with one other name, does not meet "Hishan"."""
    assert ARABIC_NEAR_SIM < PARTIAL_NAME_MIN_SIM
    for query in ("هاشم", "هاشم المزيده"):
        result = screen_name(query, index=index, lists=OTHER_LISTS)
        assert all("HISHAN" not in m.matched_name.upper() for m in result.matches), query


def test_a_near_key_does_not_complete_a_short_name(index: ScreeningIndex) -> None:
    """Negative: ذاکر (Zakir, key "zkr") is one consonant off "Azhar" ("zhr"); beside
    only two other words ("Abdul Rauf") that must not make "AZHAR, Abdul Rauf" a match."""
    result = screen_name("عبد الروف ذاکر", index=index, lists=OTHER_LISTS)
    assert all("AZHAR" not in m.matched_name.upper() for m in result.matches)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # every word general vocabulary: the UN's Arabic name is the others' English one
        ("الجماعة الاسلامية المقاتلة الليبية", "LIBYAN ISLAMIC FIGHTING GROUP"),
        # a phrase (جزيرة العرب "Arabian Peninsula") and a name kept in Arabic (القاعدة)
        ("القاعدة في جزيرة العرب", "AL-QA'IDA IN THE ARABIAN PENINSULA"),
        # و "and" on a word (والشام "and the Levant"); a place after a dash
        ("الدولة الإسلامية في العراق والشام - اليمن",
         "ISLAMIC STATE OF IRAQ AND THE LEVANT IN YEMEN"),
        # a person's name kept as written beside the general word (شبكة "network"), which
        # tells the network from the person "JAMAL, Muhammad"
        ("شبكة محمد جمال", "MUHAMMAD JAMAL NETWORK"),
        # المقاتلة read "combatant" as well as "fighting"
        ("الجماعة الاسلامية المغربية المقاتلة", "MOROCCAN ISLAMIC COMBATANT GROUP"),
    ],
)
def test_an_organisation_named_in_general_arabic_words_meets_its_english_name(
    index: ScreeningIndex, query: str, expected: str
) -> None:
    assert _best(index, query) == expected


def test_arabic_in_english_reads_general_words_only() -> None:
    """The glossary reads kinds of organisation, places and function words, with the
    proclitics و "and" and لل "for" (left out in English), and leaves names alone: وليد
    (Walid) is not "and" + a word, لبنان is Lebanon, not ل + a word."""
    assert arabic_in_english(["مكتب", "حنيفة", "للصرافة"]) == [["office", "حنيفة", "exchange"]]
    assert arabic_in_english(["العراق", "والشام"]) == [["iraq", "and", "levant"]]
    assert arabic_in_english(["حزب", "لبنان"]) == [["party", "lebanon"]]
    assert arabic_in_english(["وليد", "محمد", "حسن"]) == []
    # a word translated two ways reads once each way
    assert arabic_in_english(["الجماعة", "التونسية", "المقاتلة"]) == [
        ["group", "tunisian", "fighting"], ["group", "tunisian", "combatant"]]


@pytest.mark.parametrize(
    "query",
    ["بنك قطر الوطني", "شركة الاتصالات السعودية", "مصرف الإمارات الوطني"],
)
def test_general_words_in_english_do_not_make_an_unlisted_firm_alert(
    index: ScreeningIndex, query: str
) -> None:
    """Negative: real unlisted firms in Arabic; their words in English ("bank qatar
    national") share only general words and places with listed names."""
    assert not screen_name(query, index=index).matches
