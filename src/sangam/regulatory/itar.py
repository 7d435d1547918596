"""US International Traffic in Arms Regulations (22 CFR 120-130) for USML articles.

Any export of a USML article or its technical data needs DDTC approval unless an exemption
applies; §126.1 destinations face a policy of denial; defence services and co-production go
through agreements (TAA, MLA) rather than a DSP-5; the exporter must be registered (Part 122).
There is no de minimis: US-origin ITAR content keeps its controls in a foreign item.
"""

from __future__ import annotations

import re

from sangam.regulatory.model import Citation, Determination, Item, Query
from sangam.regulatory.rulebook import Country, RuleBook

REGIME = "US ITAR"
AUTHORITY = "US Department of State, Directorate of Defense Trade Controls (DDTC)"
_COPRODUCTION = re.compile(r"co-?production|manufactur|licen[cs]ed production", re.IGNORECASE)


def applies(q: Query, item: Item) -> tuple[bool, str]:
    """Whether the ITAR reaches the transfer."""
    if item.scheme != "usml":
        return False, "The item is not on the US Munitions List."
    if q.from_country == "US":
        return True, "USML article exported from the United States (22 CFR 120.50)."
    if q.us_content_percent and q.us_content_percent > 0:
        return True, (f"US-origin USML content ({q.us_content_percent:g}%) keeps ITAR controls "
                      "abroad: there is no de minimis for defence articles (22 CFR 123.9).")
    return False, ("A USML-equivalent article made outside the US with no US-origin content "
                   "stated is not subject to the ITAR.")


def determine(book: RuleBook, q: Query, item: Item, dest: Country, deemed: bool,
              basis: str) -> Determination:
    det = Determination(regime=REGIME + (" (deemed export)" if deemed else ""),
                        licence_required="yes", authority=AUTHORITY, destination=dest.iso2)
    category = book.usml_categories.get(item.usml_category or "")
    if category is not None:
        det.rows.append(category[1])
    paragraph = book.usml_paragraphs.get(item.usml_paragraph or "")
    sme = False
    if paragraph is not None:
        det.rows.append(paragraph[1])
        sme = paragraph[0]["sme"] == "yes"
    det.citations.append(Citation("22 CFR 121.1", f"USML Category {item.usml_category}"))
    det.reasons.append(f"{item.description}: a defence article; exporting it or its technical "
                       "data needs DDTC approval (22 CFR 123.1, 125.2).")
    if sme:
        det.reasons.append("The paragraph is marked '*' (Significant Military Equipment): a "
                           "DSP-83 non-transfer and use certificate is required (22 CFR 123.10).")
    proscribed = book.itar_126_1.get(dest.iso2)
    if deemed:
        det.citations.append(Citation("22 CFR 120.50(a)(2)", "release of technical data to a "
                                      "foreign person in the US is an export"))
    if proscribed is not None:
        row, ref = proscribed
        det.rows.append(ref)
        det.citations.append(Citation(f"22 CFR {row['paragraph']}", row["policy"]))
        det.reasons.append(f"{dest.name} is a §126.1 destination: {row['policy']}"
                           + (f" ({row['note']})" if row.get("note") else "") + ".")
        process = ["ddtc_denial"]
    else:
        process = ["ddtc_registration"]
        if q.kind == "service" or (q.end_use and _COPRODUCTION.search(q.end_use)):
            kind = "coproduction" if q.end_use and _COPRODUCTION.search(q.end_use) else "service"
            process.append("ddtc_agreement")
        elif q.from_country != "US":
            kind = "retransfer"
            process.append("ddtc_gc")
        else:
            kind = q.kind if q.kind in book.itar_licences else "hardware"
            process.append("ddtc_dsp5")
        row, ref = book.itar_licences[kind]
        det.rows.append(ref)
        det.citations.append(Citation(row["section"], row["when"]))
        det.reasons.append(f"Authorisation needed: {row['licence']} ({row['form']}) — "
                           f"{row['when']}.")
        reg_row, reg_ref = book.itar_licences["registration"]
        det.rows.append(reg_ref)
        det.citations.append(Citation(reg_row["section"], "registration"))
    if q.value is not None and q.value >= 14_000_000 and proscribed is None:
        process.append("ddtc_notification")
    for name in process:
        det.steps.extend(book.steps.get(name, ()))
        det.rows.extend(book.step_refs.get(name, ()))
    if "ddtc_notification" in process:
        det.notes.append("The value may pass the AECA section 36(c) congressional-notification "
                         "thresholds (22 CFR 123.15): allow 15-30 more days.")
    det.explanation = (f"{basis} {det.reasons[-1]} The exporter must be registered with DDTC "
                       "first. There is no general ITAR exemption for this destination in the "
                       "bundled rules; check Part 126 for Canada (126.5) and the UK/Australia "
                       "treaties (126.16-126.17)." if proscribed is None else
                       f"{basis} {det.reasons[-1]} Plan on a denial.")
    return det
