"""Ninth pass (Japanese): general words whose English the other lists give otherwise
(名称 "named after", 火薬 "powder", 製作 "manufacturing", 無線工場 "radioworks", 航空
"airlines", METI's katakana for the Russian "predpriyatie"), each through the real lists
and index, with negatives."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sangam.screening.index import ScreeningIndex
from sangam.screening.normalize import name_forms
from sangam.screening.screen import screen_name

OTHER_LISTS = "us-ofac-sdn,us-csl,un-sc"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # 名称 read "named after" as well as left out
        ("V.P.チカロフ名称国立飛行実験センター",
         "STATE FLIGHT TESTING CENTER NAMED AFTER V.P. CHKALOV"),
        ("株式会社A.M.ゴーリキー名称ゼレノドリスク工場",
         "ZELENODOLSK PLANT NAMED AFTER A.M. GORKY"),
        # 火薬 "explosives" or "powder"
        ("連邦国家企業ペルミ火薬工場", "PERM POWDER PLANT"),
        # 製作 "manufacturing", a general word rather than an unknown, heavy one
        ("コンツェルン無線・電子テクノロジー、ラメンスコエ機材製作工場",
         "RAMENSKOYE INSTRUMENT PLANT"),
        # 無線工場 "radio plant" or "radioworks", 航空 "aviation" or "airlines"
        ("株式会社ヤロスラヴリ無線工場", "YAROSLAVL RADIOWORKS"),
        ("株式会社トランスアヴィアエクスポート航空", "TRANSAVIAEXPORT AIRLINES"),
        # 研究開発所 "research and development center" or "research institute"
        ("ツィクロン中央研究開発所", "TSNII TSIKLON"),
        # 技術センター "technology center" or "technical center"
        ("技術センター・ウィンデク有限会社", "VINDEK"),
        # 基本 "basic"
        ("株式会社学術生産団体ロシア基本情報技術", "RUSSIAN BASIC INFORMATION TECHNOLOGIES"),
        # 操作 "control", a general word rather than an unknown, heavy one
        ("連邦学術生産センター自動操作油圧中央科学研究所",
         "INSTITUTE OF AUTOMATION AND HYDRAULICS"),
        # the Order of the Red Banner of Labour, and 革新技術 read whole (not 革 + 新技術)
        ("株式会社モスクワ労働赤旗勲章無線工学研究所", "ORDER OF THE RED BANNER OF LABOR"),
        ("革新技術エンジニアリング・センター", "ENGINEERING CENTER OF INNOVATIVE TECHNOLOGIES"),
        # Turkish Dış Ticaret "foreign trade" in katakana
        ("CTLドゥシュ・ティジャーレット有限会社", "CTL FOREIGN TRADE LIMITED COMPANY"),
        # プレドプリヤティエ is the Russian word for "enterprise" in katakana
        ("公開株式会社スヴェトロフスコエ・プレドプリヤティエ・エラ", "SVETLOVSKOE ENTERPRISE ERA"),
    ],
)
def test_meti_name_meets_the_other_lists_words(
    top_match: Callable[[str], str], query: str, expected: str
) -> None:
    assert expected in top_match(query)


def test_named_after_is_read_both_ways() -> None:
    readings = {f.tokens for f in name_forms("株式会社A.M.ゴーリキー名称ゼレノドリスク工場")
                if f.script == "translated"}
    assert any("named" in r for r in readings)
    assert any("named" not in r for r in readings)


@pytest.mark.parametrize(
    "query",
    [
        # a namesake and general words of no listed party
        "株式会社イワノフ名称研究所",
        "ペトロフ名称工場",
        "機材製作工場",
        "株式会社無線工場",
        "日本航空株式会社",
        "株式会社ノヴァ研究開発所",
        "株式会社情報技術センター",
        "アナドル・ドゥシュ・ティジャーレット有限会社",
        "基本設計株式会社",
        "株式会社遠隔操作技術",
        "労働技術研究所",
        "赤旗工場",
    ],
)
def test_general_words_alone_do_not_alert(index: ScreeningIndex, query: str) -> None:
    assert not screen_name(query, index=index).matches


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # 物理学 "physics" against PHYSICAL, 化学機械 "chemistry machine" against
        # CHEMISTRY AND MECHANICS: glossary words compared with listed words of their initial
        ("ロシア科学アカデミーP.N.レベデフ名称物理学研究所", "LEBEDEV PHYSICAL INSTITUTE"),
        ("ロシア連邦国家研究センターFGUP 化学機械中央学術研究所",
         "INSTITUTE OF CHEMISTRY AND MECHANICS"),
    ],
)
def test_glossary_word_meets_another_form_of_the_listed_word(
    top_match: Callable[[str], str], query: str, expected: str
) -> None:
    assert expected in top_match(query)


@pytest.mark.parametrize(
    "query", ["大阪電気機械株式会社", "株式会社自動化技術", "名古屋航空機製造"])
def test_general_words_of_a_japanese_firm_do_not_alert(index: ScreeningIndex, query: str) -> None:
    assert not screen_name(query, index=index).matches
