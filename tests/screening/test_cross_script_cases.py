"""Japanese list names screened against the other lists (dev-set cross_script cases),
with a negative case: a different firm of the same kind must not meet."""

from __future__ import annotations

import pytest

from sangam.screening.index import ScreeningIndex
from sangam.screening.normalize import name_forms
from sangam.screening.screen import screen_name

OTHER_LISTS = "us-ofac-sdn,us-csl,un-sc"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # parent prefix dropped
        ("戦術ミサイル兵器コーポレーション、株式会社「サリュート」", "SALUTE"),
        ("戦術ミサイル兵器コーポレーション、株式会社ラヴェンストヴォ", "RAWENSTVO"),
        # compounds of the glossary and a second rendering (機械製造 machine building)
        ("株式会社トゥーラ機械製造工場", "TULA MACHINE BUILDING PLANT"),
        ("株式会社カザン光学機械工場", "KAZAN OPTICAL"),
        # a katakana name run together with a loanword
        ("アガトシステム", "AGAT-SYSTEM"),
        # an acronym in parentheses
        ("バヒレフ国立機械製造科学研究所(GosNIIMash)", "GOSNIIMASH"),
        # the listed name's general words the translation renders otherwise ("weapons",
        # "joint stock company" left over) cost what generic words cost
        ("株式会社学術生産公団高精度コンプレックス", "HIGH PRECISION WEAPONS"),
        # listed names with general words romanised from Russian, indexed in English as
        # well (translations_ru.yaml)
        ("株式会社エレコン工場", "ZAVOD ELECON"),
        ("学術生産企業「スヴャジ」", "NAUCHNO PROIZVODSTVENNOE PREDPRIYATIE SVYAZ"),
        # ... which also settles レギオン (katakana has one letter for l and r) for REGION,
        # a state scientific production enterprise, over "LIMITED LIABILITY COMPANY LEGION"
        ("戦術ミサイル兵器コーポレーション、株式会社国立学術・製造企業「レギオン」",
         "PROIZVODSTVENNOE PREDPRIYATIE REGION"),
    ],
)
def test_meti_names_meet_the_other_lists(index: ScreeningIndex, query: str,
                                         expected: str) -> None:
    result = screen_name(query, index=index, lists=OTHER_LISTS)
    assert result.matches, query
    best = result.matches[0]
    assert expected in f"{best.name} | {best.matched_name}".upper()


def test_other_firm_of_the_same_kind_does_not_meet(index: ScreeningIndex) -> None:
    """Negative: the Kazan optical-mechanical plant read in English must not meet the
    Vologda one, nor the Tula machine-building plant another machine-building plant."""
    kazan = screen_name("株式会社カザン光学機械工場", index=index, lists=OTHER_LISTS)
    assert all("VOLOGDA" not in m.matched_name.upper() for m in kazan.matches)
    tula = screen_name("株式会社トゥーラ機械製造工場", index=index, lists=OTHER_LISTS)
    assert all("TULA" in m.matched_name.upper() for m in tula.matches)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ثناء اللہ غفاری", "GHAFARI"),
        ("محمد عمر ځدران", "ZADRAN"),
        ("محفوظ ولد الوليد", "AL-WALID"),
    ],
)
def test_un_arabic_names_meet_the_other_lists(index: ScreeningIndex, query: str,
                                              expected: str) -> None:
    result = screen_name(query, index=index, lists="us-ofac-sdn,us-csl")
    assert result.matches, query
    assert expected in result.matches[0].name.upper()


def test_ansar_al_din_does_not_meet_a_person(index: ScreeningIndex) -> None:
    """Negative: the group Ansar al-Din is not the person NASERUDDIN."""
    result = screen_name("انصار الدين", index=index, lists="us-ofac-sdn,us-csl")
    assert result.matches and "ANSAR" in result.matches[0].name.upper()


METI_MICROTECHNOLOGY = "コンツェルン無線・電子テクノロジー、株式会社マイクロテクノロジー"


def test_a_shortened_reading_of_a_listed_name_does_not_alert(index: ScreeningIndex) -> None:
    """METI's subsidiary read without its parent ("micro technology") was in the index
    and made "Micron Technology, Inc." alert at 0.93 on jp-meti-russia 213; a listed name is
    indexed under its own readings only."""
    result = screen_name("Micron Technology, Inc.", index=index)
    assert all((m.list, m.source_id) != ("jp-meti-russia", "213") for m in result.matches)
    entry = next(k for k, (lid, e) in enumerate(index.entries)
                 if lid == "jp-meti-russia" and e.source_id == "213")
    readings = {tuple(index.tokens[t] for t in n.tokens) for n in index.names
                if n.entry == entry and n.text == METI_MICROTECHNOLOGY}
    assert readings  # the name's own readings are there ...
    assert ("micro", "technology") not in readings  # ... its subsidiary's alone is not


def test_a_query_still_reads_its_shortened_names(index: ScreeningIndex) -> None:
    """The same METI name as a query is read whole and as the subsidiary alone, and a
    subsidiary METI writes after its parent still meets the other lists' entry."""
    forms = name_forms(METI_MICROTECHNOLOGY)
    assert next(f.tokens for f in forms if f.shortened) == ("micro", "technology")
    assert not forms[0].shortened
    result = screen_name("戦術ミサイル兵器コーポレーション、株式会社「サリュート」",
                         index=index, lists=OTHER_LISTS)
    assert "SALUTE" in result.matches[0].name.upper()


@pytest.mark.parametrize(
    ("query", "lists", "expected"),
    [
        # many readings of other Moscow entries' names filled every candidate place
        ("ООО москов армс", None, "LIMITED LIABILITY COMPANY MOSCOW ARMS COMPANY"),
        # علي "Ali" aligned with the article of "AL-TIKRITI, Saddam Hussein"
        ("علي صدام حسين التكريتي", "us-ofac-sdn,us-csl", "AL-TIKRITI, Ali Saddam Hussein"),
        ("علي برزان إبراهيم حسن التكريتي", "us-ofac-sdn,us-csl",
         "AL-TIKRITI, Ali Barzan Ibrahim Hasan"),
        # the article is part of the Arabic word: "AL QA'IDA", not the one-word "Kaida"
        ("القاعدة", "us-ofac-sdn,us-csl", "AL QA'IDA"),
        # 貿易 is "trade" as well as "trading": not "RONIN TRADING"
        ("ロビン貿易有限会社", OTHER_LISTS, "ROBIN TRADE LIMITED"),
        # translated readings whose one rare word is a glossary word ("acoustics",
        # "measuring"): the name sharing it must still be a candidate
        ("応用音響科学研究所", OTHER_LISTS, "SCIENTIFIC RESEARCH INSTITUTE OF APPLIED ACOUSTICS"),
        ("株式会社測量技術学術生産団体", OTHER_LISTS,
         "SCIENTIFIC AND PRODUCTION ASSOCIATION OF MEASURING TECHNOLOGY"),
        # another spelling of the generic word "Moscow" retrieves its names
        ("АО москов индустриал банк", None, "JOINT STOCK COMPANY MOSCOW INDUSTRIAL BANK"),
        ("モスクワ熱技術研究所", OTHER_LISTS,
         "JOINT STOCK COMPANY CORPORATION MOSCOW INSTITUTE OF HEAT TECHNOLOGY"),
        # equal scores: the name without words the query lacks ("V.") first
        ("АО тихомиров скиентифик ресеарч институте оф инструменц десигн", None,
         "Tikhomirov Scientific Research Institute of Instrument Design, JSC"),
    ],
)
def test_the_right_entry_is_returned_first(index: ScreeningIndex, query: str,
                                           lists: str | None, expected: str) -> None:
    result = screen_name(query, index=index, lists=lists)
    assert result.matches, query
    assert result.matches[0].matched_name == expected


def test_three_common_names_inside_a_longer_name_do_not_alert(index: ScreeningIndex) -> None:
    """"HUSSEIN, Ali Ahmed" is in the full name of many people (محمد أحمد علي حسن, unlisted);
    a partial name needs rare parts, as "HIJAZI, Riad" has."""
    result = screen_name("محمد أحمد علي حسن", index=index)
    assert all(m.matched_name != "HUSSEIN, Ali Ahmed" for m in result.matches)
    riad = screen_name("Riad Mohammed Hasan Hijazi", index=index, lists="us-ofac-sdn")
    assert riad.matches and riad.matches[0].matched_name == "HIJAZI, Riad"


def test_hitachi_does_not_meet_radiozavod(index: ScreeningIndex) -> None:
    """A false alert seen while the glossary's Russian words were tried as a query reading:
    日立製作所 (Hitachi) read "ri li zavod" joined into "rilizavod", which has the consonants
    of METI's ラジオザヴォド (Radiozavod). Those words now live in the index only."""
    result = screen_name("株式会社日立製作所", index=index)
    assert not result.matches
