"""A query whose distinctive words meet only a weak neighbour's names retrieves as a query
without distinctive words does, through its rarest listed words (candidates.candidates):
"нев" read from Cyrillic is the common "new" respelt, but also one letter off "Neva"."""

from __future__ import annotations

from sangam.screening.index import ScreeningIndex
from sangam.screening.screen import screen_name


def test_name_of_common_words_in_cyrillic_is_retrieved(index: ScreeningIndex) -> None:
    result = screen_name("ООО нев оил компанй еаст", index=index)
    assert result.matches
    assert result.matches[0].matched_name == "LIMITED LIABILITY COMPANY NEW OIL COMPANY EAST"


def test_other_name_of_common_words_does_not_alert(index: ScreeningIndex) -> None:
    assert not screen_name("ООО нев оил компанй вест", index=index).matches
    assert not screen_name("ООО нев эйдж компанй", index=index).matches
