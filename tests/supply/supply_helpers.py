"""Small networks written inline so each test shows the numbers it checks by hand."""

from __future__ import annotations

from typing import Any

from sangam.supply import Network, network_from_mapping


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
