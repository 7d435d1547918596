"""Synthetic layered supply networks of any size, for benchmarks and property tests.

Two structures (``structure=``), both deterministic for a given seed:

``"programmes"`` — organised the way defence supply networks are: by programme. Each
programme (about ``programme_sites`` sites, 1,000 by default) has its own tiers of parts and
its own finished products; every producing site is linked to two or three suppliers of each
input. What programmes share is the bottom of the network: a raw-material tier
(``raw_share`` of all sites) and a tier of common parts made from raw materials
(``common_share`` of the sites; think chips, magnets, battery cells), which a programme's
parts above the first tier take as an input with probability ``common_input_prob``. A
programme buys a shared item from an approved-supplier list of four to eight of that item's
sites (its suppliers pick two or three from the list), and the lists of the programmes using
an item together cover all of its sites, so every programme is tied to the others through
the shared sites and the network is one connected programme (tests check this).

``"random"`` — the original wiring: every non-raw item takes one to three inputs from
anywhere in the tier below and suppliers are drawn from all sites of the input item, so the
item graph is a random expander across the whole network. It is kept because it is the
hardest case for sparse factorisation and the benchmark reports it beside the programme
structure.

In both, capacities are first set from the demand the products put on each item, times a
slack factor; then :func:`_size_for_demand` resizes every site to the slack factor times
the share of that demand which reaches it through the actual links. Without
that second step the random shares and supplier choices left some site short in every
generated network, so the *undisrupted* network ran out of stock after a few weeks (6.5 at
10,000 sites) and every disruption reported that same time-to-survive. A real network is
sized to meet its demand; disruptions are what make it run out.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from sangam.errors import InvalidInput
from sangam.supply.layout import bom_depth
from sangam.supply.loader import network_from_mapping
from sangam.supply.model import Network

COUNTRIES = ("CN", "US", "JP", "IN", "AU", "KR", "DE", "TW", "VN", "BR")
COUNTRY_WEIGHTS = (0.30, 0.15, 0.12, 0.10, 0.06, 0.07, 0.06, 0.06, 0.04, 0.04)
STRUCTURES = ("random", "programmes")


def generate_mapping(n_sites: int, seed: int = 0, tiers: int = 4, slack: float = 1.3,
                     sites_per_item: int = 25, structure: str = "random",
                     **programme_options: Any) -> dict[str, Any]:
    """The YAML-shaped mapping of a generated network (load it with network_from_mapping).

    ``programme_options`` go to the programme structure: ``programme_sites`` (1000),
    ``raw_share`` (0.10), ``common_share`` (0.05), ``common_input_prob`` (0.15).
    """
    if structure == "random":
        if programme_options:
            raise InvalidInput(f"options {sorted(programme_options)} need "
                               "structure='programmes'",
                               hint="drop them or choose the programme structure")
        return _size_for_demand(_random_mapping(n_sites, seed, tiers, slack, sites_per_item),
                                slack)
    if structure == "programmes":
        return _size_for_demand(_programme_mapping(n_sites, seed, tiers, slack, sites_per_item,
                                                   **programme_options), slack)
    raise InvalidInput(f"unknown network structure {structure!r}",
                       hint=f"use one of {', '.join(STRUCTURES)}")


def generate(n_sites: int, seed: int = 0, **kw: Any) -> Network:
    """A validated generated network of about ``n_sites`` sites."""
    return network_from_mapping(generate_mapping(n_sites, seed, **kw), source="generated")


def _item(rng: np.random.Generator, name: str, kind: str, tier: int) -> dict[str, Any]:
    item: dict[str, Any] = {"id": name, "kind": kind,
                            "unit_cost": float(rng.uniform(1, 10) * (tier + 1))}
    if kind == "product":
        item["demand_per_week"] = float(rng.uniform(1, 10))
        item["value_per_unit"] = float(rng.uniform(100, 1000))
    return item


def _sites(rng: np.random.Generator, owners: list[str], need: dict[str, float],
           slack: float) -> list[dict[str, Any]]:
    """One site per entry of ``owners`` (the item it makes), sized from the item's need."""
    countries = rng.choice(COUNTRIES, size=len(owners), p=COUNTRY_WEIGHTS)
    count: dict[str, int] = {}
    for item_id in owners:
        count[item_id] = count.get(item_id, 0) + 1
    sites: list[dict[str, Any]] = []
    for idx, item_id in enumerate(owners):
        share = rng.uniform(0.5, 1.5) / count[item_id]
        sites.append({
            "id": f"s{idx}", "country": str(countries[idx]), "makes": item_id,
            "capacity_per_week": float(max(need[item_id], 1.0) * slack * share),
            "stock": float(need[item_id] * share * rng.uniform(0, 4)),
            "ttr_weeks": float(rng.integers(2, 40)),
        })
    return sites


def _need(items: list[dict[str, Any]], order: list[str],
          children: dict[str, list[tuple[str, float]]]) -> dict[str, float]:
    """Weekly requirement per item, pushed down from the products (``order``: top first)."""
    need: dict[str, float] = {i["id"]: i.get("demand_per_week", 0.0) for i in items}
    for parent in order:
        for child, qty in children.get(parent, []):
            need[child] += need[parent] * qty
    return need


def _size_for_demand(mapping: dict[str, Any], slack: float) -> dict[str, Any]:
    """Set each site's capacity to ``slack`` times the load it carries when every order
    (product demand, then each site's inputs) is split among the suppliers in proportion to
    their first capacity, walking the bill of materials from the top down: every site then
    runs at 1 / slack of its capacity in normal operation."""
    items = {i["id"]: i for i in mapping["items"]}
    children: dict[str, list[tuple[str, float]]] = {}
    for line in mapping["bom"]:
        children.setdefault(line["parent"], []).append((line["child"], line["quantity"]))
    item_code = {item_id: k for k, item_id in enumerate(items)}
    depth = bom_depth(item_code, ((line["parent"], line["child"]) for line in mapping["bom"]))
    sites = mapping["sites"]
    index = {site["id"]: k for k, site in enumerate(sites)}
    capacity = [float(site["capacity_per_week"]) for site in sites]
    suppliers: dict[tuple[int, str], list[int]] = {}
    for link in mapping["links"]:
        src, dst = index[link["from"]], index[link["to"]]
        suppliers.setdefault((dst, sites[src]["makes"]), []).append(src)
    load = [0.0] * len(sites)
    makers: dict[str, list[int]] = {}
    for k, site in enumerate(sites):
        makers.setdefault(site["makes"], []).append(k)
    for item_id, item in items.items():
        demand = float(item.get("demand_per_week", 0.0))
        pool = makers.get(item_id, [])
        total = sum(capacity[k] for k in pool)
        for k in pool:
            load[k] += demand * capacity[k] / total if total > 0 else 0.0
    for k in sorted(range(len(sites)), key=lambda k: depth[item_code[sites[k]["makes"]]]):
        for child, qty in children.get(sites[k]["makes"], []):
            pool = suppliers.get((k, child), [])
            total = sum(capacity[j] for j in pool)
            for j in pool:
                load[j] += load[k] * qty * capacity[j] / total
    for k, site in enumerate(sites):
        if load[k] > 0:
            site["capacity_per_week"] = slack * load[k]
    return mapping


def _random_mapping(n_sites: int, seed: int, tiers: int, slack: float,
                    sites_per_item: int) -> dict[str, Any]:
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
        items.extend(_item(rng, name, kind, t) for name in names)
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
    need = _need(items, [p for t in range(tiers - 1, 0, -1) for p in tier_items[t]], children)
    all_items = [name for names in tier_items for name in names]
    # Every item gets at least one site; the rest are spread at random.
    owners = list(all_items) + [
        str(x) for x in rng.choice(all_items, size=max(0, n_sites - len(all_items)))]
    by_item: dict[str, list[int]] = {}
    for idx, item_id in enumerate(owners):
        by_item.setdefault(item_id, []).append(idx)
    sites = _sites(rng, owners, need, slack)
    links: list[dict[str, str]] = []
    for idx, item_id in enumerate(owners):
        for child, _qty in children.get(item_id, []):
            pool = by_item[child]
            k = min(len(pool), int(rng.integers(2, 4)))
            for src in rng.choice(pool, size=k, replace=False):
                links.append({"from": f"s{src}", "to": f"s{idx}"})
    return {"name": f"generated-{n_sites}-{seed}", "illustrative": True,
            "items": items, "bom": bom, "sites": sites, "links": links}


def _spread(rng: np.random.Generator, names: list[str], n: int) -> list[str]:
    """``n`` site owners over ``names``: each item one site, the rest at random."""
    extra = [str(x) for x in rng.choice(names, size=max(0, n - len(names)))] if names else []
    return list(names) + extra


def _programme_mapping(n_sites: int, seed: int, tiers: int, slack: float, sites_per_item: int,
                       programme_sites: int = 1000, raw_share: float = 0.10,
                       common_share: float = 0.05, common_input_prob: float = 0.15
                       ) -> dict[str, Any]:
    """Programmes with their own part tiers over shared raw materials and common parts."""
    if tiers < 3:
        raise InvalidInput("the programme structure needs at least 3 tiers",
                           hint="raw materials, at least one part tier, products")
    rng = np.random.default_rng(seed)
    n_prog = max(1, round(n_sites / programme_sites))
    n_raw_sites = max(1, round(n_sites * raw_share))
    n_common_sites = max(1, round(n_sites * common_share))
    prog_sites = np.full(n_prog, (n_sites - n_raw_sites - n_common_sites) // n_prog)
    prog_sites[: (n_sites - n_raw_sites - n_common_sites) % n_prog] += 1
    raw_items = [f"raw-{k}" for k in range(max(1, n_raw_sites // sites_per_item))]
    common_items = [f"common-{k}" for k in range(max(1, n_common_sites // sites_per_item))]
    items = [_item(rng, name, "raw", 0) for name in raw_items]
    items += [_item(rng, name, "part", 1) for name in common_items]
    # Programme tiers 1 .. tiers-1 (the last holds products), wider towards the bottom.
    weights = np.arange(tiers - 1, 0, -1, dtype=float)
    prog_tiers: list[list[list[str]]] = []  # programme -> tier (1-based minus 1) -> items
    for p in range(n_prog):
        n_items = max(tiers - 1, int(prog_sites[p]) // sites_per_item)
        counts = np.maximum(1, np.floor(n_items * weights / weights.sum()).astype(int))
        tiers_p: list[list[str]] = []
        for t in range(1, tiers):
            kind = "product" if t == tiers - 1 else "part"
            names = [f"p{p}-t{t}-{k}" for k in range(int(counts[t - 1]))]
            items.extend(_item(rng, name, kind, t) for name in names)
            tiers_p.append(names)
        prog_tiers.append(tiers_p)

    bom: list[dict[str, Any]] = []
    children: dict[str, list[tuple[str, float]]] = {}

    def add_bom(parent: str, child: str) -> None:
        qty = float(rng.uniform(0.5, 3.0))
        bom.append({"parent": parent, "child": child, "quantity": qty})
        children.setdefault(parent, []).append((child, qty))

    def wire(parents: list[str], below: list[str], common_prob: float, cover: bool) -> None:
        """One to three inputs per parent from ``below`` (some swapped for common parts).
        With ``cover``, inputs are dealt from a shuffled ring of ``below`` so that most items
        are used, and any left unused goes to the parent with the fewest inputs."""
        ring = [str(c) for c in rng.permutation(below)]
        pos = 0
        for parent in parents:
            count = int(rng.integers(1, min(3, len(below)) + 1))
            if cover:
                picked = [ring[(pos + j) % len(ring)] for j in range(count)]
                pos += count
            else:
                picked = [str(c) for c in rng.choice(below, size=count, replace=False)]
            for child in picked:
                if common_prob > 0 and rng.random() < common_prob:
                    child = str(rng.choice(common_items))
                if all(c != child for c, _ in children.get(parent, [])):
                    add_bom(parent, child)
        if cover:
            used = {c for parent in parents for c, _ in children.get(parent, [])}
            for child in ring:
                if child not in used:
                    add_bom(min(parents, key=lambda p: len(children.get(p, []))), child)

    wire(common_items, raw_items, 0.0, cover=True)
    for tiers_p in prog_tiers:
        wire(tiers_p[0], raw_items, 0.0, cover=False)
        for t in range(1, tiers - 1):
            wire(tiers_p[t], tiers_p[t - 1], common_input_prob, cover=True)
    # Common parts no programme took: an extra input of a random programme part or product.
    taken = {c for p in children.values() for c, _ in p}
    upper = [name for tiers_p in prog_tiers for names in tiers_p[1:] for name in names]
    for common in common_items:
        if common not in taken:
            add_bom(min(upper, key=lambda p: len(children.get(p, []))), common)

    order = [name for t in range(tiers - 2, -1, -1) for tiers_p in prog_tiers
             for name in tiers_p[t]] + common_items
    need = _need(items, order, children)
    # Sites: shared raw, shared common, then each programme's block.
    owners = _spread(rng, raw_items, n_raw_sites) + _spread(rng, common_items, n_common_sites)
    group = [-1] * len(owners)
    for p, tiers_p in enumerate(prog_tiers):
        block = _spread(rng, [name for names in tiers_p for name in names], int(prog_sites[p]))
        owners += block
        group += [p] * len(block)
    by_item: dict[str, list[int]] = {}
    for idx, item_id in enumerate(owners):
        by_item.setdefault(item_id, []).append(idx)
    sites = _sites(rng, owners, need, slack)

    # Approved-supplier lists: per (programme, shared item), windows over a shuffled list of
    # the item's sites, so that the lists of all programmes using it cover every site.
    shared_items = set(raw_items) | set(common_items)
    users: dict[str, list[int]] = {}
    for p, tiers_p in enumerate(prog_tiers):
        for names in tiers_p:
            for name in names:
                for child, _ in children.get(name, []):
                    if child in shared_items and p not in users.setdefault(child, []):
                        users[child].append(p)
    pools: dict[tuple[int, str], list[int]] = {}
    for shared, progs in users.items():
        ring = [int(x) for x in rng.permutation(by_item[shared])]
        sizes = [min(len(ring), int(rng.integers(4, 9))) for _ in progs]
        start = 0
        for p, size in zip(progs, sizes, strict=True):
            pools[(p, shared)] = [ring[(start + j) % len(ring)] for j in range(size)]
            start += size
        for j in range(start, len(ring)):  # sites no window reached join a random list
            pools[(progs[int(rng.integers(len(progs)))], shared)].append(ring[j])

    pairs: set[tuple[int, int]] = set()
    links: list[dict[str, str]] = []
    consumers: dict[tuple[int, str], list[int]] = {}
    candidates_of: dict[int, tuple[int, str]] = {}  # supplier site -> a (group, item) key

    def link(src: int, dst: int) -> None:
        if (src, dst) not in pairs:
            pairs.add((src, dst))
            links.append({"from": f"s{src}", "to": f"s{dst}"})

    for idx, item_id in enumerate(owners):
        for child, _qty in children.get(item_id, []):
            key = (group[idx], child)
            pool = pools.get(key, by_item[child])
            consumers.setdefault(key, []).append(idx)
            for src in pool:
                candidates_of.setdefault(src, key)
            k = min(len(pool), int(rng.integers(2, 4)))
            for src in rng.choice(pool, size=k, replace=False):
                link(int(src), idx)
    # A supplier site nobody picked ships to a random consumer of the list it is on.
    supplying = {src for src, _ in pairs}
    for idx in range(len(owners)):
        if idx not in supplying and idx in candidates_of:
            buyers = consumers[candidates_of[idx]]
            link(idx, buyers[int(rng.integers(len(buyers)))])
    return {"name": f"generated-programmes-{n_sites}-{seed}", "illustrative": True,
            "description": f"{n_prog} programmes over shared raw materials and common parts",
            "items": items, "bom": bom, "sites": sites, "links": links}
