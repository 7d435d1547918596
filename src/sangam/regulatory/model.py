"""The shapes of a pathfinder question and its answer.

The JSON field names of `Determination.as_dict` and `Answer.as_dict` are a contract
(DESIGN.md: `determinations[].regime, licence_required, reasons, exceptions, authority,
typical_days, citations, explanation` and `screening`); everything else is additive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sangam.regulatory.tables import RowRef

KINDS = ("hardware", "software", "technology", "service")
DISCLAIMER = (
    "Decision support, not legal advice. Rule rows marked unverified have not been checked "
    "against the official text; confirm with the licensing authority or counsel before acting."
)


@dataclass(frozen=True, slots=True)
class Query:
    """A proposed transfer. Country codes are ISO 3166-1 alpha-2, upper case."""

    item: str
    from_country: str
    to_country: str
    kind: str = "hardware"
    end_user: str | None = None
    end_use: str | None = None
    nationality: str | None = None
    us_content_percent: float | None = None
    value: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "item": self.item, "from": self.from_country, "to": self.to_country,
            "kind": self.kind, "end_user": self.end_user, "end_use": self.end_use,
            "nationality": self.nationality, "us_content_percent": self.us_content_percent,
            "value": self.value,
        }


@dataclass(frozen=True, slots=True)
class Item:
    """A parsed item code: which list it is on, and what it is inferred to be elsewhere."""

    code: str
    scheme: str  # eccn | ear99 | usml | scomet | jp
    eccn: str | None = None
    usml_category: str | None = None  # roman numeral
    usml_paragraph: str | None = None  # e.g. "XI(c)"
    scomet_entry: str | None = None
    scomet_category: str | None = None
    jp_row: str | None = None
    description: str = ""
    inferred: tuple[str, ...] = ()

    @property
    def is_defence_article(self) -> bool:
        """Munitions-list items: USML, SCOMET Cat. 6, Japan row 1 or a 600-series/0x5zz ECCN."""
        return (self.scheme == "usml" or self.scomet_category == "6" or self.jp_row == "1")

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code, "scheme": self.scheme, "eccn": self.eccn,
            "usml_category": self.usml_category, "usml_paragraph": self.usml_paragraph,
            "scomet_entry": self.scomet_entry, "scomet_category": self.scomet_category,
            "jp_row": self.jp_row, "description": self.description,
            "inferred": list(self.inferred),
        }


@dataclass(frozen=True, slots=True)
class Citation:
    """A paragraph of a regulation (or official text) a conclusion rests on."""

    ref: str
    why: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"ref": self.ref, "why": self.why}


@dataclass(frozen=True, slots=True)
class Step:
    """One step of the process with its typical duration and where that figure comes from."""

    order: int
    action: str
    typical_days: int | None
    typical_text: str
    source_id: str
    status: str

    def as_dict(self) -> dict[str, Any]:
        return {"order": self.order, "action": self.action, "typical_days": self.typical_days,
                "typical_text": self.typical_text, "source_id": self.source_id,
                "status": self.status}


@dataclass(slots=True)
class ExceptionOption:
    """A licence exception (or exemption) considered, whether it may apply, and on what terms."""

    symbol: str
    name: str
    section: str
    available: str  # yes | no | depends
    why: str
    conditions: list[str] = field(default_factory=list)
    rows: list[RowRef] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"symbol": self.symbol, "name": self.name, "section": self.section,
                "available": self.available, "why": self.why, "conditions": self.conditions,
                "rule_rows": [r.as_dict() for r in self.rows]}


@dataclass(slots=True)
class Determination:
    """The answer for one regime."""

    regime: str
    licence_required: str  # yes | no | depends
    authority: str
    explanation: str = ""
    depends_on: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    exceptions: list[ExceptionOption] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    rows: list[RowRef] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    destination: str = ""

    @property
    def typical_days(self) -> int | None:
        days = [s.typical_days for s in self.steps if s.typical_days]
        return sum(days) if days else None

    def as_dict(self) -> dict[str, Any]:
        unique = list(dict.fromkeys(self.rows))
        return {
            "regime": self.regime,
            "licence_required": self.licence_required,
            "depends_on": self.depends_on,
            "reasons": self.reasons,
            "exceptions": [e.as_dict() for e in self.exceptions],
            "authority": self.authority,
            "typical_days": self.typical_days,
            "steps": [s.as_dict() for s in self.steps],
            "citations": [c.as_dict() for c in self.citations],
            "explanation": self.explanation,
            "notes": self.notes,
            "destination": self.destination,
            "rule_rows": [r.as_dict() for r in unique],
            "unverified_rows": sum(not r.verified for r in unique),
        }


@dataclass(slots=True)
class Answer:
    """Everything the pathfinder says about one query."""

    query: Query
    item: Item
    determinations: list[Determination]
    not_applicable: list[dict[str, str]]
    screening: dict[str, Any]
    sandboxes: list[dict[str, Any]]
    procurement: dict[str, Any] | None
    as_of: dict[str, str]

    @property
    def overall(self) -> str:
        values = {d.licence_required for d in self.determinations}
        if "yes" in values:
            return "yes"
        if "depends" in values:
            return "depends"
        return "no"

    def summary(self) -> dict[str, Any]:
        needed = [d for d in self.determinations if d.licence_required != "no"]
        authorities = list(dict.fromkeys(d.authority for d in needed))
        longest = max((d.typical_days or 0 for d in needed), default=0)
        questions = [q for d in self.determinations for q in d.depends_on]
        if not needed:
            text = ("No licence or authorisation is needed under the regimes that apply, on the "
                    "facts given.")
        else:
            parts = [f"{d.regime}: {d.licence_required}" for d in needed]
            text = ("Approvals to plan for — " + "; ".join(parts) + ". Authorities: "
                    + ", ".join(authorities) + ".")
            if longest:
                text += f" The longest typical path is about {longest} days."
        if questions:
            text += f" {len(questions)} question(s) decide the open points."
        return {"licence_required": self.overall, "authorities": authorities,
                "longest_typical_days": longest or None, "questions": questions, "text": text}

    def as_dict(self) -> dict[str, Any]:
        dets = [d.as_dict() for d in self.determinations]
        unverified = sorted({(r["table"], r["key"]) for d in dets for r in d["rule_rows"]
                             if not r["verified"]})
        return {
            "query": self.query.as_dict(),
            "item": self.item.as_dict(),
            "determinations": dets,
            "not_applicable": self.not_applicable,
            "procurement": self.procurement,
            "sandboxes": self.sandboxes,
            "screening": self.screening,
            "summary": self.summary(),
            "as_of": self.as_of,
            "unverified_rows": [{"table": t, "key": k} for t, k in unverified],
            "disclaimer": DISCLAIMER,
        }
