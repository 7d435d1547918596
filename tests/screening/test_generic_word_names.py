"""Names of generic words only, reordered or misspelt, still meet their entry: retrieval of
such a query goes through its rarest words that are not legal-form words, and the Spanish
and Portuguese "Corporación" is a legal form."""

from __future__ import annotations

import pytest

from conftest import NOT_METI
from sangam.screening.index import ScreeningIndex
from sangam.screening.screen import screen_name


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("BANK STOCK MOSCOW INDUSTRIAL COMPANY JOINT",
         "JOINT STOCK COMPANY MOSCOW INDUSTRIAL BANK"),
        ("SYSTEMS AEROSPACE STOCK JOINT COMPANY DESIGN BUREAU",
         "JOINT STOCK COMPANY AEROSPACE SYSTEMS DESIGN BUREAU"),
        ("CORPORACOIN DE INVERSIONES EMPRESARIALES S.A.",
         "CORPORACION DE INVERSIONES EMPRESARIALES S.A."),
    ],
)
def test_generic_word_name_meets_its_entry(
    index: ScreeningIndex, query: str, expected: str
) -> None:
    top = screen_name(query, index=index, lists=NOT_METI).matches[0]
    assert top.matched_name.upper() == expected
    assert top.score >= 0.92


@pytest.mark.parametrize("query", ["BANK STOCK KAZAN INDUSTRIAL COMPANY JOINT",
                                   "CORPORACION DE INVERSIONES S.A."])
def test_other_generic_word_names_do_not_alert(index: ScreeningIndex, query: str) -> None:
    """Negative: another city's industrial bank, or the listed name less a word."""
    result = screen_name(query, index=index, lists=NOT_METI)
    assert not any(m.score >= 0.8 for m in result.matches)
