"""The USGS MCS 2024 parser on the real bundled files, and each trap the files set."""

from __future__ import annotations

from pathlib import Path

import pytest

from sangam.errors import NotFound, ValidationFailed
from sangam.supply import minerals as m


def test_gallium_share_and_hhi() -> None:
    """Gallium primary production, est. 2023 (kg): world 610,000; China 600,000, Russia
    5,000, Japan 3,000, Korea 2,000, US 0. China 600/610 = 98.36 %; HHI = 98.36² + 0.82² +
    0.49² + 0.33² + 0² = 9,674.69 + 0.67 + 0.24 + 0.11 = 9,675.7 (≈ 9,676)."""
    ga = m.mineral("galli")
    assert ga.unit == "kg"
    assert ga.world_total == 610_000
    shares = {c.country: c.share_pct for c in ga.countries}
    assert shares["CN"] == pytest.approx(98.36, abs=0.01)
    assert ga.hhi == pytest.approx(9675.7, abs=0.5)
    assert ga.top() is not None and ga.top().country == "CN"  # type: ignore[union-attr]


def test_graphite_hhi() -> None:
    """Natural graphite mine production 2023 (t): world 1,600,000, China 1,230,000 = 76.88 %;
    the sum of squared listed shares is 6,011.5 (≈ 6,011)."""
    gr = m.mineral("graph")
    assert gr.unit == "t"
    assert gr.hhi == pytest.approx(6011.5, abs=0.5)
    assert {c.country: c.share_pct for c in gr.countries}["CN"] == pytest.approx(76.88)


def test_footnote_letters_and_digits_are_stripped() -> None:
    """The gallium file writes 'Japane', 'Korea, Republic ofe', 'Russiae' (footnote e =
    estimated) and 'Other countries4'; nickel has 'New Caledonia9'."""
    ga = m.mineral("galli")
    names = {c.country: c.name for c in ga.countries}
    assert names == {"US": "United States", "CN": "China", "JP": "Japan",
                     "KR": "Korea, Republic of", "RU": "Russia"}
    assert ga.residual == 0  # 'Other countries4' is the residual row, not a country
    nickel = next(x for x in m.minerals() if x.code == "nicke" and "Mine" in x.measure)
    assert "NC" in {c.country for c in nickel.countries}


def test_withheld_values_are_none_not_zero() -> None:
    """US bauxite mine production is 'W' (withheld): no value, no share, left out of HHI,
    while the US alumina refinery row of the same file (780 kt) is read."""
    bauxite = [x for x in m.minerals() if x.code == "bauxi"]
    mine = next(x for x in bauxite if x.measure.startswith("Mine"))
    refinery = next(x for x in bauxite if x.measure.startswith("Refinery"))
    us_mine = next(c for c in mine.countries if c.country == "US")
    assert us_mine.value is None and us_mine.share_pct is None
    assert next(c for c in refinery.countries if c.country == "US").value == 780
    assert mine.hhi == pytest.approx(
        sum((c.share_pct or 0) ** 2 for c in mine.countries), abs=0.1)


def test_units_come_from_each_file() -> None:
    """Units live in the column name and differ: gallium kg, graphite t, aluminium kt."""
    units = {x.code: x.unit for x in m.minerals()}
    assert (units["galli"], units["graph"], units["alumi"]) == ("kg", "t", "kt")


def test_unknown_country_is_an_error_naming_file_row_field(tmp_path: Path) -> None:
    path = tmp_path / "mcs2024-zzzzz_world.csv"
    path.write_text("\ufeffSource,Country,Type,Prod_t_2022,Prod_t_est_2023\n"
                    "MCS2024,China,Mine,5,5\n"
                    "MCS2024,Atlantis,Mine,1,1\n"
                    "MCS2024,World total (rounded),Mine,6,6\n", encoding="utf-8")
    names = {"China": "CN"}
    with pytest.raises(ValidationFailed) as info:
        m.parse_world_file(path, names)
    [problem] = info.value.problems
    assert (problem.file, problem.row, problem.field) == (path.name, 3, "Country")
    assert "Atlantis" in problem.message


def test_alliance_share_is_a_query_on_data() -> None:
    """Quad (US, JP, IN, AU) share of gallium: Japan 0.49 + US 0 = 0.49 %."""
    ga = m.mineral("galli")
    assert ga.share_of(m.alliance("quad").members) == pytest.approx(0.49)
    assert m.alliance("US,KR").members == frozenset({"US", "KR"})
    with pytest.raises(NotFound):
        m.alliance("warsaw-pact")
    with pytest.raises(NotFound):
        m.mineral("unobtainium")
