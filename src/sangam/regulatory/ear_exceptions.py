"""EAR licence exceptions: which may overcome the licence requirement, and on what terms.

The rules are in `data/regulatory/ear_exception_rules.yaml`: each exception names the reasons
it can overcome, where it may be used, for which kinds of item, and what must hold. The
general restrictions of 15 CFR 740.2 ("bars") are in the same file. This module only applies
them, and says why an exception is available, unavailable, or depends on a fact.
"""

from __future__ import annotations

from dataclasses import dataclass

from sangam.regulatory.model import ExceptionOption, Query
from sangam.regulatory.rulebook import Country, Eccn, ExceptionRule, RuleBook


@dataclass(frozen=True, slots=True)
class Need:
    """What the licence requirement rests on, as far as exceptions are concerned."""

    prefixes: frozenset[str]  # reason codes needing a licence: NS, MT, EI …
    columns: frozenset[str]  # chart columns among them: NS1, NS2 …
    end_use_licence: bool  # a Part 744 rule requires the licence
    embargo: bool


def _has_keyword(text: str | None, keywords: tuple[str, ...]) -> bool:
    low = (text or "").lower()
    return any(k in low for k in keywords)


def _evaluate(rule: ExceptionRule, book: RuleBook, q: Query, record: Eccn | None,
              dest: Country, need: Need, end_user_type: str | None) -> ExceptionOption:
    option = ExceptionOption(symbol=rule.symbol, name=rule.name, section=rule.section,
                             available="yes", why="", conditions=list(rule.conditions),
                             rows=[rule.ref])

    def refuse(why: str) -> ExceptionOption:
        option.available, option.why = "no", why
        return option

    for bar in book.bars:
        if rule.symbol in bar.except_symbols:
            continue
        hit = (
            (bar.kind == "destination" and dest.iso2 in bar.countries)
            or (bar.kind == "end_use" and need.end_use_licence)
            or (bar.kind == "reason" and bar.when.removeprefix("reason:") in need.prefixes)
            or (bar.kind == "item_destination" and record is not None and record.is_600
                and dest.iso2 in bar.countries)
        )
        if hit:
            return refuse(f"Barred: {bar.text} ({bar.section})")
    if q.kind not in rule.kinds:
        return refuse(f"Not available for {q.kind}; it covers {', '.join(sorted(rule.kinds))}.")
    if rule.needs_reason and rule.needs_reason not in need.prefixes:
        return refuse(f"Only for items controlled for {rule.needs_reason} reasons.")
    if rule.only_column and need.columns != {rule.only_column}:
        return refuse(f"Only when {rule.only_column} is the sole reason a licence is needed.")
    variant = None
    for candidate in rule.variants:
        if dest.iso2 in candidate.destinations and need.prefixes <= candidate.overcomes:
            variant = candidate
            break
    if variant is None:
        in_group = [v for v in rule.variants if dest.iso2 in v.destinations]
        if not in_group:
            return refuse(f"{dest.name} is not an eligible destination.")
        uncovered = sorted(need.prefixes - in_group[0].overcomes)
        return refuse(f"It cannot overcome the {', '.join(uncovered)} licence requirement.")
    option.section = f"15 CFR {variant.paragraph}"
    depends: list[str] = []
    if rule.requires_end_use and not _has_keyword(q.end_use, rule.requires_end_use):
        return refuse(f"Only for a {' / '.join(rule.requires_end_use[:3])} export; the "
                      "stated end use is not one.")
    if rule.requires_end_user:
        if end_user_type in rule.requires_end_user:
            pass
        elif q.end_user:
            return refuse("The end user is not recognised as a national government agency.")
        else:
            depends.append("whether the end user is an agency of the national government")
    if rule.needs_eccn_flag and record is not None:
        flag = rule.needs_eccn_flag.split(":")[0].lower()
        text = record.other_exceptions.lower()
        if rule.needs_eccn_flag.lower() in text:
            if "except" in text.split(rule.needs_eccn_flag.lower(), 1)[1][:20]:
                depends.append(f"whether the item is outside the exceptions to "
                               f"'{rule.needs_eccn_flag}' stated in the ECCN")
        elif f"{flag}: n/a" in text or not record.transcribed:
            return refuse(f"The ECCN does not allow {rule.symbol}.")
        else:
            depends.append(f"whether the ECCN allows {rule.symbol} (not stated in the table)")
    if rule.needs_lvs_value and record is not None:
        if record.lvs_value is not None:
            if q.value is None:
                depends.append(f"whether the shipment value is at most "
                               f"${record.lvs_value:,.0f} (LVS value of {record.eccn})")
            elif q.value > record.lvs_value:
                return refuse(f"Shipment value ${q.value:,.0f} exceeds the LVS limit "
                              f"${record.lvs_value:,.0f}.")
        elif record.lvs_text and not record.lvs_text.upper().startswith("N/A"):
            depends.append(f"which LVS value applies: {record.lvs_text}")
        else:
            return refuse(f"{record.eccn} has no LVS value.")
    if rule.needs_gbs and record is not None and not record.gbs:
        return refuse(f"{record.eccn} does not say 'GBS: Yes'.")
    if rule.honours_sta_exclusions and record is not None and record.sta_excluded:
        text = record.sta_excluded
        group = "A:6" if variant.paragraph.endswith("(c)(2)") else "A:5"
        if "any item" in text.lower() and (group in text or "(c)(2)" in text) and (
                group == "A:6" or "A:5" in text):
            return refuse(f"The ECCN excludes it: {text}")
        depends.append(f"whether the item is outside the ECCN's STA exclusion: {text}")
    if rule.always_depends:
        depends.append(rule.always_depends)
    if depends:
        option.available = "depends"
        option.why = "Depends on " + "; ".join(depends) + "."
    else:
        option.why = f"Available to {dest.name} if every condition below is met."
    return option


def evaluate_exceptions(book: RuleBook, q: Query, record: Eccn | None, dest: Country,
                        need: Need, end_user_type: str | None) -> list[ExceptionOption]:
    """Every exception in the rule file, evaluated for this transfer."""
    return [_evaluate(rule, book, q, record, dest, need, end_user_type)
            for rule in book.exception_rules]
