"""Build the full-text documents for entities: one per (entity, marking).

Splitting by marking is what keeps search honest: a reader's query only touches documents
whose marking they may see, so a restricted statement can never surface, even as a snippet,
through a public entity. Names carry their abbreviation forms ("INDUS-X" is also indexed as
"INDUSX", "Bharat Electronics Limited" also as "BEL") so people find things the way they
write them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import Connection, text

from sangam.access.markings import PUBLIC
from sangam.db import dialect

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SMALL_WORDS = {"of", "and", "the", "for", "on", "in", "to", "a", "an", "&"}
BODY_TYPES = ("text", "money", "percent", "number", "date", "period", "url")
_CHUNK = 5000


def name_variants(name: str) -> list[str]:
    """Extra searchable forms of a name: joined-up and initials."""
    words = _WORD.findall(name)
    variants: list[str] = []
    if len(words) > 1:
        variants.append("".join(words))
        initials = "".join(w[0] for w in words if w.lower() not in _SMALL_WORDS)
        if len(initials) >= 2:
            variants.append(initials)
    return variants


@dataclass
class _Doc:
    schema: str
    countries: set[str] = field(default_factory=set)
    names: list[str] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)


def _chunks(items: list[str], size: int = _CHUNK) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _fill_touched(conn: Connection, ids: list[str]) -> None:
    conn.execute(text("CREATE TEMPORARY TABLE IF NOT EXISTS touched_entity (id VARCHAR(200) "
                      "PRIMARY KEY)"))
    conn.execute(text("DELETE FROM touched_entity"))
    for chunk in _chunks(ids):
        conn.execute(text("INSERT INTO touched_entity (id) VALUES (:id)"),
                     [{"id": i} for i in chunk])


def build_documents(conn: Connection) -> dict[tuple[str, str], _Doc]:
    """Documents for the entities in `touched_entity`."""
    docs: dict[tuple[str, str], _Doc] = {}
    entities = conn.execute(text(
        "SELECT e.id, e.schema, e.caption, e.marking FROM entity e "
        "JOIN touched_entity t ON t.id = e.id")).all()
    schema_of = {}
    for eid, schema, caption, marking in entities:
        schema_of[eid] = schema
        doc = docs.setdefault((eid, marking), _Doc(schema))
        doc.names.append(caption)
        doc.variants.extend(name_variants(caption))
    # Public facts about referenced entities (captions, countries) describe their referrers.
    ref_rows = conn.execute(text(
        "SELECT s.entity_id, s.marking, r.caption, r.id FROM statement s "
        "JOIN touched_entity t ON t.id = s.entity_id "
        "JOIN entity r ON r.id = s.ref_id WHERE r.marking = :public"), {"public": PUBLIC}).all()
    ref_countries: dict[str, set[str]] = defaultdict(set)
    for rid, value in conn.execute(text(
            "SELECT DISTINCT c.entity_id, c.value FROM statement c JOIN "
            "(SELECT DISTINCT s.ref_id AS id FROM statement s "
            " JOIN touched_entity t ON t.id = s.entity_id) r ON r.id = c.entity_id "
            "WHERE c.prop = 'country' AND c.marking = :public"), {"public": PUBLIC}):
        ref_countries[rid].add(value)
    for eid, marking, caption, rid in ref_rows:
        doc = docs.setdefault((eid, marking), _Doc(schema_of[eid]))
        doc.body.append(caption)
        doc.countries |= ref_countries.get(rid, set())
    for eid, marking, value, vtype, quote in conn.execute(text(
            "SELECT s.entity_id, s.marking, s.value, s.value_type, s.quote FROM statement s "
            "JOIN touched_entity t ON t.id = s.entity_id")):
        doc = docs.setdefault((eid, marking), _Doc(schema_of[eid]))
        if vtype == "name":
            doc.names.append(value)
            doc.variants.extend(name_variants(value))
        elif vtype == "country":
            doc.countries.add(value)
        elif vtype in BODY_TYPES:
            doc.body.append(value)
        if quote:
            doc.body.append(quote)
    return docs


def reindex(conn: Connection, entity_ids: Iterable[str]) -> int:
    """Replace the search documents of these entities; returns how many were written."""
    ids = sorted(set(entity_ids))
    if not ids:
        return 0
    _fill_touched(conn, ids)
    docs = build_documents(conn)
    table = "search_fts" if dialect(conn) == "sqlite" else "search_doc"
    conn.execute(text(f"DELETE FROM {table} WHERE entity_id IN "  # noqa: S608
                      "(SELECT id FROM touched_entity)"))
    rows = [
        {"entity_id": eid, "marking": marking, "schema": doc.schema,
         "countries": " ".join(sorted(doc.countries)),
         "names": " | ".join(dict.fromkeys(doc.names)),
         "variants": " ".join(dict.fromkeys(doc.variants)),
         "body": " … ".join(dict.fromkeys(doc.body))}
        for (eid, marking), doc in docs.items()
    ]
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    insert = (f"INSERT INTO {table} (entity_id, marking, schema, countries, names, variants, "  # noqa: S608
              f"body) VALUES ({', '.join([mark] * 7)})")
    for i in range(0, len(rows), _CHUNK):
        conn.exec_driver_sql(insert, [tuple(r.values()) for r in rows[i : i + _CHUNK]])
    conn.execute(text("DELETE FROM touched_entity"))
    return len(rows)
