"""Typed values: parse the way figures are printed into numbers, currencies, dates and periods.

The original text is always kept (`Value.text`); parsing adds the machine-usable parts so
that figures can be compared, charted and filtered. A value that cannot be parsed for its
property's type is an input error, reported with what would be valid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DASH = r"[-–—‒]|to"
_NUM = r"\d+(?:[.,]\d+)*(?:\.\d+)?"

_SCALE = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
    "b": 1e9, "trillion": 1e12, "tn": 1e12, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7,
    "crores": 1e7,
}
_CURRENCY_SYMBOL = {"$": "USD", "US$": "USD", "¥": "JPY", "₹": "INR", "€": "EUR", "£": "GBP",
                    "A$": "AUD", "Rs": "INR", "Rs.": "INR"}
_CURRENCY_CODE = {"USD", "JPY", "INR", "EUR", "GBP", "AUD", "CNY", "KRW", "TWD", "SGD"}
_CURRENCY_WORD = {"yen": "JPY", "dollars": "USD", "rupees": "INR", "euros": "EUR"}
_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
_MONTHS.update({name[:3]: num for name, num in list(_MONTHS.items())})
_MONTHS["sept"] = 9

_MONEY = re.compile(
    rf"^(?:(?P<pre>US\$|A\$|Rs\.?|[$¥₹€£])\s*|(?P<code>[A-Z]{{3}})\s+)?"
    rf"(?P<a>{_NUM})(?:\s*(?:{_DASH})\s*(?:US\$|[$¥₹€£])?\s*(?P<b>{_NUM}))?"
    rf"\s*(?P<scale>thousand|million|billion|trillion|lakhs?|crores?|mn|bn|tn|[kmb])?\b"
    rf"(?:\s+(?P<word>yen|dollars|rupees|euros))?(?:\s+(?P<code2>[A-Z]{{3}}))?$",
    re.IGNORECASE,
)
_PERCENT = re.compile(
    rf"^(?P<a>-?{_NUM})\s*(?:%|per ?cent)?\s*(?:(?:{_DASH})\s*(?P<b>-?{_NUM}))?"
    r"\s*(?:%|per ?cent|percent)$",
    re.IGNORECASE,
)
_NUMBER = re.compile(rf"^(?P<a>-?{_NUM})(?:\s*(?:{_DASH})\s*(?P<b>{_NUM}))?"
                     r"\s*(?P<scale>thousand|million|billion|trillion|lakh|crore)?$", re.IGNORECASE)
_ISO_DATE = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?$")
_DMY = re.compile(r"^(?:(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+)?(?P<mon>[A-Za-z]+)\.?,?\s+(?P<y>\d{4})$")
_MDY = re.compile(r"^(?P<mon>[A-Za-z]+)\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})$")
_FY = re.compile(r"^FY\s*(?P<a>\d{2}|\d{4})(?:\s*(?:[-–/]|to)\s*(?P<b>\d{2}|\d{4}))?$",
                 re.IGNORECASE)
_YEARS = re.compile(r"^(?P<a>\d{4})\s*(?:[-–—/]|to)\s*(?P<b>\d{2}|\d{4})$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_REF = re.compile(r"^[a-z]+:[a-z0-9][a-z0-9.\-]*$")
_URL = re.compile(r"^https?://\S+$")


@dataclass(frozen=True)
class Value:
    """A parsed value; fields that do not apply to the type are None."""

    text: str
    type: str
    num: float | None = None
    num_max: float | None = None
    unit: str | None = None
    date_start: str | None = None
    date_end: str | None = None
    ref: str | None = None


def _to_float(raw: str) -> float:
    # "1,000.5" -> 1000.5; a lone comma group like "1,5" is treated as a thousands separator
    return float(raw.replace(",", ""))


def _year(raw: str, base: int | None = None) -> int:
    if len(raw) == 2:
        century = (base // 100) * 100 if base else 2000
        year = century + int(raw)
        return year + 100 if base and year < base else year
    return int(raw)


def _date_parts(y: int, m: int | None, d: int | None) -> tuple[str, str]:
    import calendar

    if m is None:
        return f"{y:04d}-01-01", f"{y:04d}-12-31"
    if not 1 <= m <= 12:
        raise ValueError(f"month {m} is out of range")
    last = calendar.monthrange(y, m)[1]
    if d is None:
        return f"{y:04d}-{m:02d}-01", f"{y:04d}-{m:02d}-{last:02d}"
    if not 1 <= d <= last:
        raise ValueError(f"day {d} is out of range for {y:04d}-{m:02d}")
    return f"{y:04d}-{m:02d}-{d:02d}", f"{y:04d}-{m:02d}-{d:02d}"


def parse_money(text: str) -> Value:
    m = _MONEY.match(text.strip())
    if not m:
        raise ValueError(f"{text!r} is not an amount of money; write e.g. 'USD 35 million', "
                         "'$2 trillion', '¥68 trillion' or 'USD 110–133 million'")
    currency = None
    if m["pre"]:
        currency = _CURRENCY_SYMBOL.get(m["pre"]) or _CURRENCY_SYMBOL.get(m["pre"].rstrip("."))
    for code in (m["code"], m["code2"]):
        if code:
            if code.upper() not in _CURRENCY_CODE:
                raise ValueError(f"{code!r} is not a known currency code "
                                 f"({', '.join(sorted(_CURRENCY_CODE))})")
            currency = code.upper()
    if m["word"]:
        currency = _CURRENCY_WORD[m["word"].lower()]
    if currency is None:
        raise ValueError(f"{text!r} has no currency; write e.g. 'USD 35 million'")
    scale = _SCALE[m["scale"].lower()] if m["scale"] else 1.0
    low = _to_float(m["a"]) * scale
    high = _to_float(m["b"]) * scale if m["b"] else None
    if high is not None and high < low:
        raise ValueError(f"{text!r}: the range's upper end is below its lower end")
    return Value(text, "money", num=low, num_max=high, unit=currency)


def parse_percent(text: str) -> Value:
    m = _PERCENT.match(text.strip())
    if not m:
        raise ValueError(f"{text!r} is not a percentage; write e.g. '62%' or '8–10%'")
    low = _to_float(m["a"])
    high = _to_float(m["b"]) if m["b"] else None
    if high is not None and high < low:
        raise ValueError(f"{text!r}: the range's upper end is below its lower end")
    return Value(text, "percent", num=low, num_max=high, unit="%")


def parse_number(text: str, unit: str | None = None) -> Value:
    m = _NUMBER.match(text.strip())
    if not m:
        raise ValueError(f"{text!r} is not a number; write e.g. '30' or '50,000' "
                         "(put the unit in the `unit` field)")
    scale = _SCALE[m["scale"].lower()] if m["scale"] else 1.0
    low = _to_float(m["a"]) * scale
    high = _to_float(m["b"]) * scale if m["b"] else None
    return Value(text, "number", num=low, num_max=high, unit=unit or None)


def parse_date(text: str) -> Value:
    raw = text.strip()
    if m := _ISO_DATE.match(raw):
        start, end = _date_parts(int(m["y"]), int(m["m"]) if m["m"] else None,
                                 int(m["d"]) if m["d"] else None)
        return Value(text, "date", date_start=start, date_end=end)
    for pattern in (_DMY, _MDY):
        if (m := pattern.match(raw)) and m["mon"].lower() in _MONTHS:
            start, end = _date_parts(int(m["y"]), _MONTHS[m["mon"].lower()],
                                     int(m["d"]) if m["d"] else None)
            return Value(text, "date", date_start=start, date_end=end)
    raise ValueError(f"{text!r} is not a date; write e.g. '2015', 'December 2015', "
                     "'12 December 2015' or '2015-12-12'")


def parse_period(text: str) -> Value:
    raw = text.strip()
    if m := _FY.match(raw):
        first = _year(m["a"])
        last = _year(m["b"], first) if m["b"] else first
        if last < first:
            raise ValueError(f"{text!r}: the period ends before it starts")
        return Value(text, "period", date_start=f"{first:04d}-01-01", date_end=f"{last:04d}-12-31",
                     unit="fiscal year")
    if m := _YEARS.match(raw):
        first = int(m["a"])
        last = _year(m["b"], first)
        if last < first:
            raise ValueError(f"{text!r}: the period ends before it starts")
        return Value(text, "period", date_start=f"{first:04d}-01-01", date_end=f"{last:04d}-12-31")
    try:
        as_date = parse_date(raw)
    except ValueError:
        raise ValueError(f"{text!r} is not a period; write e.g. 'FY2023', '2018–22', "
                         "'2020–2025' or a date") from None
    return Value(text, "period", date_start=as_date.date_start, date_end=as_date.date_end)


def parse_value(kind: str, raw: object, unit: str | None = None) -> Value:
    """Parse `raw` as a value of type `kind`; raises ValueError with a helpful message."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise ValueError("the value is empty")
    if isinstance(raw, bool):
        raise ValueError(f"{raw!r} is a yes/no, not a {kind}")
    text = str(raw).strip() if not isinstance(raw, float) else repr(raw)
    if kind in ("text", "name"):
        return Value(text, kind)
    if kind == "money":
        return parse_money(text)
    if kind == "percent":
        return parse_percent(text)
    if kind == "number":
        return parse_number(text, unit)
    if kind == "date":
        return parse_date(text)
    if kind == "period":
        return parse_period(text)
    if kind == "country":
        if not _COUNTRY.match(text):
            raise ValueError(f"{text!r} is not an ISO 3166-1 alpha-2 country code "
                             "(e.g. US, JP, IN)")
        return Value(text, kind)
    if kind == "url":
        if not _URL.match(text):
            raise ValueError(f"{text!r} is not a web address starting with http:// or https://")
        return Value(text, kind)
    if kind == "ref":
        if not _REF.match(text):
            raise ValueError(f"{text!r} is not an entity id like 'org:bharat-electronics'")
        return Value(text, kind, ref=text)
    raise ValueError(f"unknown value type {kind!r}")
