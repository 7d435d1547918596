"""Pathfinder throughput in batch on one core, against re-reading the tables per query.

Ours: the rule tables compiled once (`get_rulebook`), then `run_batch` over planned transfers.
Baseline: the same rules evaluated by re-reading and re-compiling the tables for each query
(what a naive implementation would do). Both produce full answers; the ratio is printed.
Run: `.venv/bin/python -m benchmarks regulatory`.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

from sangam.regulatory.batch import run_batch, summary_row
from sangam.regulatory.model import Query
from sangam.regulatory.pathfinder import normalise, pathfind
from sangam.regulatory.rulebook import RuleBook, get_rulebook
from sangam.regulatory.tables import load_tables

DATA = Path(__file__).resolve().parents[1] / "data" / "regulatory"
N = 20_000
BASELINE_N = 40


def _queries(book: RuleBook, n: int, seed: int = 7) -> list[Query]:
    rng = random.Random(seed)
    eccns = sorted(book.eccns)
    items = [*eccns, "EAR99", "USML-XI", "USML-XI(c)", "USML-VIII", "JP-AT1-7", "SCOMET-6A001"]
    countries = sorted(book.countries)
    origins = ["US", "US", "US", "JP", "IN"]
    kinds = ["hardware", "software", "technology"]
    uses = [None, None, "military", "temporary demonstration", "civil"]
    out = []
    for _ in range(n):
        src = rng.choice(origins)
        item = rng.choice(items)
        if item.startswith("SCOMET"):
            src = "IN"
        out.append(normalise(book, item, src, rng.choice(countries), rng.choice(kinds),
                             None, rng.choice(uses), None,
                             rng.choice([None, 100.0, 30.0]) if src != "US" else None, None))
    return out


def main() -> None:
    overlay = Path("/nonexistent-regulatory-overlay")
    book = get_rulebook(DATA, overlay)
    queries = _queries(book, N)
    distinct = len(set(queries))

    started = time.perf_counter()
    count = 0
    for answer in run_batch(queries, book, screen=None):
        summary_row(answer)  # what the CSV writer does per row
        count += 1
    ours = time.perf_counter() - started
    assert count == N

    # Distinct-only run: every query answered from scratch (no reuse of identical answers).
    unique = list(dict.fromkeys(queries))
    started = time.perf_counter()
    boxes: list = []
    for q in unique:
        pathfind(q, book, boxes, screen=False)
    fresh = time.perf_counter() - started

    started = time.perf_counter()
    for q in queries[:BASELINE_N]:
        slow_book = RuleBook(load_tables(DATA, overlay))
        pathfind(q, slow_book, boxes, screen=False)
    base = time.perf_counter() - started

    ours_rate = N / ours
    fresh_rate = len(unique) / fresh
    base_rate = BASELINE_N / base
    print(f"queries: {N} planned transfers ({distinct} distinct)")
    print(f"ours (batch, compiled rules):      {ours_rate:12,.0f} determinations/s")
    print(f"ours (distinct queries only):      {fresh_rate:12,.0f} determinations/s")
    print(f"baseline (re-read tables/query):   {base_rate:12,.1f} determinations/s "
          f"(measured on {BASELINE_N} queries)")
    print(f"ratio batch/baseline:    {ours_rate / base_rate:,.0f}x")
    print(f"ratio distinct/baseline: {fresh_rate / base_rate:,.0f}x")
    print(f"target 10,000/s on one core: {'met' if ours_rate >= 10_000 else 'NOT met'} (batch), "
          f"{'met' if fresh_rate >= 10_000 else 'NOT met'} (distinct)")


if __name__ == "__main__":
    main()
