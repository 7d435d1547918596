"""Load a supply network from YAML, a folder of CSV files, or a mapping, and validate it.

The format is documented in ``docs/supply.md``. Validation is strict and complete: every
problem found is reported with its file, row and field, and nothing is returned unless the
whole network is sound (unknown references, duplicate ids, negative quantities, cycles in
the bill of materials, links that carry an item the receiver does not use, and products with
no route down to a raw material).
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sangam.errors import InvalidInput, NotFound, Problem, ValidationFailed
from sangam.supply.model import (
    ITEM_KINDS,
    BomLine,
    Item,
    Link,
    Network,
    Site,
    TtrDistribution,
)

SECTIONS = ("items", "bom", "sites", "links")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_DIST_KINDS = ("triangular", "uniform", "lognormal")


@dataclass
class _Record:
    """One row of input with where it came from, so problems can point at it."""

    data: Mapping[str, Any]
    file: str
    row: int | str


class _Checker:
    """Collects problems while turning raw records into typed values."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, rec: _Record, field: str | None, message: str) -> None:
        self.problems.append(Problem(message, file=rec.file, row=rec.row, field=field))

    def text(self, rec: _Record, field: str, required: bool = True) -> str:
        value = rec.data.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add(rec, field, "is required")
            return ""
        return str(value).strip()

    def number(
        self, rec: _Record, field: str, default: float | None = None, positive: bool = False
    ) -> float:
        value = rec.data.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            if default is None:
                self.add(rec, field, "is required (a number)")
                return 0.0
            return default
        try:
            number = float(str(value).replace(",", "")) if isinstance(value, str) else float(value)
        except (TypeError, ValueError):
            self.add(rec, field, f"must be a number, got {value!r}")
            return 0.0
        if not math.isfinite(number):
            self.add(rec, field, f"must be a finite number, got {value!r}")
            return 0.0
        if number < 0:
            self.add(rec, field, f"must not be negative, got {number:g}")
            return 0.0
        if positive and number == 0:
            self.add(rec, field, "must be greater than zero")
        return number


def load_network(path: str | Path) -> Network:
    """Load a network from a ``.yaml``/``.yml`` file or a folder holding the four CSV files."""
    path = Path(path)
    if not path.exists():
        raise NotFound(
            f"No network at {path}",
            "Give a YAML file or a folder with items.csv, bom.csv, sites.csv and links.csv.",
        )
    if path.is_dir():
        return _from_csv_dir(path)
    if path.suffix.lower() in (".yaml", ".yml", ".json"):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise InvalidInput(
                f"{path.name} is not valid YAML: {exc}", "Check indentation and quoting."
            ) from None
        if not isinstance(data, Mapping):
            raise InvalidInput(
                f"{path.name} must hold a mapping with items, bom, sites and links",
                "See docs/supply.md for the network format.",
            )
        return network_from_mapping(data, source=path.name)
    raise InvalidInput(
        f"Cannot read a network from {path.name}",
        "Use a .yaml file or a folder of CSV files (see docs/supply.md).",
    )


def _from_csv_dir(folder: Path) -> Network:
    records: dict[str, list[_Record]] = {}
    missing = [s for s in SECTIONS if not (folder / f"{s}.csv").exists()]
    if missing:
        raise ValidationFailed(
            [Problem(f"missing file {s}.csv", file=str(folder.name)) for s in missing],
            "A CSV network is a folder with items.csv, bom.csv, sites.csv and links.csv.",
        )
    for section in SECTIONS:
        file = folder / f"{section}.csv"
        with file.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            # Row numbers as a spreadsheet shows them: the header is row 1.
            records[section] = [
                _Record({k.strip(): v for k, v in row.items() if k}, file.name, n)
                for n, row in enumerate(reader, start=2)
                if any((v or "").strip() for v in row.values() if isinstance(v, str))
            ]
    meta_file = folder / "network.yaml"
    meta: Mapping[str, Any] = {}
    if meta_file.exists():
        loaded = yaml.safe_load(meta_file.read_text(encoding="utf-8"))
        meta = loaded if isinstance(loaded, Mapping) else {}
    return _build(records, meta, default_name=folder.name)


def network_from_mapping(data: Mapping[str, Any], source: str = "network") -> Network:
    """Build a network from the YAML/JSON structure (also what the API accepts inline)."""
    records: dict[str, list[_Record]] = {}
    problems: list[Problem] = []
    for section in SECTIONS:
        rows = data.get(section, [])
        if rows is None:
            rows = []
        if not isinstance(rows, list):
            problems.append(Problem("must be a list", file=source, field=section))
            continue
        records[section] = []
        for i, row in enumerate(rows, start=1):
            if not isinstance(row, Mapping):
                problems.append(Problem("must be a mapping", file=source, row=f"{section}[{i}]"))
                continue
            records[section].append(_Record(row, source, f"{section}[{i}]"))
    if problems:
        raise ValidationFailed(problems)
    return _build(records, data, default_name=source)


def _dist(check: _Checker, rec: _Record) -> TtrDistribution | None:
    raw = rec.data.get("ttr_dist")
    if raw is None or raw == "":
        kind = str(rec.data.get("ttr_dist_kind") or "").strip()
        if not kind:
            return None
        raw = {
            "kind": kind,
            **{k: rec.data.get(f"ttr_{k}") for k in ("low", "mode", "high", "sigma")},
        }
    if not isinstance(raw, Mapping):
        check.add(rec, "ttr_dist", "must be a mapping with kind and its parameters")
        return None
    kind = str(raw.get("kind", "")).strip()
    if kind not in _DIST_KINDS:
        check.add(rec, "ttr_dist", f"kind must be one of {', '.join(_DIST_KINDS)}, got {kind!r}")
        return None
    sub = _Record(raw, rec.file, rec.row)
    values = {k: check.number(sub, k, default=0.0) for k in ("low", "mode", "high", "sigma")}
    if kind == "triangular" and not values["low"] <= values["mode"] <= values["high"]:
        check.add(rec, "ttr_dist", "triangular needs low <= mode <= high")
    if kind == "uniform" and not values["low"] <= values["high"]:
        check.add(rec, "ttr_dist", "uniform needs low <= high")
    if kind == "lognormal" and (values["mode"] <= 0 or values["sigma"] <= 0):
        check.add(rec, "ttr_dist", "lognormal needs mode (the median) > 0 and sigma > 0")
    return TtrDistribution(kind=kind, **values)


def _build(
    records: Mapping[str, list[_Record]], meta: Mapping[str, Any], default_name: str
) -> Network:
    check = _Checker()
    items: dict[str, Item] = {}
    item_rec: dict[str, _Record] = {}
    for rec in records.get("items", []):
        item_id = check.text(rec, "id")
        kind = check.text(rec, "kind")
        if kind and kind not in ITEM_KINDS:
            check.add(rec, "kind", f"must be one of {', '.join(ITEM_KINDS)}, got {kind!r}")
        demand = check.number(rec, "demand_per_week", default=0.0)
        value = check.number(rec, "value_per_unit", default=0.0)
        if kind == "product" and rec.data.get("demand_per_week") in (None, ""):
            check.add(rec, "demand_per_week", "is required for a product")
        customer = check.text(rec, "customer_country", required=False) or None
        if customer and not _COUNTRY.match(customer):
            check.add(rec, "customer_country", "must be an ISO 3166-1 alpha-2 code like US")
        item = Item(
            id=item_id,
            name=check.text(rec, "name", required=False) or item_id,
            kind=kind,
            unit=check.text(rec, "unit", required=False) or "unit",
            demand_per_week=demand,
            value_per_unit=value,
            unit_cost=check.number(rec, "unit_cost", default=1.0),
            mcs_code=check.text(rec, "mcs_code", required=False) or None,
            customer_country=customer,
        )
        if item_id in items:
            check.add(rec, "id", f"duplicate item id {item_id!r}")
        elif item_id:
            items[item_id] = item
            item_rec[item_id] = rec

    bom: list[BomLine] = []
    children: dict[str, dict[str, _Record]] = {}
    for rec in records.get("bom", []):
        parent, child = check.text(rec, "parent"), check.text(rec, "child")
        qty = check.number(rec, "quantity", positive=True)
        for field, ref in (("parent", parent), ("child", child)):
            if ref and ref not in items:
                check.add(rec, field, f"unknown item {ref!r}")
        if parent and parent == child:
            check.add(rec, "child", "an item cannot be its own input")
        if parent in children and child in children[parent]:
            check.add(rec, "child", f"{child!r} is listed twice as an input of {parent!r}")
        if parent in items and child in items:
            children.setdefault(parent, {})[child] = rec
            bom.append(BomLine(parent, child, qty))
            if items[parent].kind == "raw":
                check.add(rec, "parent", f"{parent!r} is a raw material and cannot have inputs")

    _check_bom_cycles(check, children)
    for item_id, item in items.items():
        if item.kind in ("part", "product") and item_id not in children:
            check.add(item_rec[item_id], "kind",
                      f"{item.kind} {item_id!r} has no bill of materials; make it raw or add "
                      "its inputs to bom")

    sites: list[Site] = []
    site_rec: dict[str, _Record] = {}
    for rec in records.get("sites", []):
        site_id = check.text(rec, "id")
        country = check.text(rec, "country").upper()
        if country and not _COUNTRY.match(country):
            check.add(rec, "country", f"must be an ISO alpha-2 code like US, got {country!r}")
        makes = check.text(rec, "makes")
        if makes and makes not in items:
            check.add(rec, "makes", f"unknown item {makes!r}")
        site = Site(
            id=site_id,
            name=check.text(rec, "name", required=False) or site_id,
            country=country,
            makes=makes,
            capacity_per_week=check.number(rec, "capacity_per_week", default=0.0),
            stock=check.number(rec, "stock", default=0.0),
            ttr_weeks=check.number(rec, "ttr_weeks", default=0.0),
            owner=check.text(rec, "owner", required=False),
            ttr_dist=_dist(check, rec),
        )
        if site_id in site_rec:
            check.add(rec, "id", f"duplicate site id {site_id!r}")
        elif site_id:
            sites.append(site)
            site_rec[site_id] = rec

    by_id = {s.id: s for s in sites}
    links: list[Link] = []
    seen: set[tuple[str, str]] = set()
    for rec in records.get("links", []):
        source, target = check.text(rec, "from"), check.text(rec, "to")
        bad = False
        for field, ref in (("from", source), ("to", target)):
            if ref and ref not in by_id:
                check.add(rec, field, f"unknown site {ref!r}")
                bad = True
        if bad or not source or not target:
            continue
        src_item, dst_item = by_id[source].makes, by_id[target].makes
        if src_item not in children.get(dst_item, {}):
            check.add(rec, "to", f"site {target!r} makes {dst_item!r}, which does not use "
                      f"{src_item!r} (made by {source!r}); add a bom row or fix the link")
            continue
        if (source, target) in seen:
            check.add(rec, "to", f"duplicate link {source!r} -> {target!r}")
            continue
        seen.add((source, target))
        links.append(Link(source, target))

    if not check.problems:
        _check_routes(check, items, children, sites, links, item_rec, site_rec)
    if check.problems:
        raise ValidationFailed(check.problems)
    metadata = {
        k: str(v) for k, v in meta.items() if k not in SECTIONS and isinstance(v, str | int | float)
    }
    return Network(
        name=str(meta.get("name") or default_name),
        items=items,
        bom=tuple(bom),
        sites=tuple(sites),
        links=tuple(links),
        description=str(meta.get("description") or ""),
        illustrative=bool(meta.get("illustrative", False)),
        metadata=metadata,
    )


def _check_bom_cycles(check: _Checker, children: Mapping[str, Mapping[str, _Record]]) -> None:
    """Depth-first search over the bill of materials; report one row of each cycle."""
    state: dict[str, int] = {}
    for start in children:
        if state.get(start):
            continue
        stack: list[tuple[str, Iterable[str]]] = [(start, iter(children.get(start, {})))]
        path = [start]
        state[start] = 1
        while stack:
            node, it = stack[-1]
            nxt = next(iter(it), None)
            if nxt is None:
                state[node] = 2
                stack.pop()
                path.pop()
                continue
            if state.get(nxt) == 1:
                cycle = [*path[path.index(nxt):], nxt]
                check.add(children[node][nxt], "child",
                          "cycle in the bill of materials: " + " -> ".join(cycle))
            elif not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                stack.append((nxt, iter(children.get(nxt, {}))))


def _check_routes(
    check: _Checker,
    items: Mapping[str, Item],
    children: Mapping[str, Mapping[str, _Record]],
    sites: list[Site],
    links: list[Link],
    item_rec: Mapping[str, _Record],
    site_rec: Mapping[str, _Record],
) -> None:
    """Every producing site needs a supplier of each input; every product a grounded route.

    A site is *grounded* when it makes a raw material, holds stock of its item, or has, for
    each input, at least one grounded supplier. The bill of materials is acyclic by now, so
    processing items from raw upwards settles every site in one pass.
    """
    feeders: dict[str, dict[str, list[str]]] = {s.id: {} for s in sites}
    makes = {s.id: s.makes for s in sites}
    for link in links:
        feeders[link.target].setdefault(makes[link.source], []).append(link.source)
    for site in sites:
        if items[site.makes].kind == "raw" or site.capacity_per_week == 0:
            continue
        for child in children.get(site.makes, {}):
            if child not in feeders[site.id]:
                check.add(site_rec[site.id], "makes",
                          f"site {site.id!r} makes {site.makes!r}, which needs {child!r}, but no "
                          f"site supplies {child!r} to it; add a link")
    order = _topological_items(items, children)
    grounded: dict[str, bool] = {}
    by_item: dict[str, list[Site]] = {}
    for site in sites:
        by_item.setdefault(site.makes, []).append(site)
    for item_id in order:
        for site in by_item.get(item_id, []):
            if items[item_id].kind == "raw" or site.stock > 0:
                grounded[site.id] = True
                continue
            grounded[site.id] = site.capacity_per_week > 0 and all(
                any(grounded.get(src, False) for src in feeders[site.id].get(child, []))
                for child in children.get(item_id, {})
            )
    for item in items.values():
        if item.kind != "product":
            continue
        makers = by_item.get(item.id, [])
        if not makers:
            check.add(item_rec[item.id], "id",
                      f"product {item.id!r} has no route to any raw material: no site makes it")
        elif not any(grounded.get(s.id) for s in makers):
            check.add(item_rec[item.id], "id",
                      f"product {item.id!r} has no route to any raw material: every chain "
                      "below it ends at a site without suppliers or stock")


def _topological_items(
    items: Mapping[str, Item], children: Mapping[str, Mapping[str, _Record]]
) -> list[str]:
    """Items ordered inputs-first (the bill of materials is known to be acyclic)."""
    order: list[str] = []
    done: set[str] = set()
    for start in items:
        if start in done:
            continue
        stack: list[tuple[str, bool]] = [(start, False)]
        while stack:
            node, expanded = stack.pop()
            if expanded:
                if node not in done:
                    done.add(node)
                    order.append(node)
                continue
            if node in done:
                continue
            stack.append((node, True))
            stack.extend((child, False) for child in children.get(node, {}) if child not in done)
    return order
