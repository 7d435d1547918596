"""translations_ru.yaml: more of the forms lists romanise a general Russian word in.
машиностроитель(ный) "machine building" is written mashinostroitel, -ny, -niy, -nyy, -noe,
-naya, ... besides -nyi; Средне- ("middle", СРЕДНЕ-НЕВСКИЙ) is what METI renders 中央 as it
renders центральное. Positive cases from the real lists, and names that must still not
alert."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conftest import NOT_METI
from sangam.screening.index import ScreeningIndex
from sangam.screening.normalize import in_english
from sangam.screening.screen import screen_name


@pytest.mark.parametrize(
    ("listed", "english"),
    [
        (("permskiy", "zavod", "mashinostroitel"), ("permskiy", "plant", "machine", "building")),
        (("mashinostroitelnyy", "zavod"), ("machine", "building", "plant")),
        (("sredne", "nevsky", "shipyard"), ("central", "nevsky", "shipyard")),
    ],
)
def test_listed_russian_forms_in_english(listed: tuple[str, ...],
                                         english: tuple[str, ...]) -> None:
    assert in_english(listed) == english


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("株式会社ペルミ機械製造工場", "JSC PERM PLANT MASHINOSTROITEL"),
        ("統一造船会社「中央・ネフスキー造船所」", "JOINT STOCK COMPANY SREDNE-NEVSKY SHIPYARD"),
    ],
)
def test_meti_name_meets_the_russian_form(top_match: Callable[[str], str], query: str,
                                          listed: str) -> None:
    assert top_match(query) == listed


@pytest.mark.parametrize(
    "query",
    [
        "株式会社中央機械製造工場",  # general words only: "central machine building plant"
        "統一造船会社「中央造船所」",  # without NEVSKY, no SREDNE-NEVSKY
    ],
)
def test_general_words_alone_do_not_alert(index: ScreeningIndex, query: str) -> None:
    assert not screen_name(query, index=index, lists=NOT_METI).matches, query
