"""Glossary words of Han-script state bodies (translations.yaml): 情報総局 is a main
intelligence directorate (情報 alone stays "information": 情報技術 is information
technology), 参謀本部 is the general staff, and the simplified 机械 is 機械 "machine" (read
as Japanese, 机 alone is "tsukue", a desk)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sangam.screening.index import ScreeningIndex
from sangam.screening.normalize import name_forms
from sangam.screening.screen import screen_name

OTHER_LISTS = "us-ofac-sdn,us-csl,un-sc"


def test_intelligence_directorate_of_the_general_staff(top_match: Callable[[str], str]) -> None:
    assert top_match("参謀本部情報総局") == "MAIN INTELLIGENCE DIRECTORATE"


@pytest.mark.parametrize(
    "query",
    ["情報システム株式会社", "日本情報通信株式会社", "株式会社情報技術研究所", "中央情報局",
     "防衛省情報本部", "統合参謀本部", "上海机械有限公司"],
)
def test_other_information_and_staff_names_do_not_alert(
    index: ScreeningIndex, query: str
) -> None:
    assert not screen_name(query, index=index, lists=OTHER_LISTS).matches, query


def test_simplified_machine_is_translated() -> None:
    translated = [form.tokens for form in name_forms("上海机械有限公司")
                  if form.script == "translated"]
    assert any("machine" in tokens for tokens in translated)
    assert not any("tsukue" in tokens for tokens in translated)
