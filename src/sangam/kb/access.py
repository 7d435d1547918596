"""The knowledge base's read-side marking filter: which markings a reader may see."""

from __future__ import annotations

from sqlalchemy import Connection, select

from sangam.access.markings import Reader, visible_markings
from sangam.kb import tables


def reader_markings(conn: Connection, reader: Reader) -> list[str]:
    """Markings in use that this reader may see; PUBLIC always."""
    used = conn.execute(select(tables.marking.c.label)).scalars().all()
    return visible_markings(used, reader)
