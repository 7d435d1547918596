"""Screening quality and speed against a brute-force rapidfuzz WRatio baseline, same run.

Quality: recall of the right entry at rank 1 (and at or above the default threshold) per
kind of listed query, and the share of unlisted names that alert. Speed: batch names per
second on one core, single-name p50/p95 latency, index build time. The baseline scans every
listed name with `rapidfuzz.process.extractOne(scorer=WRatio)`; it is slow, so it runs on a
seeded sample of the same cases and its rate is measured on that sample.

Run: .venv/bin/python -m benchmarks screening
"""

from __future__ import annotations

import random
import statistics
import time
from collections import defaultdict

from rapidfuzz import fuzz, process, utils

from sangam.compiled import compiled_modules
from sangam.screening import get_index
from sangam.screening.devset import DevCase, build_devset
from sangam.screening.index import ScreeningIndex
from sangam.screening.normalize import clear_reading_caches
from sangam.screening.screen import DEFAULT_THRESHOLD, screen_name, screen_names
from sangam.screening.store import load_lists
from sangam.settings import get_settings

BASELINE_THRESHOLD = 85.0  # WRatio score that counts as an alert for the baseline
BASELINE_SAMPLE = 400
#: The batch is timed this many times, each with fresh caches: the machine is shared and
#: one pass varies by about 10%, so the median (and the spread) is the figure to quote.
BATCH_REPEATS = 5


def _ours(index: ScreeningIndex, cases: list[DevCase]) -> dict[str, list[bool]]:
    outcome: dict[str, list[bool]] = defaultdict(list)
    for case in cases:
        result = screen_name(case.query, lists=case.lists, index=index)
        if case.truth:
            top = result.matches[0] if result.matches else None
            outcome[case.kind].append(
                top is not None and (top.list, top.source_id) in case.truth
            )
        else:
            outcome[case.kind].append(bool(result.matches))
    return outcome


def _baseline(index: ScreeningIndex, cases: list[DevCase]) -> tuple[dict[str, list[bool]], float]:
    choices = [n.text for n in index.names]
    owner = [index.entries[n.entry] for n in index.names]
    lists_of = [lid for lid, _ in owner]
    processed = [utils.default_process(c) for c in choices]
    outcome: dict[str, list[bool]] = defaultdict(list)
    started = time.perf_counter()
    for case in cases:
        if case.lists is not None:
            allowed = [i for i, lid in enumerate(lists_of) if lid in case.lists]
            pool = {i: processed[i] for i in allowed}
        else:
            pool = dict(enumerate(processed))
        best = process.extractOne(
            utils.default_process(case.query), pool, scorer=fuzz.WRatio, processor=None
        )
        hit = best is not None and best[1] >= BASELINE_THRESHOLD
        if case.truth:
            ok = False
            if hit and best is not None:
                list_id, entry = owner[best[2]]
                ok = (list_id, entry.source_id) in case.truth
            outcome[case.kind].append(ok)
        else:
            outcome[case.kind].append(hit)
    return outcome, len(cases) / (time.perf_counter() - started)


def _rate(values: list[bool]) -> float:
    return sum(values) / len(values) if values else float("nan")


def main() -> None:
    settings = get_settings()
    built = compiled_modules()
    print("screening code: " + (f"compiled with mypyc ({len(built)} modules)" if built else
                                "plain Python (run `make compile` for the compiled build)"))
    started = time.perf_counter()
    parsed = load_lists(settings)
    parse_s = time.perf_counter() - started
    clear_reading_caches()
    started = time.perf_counter()
    index = ScreeningIndex.build(
        {lid: p.info for lid, p in parsed.items()},
        ((lid, e) for lid, p in parsed.items() for e in p.entries),
    )
    build_s = time.perf_counter() - started
    print(f"lists parsed in {parse_s:.2f} s; index build {build_s:.2f} s "
          f"({len(index.entries)} entries, {len(index.names)} names, {len(index.tokens)} tokens)")
    assert get_index(settings) is not None

    cases = build_devset(index, settings.data_dir / "screening" / "devset_unlisted.yaml")
    counts: dict[str, int] = defaultdict(int)
    for c in cases:
        counts[c.kind] += 1
    print("dev set:", dict(counts))

    clear_reading_caches()
    index.clear_caches()
    ours = _ours(index, cases)
    rng = random.Random(11)
    sample = rng.sample(cases, min(BASELINE_SAMPLE, len(cases)))
    base, base_rate = _baseline(index, sample)

    listed_kinds = [k for k in ours if k not in ("unlisted", "near_miss")]
    print(f"\n{'kind':<14}{'n':>6}{'ours':>8}{'baseline*':>11}")
    for kind in [*listed_kinds, "unlisted", "near_miss"]:
        label = "alerts" if kind in ("unlisted", "near_miss") else "recall@1"
        print(f"{kind:<14}{len(ours[kind]):>6}{_rate(ours[kind]):>8.3f}"
              f"{_rate(base.get(kind, [])):>11.3f}   ({label})")
    all_listed = [v for k in listed_kinds for v in ours[k]]
    base_listed = [v for k in listed_kinds for v in base.get(k, [])]
    all_unlisted = ours["unlisted"] + ours["near_miss"]
    base_unlisted = base.get("unlisted", []) + base.get("near_miss", [])
    print(f"\nrecall@1 overall: ours {_rate(all_listed):.3f}, baseline {_rate(base_listed):.3f}")
    print(f"recall@1 cross-script: ours {_rate(ours['cross_script']):.3f}, "
          f"baseline {_rate(base.get('cross_script', [])):.3f}")
    print(f"unlisted names alerting: ours {_rate(all_unlisted):.3f}, "
          f"baseline {_rate(base_unlisted):.3f}")
    print(f"(* baseline on a seeded sample of {len(sample)} cases; threshold ours "
          f"{DEFAULT_THRESHOLD}, baseline WRatio >= {BASELINE_THRESHOLD})")

    # speed: a batch of fresh names (caches cleared), one core, several times
    batch = [c.query for c in cases]
    rates = []
    for _ in range(BATCH_REPEATS):
        clear_reading_caches()
        index.clear_caches()
        started = time.perf_counter()
        screen_names(batch, index=index)
        rates.append(len(batch) / (time.perf_counter() - started))
    batch_rate = statistics.median(rates)
    clear_reading_caches()
    index.clear_caches()
    latencies = []
    for query in batch[:2000]:
        t0 = time.perf_counter()
        screen_name(query, index=index)
        latencies.append((time.perf_counter() - t0) * 1000)
    latencies.sort()
    p50 = statistics.median(latencies)
    p95 = latencies[int(0.95 * len(latencies)) - 1]
    print(f"\nbatch: ours {batch_rate:,.0f} names/s (median of {BATCH_REPEATS}), baseline "
          f"{base_rate:,.1f} names/s, ratio {batch_rate / base_rate:,.0f}x")
    print(f"batch repeats: {', '.join(f'{r:,.0f}' for r in rates)} names/s "
          f"(min {min(rates):,.0f}, max {max(rates):,.0f})")
    print(f"single name latency: p50 {p50:.2f} ms, p95 {p95:.2f} ms")
    print(f"index build: {build_s:.2f} s (target < 10 s)")


if __name__ == "__main__":
    main()
