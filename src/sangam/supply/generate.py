"""Synthetic layered supply networks of any size, for benchmarks and property tests.

Tiers run from raw materials to products; every non-raw item takes one to three inputs
from the tier below, and every producing site is linked to two or three suppliers of each
input. Capacities are set from the demand the products put on each item, times a slack
factor, so an undisrupted network roughly meets its demand and a failure binds somewhere.
Deterministic for a given seed.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from sangam.supply.loader import network_from_mapping
from sangam.supply.model import Network

COUNTRIES = ("CN", "US", "JP", "IN", "AU", "KR", "DE", "TW", "VN", "BR")
COUNTRY_WEIGHTS = (0.30, 0.15, 0.12, 0.10, 0.06, 0.07, 0.06, 0.06, 0.04, 0.04)


def generate_mapping(n_sites: int, seed: int = 0, tiers: int = 4, slack: float = 1.3,
                     sites_per_item: int = 25) -> dict[str, Any]:
    """The YAML-shaped mapping of a generated network (load it with network_from_mapping)."""
    rng = np.random.default_rng(seed)
    n_items = max(tiers, n_sites // sites_per_item)
    per_tier = np.full(tiers, n_items // tiers)
    per_tier[: n_items % tiers] += 1
    tier_items: list[list[str]] = []
    items: list[dict[str, Any]] = []
    for t in range(tiers):
        kind = "raw" if t == 0 else ("product" if t == tiers - 1 else "part")
        names = [f"i{t}-{k}" for k in range(per_tier[t])]
        tier_items.append(names)
        for name in names:
            item: dict[str, Any] = {"id": name, "kind": kind,
                                    "unit_cost": float(rng.uniform(1, 10) * (t + 1))}
            if kind == "product":
                item["demand_per_week"] = float(rng.uniform(1, 10))
                item["value_per_unit"] = float(rng.uniform(100, 1000))
            items.append(item)
    bom: list[dict[str, Any]] = []
    children: dict[str, list[tuple[str, float]]] = {}
    for t in range(1, tiers):
        below = tier_items[t - 1]
        for parent in tier_items[t]:
            count = int(rng.integers(1, min(3, len(below)) + 1))
            for child in rng.choice(below, size=count, replace=False):
                qty = float(rng.uniform(0.5, 3.0))
                bom.append({"parent": parent, "child": str(child), "quantity": qty})
                children.setdefault(parent, []).append((str(child), qty))
    # Weekly requirement per item, top-down.
    need: dict[str, float] = {i["id"]: i.get("demand_per_week", 0.0) for i in items}
    for t in range(tiers - 1, 0, -1):
        for parent in tier_items[t]:
            for child, qty in children.get(parent, []):
                need[child] += need[parent] * qty
    all_items = [name for names in tier_items for name in names]
    # Every item gets at least one site; the rest are spread at random.
    owners = list(all_items) + list(rng.choice(all_items, size=max(0, n_sites - len(all_items))))
    countries = rng.choice(COUNTRIES, size=len(owners), p=COUNTRY_WEIGHTS)
    by_item: dict[str, list[int]] = {}
    for idx, item_id in enumerate(owners):
        by_item.setdefault(item_id, []).append(idx)
    sites: list[dict[str, Any]] = []
    for idx, item_id in enumerate(owners):
        share = rng.uniform(0.5, 1.5) / len(by_item[item_id])
        sites.append({
            "id": f"s{idx}", "country": str(countries[idx]), "makes": item_id,
            "capacity_per_week": float(max(need[item_id], 1.0) * slack * share),
            "stock": float(need[item_id] * share * rng.uniform(0, 4)),
            "ttr_weeks": float(rng.integers(2, 40)),
        })
    links: list[dict[str, str]] = []
    for idx, item_id in enumerate(owners):
        for child, _qty in children.get(item_id, []):
            pool = by_item[child]
            k = min(len(pool), int(rng.integers(2, 4)))
            for src in rng.choice(pool, size=k, replace=False):
                links.append({"from": f"s{src}", "to": f"s{idx}"})
    return {"name": f"generated-{n_sites}-{seed}", "illustrative": True,
            "items": items, "bom": bom, "sites": sites, "links": links}


def generate(n_sites: int, seed: int = 0, **kw: Any) -> Network:
    """A validated generated network of about ``n_sites`` sites."""
    return network_from_mapping(generate_mapping(n_sites, seed, **kw), source="generated")
