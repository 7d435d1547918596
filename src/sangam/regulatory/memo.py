"""A determination memo a compliance officer could file: Markdown and HTML.

The memo restates the question, each regime's conclusion with reasons, exceptions, steps and
citations, the rule rows used with their verification markers and as-of dates, and the
disclaimer. PDF is not produced: the HTML prints cleanly to PDF from any browser, which avoids
shipping a PDF engine.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from sangam.regulatory.model import DISCLAIMER, Answer


def _lines(answer: Answer, today: str) -> list[str]:
    data = answer.as_dict()
    q = data["query"]
    out = [f"# Export-control determination memo — {data['item']['code']}", "",
           f"*Prepared {today} by Sangam. {DISCLAIMER}*", "", "## The proposed transfer", ""]
    for label, key in (("Item", "item"), ("From", "from"), ("To", "to"), ("Kind", "kind"),
                       ("End user", "end_user"), ("End use", "end_use"),
                       ("Nationality of recipient", "nationality"),
                       ("US-origin content (%)", "us_content_percent"), ("Value (USD)", "value")):
        if q.get(key) not in (None, ""):
            out.append(f"- **{label}:** {q[key]}")
    out += ["", f"Item: {data['item']['description']}", ""]
    for note in data["item"]["inferred"]:
        out.append(f"- Inferred: {note}")
    summary = data["summary"]
    out += ["", "## Summary", "", f"**Licence or authorisation required: "
            f"{summary['licence_required']}.** {summary['text']}", ""]
    for det in data["determinations"]:
        out += [f"## {det['regime']} — licence required: {det['licence_required']}", "",
                f"**Authority:** {det['authority']}", "", det["explanation"], ""]
        if det["reasons"]:
            out += ["**Reasons**", ""] + [f"- {r}" for r in det["reasons"]] + [""]
        if det["depends_on"]:
            out += ["**Questions to answer**", ""] + [f"- {r}" for r in det["depends_on"]] + [""]
        if det["exceptions"]:
            out += ["**Licence exceptions considered**", "", "| Exception | Available | Why |",
                    "|---|---|---|"]
            out += [f"| {e['symbol']} ({e['section']}) | {e['available']} | "
                    f"{e['why'].replace('|', '/')} |" for e in det["exceptions"]]
            out.append("")
            for e in det["exceptions"]:
                if e["available"] != "no":
                    out += [f"Conditions for {e['symbol']}:", ""] + [
                        f"- {c}" for c in e["conditions"]] + [""]
        if det["steps"]:
            out += ["**Steps and typical durations**", ""]
            out += [f"{s['order']}. {s['action']}" + (f" — about {s['typical_days']} days"
                                                       if s["typical_days"] else "")
                    + (f" ({s['typical_text']}; source {s['source_id']}, {s['status']})"
                       if s["typical_text"] else "") for s in det["steps"]]
            out.append("")
        out += ["**Citations**", ""] + [f"- {c['ref']}" + (f": {c['why']}" if c["why"] else "")
                                         for c in det["citations"]] + [""]
        for note in det["notes"]:
            out.append(f"> {note}")
        out.append("")
        flagged = [r for r in det["rule_rows"] if not r["verified"]]
        if flagged:
            out += [f"**Unverified rule rows used ({len(flagged)})** — check against the "
                    "official text:", ""]
            out += [f"- {r['table']} `{r['key']}`: {r['status']} (source {r['source_id']}, "
                    f"as of {r['as_of']})" for r in flagged] + [""]
    if data["not_applicable"]:
        out += ["## Regimes not engaged", ""] + [f"- **{n['regime']}:** {n['why']}"
                                                 for n in data["not_applicable"]] + [""]
    if data["procurement"]:
        p = data["procurement"]
        out += ["## Indian procurement route (DAP 2020)", "", p["advice"], ""]
    if data["sandboxes"]:
        out += ["## Programme sandboxes (programme policy, not law)", ""]
        for box in data["sandboxes"]:
            out.append(f"- **{box['name']}** ({box['programme']}): {box['fit']}. Expedites: "
                       + ("; ".join(box["expedites"]) or "nothing unless the end user is "
                          "pre-approved") + ".")
        out.append("")
    out += ["## End-user screening", "", data["screening"]["note"], ""]
    out += ["## Rule data used (as of)", "", "| Table | As of |", "|---|---|"]
    out += [f"| {name} | {as_of} |" for name, as_of in sorted(data["as_of"].items())]
    out += ["", f"*{DISCLAIMER}*", ""]
    return out


def to_markdown(answer: Answer, today: str | None = None) -> str:
    return "\n".join(_lines(answer, today or date.today().isoformat()))


def to_html(answer: Answer, today: str | None = None) -> str:
    """A self-contained HTML page (no external assets) from the same content."""
    body: list[str] = []
    in_list = False
    for line in _lines(answer, today or date.today().isoformat()):
        text = html.escape(line)
        if line.startswith("- "):
            if not in_list:
                body.append("<ul>")
                in_list = True
            body.append(f"<li>{text[2:]}</li>")
            continue
        if in_list:
            body.append("</ul>")
            in_list = False
        if line.startswith("# "):
            body.append(f"<h1>{text[2:]}</h1>")
        elif line.startswith("## "):
            body.append(f"<h2>{text[3:]}</h2>")
        elif line.startswith("|"):
            if set(line) <= set("|-"):
                continue
            cells = "".join(f"<td>{html.escape(c.strip())}</td>"
                            for c in line.strip("|").split("|"))
            body.append(f"<table><tr>{cells}</tr></table>")
        elif line.startswith("> "):
            body.append(f"<blockquote>{text[5:]}</blockquote>")
        elif line:
            body.append(f"<p>{text}</p>")
    if in_list:
        body.append("</ul>")
    style = ("body{font-family:sans-serif;max-width:60rem;margin:2rem auto;line-height:1.4}"
             "table{border-collapse:collapse;width:100%}td{border:1px solid #ccc;padding:.2rem}"
             "blockquote{color:#444;border-left:3px solid #ccc;padding-left:.5rem}")
    title = html.escape(f"Determination memo — {answer.item.code}")
    return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}"
            f"</title><style>{style}</style></head><body>{''.join(body)}</body></html>\n")


def write_memo(answer: Answer, path: Path) -> list[Path]:
    """Write FILE.md and FILE.html (whatever suffix FILE was given with)."""
    stem = path.with_suffix("") if path.suffix.lower() in (".md", ".html", ".htm") else path
    md, page = stem.with_suffix(".md"), stem.with_suffix(".html")
    md.parent.mkdir(parents=True, exist_ok=True)
    today = date.today().isoformat()
    md.write_text(to_markdown(answer, today), encoding="utf-8")
    page.write_text(to_html(answer, today), encoding="utf-8")
    return [md, page]

