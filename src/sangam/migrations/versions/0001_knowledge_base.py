"""Knowledge base: sources, entities, statements, load log and the full-text index.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "source",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("publisher", sa.Text, nullable=False),
        sa.Column("author", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("published", sa.Text),
        sa.Column("retrieved", sa.Text),
        sa.Column("licence", sa.Text),
        sa.Column("kind", sa.String(20), nullable=False),
    )
    op.create_table(
        "entity",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("schema", sa.String(60), nullable=False),
        sa.Column("caption", sa.Text, nullable=False),
        sa.Column("marking", sa.String(200), nullable=False),
    )
    op.create_table(
        "statement",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("entity_id", sa.String(200), sa.ForeignKey("entity.id"), nullable=False),
        sa.Column("prop", sa.String(60), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("value_type", sa.String(20), nullable=False),
        sa.Column("num", sa.Float),
        sa.Column("num_max", sa.Float),
        sa.Column("unit", sa.String(40)),
        sa.Column("date_start", sa.String(10)),
        sa.Column("date_end", sa.String(10)),
        sa.Column("ref_id", sa.String(200)),
        sa.Column("source_id", sa.String(200), sa.ForeignKey("source.id"), nullable=False),
        sa.Column("quote", sa.Text),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("marking", sa.String(200), nullable=False),
        sa.Column("conflict", sa.String(200)),
        sa.Column("cites", sa.String(200)),
        sa.Column("note", sa.Text),
        sa.Column("recorded_at", sa.String(32), nullable=False),
        sa.Column("recorded_by", sa.String(200), nullable=False),
    )
    op.create_index("ix_statement_entity", "statement", ["entity_id"])
    op.create_index("ix_statement_ref", "statement", ["ref_id"])
    op.create_table(
        "load_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("dataset", sa.Text, nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("loaded_at", sa.String(32), nullable=False),
        sa.Column("statements_added", sa.Integer, nullable=False),
        sa.Column("statements_seen", sa.Integer, nullable=False),
    )
    # Every marking in use, so the read path can decide visibility without scanning statements.
    op.create_table("marking", sa.Column("label", sa.String(200), primary_key=True))
    if op.get_bind().dialect.name == "sqlite":
        # One row per (entity, marking): names are weighted above descriptions and quotes,
        # and the marking lets the query drop rows a reader may not see.
        op.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5("
            "entity_id UNINDEXED, marking UNINDEXED, schema UNINDEXED, "
            "countries, names, variants, body, tokenize = 'unicode61 remove_diacritics 2')"
        )
        # Per-term document counts, so a query can tell cheaply how many rows it would rank.
        op.execute("CREATE VIRTUAL TABLE search_vocab USING fts5vocab('search_fts', 'row')")
        # The default rank: names and their variants weigh far more than descriptions.
        op.execute("INSERT INTO search_fts(search_fts, rank) "
                   "VALUES ('rank', 'bm25(0, 0, 0, 0, 10.0, 8.0, 1.0)')")
    else:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(
            "CREATE TABLE search_doc ("
            " id BIGSERIAL PRIMARY KEY,"
            " entity_id VARCHAR(200) NOT NULL,"
            " marking VARCHAR(200) NOT NULL,"
            " schema VARCHAR(60) NOT NULL,"
            " countries TEXT NOT NULL DEFAULT '',"
            " names TEXT NOT NULL DEFAULT '',"
            " variants TEXT NOT NULL DEFAULT '',"
            " body TEXT NOT NULL DEFAULT '',"
            " tsv TSVECTOR GENERATED ALWAYS AS ("
            "  setweight(to_tsvector('simple', names || ' ' || variants), 'A') ||"
            "  setweight(to_tsvector('english', body), 'B')) STORED)"
        )
        op.execute("CREATE INDEX ix_search_doc_tsv ON search_doc USING GIN (tsv)")
        op.execute("CREATE INDEX ix_search_doc_entity ON search_doc (entity_id)")
        op.execute("CREATE INDEX ix_search_doc_names_trgm ON search_doc "
                   "USING GIN (names gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_vocab")
        op.execute("DROP TABLE IF EXISTS search_fts")
    else:
        op.execute("DROP TABLE IF EXISTS search_doc")
    op.drop_table("marking")
    op.drop_table("load_log")
    op.drop_table("statement")
    op.drop_table("entity")
    op.drop_table("source")
