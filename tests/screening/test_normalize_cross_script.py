"""Extra readings of Japanese names (issue 4): glossary renderings, shorter names METI
writes inside a longer one, and katakana names run together with a loanword. Each
mechanism has a negative case: it must not make two different firms meet."""

from __future__ import annotations

from sangam.screening.normalize import name_forms
from sangam.screening.spelling import arabic_key, arabic_query_keys


def forms(name: str, script: str | None = None) -> list[tuple[str, ...]]:
    return [f.tokens for f in name_forms(name) if script is None or f.script == script]


def test_glossary_word_with_two_renderings_gives_two_readings() -> None:
    """兵器 is "weapons" in one list and "arms" in another (TULA ARMS PLANT); 工場 "plant"
    or "factory". The first reading takes the usual rendering of each word, then one
    reading per word rendered the other way (TULA ARMS PLANT is one of them)."""
    assert forms("トゥーラ兵器工場", "translated") == [
        ("tula", "weapons", "plant"), ("tula", "arms", "plant"),
    ]


def test_glossary_compounds_translate_whole() -> None:
    """機械製造 is "machine building" (not machine + manufacturing), 物理学 leaves no
    "gaku" behind, 光学機械 is "optical mechanical"."""
    assert ("tula", "machine", "building", "plant") in forms("株式会社トゥーラ機械製造工場")
    assert ("kazan", "optical", "mechanical", "plant") in forms("株式会社カザン光学機械工場")
    translated = forms("ロシア科学アカデミー固体物理学研究所", "translated")[0]
    assert "gaku" not in translated and "physics" in translated


def test_subsidiary_after_parent_is_a_reading_of_its_own() -> None:
    """METI: "<parent>、<subsidiary>"; other lists carry the subsidiary alone."""
    assert ("saryuuto",) in forms("戦術ミサイル兵器コーポレーション、株式会社「サリュート」")
    assert ("ravensutovo",) in forms("戦術ミサイル兵器コーポレーション、株式会社ラヴェンストヴォ")


def test_shortened_name_of_general_words_only_counts_only_whole() -> None:
    """Negative: "<parent>、「中央自動設計局」" shortened to "central automatic design
    bureau" would meet every central design bureau: a shortened name of general words only
    is kept only when it is METI's quoted name of the firm, and marked to count only as a
    listed name whole (test_quoted_general_names.py); the part after "、" alone is not."""
    found = name_forms("戦術ミサイル兵器コーポレーション、「中央自動設計局」")
    general = [f for f in found
               if not {"tactical", "senjutsu", "misairu"} & set(f.tokens)]
    assert general and all(f.whole_only and f.shortened for f in general)
    assert all(not f.whole_only for f in found if f not in general)
    unquoted = name_forms("戦術ミサイル兵器コーポレーション、中央自動設計局")
    assert all({"tactical", "senjutsu", "misairu"} & set(f.tokens) and not f.whole_only
               for f in unquoted)


def test_latin_acronym_in_parentheses_and_namesake() -> None:
    """(GosNIIMash) alone is how OFAC lists the institute (AO GOSNIIMASH); the namesake
    before 名称 ("named after") is dropped in a further reading."""
    assert ("gosniimash",) in forms("バヒレフ国立機械製造科学研究所(GosNIIMash)")
    assert ("novosibirsk", "aviation", "plant") in forms("チカロフ名称ノヴォシビルスク航空工場")


def test_bracketed_chinese_original_is_not_read_alone() -> None:
    """Negative: the syllables of a bracketed Chinese name alone ("zhang guang wei xing")
    met the person "ZHANG, Wei"; they are read only as part of the whole name."""
    name = "チャングアン・サテライト・テクノロジー有限会社(长光卫星技术股份有限公司(长光卫星))"
    found = forms(name)
    assert found and all(f[0] == "changuan" for f in found)


def test_katakana_name_run_together_with_a_loanword_is_split() -> None:
    """アガトシステム (Agat-System) and セルニヤエンジニアリング (Serniya Engineering) are
    one katakana run; the loanword at the end is cut off, in its source spelling."""
    assert ("agato", "system") in forms("アガトシステム")
    assert ("seruniya", "engineering") in forms("セルニヤエンジニアリング")


def test_short_loanword_endings_do_not_split_a_name() -> None:
    """Negative: サプフィル (Sapfir) and ギリコンド (Giricond) end in フィル and コンド,
    which UniDic knows as "philharmonie" and "condominium"; the names stay whole."""
    assert all(len(f) == 1 for f in forms("サプフィル"))
    assert all(len(f) == 1 for f in forms("ギリコンド"))


def test_urdu_and_pashto_letters_have_keys() -> None:
    """ہ (Urdu heh), ځ (Pashto dze) and ڑ were left in keys as they are, so اللہ and
    ځدران met nothing; they fold like their Arabic counterparts."""
    assert arabic_key("اللہ") == arabic_key("الله")
    assert arabic_key("ځدران") == arabic_key("zadran")
    assert all(ch.isascii() for ch in arabic_key("گیدڑ"))


def test_persian_letter_folds_are_extra_keys() -> None:
    """فضل is "Fazal" in Afghan listings (ض as z) and "Fadl" in Arab ones: both keys."""
    keys = arabic_query_keys("فضل")
    assert {arabic_key("fazal"), arabic_key("fadl")} <= keys


def test_compound_given_name_joined_as_lists_write_it() -> None:
    """ثناء اللہ is "Sanaullah" (ث as s): a joined reading meets the one Latin word;
    different compounds stay apart (Saifullah is not Sanaullah)."""
    joined = name_forms("ثناء اللہ غفاری")[-1].tokens
    assert len(joined) == 2
    assert arabic_key("sanaullah") in arabic_query_keys(joined[0])
    assert arabic_key("saifullah") not in arabic_query_keys(joined[0])


def test_ansar_al_din_is_not_joined() -> None:
    """Negative: انصار الدين (a group) joined would have the consonants of the person
    "Naseruddin"; الدين is left as a word of its own."""
    assert all(len(f.tokens) == 2 for f in name_forms("انصار الدين"))


def test_ould_and_french_initial_w() -> None:
    """ولد ("son of") is written "Ould"; العوادي "Aouadi" (ou before a vowel is و). A
    given name beginning with و keeps its w (وليد is not "Lid")."""
    assert arabic_key("ould") in arabic_query_keys("ولد")
    assert arabic_key("aouadi") in arabic_query_keys("العوادي")
    assert arabic_key("lid") not in arabic_query_keys("وليد")
    assert arabic_key("oumar") == arabic_key("umar")


def test_russian_general_words_put_into_english() -> None:
    """A listed name transliterated from Russian gets the glossary's English for its general
    words (longest phrase first), its own words kept; a name without them is unchanged."""
    from sangam.screening.normalize import in_english

    assert in_english(("nauchno", "proizvodstvennoe", "predpriyatie", "svyaz")) == (
        "scientific", "production", "enterprise", "svyaz")
    assert in_english(("spetsialnoe", "konstruktorskoe", "byuro", "vychislitelnoi",
                       "tekhniki")) == ("special", "design", "bureau", "computer")
    assert in_english(("zavod", "elekon")) == ("plant", "elekon")
    assert in_english(("toshiba", "plant")) == ("toshiba", "plant")
