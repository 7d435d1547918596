"""Full-text search over entities: SQLite FTS5 or PostgreSQL full-text, same results shape.

Queries are turned into engine syntax from their words only (never passed through raw), so a
user's quotes, operators or SQL cannot change the query's meaning. All words must match
(in names, descriptions or quotes); a joined-up form ("INDUSX") is tried as an alternative,
and when nothing matches all words, any word will do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, text

from sangam.access.markings import Reader
from sangam.db import dialect
from sangam.kb.access import reader_markings
from sangam.kb.schema import load_model

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
HIT_START, HIT_END = "\ue000", "\ue001"


@dataclass(frozen=True)
class Hit:
    id: str
    schema: str
    caption: str
    score: float
    snippet: str


def words(query: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(query)][:12]


def _fts5_query(tokens: list[str], any_word: bool) -> str:
    quoted = [f'"{t}"' for t in tokens]
    quoted[-1] += "*"
    joined = (" OR " if any_word else " AND ").join(quoted)
    if len(tokens) > 1:
        joined = f'({joined}) OR "{"".join(tokens)}"'
    return f"{{names variants body}} : ({joined})"


def _tsquery(tokens: list[str], any_word: bool) -> str:
    parts = [*tokens[:-1], f"{tokens[-1]}:*"]
    joined = (" | " if any_word else " & ").join(parts)
    if len(tokens) > 1:
        joined = f"({joined}) | {''.join(tokens)}"
    return joined


EXACT_NAME_BONUS = 100.0


def _boost(tokens: list[str], names: str, score: float) -> float:
    """Put entities whose name or alias *is* the query above ones that merely mention it."""
    query = "".join(tokens)
    exact = any("".join(words(name)) == query for name in names.split(" | "))
    return round(score + (EXACT_NAME_BONUS if exact else 0.0), 4)


def _sqlite(conn: Connection, tokens: list[str], any_word: bool, markings: list[str],
            schema: str | None, country: str | None, limit: int) -> list[Hit]:
    match = _fts5_query(tokens, any_word)
    if country:
        match = f'countries : "{country.lower()}" AND ({match})'
    params: dict[str, object] = {"match": match, "limit": limit * 3}
    marks = ", ".join(f":m{i}" for i in range(len(markings)))
    params |= {f"m{i}": m for i, m in enumerate(markings)}
    where_schema = ""
    if schema:
        where_schema = "AND f.schema = :schema"
        params["schema"] = schema
    # Rank and cut first, then make snippets for the few rows kept: snippet() is the costly
    # part, and computing it inside an ORDER BY would run it for every matching row.
    # Only placeholders (":m0, :m1") and constant fragments are interpolated below.
    sql = text(
        "WITH top AS (SELECT f.rowid AS rid, f.rank AS rank FROM search_fts f "  # noqa: S608
        "JOIN entity e ON e.id = f.entity_id "
        f"WHERE search_fts MATCH :match AND f.marking IN ({marks}) "
        f"AND e.marking IN ({marks}) {where_schema} ORDER BY f.rank LIMIT :limit) "
        "SELECT f.entity_id, f.schema, e.caption, top.rank,"
        f" snippet(search_fts, 6, '{HIT_START}', '{HIT_END}', '…', 16),"
        f" snippet(search_fts, 4, '{HIT_START}', '{HIT_END}', '…', 16), f.names "
        "FROM search_fts f JOIN top ON top.rid = f.rowid JOIN entity e ON e.id = f.entity_id "
        "WHERE search_fts MATCH :match ORDER BY top.rank"
    )
    return [Hit(r[0], r[1], r[2], _boost(tokens, r[6], -float(r[3])),
                r[4] if HIT_START in r[4] else r[5]) for r in conn.execute(sql, params)]


def _postgres(conn: Connection, tokens: list[str], any_word: bool, markings: list[str],
              schema: str | None, country: str | None, limit: int) -> list[Hit]:
    params: dict[str, object] = {"q": _tsquery(tokens, any_word), "limit": limit * 3,
                                 "markings": markings}
    filters = ""
    if schema:
        filters += " AND d.schema = :schema"
        params["schema"] = schema
    if country:
        filters += " AND (' ' || d.countries || ' ') LIKE :country"
        params["country"] = f"% {country.upper()} %"
    # Only constant filter fragments are interpolated below.
    sql = text(
        "WITH q AS (SELECT to_tsquery('simple', :q) || to_tsquery('english', :q) AS q) "  # noqa: S608
        "SELECT d.entity_id, d.schema, e.caption, ts_rank(d.tsv, q.q, 1) AS rank, d.names, "
        "ts_headline('english', d.names || ' — ' || d.body, q.q, "
        f"'StartSel={HIT_START}, StopSel={HIT_END}, MaxWords=24, MinWords=8, MaxFragments=1') "
        "FROM search_doc d CROSS JOIN q JOIN entity e ON e.id = d.entity_id "
        "WHERE d.tsv @@ q.q AND d.marking = ANY(:markings) AND e.marking = ANY(:markings)"
        f"{filters} ORDER BY rank DESC LIMIT :limit"
    )
    return [Hit(r[0], r[1], r[2], _boost(tokens, r[4], float(r[3])), r[5])
            for r in conn.execute(sql, params)]


def search(conn: Connection, query: str, reader: Reader, *, schema: str | None = None,
           country: str | None = None, limit: int = 20) -> list[Hit]:
    """Entities matching `query` that `reader` may see, best first, one hit per entity."""
    from sangam.errors import InvalidInput

    tokens = words(query)
    if not tokens:
        raise InvalidInput("The search has no words in it.",
                           "Type a name, an abbreviation or words from a description.")
    model = load_model()
    if schema and schema not in model.concrete():
        raise InvalidInput(f"Unknown schema {schema!r}.",
                           f"Use one of: {', '.join(model.concrete())}.")
    if country and not re.fullmatch(r"[A-Za-z]{2}", country):
        raise InvalidInput(f"{country!r} is not a country code.",
                           "Use an ISO 3166-1 alpha-2 code such as US, JP or IN.")
    markings = reader_markings(conn, reader)
    run = _sqlite if dialect(conn) == "sqlite" else _postgres
    hits = run(conn, tokens, False, markings, schema, country, limit)
    if not hits and len(tokens) > 1:
        hits = run(conn, tokens, True, markings, schema, country, limit)
    best: dict[str, Hit] = {}
    for hit in sorted(hits, key=lambda h: -h.score):
        if hit.id not in best:
            best[hit.id] = hit
    return list(best.values())[:limit]


def plain_snippet(snippet: str, start: str = "**", end: str = "**") -> str:
    """The snippet with its hit markers replaced (JSON uses **word**)."""
    return snippet.replace(HIT_START, start).replace(HIT_END, end)
