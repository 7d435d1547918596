"""A query's acronym against the listed words it stands for, written out ("STC" for
"Scientific and Technical Center"), through the real lists and index."""

from __future__ import annotations

import pytest

from conftest import NOT_METI
from sangam.screening.index import ScreeningIndex
from sangam.screening.normalize import _acronyms
from sangam.screening.screen import screen_name


def test_capitals_are_an_acronym_only_in_a_name_not_all_capitals() -> None:
    assert _acronyms("STCオリオン有限会社") == {"stc"}
    assert _acronyms("Kalashnikov NPO") == {"npo"}
    # a list writes every word in capitals; two letters are too few to tell
    assert _acronyms("STC ORION LLC") == frozenset()
    assert _acronyms("公共株式会社IL支部") == frozenset()


@pytest.mark.parametrize(
    ("query", "source_id", "initials"),
    [
        # SDN: LIMITED LIABILITY COMPANY SCIENTIFIC AND TECHNICAL CENTER ORION
        ("STCオリオン有限会社", "45999", "scientific technology center"),
        # SDN: PUBLIC JOINT STOCK COMPANY ARZAMASSKOE NAUCHNO PROIZVODSTVENNOE
        # PREDPRIYATIE TEMP-AVIA
        ("戦術ミサイル兵器コーポレーション、公共株式会社 ANPPテンプ・アヴィア", "35859",
         "arzamasskoe nauchno proizvodstvennoe predpriyatie"),
        # SDN: JOINT STOCK COMPANY SPECIAL ECONOMIC ZONE OF INDUSTRIAL PRODUCTION ALABUGA
        ("株式会社 SEZ アラブガ", "45708", "special economic zone"),
    ],
)
def test_acronym_meets_the_words_it_stands_for(
    index: ScreeningIndex, query: str, source_id: str, initials: str
) -> None:
    top = screen_name(query, index=index, lists=NOT_METI).matches[0]
    assert (top.list, top.source_id) == ("us-ofac-sdn", source_id)
    assert f"as the initials of '{initials}'" in top.explanation


@pytest.mark.parametrize("query", ["XYZオリオン有限会社", "株式会社 SEZ アラブガ物流"])
def test_other_initials_do_not_align(index: ScreeningIndex, query: str) -> None:
    """Negative: letters that are not the listed words' initials align nothing, and an
    acronym does not carry a name whose own word differs ("Alabuga Logistics")."""
    result = screen_name(query, index=index, lists=NOT_METI)
    assert not any(m.source_id in {"45999", "45708"} and m.score >= 0.8
                   for m in result.matches)
