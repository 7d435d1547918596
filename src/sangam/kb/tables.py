"""Knowledge-base tables (SQLAlchemy Core). The migrations in `sangam/migrations` create them.

Statements are the unit of storage: an entity is an id, a schema, a caption and a marking;
everything known about it is a statement with its own source, quote and marking. Statement
ids are content hashes, so loading the same fact twice is a no-op and nothing is ever
overwritten: a changed fact is a new statement, and the old one stays as history.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

source = Table(
    "source",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("title", Text, nullable=False),
    Column("publisher", Text, nullable=False),
    Column("author", Text),
    Column("url", Text),
    Column("published", Text),
    Column("retrieved", Text),
    Column("licence", Text),
    Column("kind", String(20), nullable=False),
)

entity = Table(
    "entity",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("schema", String(60), nullable=False),
    Column("caption", Text, nullable=False),
    Column("marking", String(200), nullable=False),
)

statement = Table(
    "statement",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("entity_id", String(200), ForeignKey("entity.id"), nullable=False),
    Column("prop", String(60), nullable=False),
    Column("value", Text, nullable=False),
    Column("value_type", String(20), nullable=False),
    Column("num", Float),
    Column("num_max", Float),
    Column("unit", String(40)),
    Column("date_start", String(10)),
    Column("date_end", String(10)),
    Column("ref_id", String(200)),
    Column("source_id", String(200), ForeignKey("source.id"), nullable=False),
    Column("quote", Text),
    Column("confidence", Float, nullable=False),
    Column("marking", String(200), nullable=False),
    Column("conflict", String(200)),
    Column("cites", String(200)),
    Column("note", Text),
    Column("recorded_at", String(32), nullable=False),
    Column("recorded_by", String(200), nullable=False),
    Index("ix_statement_entity", "entity_id"),
    Index("ix_statement_ref", "ref_id"),
)

load_log = Table(
    "load_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dataset", Text, nullable=False),
    Column("digest", String(64), nullable=False),
    Column("loaded_at", String(32), nullable=False),
    Column("statements_added", Integer, nullable=False),
    Column("statements_seen", Integer, nullable=False),
)

marking = Table("marking", metadata, Column("label", String(200), primary_key=True))
