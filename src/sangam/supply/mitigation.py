"""Mitigations as linear programmes: the cheapest stockpile, or the cheapest extra allied
capacity, that lets the network meet all demand for the whole disruption.

Meeting all demand for T weeks in the aggregate model is the same as a time-to-survive of at
least T (the feasible set in t is convex and contains 0), so "keep TTS >= TTR" becomes: add
non-negative stock ``z[s]`` (or weekly capacity ``w[s]``) at candidate sites, require every
product's delivery to reach ``D[p] * T``, and minimise the cost ``sum(unit_cost * z)``.
Candidates are sites in the chosen alliance making the chosen items (raw materials unless
told otherwise) that the scenario leaves working — stockpiles count for stock, producers for
capacity; their item's ``unit_cost`` prices a unit of stock or of weekly capacity. The
answer is checked by re-solving the time-to-survive programme with the additions applied.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linprog

from sangam.errors import InvalidInput
from sangam.supply.layout import build_layout
from sangam.supply.model import Network
from sangam.supply.resilience import EPS, Analyzer
from sangam.supply.scenario import Scenario, effects, validate

MODES = ("stock", "capacity")


@dataclass(frozen=True)
class Addition:
    site: str
    item: str
    country: str
    units: float  # units of stock, or units per week of capacity
    cost: float


@dataclass(frozen=True)
class MitigationResult:
    mode: str
    duration_weeks: float
    feasible: bool
    total_cost: float | None
    additions: tuple[Addition, ...]
    tts_before: float | None
    tts_after: float | None
    unbounded_after: bool
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode, "duration_weeks": self.duration_weeks, "feasible": self.feasible,
            "total_cost": self.total_cost,
            "additions": [a.__dict__ for a in self.additions],
            "tts_before": self.tts_before, "tts_after": self.tts_after,
            "unbounded_after": self.unbounded_after, "message": self.message,
        }


def mitigate(network: Network, scenario: Scenario, mode: str = "stock",
             allies: Collection[str] | None = None, items: Collection[str] | None = None,
             weeks: float | None = None) -> MitigationResult:
    """Cheapest stock (``mode="stock"``) or capacity (``"capacity"``) that survives ``weeks``."""
    if mode not in MODES:
        raise InvalidInput(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
    validate(scenario, network)
    horizon = scenario.duration_for(network) if weeks is None else weeks
    lay = build_layout(network)
    eff = effects(network, scenario)
    sites = network.sites
    wanted = set(items) if items is not None else {
        i.id for i in network.items.values() if i.kind == "raw"}

    def is_candidate(i: int) -> bool:
        site = sites[i]
        if site.makes not in wanted or (allies is not None and site.country not in allies):
            return False
        if mode == "capacity":  # a producer the scenario leaves running
            return site.capacity_per_week > 0 and eff.capacity[i] > 0
        # stock: a stockpile, or a working site (a failed site's store is out of reach)
        return site.capacity_per_week == 0 or eff.capacity[i] > 0

    candidates = np.array([i for i in range(len(sites)) if is_candidate(i)], dtype=np.int64)
    before = Analyzer(network).tts(scenario, per_product=False)
    if len(candidates) == 0:
        return MitigationResult(mode, horizon, False, None, (), before.tts_weeks, None, False,
                                "No candidate site in the chosen alliance is left working.")
    k = len(candidates)
    n_cols = lay.n_cols + k
    unit_cost = np.array([network.items[sites[i].makes].unit_cost for i in candidates])
    cost = np.concatenate([np.zeros(lay.n_cols), unit_cost])

    a = lay.matrix
    ub_blocks = [-a[: lay.n_input_rows], a[lay.balance0: lay.demand0],
                 -a[lay.demand0:]]
    ub = sp.vstack(ub_blocks).tocsr()
    extra = sp.lil_matrix((ub.shape[0], k))
    b_ub = np.concatenate([np.zeros(lay.n_input_rows), eff.stock, -lay.demand * horizon])
    col_hi = np.concatenate([
        lay.capacity * eff.capacity * horizon,
        np.where(eff.link_open, np.inf, 0.0),
        np.where(eff.delivery_open[lay.prod_site], np.inf, 0.0),
        np.full(k, np.inf),
    ])
    if mode == "stock":
        # balance: outflow + delivery - production - z <= stock
        for j, i in enumerate(candidates):
            extra[lay.n_input_rows + i, j] = -1.0
        a_ub = sp.hstack([ub, extra.tocsr()]).tocsr()
    else:
        # production <= (c * avail + w) * T  ->  y - T w <= c * avail * T (as extra rows)
        cap_rows = sp.lil_matrix((k, n_cols))
        for j, i in enumerate(candidates):
            cap_rows[j, int(i)] = 1.0
            cap_rows[j, lay.n_cols + j] = -horizon
            col_hi[i] = np.inf
        a_ub = sp.vstack([sp.hstack([ub, extra.tocsr()]), cap_rows.tocsr()]).tocsr()
        b_ub = np.concatenate([b_ub, lay.capacity[candidates] * eff.capacity[candidates]
                               * horizon])
        # the non-candidate sites keep their column bound
    bounds = np.column_stack([np.zeros(n_cols), col_hi])
    res = linprog(cost, A_ub=a_ub, b_ub=b_ub, bounds=bounds, method="highs")
    if res.status == 2:
        return MitigationResult(
            mode, horizon, False, None, (), before.tts_weeks, None, False,
            "No amount of " + ("stock" if mode == "stock" else "capacity")
            + " at the candidate sites covers the disruption: some demand has no route "
            "through them. Widen the alliance or the item list, or add a second source.")
    if res.status != 0:
        raise InvalidInput(f"The mitigation programme did not solve: {res.message}")
    z = res.x[lay.n_cols:]
    additions = tuple(
        Addition(site=sites[i].id, item=sites[i].makes, country=sites[i].country,
                 units=math.ceil(float(z[j]) * 1e6) / 1e6,
                 cost=round(float(z[j] * unit_cost[j]), 2))
        for j, i in enumerate(candidates) if z[j] > EPS
    )
    improved = _apply(network, additions, mode)
    after = Analyzer(improved).tts(scenario, per_product=False)
    return MitigationResult(
        mode, horizon, True, round(float(res.fun), 2), additions, before.tts_weeks,
        after.tts_weeks, after.unbounded,
        "Adds the cheapest " + ("stock" if mode == "stock" else "weekly capacity")
        + f" that meets all demand for {horizon:g} weeks.")


def _apply(network: Network, additions: tuple[Addition, ...], mode: str) -> Network:
    """The network with the additions in place (units were rounded up, never down)."""
    extra = {a.site: a.units for a in additions}
    sites = tuple(
        replace(s, stock=s.stock + extra[s.id]) if mode == "stock" and s.id in extra
        else replace(s, capacity_per_week=s.capacity_per_week + extra[s.id])
        if s.id in extra else s
        for s in network.sites
    )
    return replace(network, sites=sites)
