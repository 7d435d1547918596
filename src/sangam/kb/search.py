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
from sangam.errors import InvalidInput
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


def _fts5_query(tokens: list[str], any_word: bool, country: str | None, *, prefix: bool = True,
                columns: str = "names variants body") -> str:
    """FTS5 syntax built from words only; the last word also matches as a prefix."""
    quoted = [f'"{t}"' for t in tokens]
    if prefix:
        quoted[-1] += "*"
    joined = (" OR " if any_word else " AND ").join(quoted)
    if len(tokens) > 1:
        joined = f'({joined}) OR "{"".join(tokens)}"'
    query = f"{{{columns}}} : ({joined})"
    return f'countries : "{country.lower()}" AND ({query})' if country else query


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


#: Above this many matching documents a query is answered unranked (see `_sqlite`).
UNRANKED_ABOVE = 3_000


def _document_counts(conn: Connection, tokens: list[str]) -> list[int]:
    """How many documents hold each word, from the FTS5 vocabulary (one index lookup each)."""
    marks = ", ".join(f":t{i}" for i in range(len(tokens)))
    counts: dict[str, int] = dict(conn.execute(
        text(f"SELECT term, doc FROM search_vocab WHERE term IN ({marks})"),  # noqa: S608
        {f"t{i}": t for i, t in enumerate(tokens)}).all())
    return [int(counts.get(t, 0)) for t in tokens]


def _sqlite(conn: Connection, tokens: list[str], any_word: bool, markings: list[str],
            schema: str | None, country: str | None, limit: int) -> list[Hit]:
    """FTS5 search.

    bm25 ranking costs time in proportion to the number of matches, and FTS5 cannot stop
    early while ranking. A query whose words are in nearly every document (so bm25 barely
    tells documents apart anyway) is therefore answered unranked: documents whose *names*
    match come first, then others, in index order, which FTS5 can stop reading after
    `limit` rows. This keeps every query fast at millions of statements.
    """
    counts = _document_counts(conn, tokens)
    # The last word is read as a prefix only when it is not a word of its own (the user is
    # probably still typing it): prefix expansion reads the doclist of every longer word.
    prefix = counts[-1] == 0
    params: dict[str, object] = {"match": _fts5_query(tokens, any_word, country, prefix=prefix),
                                 "limit": limit * 3}
    marks = ", ".join(f":m{i}" for i in range(len(markings)))
    params |= {f"m{i}": m for i, m in enumerate(markings)}
    where_schema = ""
    if schema:
        where_schema = "AND f.schema = :schema"
        params["schema"] = schema
    estimate = sum(counts) if any_word else min(counts)
    if estimate > UNRANKED_ABOVE:
        # Exact words only: the word is common, and prefix expansion reads every doclist.
        params["match"] = _fts5_query(tokens, any_word, country, prefix=False)
        params["names"] = _fts5_query(tokens, any_word, country, prefix=False,
                                      columns="names variants")
        top = (
            "WITH top AS (SELECT rid, min(rank) AS rank FROM (SELECT * FROM ("  # noqa: S608
            " SELECT f.rowid AS rid, -1.0 AS rank FROM search_fts f"
            f" WHERE search_fts MATCH :names AND f.marking IN ({marks}) {where_schema}"
            " LIMIT :limit)"
            " UNION ALL SELECT * FROM ("
            " SELECT f.rowid AS rid, 0.0 AS rank FROM search_fts f"
            f" WHERE search_fts MATCH :match AND f.marking IN ({marks}) {where_schema}"
            " LIMIT :limit)) GROUP BY rid) "
        )
    else:
        # Rank and cut first; snippets are made only for the rows kept.
        top = (
            "WITH top AS (SELECT f.rowid AS rid, f.rank AS rank FROM search_fts f "  # noqa: S608
            f"WHERE search_fts MATCH :match AND f.marking IN ({marks}) {where_schema} "
            "ORDER BY f.rank LIMIT :limit) "
        )
    # `rowid IN (…)` lets FTS5 fetch just the kept rows for their snippets; a join would
    # make it evaluate the whole match again.
    sql = text(
        top + ", snip AS (SELECT f.rowid AS rid, f.entity_id, f.schema, f.names,"  # noqa: S608
        f" snippet(search_fts, 6, '{HIT_START}', '{HIT_END}', '…', 16) AS body_snip,"
        f" snippet(search_fts, 4, '{HIT_START}', '{HIT_END}', '…', 16) AS name_snip "
        "FROM search_fts f WHERE search_fts MATCH :match AND f.rowid IN (SELECT rid FROM top)) "
        "SELECT snip.entity_id, snip.schema, e.caption, top.rank, snip.body_snip,"
        " snip.name_snip, snip.names FROM snip JOIN top ON top.rid = snip.rid "
        f"JOIN entity e ON e.id = snip.entity_id WHERE e.marking IN ({marks}) "
        "ORDER BY top.rank"
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
