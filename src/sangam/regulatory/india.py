"""India: SCOMET export authorisation, the catch-all, and DAP 2020 procurement routes.

SCOMET items (Appendix 3 to Schedule 2 of ITC(HS)) need an export authorisation from the
authority for their category: the Department of Atomic Energy for Category 0, the Department
of Defence Production for Category 6 (munitions), DGFT for the rest. Unlisted items need one
when the exporter knows or is told of a WMD or missile end use (WMD Act 2005, s. 11). For an
Indian government buyer, the Defence Acquisition Procedure 2020 decides how a (co-developed)
item can be bought.
"""

from __future__ import annotations

from typing import Any

from sangam.regulatory.model import Citation, Determination, Item, Query
from sangam.regulatory.rulebook import Country, RuleBook

REGIME = "India SCOMET"
_WMD_WORDS = ("nuclear", "chemical", "biological", "missile", "weapon")
_PROCESS = {"0": "dae_nuclear", "6": "ddp_munitions"}


def determine(book: RuleBook, q: Query, item: Item, dest: Country) -> Determination:
    category = item.scomet_category
    det = Determination(regime=REGIME, licence_required="no",
                        authority="Directorate General of Foreign Trade (DGFT)",
                        destination=dest.iso2)
    det.citations.append(Citation("Foreign Trade (Development and Regulation) Act 1992, s. 5; "
                                  "ITC(HS) Schedule 2, Appendix 3 (SCOMET list)",
                                  "export of SCOMET items only under authorisation"))
    if category is not None and category in book.scomet:
        row, ref = book.scomet[category]
        det.rows.append(ref)
        det.authority = row["licensing_authority"]
        det.licence_required = "yes"
        entry = f" entry {item.scomet_entry}" if item.scomet_entry else ""
        det.reasons.append(f"SCOMET Category {category}{entry} ({row['title']}): export "
                           f"authorisation from {row['licensing_authority']} for every "
                           "destination.")
        process = _PROCESS.get(category, "dgft_scomet")
        if item.scheme != "scomet":
            det.notes.append("The SCOMET category is inferred from the item's classification; "
                             "confirm the entry in the current Appendix 3.")
    else:
        det.citations.append(Citation("Weapons of Mass Destruction and their Delivery Systems "
                                      "(Prohibition of Unlawful Activities) Act 2005, s. 11",
                                      "catch-all for unlisted items"))
        end_use = (q.end_use or "").lower()
        if any(w in end_use for w in _WMD_WORDS):
            det.licence_required = "yes"
            det.reasons.append("Catch-all: the stated end use is WMD- or missile-related; "
                               "authorisation from DGFT is required for an unlisted item.")
        else:
            det.licence_required = "depends"
            det.depends_on.append("whether the exporter knows or has been told by the "
                                  "government that the item is intended for WMD or their "
                                  "delivery systems (catch-all)")
        process = "india_catch_all"
    det.steps.extend(book.steps.get(process, ()))
    det.rows.extend(book.step_refs.get(process, ()))
    if q.us_content_percent and q.us_content_percent > 0:
        det.notes.append("Imported US-origin content keeps its US re-export controls; the US "
                         "determination above applies in addition.")
    det.explanation = (f"Exporting {item.code} from India to {dest.name}: "
                       + (" ".join(det.reasons) or "no listed SCOMET item; ")
                       + (" Open question: " + "; ".join(det.depends_on) + "."
                          if det.depends_on else ""))
    return det


def procurement(book: RuleBook, q: Query, item: Item, end_user_kind: str | None) -> dict[str, Any]:
    """DAP 2020 categories an Indian buyer could use for a (co-developed) item."""
    categories = []
    for row, ref in book.dap:
        categories.append({
            "category": row["category"], "priority_rank": row["priority_rank"] or None,
            "definition": row["definition"], "min_indigenous_content": row[
                "min_indigenous_content"] or None,
            "status": ref.status, "source_id": ref.source_id, "verified": ref.verified,
        })
    foreign = q.from_country != "IN"
    advice = ("A co-developed item whose design is owned in India can be bought as Buy "
              "(Indian-IDDM) with at least 50% indigenous content; with a foreign design holder "
              "it fits Buy (Indian) or Buy & Make (Indian) with transfer of technology; a "
              "foreign vendor manufacturing in India fits Buy (Global - Manufacture in India).")
    if foreign:
        advice += (f" Supplied from {q.from_country} as is, only Buy (Global) applies, the last "
                   "priority.")
    return {"framework": "Defence Acquisition Procedure 2020 (Ministry of Defence, India)",
            "buyer": end_user_kind or "Indian buyer", "categories": categories,
            "advice": advice, "label": "procurement route, not an export licence"}
