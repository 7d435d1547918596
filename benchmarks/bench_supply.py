"""Supply LPs: sparse (ours) against a dense row-by-row baseline, same run.

Targets (issue 3): one time-to-survive LP on a 100,000-site network under 10 s; each of
1,000 sites failing alone (TTS + TTR each) under 60 s.

The dense baseline builds the same per-week TTS LP row by row into a numpy array and solves
it with scipy's HiGHS, rebuilding for every scenario. It cannot hold a 100,000-site LP (the
array would be about 290,000 x 600,000 doubles, over 1 TB), so the one-LP ratio is measured
on the 1,000-site network, and the sweep baseline on a sample of ten sites, scaled to the
sweep. The large sizes are timed cold (the Analyzer is built inside the timing) for two
scenarios: a site in the middle fails, and the country holding the largest share of some raw
material's capacity embargoes it. Ours is the local solve (``sangam.supply.local_tts``: the
affected products bracketed between two small programmes, grown until the bounds meet); its
baseline in the same run is the whole programme solved cold, pruned, by interior point (the
previous method), with the answers asserted equal.

Networks (``sangam.supply.generate``): the programme structure (programmes of ~1,000 sites
with their own part tiers over shared raw materials and common parts) is how defence supply
networks are organised; the random wiring (every item draws inputs from the whole tier
below) is measured beside it. Sizes: SANGAM_BENCH_TTS_SITES (programme structure,
comma-separated, default "10000,100000"), SANGAM_BENCH_RANDOM_SITES (random wiring, default
"100000"; empty skips), SANGAM_BENCH_SWEEP_SITES (sweep and dense ratio, random wiring,
default 1000), SANGAM_BENCH_WHOLE_SITES (largest size at which every scenario also gets the
whole-programme baseline, default 10000; above it only scenarios with a finite answer do).
At the smallest programme size a *warm* figure is printed too: the prepared whole programme
re-solved by dual simplex from the intact network's basis after a bound change (what a
sweep does).
"""

from __future__ import annotations

import os
import time
from collections import defaultdict

import numpy as np
from scipy.optimize import linprog

from sangam.supply.generate import generate
from sangam.supply.model import Network
from sangam.supply.resilience import Analyzer
from sangam.supply.scenario import Scenario, effects, embargo, site_failure


def dense_tts(network: Network, failed: str) -> float | None:
    """Baseline: the per-week TTS LP built row by row in a dense matrix, solved cold."""
    eff = effects(network, site_failure(failed))
    sites = network.sites
    n, links = len(sites), network.links
    idx = network.site_index
    products = network.products
    prod_sites = [i for i, s in enumerate(sites) if network.items[s.makes].kind == "product"]
    n_cols = n + len(links) + len(prod_sites) + 1
    tau = n_cols - 1
    rows: list[np.ndarray] = []
    rhs: list[float] = []
    for i, s in enumerate(sites):  # inputs: -(sum x_in) + q y <= 0
        for line in network.inputs.get(s.makes, ()):
            row = np.zeros(n_cols)
            row[i] = line.quantity
            for j, lk in enumerate(links):
                if lk.target == s.id and sites[idx[lk.source]].makes == line.child:
                    row[n + j] = -1.0
            rows.append(row)
            rhs.append(0.0)
    for i, _s in enumerate(sites):  # balance: out + u - y - stock*tau <= 0
        row = np.zeros(n_cols)
        row[i] = -1.0
        for j, lk in enumerate(links):
            if idx[lk.source] == i:
                row[n + j] = 1.0
        if i in prod_sites:
            row[n + len(links) + prod_sites.index(i)] = 1.0
        row[tau] = -eff.stock[i]
        rows.append(row)
        rhs.append(0.0)
    for p in products:  # demand: -sum u <= -D
        row = np.zeros(n_cols)
        for k, i in enumerate(prod_sites):
            if sites[i].makes == p.id:
                row[n + len(links) + k] = -1.0
        rows.append(row)
        rhs.append(-p.demand_per_week)
    bounds = [(0.0, s.capacity_per_week * eff.capacity[i]) for i, s in enumerate(sites)]
    bounds += [(0.0, None)] * (n_cols - n)
    cost = np.zeros(n_cols)
    cost[tau] = 1.0
    res = linprog(cost, A_ub=np.array(rows), b_ub=np.array(rhs), bounds=bounds, method="highs")
    if res.status == 2:
        return 0.0
    return None if res.x[tau] <= 1e-12 else 1.0 / res.x[tau]


def binding_embargo(network: Network) -> Scenario:
    """The country with the largest share of some raw material's capacity stops exporting
    that material (the question planners ask of gallium or graphite)."""
    total: dict[str, float] = defaultdict(float)
    held: dict[tuple[str, str], float] = defaultdict(float)
    for s in network.sites:
        if network.items[s.makes].kind == "raw":
            total[s.makes] += s.capacity_per_week
            held[(s.country, s.makes)] += s.capacity_per_week
    country, item = max(held, key=lambda k: (held[k] / total[k[1]], k))
    return embargo(country, [item])


def one_lp(n_sites: int, structure: str, warm: bool = False) -> None:
    """Generate, then time one cold TTS solve per scenario (Analyzer built inside the timing)
    against the whole programme solved cold (the previous method, same run) where it is
    affordable: every scenario up to SANGAM_BENCH_WHOLE_SITES sites, above that only
    scenarios with a finite answer (an unbounded one needs crossover on the whole programme:
    over 200 s at 100,000 sites)."""
    started = time.perf_counter()
    big = generate(n_sites, seed=1, structure=structure)
    t_gen = time.perf_counter() - started
    whole_limit = int(os.environ.get("SANGAM_BENCH_WHOLE_SITES", "10000"))
    print(f"{structure} network, {len(big.sites)} sites, {len(big.links)} links (generating "
          f"it {t_gen:.1f} s, not counted):", flush=True)
    failed = site_failure(big.sites[len(big.sites) // 2].id)
    for scenario in (failed, binding_embargo(big)):
        started = time.perf_counter()
        analyzer = Analyzer(big)
        result = analyzer.tts(scenario, per_product=False)
        t_ours = time.perf_counter() - started
        st = analyzer.tts_model.last_stats
        lay = analyzer.layout
        line = (f"  {scenario.name}: tts {result.tts_weeks}; local solve {t_ours:.2f} s cold "
                f"({st.get('local_rounds', 0):.0f} round(s), {st.get('affected_products', 0):.0f}"
                f" of {lay.n_products} products affected, last programme "
                f"{st.get('rows', 0):.0f} x {st.get('cols', 0):.0f}; whole programme "
                f"{lay.n_rows} x {lay.n_cols + 1}); target 10 s met: "
                f"{'yes' if t_ours < 10 else 'no'}")
        if len(big.sites) <= whole_limit or result.tts_weeks is not None:
            started = time.perf_counter()
            whole = Analyzer(big)
            whole.tts_model.local_min_cols = 1 << 62
            expect = whole.tts(scenario, per_product=False)
            t_whole = time.perf_counter() - started
            assert expect.tts_weeks == result.tts_weeks, (scenario.name, expect, result)
            line += (f"; whole programme cold {t_whole:.1f} s, same answer, ratio "
                     f"{t_whole / t_ours:.0f}x")
        print(line, flush=True)
    if not warm:
        return
    started = time.perf_counter()
    prepared = Analyzer(big)
    prepared.tts(Scenario("none", ()), per_product=False)
    basis = prepared.tts_model.snapshot()
    t_prep = time.perf_counter() - started
    prepared.tts_model.restore(basis)
    started = time.perf_counter()
    again = prepared.tts(failed, per_product=False)
    t_warm = time.perf_counter() - started
    print(f"  {failed.name} warm (prepared whole programme, intact basis, bound change): "
          f"{t_warm:.2f} s after preparing once in {t_prep:.1f} s; tts {again.tts_weeks}",
          flush=True)


def main() -> None:
    sweep_n = int(os.environ.get("SANGAM_BENCH_SWEEP_SITES", "1000"))
    tts_sizes = [int(x) for x in
                 os.environ.get("SANGAM_BENCH_TTS_SITES", "10000,100000").split(",") if x]

    net = generate(sweep_n, seed=1)
    target = net.sites[len(net.sites) // 2].id
    started = time.perf_counter()
    ours = Analyzer(net).tts(site_failure(target), per_product=False)
    t_ours = time.perf_counter() - started
    started = time.perf_counter()
    base = dense_tts(net, target)
    t_dense = time.perf_counter() - started
    assert ours.tts_weeks == base or abs((ours.tts_weeks or 0) - (base or 0)) < 1e-4 * max(
        1.0, abs(base or 0)), (ours, base)
    print(f"one TTS LP, {sweep_n} sites: sparse {t_ours:.3f} s, dense row-by-row "
          f"{t_dense:.3f} s, ratio {t_dense / t_ours:.1f}x (same answer {base})")

    started = time.perf_counter()
    ranked = Analyzer(net).rank()
    t_sweep = time.perf_counter() - started
    sample = [s.id for s in net.sites[:: max(1, len(net.sites) // 10)]][:10]
    started = time.perf_counter()
    for sid in sample:
        dense_tts(net, sid)
    per = (time.perf_counter() - started) / len(sample)
    est = per * 2 * len(net.sites)  # TTS + TTR per site, TTR no cheaper than TTS
    print(f"sweep, each of {len(ranked)} sites fails alone (TTS + TTR): sparse warm "
          f"{t_sweep:.1f} s (target 60 s met: {'yes' if t_sweep < 60 else 'no'}); dense "
          f"baseline {per:.3f} s per LP measured on {len(sample)} sites, "
          f"x{2 * len(net.sites)} LPs = {est:.0f} s estimated; ratio {est / t_sweep:.1f}x")

    random_sizes = [int(x) for x in
                    os.environ.get("SANGAM_BENCH_RANDOM_SITES", "100000").split(",") if x]
    for k, n_sites in enumerate(tts_sizes):
        one_lp(n_sites, "programmes", warm=k == 0)
    for n_sites in random_sizes:
        one_lp(n_sites, "random")
