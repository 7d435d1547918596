"""The pathfinder: one proposed transfer in, one determination per regime that applies out.

Which regimes are asked follows from where the item goes from and what it is:
the US rules (EAR or ITAR) when the item is US-origin or carries US content; Japan's FEFTA and,
for defence equipment, the Three Principles when it leaves Japan; India's SCOMET when it leaves
India; and, when an Indian buyer acquires it, the DAP 2020 procurement routes. A foreign
national receiving technology inside the exporting country is an export to their country
(deemed export).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sangam.errors import InvalidInput
from sangam.regulatory import ear, india, itar, japan
from sangam.regulatory.codes import check_country, parse_item
from sangam.regulatory.model import KINDS, Answer, Determination, Query
from sangam.regulatory.rulebook import RuleBook, get_rulebook
from sangam.regulatory.sandbox import Sandbox, load_sandboxes, match_sandboxes
from sangam.regulatory.screening_link import ScreenFn, screen_end_user
from sangam.regulatory.tables import bundled_dir, overlay_dir


def normalise(book: RuleBook, item: str, from_country: str, to_country: str,
              kind: str = "hardware", end_user: str | None = None, end_use: str | None = None,
              nationality: str | None = None, us_content_percent: float | None = None,
              value: float | None = None) -> Query:
    """Validate raw input into a Query; user mistakes raise InvalidInput with a hint."""
    kind_value = (kind or "hardware").strip().lower()
    if kind_value not in KINDS:
        raise InvalidInput(f"unknown kind {kind!r}", f"Use one of: {', '.join(KINDS)}.")
    if us_content_percent is not None and not 0 <= us_content_percent <= 100:
        raise InvalidInput(f"--us-content-percent {us_content_percent:g} is not between 0 and "
                           "100", "Give the US-origin share of the item's value in percent.")
    if value is not None and value < 0:
        raise InvalidInput(f"--value {value:g} is negative", "Give the value in US dollars.")
    return Query(
        item=(item or "").strip(),
        from_country=check_country(book, from_country, "--from"),
        to_country=check_country(book, to_country, "--to"),
        kind=kind_value,
        end_user=(end_user or "").strip() or None,
        end_use=(end_use or "").strip() or None,
        nationality=check_country(book, nationality, "--nationality") if nationality else None,
        us_content_percent=us_content_percent,
        value=value,
    )


def default_sandboxes() -> list[Sandbox]:
    return load_sandboxes([bundled_dir() / "sandboxes", overlay_dir() / "sandboxes"])


def _destinations(q: Query) -> list[tuple[str, bool]]:
    """(country, deemed?) pairs the transfer reaches."""
    out: list[tuple[str, bool]] = []
    if q.to_country != q.from_country:
        out.append((q.to_country, False))
    deemed_kind = q.kind in ("technology", "software", "service")
    if ((q.nationality and deemed_kind and q.nationality not in (q.to_country, q.from_country))
            or (q.nationality and q.to_country == q.from_country
                and q.nationality != q.from_country)):
        out.append((q.nationality or "", True))
    return out


def pathfind(q: Query, book: RuleBook | None = None, sandboxes: Iterable[Sandbox] | None = None,
             screen: ScreenFn | bool | None = True) -> Answer:
    """Answer one query. `screen=True` uses the screening pillar if installed; `False` or
    `None` skips it (batch mode screens each distinct end user once, itself)."""
    book = book or get_rulebook()
    item = parse_item(book, q.item)
    dets: list[Determination] = []
    not_applicable: list[dict[str, str]] = []
    destinations = _destinations(q)
    if not destinations:
        not_applicable.append({"regime": "all", "why": (
            f"From {q.from_country} to {q.to_country} with no foreign national named: no "
            "export takes place. Give --nationality for a release to a foreign national.")})

    # United States: EAR or ITAR.
    if item.scheme == "usml":
        applies, basis = itar.applies(q, item)
        if applies:
            dets.extend(itar.determine(book, q, item, book.countries[d], deemed, basis)
                        for d, deemed in destinations)
        else:
            not_applicable.append({"regime": itar.REGIME, "why": basis})
        not_applicable.append({"regime": ear.REGIME, "why": "A USML article is subject to the "
                               "ITAR, not the EAR (22 CFR 120.11)."})
    else:
        applies, basis, cites, rows = ear.jurisdiction(book, q, item)
        if applies:
            dets.extend(ear.determine(book, q, item, book.countries[d], deemed, basis, cites, rows)
                        for d, deemed in destinations)
        else:
            not_applicable.append({"regime": ear.REGIME, "why": basis})
    # Japan.
    if q.from_country == "JP":
        for d, deemed in destinations:
            det = japan.determine_fefta(book, q, item, book.countries[d])
            if deemed:
                det.regime += " (deemed export)"
            dets.append(det)
            if item.is_defence_article:
                dets.append(japan.determine_principles(book, q, item, book.countries[d]))
    else:
        not_applicable.append({"regime": japan.FEFTA, "why": "The transfer does not leave "
                               "Japan."})
    # India.
    if q.from_country == "IN":
        dets.extend(india.determine(book, q, item, book.countries[d]) for d, _ in destinations)
    else:
        not_applicable.append({"regime": india.REGIME, "why": "The transfer does not leave "
                               "India."})
    kind, _ref = ear.end_user_type(book, q.end_user)
    procurement = None
    if q.to_country == "IN" and (item.is_defence_article or kind in (
            "government_defence", "defence_psu", "government")):
        procurement = india.procurement(book, q, item, kind)
    if screen is True:
        screening = screen_end_user(q.end_user, q.to_country)
    elif screen is False or screen is None:
        screening = screen_end_user(q.end_user, q.to_country, screen=None) if q.end_user else \
            screen_end_user(None, None)
    else:
        screening = screen_end_user(q.end_user, q.to_country, screen=screen)
    boxes = list(sandboxes) if sandboxes is not None else default_sandboxes()
    return Answer(query=q, item=item, determinations=dets, not_applicable=not_applicable,
                  screening=screening, sandboxes=match_sandboxes(boxes, q, item),
                  procurement=procurement, as_of=dict(book.as_of))


def pathfind_args(item: str, from_country: str, to_country: str, kind: str = "hardware",
                  end_user: str | None = None, end_use: str | None = None,
                  nationality: str | None = None, us_content_percent: float | None = None,
                  value: float | None = None, base: Path | None = None) -> Answer:
    """Convenience for faces: validate raw arguments and answer."""
    book = get_rulebook(base) if base else get_rulebook()
    q = normalise(book, item, from_country, to_country, kind, end_user, end_use, nationality,
                  us_content_percent, value)
    return pathfind(q, book)
