"""Words read from Cyrillic compared under their other Latin spellings
(spelling.cyrillic_respellings): Russian writes English and Arabic names with в for w, х for
h, дж for j, к for c or q and у for w, which a transliteration reads back as v, kh, dzh, k
and u. Positive cases from the real lists, and names that must still not alert."""

from __future__ import annotations

import pytest

from sangam.screening import spelling
from sangam.screening.index import ScreeningIndex
from sangam.screening.screen import screen_name


@pytest.mark.parametrize(
    ("word", "respelt"),
    [
        ("vitkh", "with"),  # витх: в w, х h
        ("nev", "new"),
        ("dzhoint", "joint"),  # дж j
        ("kaukasus", "caucasus"),  # к c
        ("kuantum", "quantum"),  # к q
        ("taukhid", "tawhid"),  # у after a vowel w
    ],
)
def test_respellings_include_the_names_own_spelling(word: str, respelt: str) -> None:
    assert respelt in spelling.cyrillic_respellings(word)


def test_kh_is_one_letter() -> None:
    """х is kh: its k is never read as c ("vitkh" is not "witch")."""
    assert "witch" not in spelling.cyrillic_respellings("vitkh")
    assert spelling.cyrillic_respellings("tula") == ()


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("АО тула картридге воркс", "JOINT STOCK COMPANY TULA CARTRIDGE WORKS"),
        ("джоинт вентурес куантум течнологиес", "JOINT VENTURE QUANTUM TECHNOLOGIES"),
        ("АО скиентифик ресеарч институте платан витх плант",
         "JOINT STOCK COMPANY SCIENTIFIC RESEARCH INSTITUTE PLATAN WITH PLANT"),
        ("исламик стате оф ирак анд тхе левант каукасус провинке",
         "ISLAMIC STATE OF IRAQ AND THE LEVANT - CAUCASUS PROVINCE"),
        # a word respelt as a common listed word still retrieves its names ("moscow")
        ("АО москов индустриал банк", "JOINT STOCK COMPANY MOSCOW INDUSTRIAL BANK"),
    ],
)
def test_cyrillic_spelling_of_a_listed_name_matches(
    index: ScreeningIndex, query: str, listed: str
) -> None:
    result = screen_name(query, index=index)
    assert result.matches, query
    assert result.matches[0].matched_name.upper() == listed
    assert result.matches[0].band == "match"


def test_arabic_name_in_cyrillic_matches(index: ScreeningIndex) -> None:
    """Таухид "Tawhid", Джихад "Jihad", валь "wal" (OFAC writes the name in Latin only;
    the UN list also carries it in Cyrillic)."""
    result = screen_name("Катиба ат-Таухид валь-Джихад", index=index, lists="us-ofac-sdn")
    assert result.matches
    assert "TAWHID WAL" in result.matches[0].matched_name.upper()


@pytest.mark.parametrize(
    "query",
    [
        "ООО нев оил компанй вест",  # one word other than NEW OIL COMPANY EAST
        "АО тула текстиле воркс",  # TULA CARTRIDGE WORKS's other words
        "ООО тхе воркс",
        "джоинт вентурес оил",
        "Хьюман Райтс Вотч",
        "ООО Квантум Системс",
        "Катиба Хасан",
    ],
)
def test_respelt_words_do_not_alert_on_their_own(index: ScreeningIndex, query: str) -> None:
    assert not screen_name(query, index=index).matches, query
