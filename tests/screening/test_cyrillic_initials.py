"""A one-letter word read from Cyrillic is an initial, and its other Latin letters count as
for longer words (spelling.cyrillic_respellings): к is as often a listed C as a K."""

from __future__ import annotations

import pytest

from sangam.screening.index import ScreeningIndex
from sangam.screening.screen import screen_name

ITC = "LIMITED LIABILITY COMPANY I T C"


def test_cyrillic_initial_meets_its_other_latin_letter(index: ScreeningIndex) -> None:
    result = screen_name("ООО и т к", index=index)
    assert result.matches
    assert result.matches[0].matched_name.upper() == ITC
    assert result.matches[0].band == "match"


@pytest.mark.parametrize(
    "query",
    [
        "LLC I T K",  # Latin K is written as meant: only a Cyrillic к is also c
        "ООО к т",  # initials short of the listed name's: one-letter words never make a name
        "ООО х т к",  # another initial
    ],
)
def test_initials_alone_do_not_alert(index: ScreeningIndex, query: str) -> None:
    assert not screen_name(query, index=index).matches, query
