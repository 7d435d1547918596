"""Value parsing: worked examples and properties (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sangam.kb.values import parse_value

CURRENCIES = {"USD": "USD", "$": "USD", "¥": "JPY", "₹": "INR", "JPY": "JPY", "INR": "INR"}
SCALES = {"": 1, " thousand": 1e3, " million": 1e6, " billion": 1e9, " trillion": 1e12,
          " crore": 1e7}


@pytest.mark.parametrize(("text", "low", "high", "unit"), [
    ("USD 35 million", 35e6, None, "USD"),
    ("USD 110–133 million", 110e6, 133e6, "USD"),
    ("$2 trillion", 2e12, None, "USD"),
    ("¥68 trillion", 68e12, None, "JPY"),
    ("INR 1,000 crore", 1e10, None, "INR"),
    ("US$ 52 billion", 52e9, None, "USD"),
    ("18 billion USD", 18e9, None, "USD"),
])
def test_money_examples(text: str, low: float, high: float | None, unit: str) -> None:
    v = parse_value("money", text)
    assert (v.num, v.num_max, v.unit) == (low, high, unit)


@pytest.mark.parametrize(("kind", "text", "start", "end"), [
    ("period", "FY2023", "2023-01-01", "2023-12-31"),
    ("period", "2018–22", "2018-01-01", "2022-12-31"),
    ("period", "1998-2002", "1998-01-01", "2002-12-31"),
    ("period", "FY2023-24", "2023-01-01", "2024-12-31"),
    ("date", "2015", "2015-01-01", "2015-12-31"),
    ("date", "December 2015", "2015-12-01", "2015-12-31"),
    ("date", "12 December 2015", "2015-12-12", "2015-12-12"),
    ("date", "September 21, 2024", "2024-09-21", "2024-09-21"),
    ("date", "2024-02-29", "2024-02-29", "2024-02-29"),
])
def test_dates_and_periods(kind: str, text: str, start: str, end: str) -> None:
    v = parse_value(kind, text)
    assert (v.date_start, v.date_end) == (start, end)


@pytest.mark.parametrize(("kind", "text", "message"), [
    ("money", "a lot", "not an amount of money"),
    ("money", "35 million", "no currency"),
    ("money", "USD 9–3 million", "upper end"),
    ("money", "XYZ 3 million", "not a known currency"),
    ("percent", "sixty", "not a percentage"),
    ("date", "2023-02-30", "out of range"),
    ("period", "2022–2018", "ends before"),
    ("country", "Japan", "alpha-2"),
    ("ref", "NEC", "entity id"),
    ("number", "", "empty"),
])
def test_errors_say_what_would_be_valid(kind: str, text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_value(kind, text)


amounts = st.integers(min_value=0, max_value=10**6)


@given(low=amounts, extra=amounts, cur=st.sampled_from(sorted(CURRENCIES)),
       scale=st.sampled_from(sorted(SCALES)), dash=st.sampled_from(["–", "-", " to "]))
def test_money_ranges_round_trip(low: int, extra: int, cur: str, scale: str, dash: str) -> None:
    high = low + extra
    sep = " " if len(cur) == 3 else ""
    text = f"{cur}{sep}{low:,}{dash}{high:,}{scale}"
    v = parse_value("money", text)
    assert v.unit == CURRENCIES[cur]
    assert v.num == pytest.approx(low * SCALES[scale])
    assert v.num_max == pytest.approx(high * SCALES[scale])
    assert v.text == text


@given(low=st.decimals(min_value=0, max_value=100, places=1),
       extra=st.decimals(min_value=0, max_value=50, places=1))
def test_percent_ranges(low: object, extra: object) -> None:
    from decimal import Decimal

    assert isinstance(low, Decimal) and isinstance(extra, Decimal)
    v = parse_value("percent", f"{low}–{low + extra}%")
    assert v.num == pytest.approx(float(low))
    assert v.num_max == pytest.approx(float(low + extra))


@given(start=st.integers(min_value=1900, max_value=2090), length=st.integers(0, 9))
def test_two_digit_period_ends(start: int, length: int) -> None:
    end = start + length
    v = parse_value("period", f"{start}–{end % 100:02d}")
    assert v.date_start == f"{start}-01-01"
    assert v.date_end == f"{end}-12-31"


@given(y=st.integers(1900, 2100), m=st.integers(1, 12))
def test_month_dates_cover_the_month(y: int, m: int) -> None:
    import calendar

    v = parse_value("date", f"{calendar.month_name[m]} {y}")
    assert v.date_start == f"{y:04d}-{m:02d}-01"
    assert v.date_end == f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"
