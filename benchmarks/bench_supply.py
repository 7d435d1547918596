"""Supply LPs: sparse (ours) against a dense row-by-row baseline, same run.

Targets (issue 3): one time-to-survive LP on a 100,000-site network under 10 s; each of
1,000 sites failing alone (TTS + TTR each) under 60 s.

The dense baseline builds the same per-week TTS LP row by row into a numpy array and solves
it with scipy's HiGHS, rebuilding for every scenario. It cannot hold a 100,000-site LP (the
array would be about 290,000 x 600,000 doubles, over 1 TB), so the one-LP ratio is measured
on the 1,000-site network, and the sweep baseline on a sample of ten sites, scaled to the
sweep. The large sizes are then timed for ours alone: one *cold* TTS LP (a site in the
middle fails; the Analyzer is built inside the timing: build + prune + solve), with the
pruned LP's rows, columns and nonzeros.

Networks (``sangam.supply.generate``): the target measurement uses the programme structure
(programmes of ~1,000 sites with their own part tiers over shared raw materials and common
parts), which is how defence supply networks are organised; the original random wiring
(every item draws inputs from the whole tier below) is measured beside it at the largest
size. Sizes: SANGAM_BENCH_TTS_SITES (programme structure, comma-separated, default
"10000,100000"), SANGAM_BENCH_RANDOM_SITES (random wiring, default "100000"; empty skips),
SANGAM_BENCH_SWEEP_SITES (sweep and baseline ratio, random wiring as before, default 1000).
At the smallest programme size a *warm* figure is printed beside the cold one: the prepared
full model re-solved by dual simplex from the intact network's basis after a bound change
(what a sweep does); it is not the target, which is one cold LP.
"""

from __future__ import annotations

import os
import time

import numpy as np
from scipy.optimize import linprog

from sangam.supply.generate import generate
from sangam.supply.model import Network
from sangam.supply.resilience import Analyzer
from sangam.supply.scenario import Scenario, effects, site_failure


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


def one_lp(n_sites: int, structure: str, warm: bool = False) -> None:
    """Generate, then time one cold TTS LP (Analyzer built inside the timing)."""
    started = time.perf_counter()
    big = generate(n_sites, seed=1, structure=structure)
    t_gen = time.perf_counter() - started
    failed = site_failure(big.sites[len(big.sites) // 2].id)
    started = time.perf_counter()
    analyzer = Analyzer(big)
    result = analyzer.tts(failed, per_product=False)
    t_lp = time.perf_counter() - started
    st = analyzer.tts_model.last_stats
    lay = analyzer.layout
    print(f"one TTS LP, {structure} network, {len(big.sites)} sites, {len(big.links)} links: "
          f"full LP {lay.n_rows} rows x {lay.n_cols + 1} cols; pruned {st.get('rows', 0):.0f} x "
          f"{st.get('cols', 0):.0f}, {st.get('nnz', 0):.0f} nnz, "
          f"{'interior point' if st.get('interior') else 'dual simplex'}; "
          f"cold build + solve {t_lp:.1f} s (HiGHS {st.get('seconds', 0):.1f} s; generating "
          f"the network {t_gen:.1f} s, not counted); tts {result.tts_weeks}; "
          f"target 10 s met: {'yes' if t_lp < 10 else 'no'}", flush=True)
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
    assert again.tts_weeks == result.tts_weeks, (again, result)
    print(f"  same LP warm (prepared model, intact basis, bound change): {t_warm:.2f} s "
          f"after preparing once in {t_prep:.1f} s; not the target (cold is)", flush=True)


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
