"""Check raw records against the model and turn them into table rows.

Everything is checked before anything is written, and every problem is collected (not just
the first), each naming file, row and field. The only database access is one lookup of ids
the dataset refers to but does not define.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sangam.access.markings import normalise_marking
from sangam.errors import InvalidInput, Problem, ValidationFailed
from sangam.kb.records import Dataset, Where
from sangam.kb.schema import Model, load_model
from sangam.kb.values import parse_value

ID_RE = re.compile(r"^[a-z]+:[a-z0-9][a-z0-9.\-]*$")
SOURCE_KINDS = ("document", "regulation", "dataset", "user")
SOURCE_FIELDS = ("id", "title", "publisher", "author", "url", "published", "retrieved",
                 "licence", "kind")


@dataclass
class Rows:
    """Validated rows ready for the tables, keyed by primary key (first occurrence wins)."""

    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    entities: dict[str, dict[str, Any]] = field(default_factory=dict)
    statements: dict[str, dict[str, Any]] = field(default_factory=dict)


def statement_id(entity_id: str, prop: str, value: str, unit: str | None, source: str,
                 quote: str | None, marking: str) -> str:
    """Content hash: the same fact from the same source with the same quote is one statement."""
    key = "\x1f".join((entity_id, prop, value, unit or "", source, quote or "", marking))
    return hashlib.blake2b(key.encode(), digest_size=16).hexdigest()


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, where: Where, fld: str | None, message: str) -> None:
        self.problems.append(Problem(message, file=where.file, row=where.row, field=fld))


def _marking(raw: Any, default: str, where: Where, fld: str, out: _Collector) -> str:
    if raw is None or str(raw).strip() == "":
        return default
    try:
        return normalise_marking(str(raw))
    except InvalidInput as exc:
        out.add(where, fld, f"{exc.message}. {exc.hint}")
        return default


def validate(
    data: Dataset,
    known_ids: Callable[[str, Iterable[str]], dict[str, str]],
    recorded_by: str = "sangam load",
    model: Model | None = None,
) -> Rows:
    """Validate a dataset; `known_ids(table, ids)` returns {id: schema-or-kind} already stored."""
    model = model or load_model()
    out = _Collector()
    rows = Rows()
    now = datetime.now(UTC).isoformat(timespec="seconds")

    for rec in data.sources:
        sid = _text(rec.fields.get("id"))
        if not sid or not sid.startswith("src:") or not ID_RE.match(sid):
            out.add(rec.where, "id", f"source id {sid!r} must look like 'src:my-report'")
            continue
        extra = set(rec.fields) - set(SOURCE_FIELDS)
        if extra:
            out.add(rec.where, sorted(extra)[0], f"unknown source fields {sorted(extra)}; "
                    f"allowed: {', '.join(SOURCE_FIELDS)}")
        row = {k: _text(rec.fields.get(k)) for k in SOURCE_FIELDS}
        row["kind"] = row["kind"] or "user"
        for required in ("title", "publisher"):
            if not row[required]:
                out.add(rec.where, required, f"a source needs a {required}")
        if row["kind"] not in SOURCE_KINDS:
            out.add(rec.where, "kind", f"kind {row['kind']!r} is not one of {SOURCE_KINDS}")
        previous = rows.sources.get(sid)
        if previous is not None and previous != row:
            out.add(rec.where, "id", f"source {sid} is defined twice with different fields")
        rows.sources[sid] = row

    for ent in data.entities:
        eid = _text(ent.id)
        if not eid or not ID_RE.match(eid):
            out.add(ent.where, "id", f"entity id {eid!r} must look like 'org:bharat-electronics' "
                    "(lower case letters, digits, '-' and '.')")
            continue
        schema_name = _text(ent.schema)
        schema = model.get(schema_name or "")
        if schema is None or schema.abstract:
            out.add(ent.where, "schema", f"unknown schema {schema_name!r}; use one of "
                    f"{', '.join(model.concrete())}")
            continue
        marking = _marking(ent.marking, "PUBLIC", ent.where, "marking", out)
        caption = _text(ent.caption)
        previous = rows.entities.get(eid)
        if previous is not None:
            if previous["schema"] != schema.name:
                out.add(ent.where, "schema", f"{eid} is a {previous['schema']} elsewhere in this "
                        f"dataset, not a {schema.name}")
            if caption and previous["caption"] and caption != previous["caption"]:
                out.add(ent.where, "caption", f"{eid} has caption {previous['caption']!r} "
                        f"elsewhere in this dataset, not {caption!r}")
            previous["caption"] = previous["caption"] or caption
            continue
        rows.entities[eid] = {"id": eid, "schema": schema.name, "caption": caption,
                              "marking": marking}

    # Ids referenced but not defined here must already be in the database.
    wanted_entities = {str(s.entity_id) for s in data.statements if s.entity_id} | {
        str(s.value).strip() for s in data.statements
        if isinstance(s.value, str) and ID_RE.match(s.value.strip())
    } | {str(s.cites).strip() for s in data.statements if s.cites}
    stored_entities = known_ids("entity", wanted_entities - set(rows.entities))
    stored_sources = known_ids("source", {str(s.source) for s in data.statements
                                          if s.source} - set(rows.sources))
    schema_of = {eid: r["schema"] for eid, r in rows.entities.items()} | stored_entities
    source_kind = {sid: r["kind"] for sid, r in rows.sources.items()} | stored_sources

    for st in data.statements:
        w = st.where
        eid = _text(st.entity_id)
        if not eid or eid not in schema_of:
            out.add(w, "entity_id", f"entity {eid!r} is not defined in this dataset or the "
                    "knowledge base")
            continue
        schema = model.schemata[schema_of[eid]]
        prop_name = _text(st.prop)
        prop = schema.properties.get(prop_name or "")
        if prop is None:
            out.add(w, "prop", f"{schema.name} has no property {prop_name!r}; it has "
                    f"{', '.join(sorted(schema.properties))}")
            continue
        unit = _text(st.unit)
        try:
            value = parse_value(prop.type, st.value, unit)
        except ValueError as exc:
            out.add(w, "value", str(exc))
            continue
        if prop.type == "ref":
            target = value.ref or ""
            if target not in schema_of:
                out.add(w, "value", f"{prop_name} refers to {target!r}, which is not defined")
            elif prop.range and prop.range != schema_of[target] and prop.range not in \
                    model.schemata[schema_of[target]].parents:
                out.add(w, "value", f"{prop_name} must refer to a {prop.range}, and {target} is "
                        f"a {schema_of[target]}")
        source = _text(st.source)
        if not source or source not in source_kind:
            out.add(w, "source", f"source {source!r} is not defined in this dataset or the "
                    "knowledge base; every statement needs its source")
            continue
        quote = _text(st.quote)
        if quote is None and source_kind[source] == "document":
            out.add(w, "quote", f"statements from the document {source} need the supporting quote")
        confidence = 1.0
        if st.confidence is not None and str(st.confidence).strip() != "":
            try:
                confidence = float(st.confidence)
            except (TypeError, ValueError):
                confidence = -1.0
            if not 0.0 <= confidence <= 1.0:
                out.add(w, "confidence",
                        f"confidence {st.confidence!r} must be a number from 0 to 1")
        cites = _text(st.cites)
        if cites and cites not in schema_of:
            out.add(w, "cites", f"cites {cites!r}, which is not defined")
        entity_marking = rows.entities[eid]["marking"] if eid in rows.entities else "PUBLIC"
        marking = _marking(st.marking, entity_marking, w, "marking", out)
        sid = statement_id(eid, prop.name, value.text, value.unit if prop.type == "number" else
                           None, source, quote, marking)
        rows.statements.setdefault(sid, {
            "id": sid, "entity_id": eid, "prop": prop.name, "value": value.text,
            "value_type": prop.type, "num": value.num, "num_max": value.num_max,
            "unit": value.unit, "date_start": value.date_start, "date_end": value.date_end,
            "ref_id": value.ref, "source_id": source, "quote": quote, "confidence": confidence,
            "marking": marking, "conflict": _text(st.conflict), "cites": cites,
            "note": _text(st.note), "recorded_at": _text(st.recorded_at) or now,
            "recorded_by": _text(st.recorded_by) or recorded_by,
        })
        if prop.name == "name" and eid in rows.entities and not rows.entities[eid]["caption"]:
            rows.entities[eid]["caption"] = value.text

    for eid, row in rows.entities.items():
        row["caption"] = row["caption"] or eid
    if out.problems:
        raise ValidationFailed(out.problems)
    return rows
