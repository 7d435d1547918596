"""A listed name transliterated from Russian meets a Japanese name through the general
words of translations_ru.yaml: 機器 (instruments, equipment) is "priborov" and also
"sredstv" (средств, "means of"), as in "SPETSIALNOE PROEKTNO KONSTRUKTORSKOE BYURO SREDSTV
UPRAVLENIYA" for METI's 株式会社制御機器特別設計局."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sangam.screening.index import ScreeningIndex
from sangam.screening.screen import screen_name

OTHER_LISTS = "us-ofac-sdn,us-csl,un-sc"


def test_sredstv_is_read_as_instruments(top_match: Callable[[str], str]) -> None:
    assert top_match("株式会社制御機器特別設計局") == (
        "AKTSIONERNOE OBSHCHESTVO SPETSIALNOE PROEKTNO KONSTRUKTORSKOE BYURO SREDSTV "
        "UPRAVLENIYA")


@pytest.mark.parametrize("query", ["制御機器株式会社", "株式会社制御機器", "株式会社計測機器設計局",
                                   "オムロン制御機器株式会社"])
def test_general_instrument_names_do_not_alert(index: ScreeningIndex, query: str) -> None:
    assert not screen_name(query, index=index, lists=OTHER_LISTS).matches, query
