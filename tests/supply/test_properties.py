"""Properties that must hold on any network: more supply never hurts.

Both follow from the programmes' structure (a new site or more stock only enlarges the
feasible set: the optimiser may leave it unused), so a counter-example is a modelling bug,
for instance a new site wired in a way that forces flow, or stock that is double-counted.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sangam.supply import Analyzer, Scenario, embargo, network_from_mapping, site_failure
from sangam.supply.model import Network

COUNTRIES = ("CN", "US", "JP", "IN", "RU")
ALLIED = ("US", "JP", "IN")


@st.composite
def networks(draw: st.DrawFn) -> dict[str, Any]:
    """A small three-tier network: raw materials -> parts -> products, one or two sites per
    item, every producing site linked to at least one maker of each of its inputs."""
    raws = [f"r{i}" for i in range(draw(st.integers(1, 2)))]
    parts = [f"p{i}" for i in range(draw(st.integers(1, 2)))]
    prods = [f"x{i}" for i in range(draw(st.integers(1, 2)))]
    items: list[dict[str, Any]] = [{"id": r, "kind": "raw"} for r in raws]
    items += [{"id": p, "kind": "part"} for p in parts]
    items += [{"id": x, "kind": "product", "demand_per_week": draw(st.integers(1, 5)),
               "value_per_unit": draw(st.integers(1, 100))} for x in prods]
    bom: list[dict[str, Any]] = []
    for parent, below in [(p, raws) for p in parts] + [(x, parts) for x in prods]:
        for child in draw(st.lists(st.sampled_from(below), min_size=1, max_size=2, unique=True)):
            bom.append({"parent": parent, "child": child, "quantity": draw(st.integers(1, 3))})
    sites: list[dict[str, Any]] = []
    makers: dict[str, list[str]] = {}
    for item in items:
        for k in range(draw(st.integers(1, 2))):
            sid = f"{item['id']}-{k}"
            raw = item["kind"] == "raw"
            sites.append({"id": sid, "country": draw(st.sampled_from(COUNTRIES)),
                          "makes": item["id"],
                          "capacity_per_week": draw(st.integers(0 if raw else 1, 10)),
                          "stock": draw(st.integers(0, 20)), "ttr_weeks": draw(st.integers(1, 30))})
            makers.setdefault(item["id"], []).append(sid)
    links: list[dict[str, str]] = []
    for line in bom:
        for target in makers[line["parent"]]:
            chosen = draw(st.lists(st.sampled_from(makers[line["child"]]), min_size=1,
                                   unique=True))
            links += [{"from": source, "to": target} for source in chosen]
    return {"name": "prop", "items": items, "bom": bom, "sites": sites, "links": links}


def _scenario(draw: st.DrawFn, net: Network) -> Scenario:
    weeks = float(draw(st.integers(1, 30)))
    if draw(st.booleans()):
        return embargo("CN", (), weeks)
    return site_failure(draw(st.sampled_from([s.id for s in net.sites])), weeks)


def _tts(net: Network, scenario: Scenario) -> float:
    result = Analyzer(net).tts(scenario, per_product=False)
    return float("inf") if result.tts_weeks is None else result.tts_weeks


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), mapping=networks())
def test_allied_second_source_never_lowers_tts(data: st.DataObject,
                                               mapping: dict[str, Any]) -> None:
    """Copy a site into an allied country (same item, same suppliers, same customers, any
    capacity and stock): the disrupted network survives at least as long as before."""
    net = network_from_mapping(mapping, source="prop.yaml")
    scenario = _scenario(data.draw, net)
    before = _tts(net, scenario)
    twin = data.draw(st.sampled_from(net.sites))
    new_id = "second-source"
    extended = dict(mapping)
    extended["sites"] = [*mapping["sites"], {
        "id": new_id, "country": data.draw(st.sampled_from(ALLIED)), "makes": twin.makes,
        "capacity_per_week": data.draw(st.integers(1, 10)),
        "stock": data.draw(st.integers(0, 20)), "ttr_weeks": 5}]
    extended["links"] = [*mapping["links"]]
    for link in mapping["links"]:
        if link["to"] == twin.id:
            extended["links"].append({"from": link["from"], "to": new_id})
        if link["from"] == twin.id:
            extended["links"].append({"from": new_id, "to": link["to"]})
    after = _tts(network_from_mapping(extended, source="prop.yaml"), scenario)
    assert after >= before - 1e-6


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), mapping=networks())
def test_more_stock_never_raises_lost_value(data: st.DataObject,
                                            mapping: dict[str, Any]) -> None:
    """Add stock at any one site: the least value lost over the disruption cannot grow."""
    net = network_from_mapping(mapping, source="prop.yaml")
    scenario = _scenario(data.draw, net)
    before = Analyzer(net).ttr(scenario).lost_value
    index = data.draw(st.integers(0, len(net.sites) - 1))
    extra = data.draw(st.integers(1, 50))
    sites = list(net.sites)
    sites[index] = replace(sites[index], stock=sites[index].stock + extra)
    after = Analyzer(replace(net, sites=tuple(sites))).ttr(scenario).lost_value
    assert after <= before + 1e-6 * max(1.0, before)
