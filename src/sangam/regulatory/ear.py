"""US Export Administration Regulations (15 CFR 730-774): is a licence needed, and why.

Order of questions, as in 15 CFR 732 (steps for using the EAR):
1. Is the item subject to the EAR? (US-origin, or foreign-made above the de minimis share of
   US-origin content, 734.3-734.4.) Releasing technology to a foreign national counts as an
   export to their country (deemed export, 734.13(b)).
2. Embargoes and sanctions (Part 746).
3. The ECCN's reasons for control against the Commerce Country Chart (738.4), and controls
   stated outside the chart (EI, SL, UN, RS paragraphs …).
4. End-use and end-user controls (Part 744).
5. Licence exceptions (Part 740), see `ear_exceptions`.
"""

from __future__ import annotations

import re

from sangam.regulatory.ear_exceptions import Need, evaluate_exceptions
from sangam.regulatory.model import Citation, Determination, Item, Query
from sangam.regulatory.rulebook import Country, RuleBook
from sangam.regulatory.tables import RowRef

REGIME = "US EAR"
AUTHORITY = "US Department of Commerce, Bureau of Industry and Security (BIS)"
_WORD = re.compile(r"[a-z\-]+")


def de_minimis_threshold(book: RuleBook, dest: str,
                         item: Item) -> tuple[float, str, RowRef | None]:
    """The de minimis percentage for a destination (first matching rule wins)."""
    record = book.eccns.get(item.eccn or "")
    for rule in book.de_minimis:
        if dest not in rule.scope:
            continue
        if rule.values["items"] == "600series" and not (record and record.is_600):
            continue
        return float(rule.values["threshold_percent"]), rule.values["section"], rule.ref
    return 25.0, "15 CFR 734.4(d)", None


def jurisdiction(book: RuleBook, q: Query,
                 item: Item) -> tuple[bool, str, list[Citation], list[RowRef]]:
    """Whether the EAR reaches this transfer at all, and why (with the rows used)."""
    if item.scheme == "usml":
        return False, "A USML article is subject to the ITAR, not the EAR (22 CFR 120.11).", [], []
    if item.eccn is None:
        return False, ("No ECCN was given; classify the item on the Commerce Control List to "
                       "evaluate the EAR."), [], []
    if q.from_country == "US":
        return True, "US-origin item exported from the United States (15 CFR 734.3(a)(1)).", [
            Citation("15 CFR 734.3(a)(1)", "items in the United States are subject to the EAR")
        ], []
    pct = q.us_content_percent
    if pct is None or pct <= 0:
        return False, ("Exported from outside the United States with no US-origin content "
                       "stated; the EAR applies only to US-origin items or foreign items above "
                       "the de minimis share (give --us-content-percent)."), [], []
    if pct >= 100:
        return True, (f"US-origin item re-exported from {q.from_country} "
                      "(15 CFR 734.3(a)(2))."), [
            Citation("15 CFR 734.3(a)(2)", "US-origin items wherever located")], []
    threshold, section, ref = de_minimis_threshold(book, q.to_country, item)
    rows: list[RowRef] = [ref] if ref is not None else []
    cite = [Citation(section, f"de minimis threshold {threshold:g}% for this destination")]
    if pct > threshold:
        why = (f"Foreign-made item with {pct:g}% controlled US-origin content, above the "
               f"{threshold:g}% de minimis level for {q.to_country} ({section}).")
        return True, why, cite, rows
    why = (f"Foreign-made item with {pct:g}% US-origin content, at or below the "
           f"{threshold:g}% de minimis level ({section}): not subject to the EAR.")
    return False, why, cite, rows


def end_user_type(book: RuleBook, end_user: str | None) -> tuple[str | None, RowRef | None]:
    """Classify an end user by keyword (government, defence lab, PSU, university…)."""
    if not end_user:
        return None, None
    low = f" {end_user.lower()} "
    for keyword, kind, ref in book.end_user_types:
        if keyword in low:
            return kind, ref
    return "private", None


def determine(book: RuleBook, q: Query, item: Item, dest: Country, deemed: bool,
              basis: str, basis_cites: list[Citation],
              basis_rows: list[RowRef]) -> Determination:
    """The EAR answer for one destination (the real one, or a deemed-export nationality)."""
    record = book.eccns.get(item.eccn or "")
    det = Determination(regime=REGIME + (" (deemed export)" if deemed else ""),
                        licence_required="no", authority=AUTHORITY, destination=dest.iso2)
    det.rows.extend(basis_rows)
    det.rows.extend(dest.refs)
    det.citations.extend(basis_cites)
    if deemed:
        det.citations.append(Citation("15 CFR 734.13(a)(2), (b)", "release of technology or "
                                      "source code to a foreign person is an export to their "
                                      "country of citizenship or permanent residence"))
        det.notes.append(f"Deemed export: releasing the {q.kind} to a {dest.name} national "
                         f"counts as an export to {dest.name}.")
    prefixes: set[str] = set()
    columns: set[str] = set()
    embargo = False
    end_use_licence = False

    embargo_row = book.embargoes.get(dest.iso2)
    if embargo_row is not None:
        row, ref = embargo_row
        det.rows.append(ref)
        det.citations.append(Citation(row["section"], row["note"]))
        if item.scheme == "ear99" and dest.iso2 in ("RU", "BY"):
            det.depends_on.append("whether the EAR99 item's HTS code is listed in Supplements "
                                  f"2-7 to Part 746 ({row['section']})")
        else:
            embargo = True
            det.reasons.append(f"Embargo/sanctions on {dest.name}: licence required for "
                               f"{row['scope']} ({row['section']}).")
    if record is not None:
        det.rows.append(record.ref)
        det.citations.append(Citation("15 CFR 738.4(a)", "ECCN reasons checked against the "
                                      "Commerce Country Chart"))
        if not record.reasons:
            det.depends_on.append(
                f"the reasons for control of {record.eccn}: not yet transcribed in the bundled "
                "table (a blank reason means not read, never 'not controlled'); read the ECCN "
                "in Supp. No. 1 to Part 774")
        for rule in record.reasons:
            det.rows.append(rule.ref)
            if rule.certainty == "itar":
                det.reasons.append(f"{record.eccn}'s heading says these items are subject to "
                                   "the ITAR: classify them on the USML instead.")
                det.depends_on.append("the item's USML category (the ECCN points to the ITAR)")
                continue
            if rule.column is not None:
                if rule.column in dest.chart:
                    columns.add(rule.column)
                    prefixes.add(rule.column[:2])
                    name = book.reason_names.get(rule.column, rule.column)
                    det.reasons.append(f"{rule.column} ({name}): X in the Commerce Country "
                                       f"Chart for {dest.name}.")
                continue
            if dest.iso2 not in rule.scope:
                continue
            if rule.certainty == "definite":
                prefixes.add(rule.token[:2])
                det.reasons.append(f"{rule.token}: licence required to {dest.name} "
                                   f"({rule.regulation}).")
                det.citations.append(Citation(rule.regulation, rule.token))
            else:
                det.depends_on.append(f"{rule.question} [{rule.token}; {rule.regulation}]")
        if record.details and (det.reasons or det.depends_on):
            det.notes.append(f"Reason details for {record.eccn}: {record.details}")
    # Part 744 end-use and end-user controls.
    words = set(_WORD.findall((q.end_use or "").lower()))
    kind, kind_ref = end_user_type(book, q.end_user)
    if kind in ("government_defence", "defence_psu"):
        words.add("military")
        if kind_ref is not None:
            det.rows.append(kind_ref)
    for use_rule in book.end_use_rules:
        if use_rule.key not in words and not (use_rule.key == "military-intelligence"
                                          and {"military", "intelligence"} <= words):
            continue
        if dest.iso2 not in use_rule.scope:
            continue
        det.rows.append(use_rule.ref)
        det.citations.append(Citation(use_rule.values["section"], use_rule.values["effect"]))
        if use_rule.values["certainty"] == "definite":
            end_use_licence = True
            det.reasons.append(f"{use_rule.key} end use: {use_rule.values['effect']} "
                               f"({use_rule.values['section']}).")
        else:
            det.depends_on.append(f"{use_rule.values['question']} [{use_rule.values['section']}]")
    if det.reasons:
        det.licence_required = "yes"
    elif det.depends_on:
        det.licence_required = "depends"
    if det.reasons and not embargo and item.scheme != "ear99":
        need = Need(prefixes=frozenset(prefixes), columns=frozenset(columns),
                    end_use_licence=end_use_licence, embargo=embargo)
        det.exceptions = evaluate_exceptions(book, q, record, dest, need, kind)
        for option in det.exceptions:
            if option.available != "no":
                det.citations.append(Citation(option.section, f"licence exception {option.symbol}"))
    _steps_and_explanation(book, q, item, dest, det, basis)
    return det


def _steps_and_explanation(book: RuleBook, q: Query, item: Item, dest: Country,
                           det: Determination, basis: str) -> None:
    usable = [e for e in det.exceptions if e.available == "yes"]
    maybe = [e for e in det.exceptions if e.available == "depends"]
    if det.licence_required == "no":
        process = None
    elif usable:
        process = "sta" if usable[0].symbol == "STA" else "bis_exception"
    elif maybe and maybe[0].symbol == "ENC":
        process = "enc"
    else:
        process = "bis_licence"
    if process:
        det.steps.extend(book.steps.get(process, ()))
        det.rows.extend(book.step_refs.get(process, ()))
        if process != "bis_licence":
            det.notes.append("If the exception's conditions cannot be met, apply for a BIS "
                             "licence (typically up to 90 days, 15 CFR 750.4).")
    what = f"{item.code} ({q.kind}) to {dest.name}"
    if det.licence_required == "no":
        tail = ("no reason for control applies to this destination and no embargo or end-use "
                "rule was triggered; ship as NLR (no licence required) and keep records.")
        if item.scheme == "ear99":
            tail = ("EAR99 items need a licence only for embargoed destinations or prohibited "
                    "end uses/users, and none applies on the facts given: NLR.")
        det.explanation = f"{basis} For {what}: {tail}"
        return
    sentences = [basis]
    if det.reasons:
        sentences.append(f"For {what} a BIS licence is required: " + " ".join(det.reasons))
    if usable:
        sentences.append("Licence exception(s) that may be used instead: "
                         + ", ".join(e.symbol for e in usable) + ".")
    if maybe:
        sentences.append("Exception(s) that depend on further facts: "
                         + ", ".join(e.symbol for e in maybe) + ".")
    if det.depends_on:
        sentences.append("Open questions: " + "; ".join(det.depends_on) + ".")
    det.explanation = " ".join(sentences)
