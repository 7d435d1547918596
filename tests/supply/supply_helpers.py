"""Small networks written inline so each test shows the numbers it checks by hand."""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linprog

from sangam.supply import Network, network_from_mapping
from sangam.supply.layout import build_layout
from sangam.supply.scenario import Disruption, Effects, Scenario, embargo, site_failure


def build(items: list[dict[str, Any]], bom: list[dict[str, Any]], sites: list[dict[str, Any]],
          links: list[tuple[str, str]]) -> Network:
    return network_from_mapping({
        "name": "test", "items": items, "bom": bom, "sites": sites,
        "links": [{"from": a, "to": b} for a, b in links],
    }, source="test.yaml")


def raw(item_id: str, **kw: Any) -> dict[str, Any]:
    return {"id": item_id, "kind": "raw", **kw}


def part(item_id: str, **kw: Any) -> dict[str, Any]:
    return {"id": item_id, "kind": "part", **kw}


def product(item_id: str, demand: float, value: float) -> dict[str, Any]:
    return {"id": item_id, "kind": "product", "demand_per_week": demand, "value_per_unit": value}


def site(site_id: str, country: str, makes: str, cap: float, stock: float = 0.0,
         ttr: float = 10.0) -> dict[str, Any]:
    return {"id": site_id, "country": country, "makes": makes, "capacity_per_week": cap,
            "stock": stock, "ttr_weeks": ttr}


def reference_tts(network: Network, eff: Effects, only_product: int | None = None
                  ) -> float | None:
    """The unreduced per-week programme: minimise tau; None means unbounded, 0.0 infeasible."""
    lay = build_layout(network)
    demand = lay.demand.copy()
    if only_product is not None:
        demand[:] = 0.0
        demand[only_product] = lay.demand[only_product]
    a = lay.matrix.tocsr()
    tau = np.zeros((lay.n_rows, 1))
    tau[lay.balance0:lay.demand0, 0] = -eff.stock
    full = sp.hstack([a, sp.csr_matrix(tau)]).tocsr()
    # inputs >= 0, balance <= 0, demand >= D, all as <=.
    a_ub = sp.vstack([-full[:lay.n_input_rows], full[lay.balance0:lay.demand0],
                      -full[lay.demand0:]])
    b_ub = np.concatenate([np.zeros(lay.n_input_rows), np.zeros(lay.n_sites), -demand])
    hi = np.concatenate([lay.capacity * eff.capacity,
                         np.where(eff.link_open, np.inf, 0.0),
                         np.where(eff.delivery_open[lay.prod_site], np.inf, 0.0), [np.inf]])
    cost = np.zeros(lay.n_cols + 1)
    cost[-1] = 1.0
    res = linprog(cost, A_ub=a_ub, b_ub=b_ub, bounds=np.column_stack([np.zeros(len(hi)), hi]),
                  method="highs")
    if res.status == 2:
        return 0.0
    assert res.status == 0, res.message
    t = float(res.x[-1])
    return None if t <= 1e-10 else 1.0 / t


def scenarios(network: Network, rng: np.random.Generator) -> list[Scenario]:
    """No disruption, two site failures, a partial loss, and a country embargo."""
    ids = [s.id for s in network.sites]
    picks = rng.choice(len(ids), size=3, replace=False)
    country = network.sites[int(picks[0])].country
    return [
        Scenario("none", ()),
        site_failure(ids[int(picks[0])]),
        site_failure(ids[int(picks[1])]),
        Scenario("loss", (Disruption("capacity_loss", site=ids[int(picks[2])], fraction=0.7),)),
        embargo(country),
    ]


def same(got: float | None, want: float | None, rel: float = 1e-6) -> bool:
    if got is None or want is None:
        return got is None and want is None
    return abs(got - want) <= rel * max(1.0, abs(want))
