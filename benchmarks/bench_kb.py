"""Knowledge-base ingest and search at 1,000,000 statements.

Ingest: `sangam load` of a synthetic JSON Lines dataset (validation, typed values, content
hashes, statements and the FTS5 index) against the obvious baseline, one ORM INSERT per
statement (measured on a slice and reported as a rate). Search: p50/p95 of one-word and
three-word queries through `sangam.kb.search` against a `LIKE '%…%'` scan of the same rows.

Size with SANGAM_BENCH_STATEMENTS (default 1,000,000).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import Float, String, Text, create_engine, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from sangam.access.markings import Reader
from sangam.db import get_engine, migrate
from sangam.kb import load_path, search

N = int(os.environ.get("SANGAM_BENCH_STATEMENTS", "1000000"))
PER_ENTITY = 10
rng = random.Random(7)
SYLL = ["ka", "ri", "to", "na", "shi", "ra", "de", "vi", "su", "mo", "ta", "ke", "ba", "lo", "an"]
VOCAB = ["".join(rng.choice(SYLL) for _ in range(rng.randint(2, 4))) for _ in range(20000)]
CUM_WEIGHTS = list(__import__("itertools").accumulate(1 / (i + 1) for i in range(len(VOCAB))))


def sentence(n: int) -> str:
    """Zipf-distributed words, like real text: a few very common, most rare."""
    return " ".join(rng.choices(VOCAB, cum_weights=CUM_WEIGHTS, k=n))


def write_dataset(path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"type": "source", "id": "src:bench", "title": "Benchmark",
                            "publisher": "Sangam", "kind": "dataset"}) + "\n")
        entities = N // PER_ENTITY
        for e in range(entities):
            fh.write(json.dumps({"type": "entity", "id": f"org:e{e}", "schema": "Organization",
                                "caption": sentence(2).title()}) + "\n")
        for e in range(entities):
            eid = f"org:e{e}"
            rows = [("name", sentence(3).title()), ("alias", sentence(1).upper()),
                    ("country", rng.choice(["US", "JP", "IN", "AU", "FR"])),
                    ("founded", str(rng.randint(1950, 2024))),
                    ("orgType", rng.choice(["company", "lab", "agency", "university"]))]
            rows += [("description", sentence(12)) for _ in range(PER_ENTITY - len(rows) - 1)]
            rows.append(("parent", f"org:e{rng.randrange(entities)}"))
            for prop, value in rows:
                fh.write(json.dumps({"type": "statement", "entity_id": eid, "prop": prop,
                                    "value": value, "source": "src:bench",
                                    "quote": sentence(8)}) + "\n")


class Base(DeclarativeBase):
    pass


class OrmStatement(Base):
    __tablename__ = "orm_statement"
    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(200))
    prop: Mapped[str] = mapped_column(String(60))
    value: Mapped[str] = mapped_column(Text)
    quote: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float)


def orm_baseline(path: Path, workdir: Path, limit: int = 20000) -> float:
    """One ORM INSERT (and commit) per statement — statements per second."""
    engine = create_engine(f"sqlite:///{workdir / 'orm.db'}")
    Base.metadata.create_all(engine)
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            if obj["type"] == "statement":
                rows.append(obj)
                if len(rows) >= limit:
                    break
    started = time.perf_counter()
    with Session(engine) as session:
        for obj in rows:
            session.add(OrmStatement(entity_id=obj["entity_id"], prop=obj["prop"],
                                     value=obj["value"], quote=obj["quote"], confidence=1.0))
            session.commit()
    return len(rows) / (time.perf_counter() - started)


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        data = work / "bench.jsonl"
        t0 = time.perf_counter()
        write_dataset(data)
        print(f"generated {N:,} statements in {time.perf_counter() - t0:.1f} s")

        engine = get_engine(f"sqlite:///{work / 'kb.db'}")
        migrate(engine)
        t0 = time.perf_counter()
        report = load_path(engine, data)
        ingest_s = time.perf_counter() - t0
        rate = report.statements_added / ingest_s
        base_rate = orm_baseline(data, work)
        print(f"ingest: {report.statements_added:,} statements + index in {ingest_s:.1f} s = "
              f"{rate:,.0f} statements/s (target ≥ 50,000)")
        print(f"baseline ORM insert per statement: {base_rate:,.0f} statements/s; "
              f"ratio {rate / base_rate:.1f}×")

        reader = Reader()
        qrng = random.Random(11)
        # Words spread over the frequency range: common, middling and rare.
        one = [VOCAB[qrng.choice([0, 5, 50, 500, 5000, 15000])] for _ in range(100)]
        three = [" ".join(qrng.choice(VOCAB[:2000]) for _ in range(3)) for _ in range(100)]
        for label, queries in (("one-word", one), ("three-word", three)):
            times, like_times = [], []
            with engine.connect() as conn:
                for q in queries:
                    t = time.perf_counter()
                    search(conn, q, reader, limit=20)
                    times.append((time.perf_counter() - t) * 1000)
                for q in queries[:10]:
                    word = q.split()[0]
                    t = time.perf_counter()
                    conn.execute(text("SELECT entity_id, count(*) AS n FROM statement WHERE value "
                                      "LIKE :p OR quote LIKE :p GROUP BY entity_id ORDER BY n "
                                      "DESC LIMIT 20"), {"p": f"%{word}%"}).all()
                    like_times.append((time.perf_counter() - t) * 1000)
            p95 = pct(times, 95)
            like95 = pct(like_times, 95)
            print(f"search {label}: p50 {pct(times, 50):.1f} ms, p95 {p95:.1f} ms "
                  f"(target < 20 ms); LIKE scan p95 {like95:.1f} ms; ratio {like95 / p95:.0f}×")
        engine.dispose()


if __name__ == "__main__":
    main()
