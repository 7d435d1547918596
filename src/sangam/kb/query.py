"""Read entities with their statements and sources, filtered by the reader's markings.

An entity the reader may not see is reported exactly like one that does not exist, so its
existence is not disclosed either.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from sangam.access.markings import Reader
from sangam.errors import NotFound
from sangam.kb import tables
from sangam.kb.access import reader_markings
from sangam.kb.schema import load_model

S, E, SRC = tables.statement, tables.entity, tables.source


@dataclass(frozen=True)
class EntityView:
    id: str
    schema: str
    caption: str
    marking: str
    statements: list[dict[str, Any]]
    referenced_by: list[dict[str, Any]]

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "schema": self.schema, "caption": self.caption,
                "marking": self.marking, "statements": self.statements,
                "referenced_by": self.referenced_by}


def _source_dict(row: Any) -> dict[str, Any]:
    return {"id": row.source_id, "title": row.title, "publisher": row.publisher,
            "url": row.url, "published": row.published, "author": row.author,
            "kind": row.kind}


def get_entity(conn: Connection, entity_id: str, reader: Reader) -> EntityView:
    markings = reader_markings(conn, reader)
    ent = conn.execute(select(E).where(E.c.id == entity_id, E.c.marking.in_(markings))).first()
    if ent is None:
        raise NotFound(f"No entity with id {entity_id!r}.",
                       "Search for it first: `sangam search NAME` lists ids.")
    schema = load_model().schemata[ent.schema]
    ref = E.alias("ref")
    rows = list(conn.execute(
        select(S, SRC.c.title, SRC.c.publisher, SRC.c.url, SRC.c.published, SRC.c.author,
               SRC.c.kind, ref.c.caption.label("ref_caption"), ref.c.marking.label("ref_marking"))
        .join(SRC, SRC.c.id == S.c.source_id)
        .outerjoin(ref, ref.c.id == S.c.ref_id)
        .where(S.c.entity_id == entity_id, S.c.marking.in_(markings))
    ))
    order = list(schema.properties)
    rows.sort(key=lambda r: (order.index(r.prop) if r.prop in order else 99, r.prop,
                             r.date_start or "", r.value))
    statements = []
    for r in rows:
        if r.value_type == "ref" and r.ref_marking not in markings:
            continue  # a link to an entity the reader may not see would disclose it
        ref_visible = r.ref_id is not None
        prop = schema.properties.get(r.prop)
        statements.append({
            "prop": r.prop, "label": prop.label if prop else r.prop, "value": r.value,
            "unit": r.unit, "value_type": r.value_type, "num": r.num, "num_max": r.num_max,
            "date_start": r.date_start, "date_end": r.date_end,
            "ref": r.ref_id if ref_visible else None,
            "ref_caption": r.ref_caption if ref_visible else None,
            "source": _source_dict(r), "quote": r.quote, "confidence": r.confidence,
            "marking": r.marking, "conflict": r.conflict, "cites": r.cites, "note": r.note,
            "statement_id": r.id, "recorded_at": r.recorded_at, "recorded_by": r.recorded_by,
        })
    back = conn.execute(
        select(S.c.entity_id, S.c.prop, E.c.caption, E.c.schema)
        .join(E, E.c.id == S.c.entity_id)
        .where(S.c.ref_id == entity_id, S.c.marking.in_(markings), E.c.marking.in_(markings))
        .distinct()
    ).all()
    referenced_by = [{"id": b.entity_id, "prop": b.prop, "caption": b.caption,
                      "schema": b.schema} for b in sorted(back, key=lambda b: (b.prop, b.caption))]
    return EntityView(ent.id, ent.schema, ent.caption, ent.marking, statements, referenced_by)


def conflicts(view: EntityView) -> dict[str, list[dict[str, Any]]]:
    """Statements of this entity grouped by their conflict key."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for st in view.statements:
        if st["conflict"]:
            groups.setdefault(st["conflict"], []).append(st)
    return groups


_SOURCE_COLS = ("id", "title", "publisher", "author", "url", "published", "retrieved",
                "licence", "kind")
_STATEMENT_COLS = ("entity_id", "prop", "value", "unit", "source", "quote", "confidence",
                   "marking", "conflict", "cites", "note", "recorded_at", "recorded_by")


def export_lines(conn: Connection, reader: Reader, schema: str | None = None,
                 entity_ids: list[str] | None = None) -> Iterator[str]:
    """The knowledge base (or the part the filters select) as JSON Lines `sangam load` reads.

    Referenced entities are exported as well (header only) so the file loads on its own.
    """
    markings = reader_markings(conn, reader)
    ent_q = select(E).where(E.c.marking.in_(markings)).order_by(E.c.id)
    if schema:
        ent_q = ent_q.where(E.c.schema == schema)
    if entity_ids:
        ent_q = ent_q.where(E.c.id.in_(entity_ids))
    selected = {r.id: r for r in conn.execute(ent_q)}
    stmt_q = select(S).where(S.c.marking.in_(markings)).order_by(S.c.entity_id, S.c.id)
    statements = [r for r in conn.execute(stmt_q) if r.entity_id in selected]
    needed = {r.ref_id for r in statements if r.ref_id} | {r.cites for r in statements if r.cites}
    extra_ids = sorted(needed - set(selected))
    visible_extra = {r.id: r for r in conn.execute(
        select(E).where(E.c.id.in_(extra_ids), E.c.marking.in_(markings)))} if extra_ids else {}
    statements = [r for r in statements if (not r.ref_id or r.ref_id in selected
                                            or r.ref_id in visible_extra)]
    source_ids = sorted({r.source_id for r in statements})
    for src in conn.execute(select(SRC).where(SRC.c.id.in_(source_ids)).order_by(SRC.c.id)):
        yield json.dumps({"type": "source", **{c: getattr(src, c) for c in _SOURCE_COLS
                                                if getattr(src, c) is not None}},
                         ensure_ascii=False)
    for ent in sorted([*selected.values(), *visible_extra.values()], key=lambda e: e.id):
        yield json.dumps({"type": "entity", "id": ent.id, "schema": ent.schema,
                          "caption": ent.caption, "marking": ent.marking}, ensure_ascii=False)
    for r in statements:
        row = {"entity_id": r.entity_id, "prop": r.prop, "value": r.value,
               "unit": r.unit if r.value_type == "number" else None, "source": r.source_id,
               "quote": r.quote, "confidence": r.confidence, "marking": r.marking,
               "conflict": r.conflict, "cites": r.cites, "note": r.note,
               "recorded_at": r.recorded_at, "recorded_by": r.recorded_by}
        yield json.dumps({"type": "statement", **{k: v for k, v in row.items() if v is not None}},
                         ensure_ascii=False)
