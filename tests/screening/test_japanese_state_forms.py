"""Ninth pass (Japanese): Russian state-enterprise forms set aside as legal forms, and a
listed final -el compared with katakana's -eru. METI's names against the other lists, with
negative cases where a false alert is plausible."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sangam.screening.index import ScreeningIndex
from sangam.screening.normalize import name_forms
from sangam.screening.screen import screen_name
from sangam.screening.spelling import latin_loose

OTHER_LISTS = "us-ofac-sdn,us-csl,un-sc"


@pytest.mark.parametrize(
    ("name", "core"),
    [
        ("FEDERAL STATE UNITARY ENTERPRISE ALEXANDROV RESEARCH INSTITUTE OF TECHNOLOGY",
         ("alexandrov", "research", "institute", "of", "technology")),
        ("FGUP NPP GAMMA", ("npp", "gamma")),
        ("連邦国家単一企業ロストフ・ナ・ドヌー無線通信研究所", None),
    ],
)
def test_state_enterprise_form_is_a_legal_form(name: str, core: tuple[str, ...] | None) -> None:
    form = name_forms(name)[0]
    assert "fsue" in form.legal_forms
    if core is not None:
        assert form.tokens == core


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # the listed name carries FEDERAL STATE UNITARY ENTERPRISE, METI's does not
        ("アレクサンドロフ名称科学技術研究所", "ALEXANDROV RESEARCH INSTITUTE OF TECHNOLOGY"),
        ("ロシア連邦原子力センター・全ロシア実験物理学研究所", "INSTITUTE OF EXPERIMENTAL PHYSICS"),
        ("連邦汎用技術センター(FTsDT)ソユーズ", "FTSDT SOYUZ"),
        # ... FEDERAL STATE BUDGETARY ESTABLISHMENT
        ("ロシア連邦国防省第 33中央研究試験所", "33 CENTRAL SCIENTIFIC RESEARCH TEST INSTITUTE"),
    ],
)
def test_meti_name_meets_a_name_with_the_state_form(
    top_match: Callable[[str], str], query: str, expected: str
) -> None:
    assert expected in top_match(query)


@pytest.mark.parametrize(
    "query",
    [
        # the state form and general words only: no party's name
        "Federal State Unitary Enterprise Central Research Institute",
        "FGUP Scientific Production Association",
    ],
)
def test_state_form_with_general_words_does_not_alert(index: ScreeningIndex, query: str) -> None:
    assert not screen_name(query, index=index).matches


def test_listed_final_el_meets_katakana_eru(index: ScreeningIndex) -> None:
    """ファケル "fakeru" is Fakel: the listed -el must not be folded as a final -er, which
    katakana writes as a long a (ワグナー "Wagner")."""
    assert latin_loose("fakel") == "faker"
    assert latin_loose("wagner") == "wagnar"
    result = screen_name("株式会社P.D.グルシン名称機械製造設計局ファケル", index=index,
                         lists=OTHER_LISTS)
    assert result.matches
    assert "FAKEL" in result.matches[0].matched_name.upper()


def test_katakana_long_a_still_meets_a_final_er(index: ScreeningIndex) -> None:
    result = screen_name("ワグナー・グループ", index=index, lists=OTHER_LISTS)
    assert result.matches
    assert result.matches[0].matched_name.upper() == "WAGNER GROUP"
