"""Japan: FEFTA list and catch-all controls, and the Three Principles for defence equipment.

Goods on Appended Table 1 of the Export Trade Control Order (rows 1-15) need METI's licence
(FEFTA Art. 48(1)); technology on the Foreign Exchange Order's table needs one under Art. 25(1).
Items not listed (row 16) need one only under the catch-all: outside Group A, when the
exporter knows or is informed of a WMD or conventional-weapons end use. Defence equipment and
technology are also examined case by case under the Three Principles (2014, revised 2023).
"""

from __future__ import annotations

from sangam.regulatory.model import Citation, Determination, Item, Query
from sangam.regulatory.rulebook import Country, RuleBook

FEFTA = "Japan FEFTA"
PRINCIPLES = "Japan Three Principles"
AUTHORITY = "Ministry of Economy, Trade and Industry (METI), Security Export Control"


def _fact(book: RuleBook, det: Determination, key: str) -> str:
    row, ref = book.japan_facts[key]
    det.rows.append(ref)
    return str(row["value"])


def determine_fefta(book: RuleBook, q: Query, item: Item, dest: Country) -> Determination:
    det = Determination(regime=FEFTA, licence_required="no", authority=AUTHORITY,
                        destination=dest.iso2)
    row_id = item.jp_row or "16"
    row, ref = book.japan_rows[row_id]
    det.rows.append(ref)
    is_tech = q.kind in ("technology", "software", "service")
    basis = _fact(book, det, "legal_basis_technology" if is_tech else "legal_basis_goods")
    det.citations.append(Citation(basis, "licence requirement"))
    group = book.japan_groups.get(dest.iso2)
    if dest.iso2 in book.japan_group_refs:
        det.rows.append(book.japan_group_refs[dest.iso2])
    group_text = f"Group {group}" if group else "not in Group A"
    listed = row_id != "16"
    if listed:
        det.licence_required = "yes"
        det.reasons.append(f"Listed item: Appended Table 1 row {row_id} ({row['title']}); "
                           f"a METI licence is needed for {'technology' if is_tech else 'goods'} "
                           "to every destination.")
        if group == "A" and row_id not in ("1", "15"):
            det.steps.extend(book.steps["meti_bulk"])
            det.rows.extend(book.step_refs["meti_bulk"])
            det.notes.append(_fact(book, det, "bulk_licences"))
            det.reasons.append(f"{dest.name} is in Group A: a general bulk licence may cover "
                               "it (bulk-licence eligibility is item by item).")
        else:
            det.steps.extend(book.steps["meti_individual"])
            det.rows.extend(book.step_refs["meti_individual"])
    else:
        catch_all = _fact(book, det, "catch_all")
        det.citations.append(Citation("Export Trade Control Order Appended Table 1 row 16",
                                      catch_all))
        if group == "A":
            det.reasons.append(f"{dest.name} is in Group A (Appended Table 3): exempt from "
                               "the catch-all.")
        elif group == "D" or (q.end_use and any(w in q.end_use.lower() for w in (
                "military", "weapon", "nuclear", "missile", "chemical", "biological"))):
            det.licence_required = "yes"
            det.reasons.append(f"Catch-all: {dest.name} is {group_text} and the end use is, or "
                               "must be presumed, military/WMD-related: licence required.")
        else:
            det.licence_required = "depends"
            det.depends_on.append(
                "whether the exporter knows, or METI has informed it, that the item will be "
                "used for WMD or conventional weapons (catch-all, row 16; "
                f"{dest.name} is {group_text})")
        if det.licence_required != "no":
            det.steps.extend(book.steps["meti_individual"])
            det.rows.extend(book.step_refs["meti_individual"])
    if dest.iso2 == "IN":
        det.notes.append(_fact(book, det, "india_group"))
    authority_row = _fact(book, det, "licensing_authority")
    det.authority = authority_row
    verdict = {"yes": "a METI licence is required", "no": "no METI licence is required",
               "depends": "a METI licence depends on the catch-all facts"}[det.licence_required]
    det.explanation = (f"Exporting {item.code} ({q.kind}) from Japan to {dest.name} "
                       f"({group_text}): {verdict}. " + " ".join(det.reasons))
    return det


def determine_principles(book: RuleBook, q: Query, item: Item, dest: Country) -> Determination:
    det = Determination(regime=PRINCIPLES, licence_required="yes",
                        authority="Ministry of Defense / ATLA with METI; National Security "
                        "Council for significant cases", destination=dest.iso2)
    adoption = book.japan_timeline[0]
    det.rows.append(adoption[1])
    det.citations.append(Citation("Three Principles on Transfer of Defense Equipment and "
                                  "Technology (Cabinet decision, 1 April 2014)",
                                  adoption[0]["summary"][:200]))
    det.reasons.append("Defence equipment or technology: transfers are examined case by case "
                       "under the Three Principles, with prior consent required for any "
                       "extra-purpose use or third-country transfer.")
    end_use = (q.end_use or "").lower()
    prohibited = False
    permitted: list[str] = []
    for row, ref in book.japan_cases:
        scope = book.japan_case_scopes[row["case"]]
        hit_dest = bool(scope) and dest.iso2 in scope
        hit_use = bool(row["match_end_use"]) and any(
            k in end_use for k in row["match_end_use"].split("|"))
        if not (hit_dest or hit_use):
            continue
        det.rows.append(ref)
        det.citations.append(Citation(row["citation"], row["text"][:160]))
        if row["outcome"] == "prohibited":
            prohibited = True
            det.reasons.append(f"Prohibited case: {row['text']}.")
        else:
            permitted.append(row["case"])
            det.reasons.append(f"Permitted case ({row['case'].replace('_', ' ')}): "
                               f"{row['text']}.")
    if dest.iso2 == "IN":
        for row, ref in book.japan_timeline:
            if row["date"] == "2015-12-12":
                det.rows.append(ref)
                det.citations.append(Citation("Japan-India Agreement concerning the Transfer of "
                                              "Defence Equipment and Technology (12 Dec 2015)",
                                              row["summary"]))
                det.notes.append("The 2015 India-Japan agreement is the legal framework for the "
                                 "transfer: India's government gives the prior-consent "
                                 "assurance through it (JWG-DETC, ATLA-DDP).")
    if not prohibited and not permitted:
        det.licence_required = "depends"
        det.depends_on.append("which permitted case of the Implementation Guidelines the "
                              "transfer falls under (joint development/production with a "
                              "partner, return to a licensor, or the listed purposes such as "
                              "rescue, transport, warning, surveillance and minesweeping)")
    det.steps.extend(book.steps["japan_three_principles"])
    det.rows.extend(book.step_refs["japan_three_principles"])
    det.explanation = (f"{item.code} is defence equipment or technology, so besides the METI "
                       "licence the transfer must fit the Three Principles. "
                       + ("It falls in a prohibited case. " if prohibited else "")
                       + " ".join(det.reasons[1:]))
    return det
