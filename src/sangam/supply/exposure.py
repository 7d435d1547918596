"""Concentration and exposure propagated up the tiers.

For each product, the share of its weekly output that depends, at any tier, on one site,
one country, or the countries outside an alliance: the fraction of the sustainable output
(at most its demand) lost when those sites are removed, computed with the steady-state
time-to-recover programme (one week, no stock). Because it is a flow programme, alternative
suppliers add up and a site needing two inputs is limited by the scarcer, at every tier.
Also per item: the Herfindahl-Hirschman index of capacity by country, and whether the item
is single-sourced (one site or one country).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from sangam.supply.minerals import Alliance
from sangam.supply.model import Network
from sangam.supply.resilience import Analyzer
from sangam.supply.scenario import Disruption, Scenario, effects


@dataclass(frozen=True)
class ProductExposure:
    product: str
    worst_site: str | None
    worst_site_share: float
    by_country: dict[str, float]
    non_allied_share: float
    single_site_items: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


@dataclass(frozen=True)
class ExposureReport:
    alliance: str
    members: list[str]
    products: list[ProductExposure]
    items: list[dict[str, Any]]

    def as_dict(self) -> dict[str, Any]:
        return {"alliance": self.alliance, "members": self.members,
                "products": [p.as_dict() for p in self.products], "items": self.items}


def _fail_all(sites: list[str]) -> Scenario:
    return Scenario("removed", tuple(Disruption("site_failure", site=s) for s in sites), 1.0)


def exposure(network: Network, alliance: Alliance) -> ExposureReport:
    analyzer = Analyzer(network)
    model = analyzer.ttr_model
    lay = analyzer.layout
    n_products = len(network.products)

    def output(scenario: Scenario) -> np.ndarray:
        """Best weekly output of each product served alone, without stock, capped at demand."""
        eff = effects(network, scenario)
        eff = type(eff)(eff.capacity, np.zeros_like(eff.stock), eff.link_open,
                        eff.delivery_open)
        out = np.zeros(n_products)
        for k in range(n_products):
            weights = np.zeros(n_products)
            weights[k] = 1.0
            sol = model.solve(eff, 1.0, weights=weights)
            out[k] = sol.objective
        return out

    base = output(Scenario("intact", ()))

    def lost_share(after: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(base > 1e-12, 1.0 - after / base, 0.0)
        return np.clip(np.round(share, 6), 0.0, 1.0)

    site_shares = {s.id: lost_share(output(_fail_all([s.id]))) for s in network.sites}
    country_shares = {
        c: lost_share(output(_fail_all([s.id for s in network.sites if s.country == c])))
        for c in network.countries
    }
    outsiders = [s.id for s in network.sites if s.country not in alliance.members]
    non_allied = lost_share(output(_fail_all(outsiders))) if outsiders else np.zeros(n_products)

    makers: dict[str, list[str]] = {}
    capacity_by_country: dict[str, dict[str, float]] = {}
    for s in network.sites:
        makers.setdefault(s.makes, []).append(s.id)
        per = capacity_by_country.setdefault(s.makes, {})
        per[s.country] = per.get(s.country, 0.0) + s.capacity_per_week
    items: list[dict[str, Any]] = []
    for item_id, per in capacity_by_country.items():
        total = sum(per.values())
        shares = {c: round(100 * v / total, 2) for c, v in per.items()} if total else {}
        items.append({
            "item": item_id, "tier": network.tiers.get(item_id, 0), "sites": len(makers[item_id]),
            "countries": shares, "hhi": round(sum(v * v for v in shares.values()), 1),
            "single_site": len(makers[item_id]) == 1, "single_country": len(per) == 1,
            "non_allied_capacity_pct": round(sum(v for c, v in shares.items()
                                                 if c not in alliance.members), 2),
        })
    items.sort(key=lambda r: (-float(r["hhi"]), str(r["item"])))
    single = {r["item"] for r in items if r["single_site"]}
    products = []
    for k, p in enumerate(network.products):
        worst = max(site_shares.items(), key=lambda kv: kv[1][k], default=(None, np.zeros(1)))
        products.append(ProductExposure(
            product=p.id,
            worst_site=worst[0] if worst[0] is not None and worst[1][k] > 0 else None,
            worst_site_share=float(worst[1][k]) if worst[0] is not None else 0.0,
            by_country={c: float(v[k]) for c, v in country_shares.items() if v[k] > 0},
            non_allied_share=float(non_allied[k]),
            single_site_items=sorted(i for i in _upstream(network, p.id) if i in single),
        ))
    del lay
    return ExposureReport(alliance.key, sorted(alliance.members), products, items)


def _upstream(network: Network, item_id: str) -> set[str]:
    seen: set[str] = set()
    stack = [item_id]
    while stack:
        cur = stack.pop()
        for line in network.inputs.get(cur, ()):
            if line.child not in seen:
                seen.add(line.child)
                stack.append(line.child)
    return seen
