"""Supply-chain resilience API under /api/v1/supply (thin over sangam.supply).

A network or scenario is given either by the name of a bundled file (``defence-demo``,
``cn-gallium-embargo``) or inline, as the same structure the YAML format uses. Paths on the
server are never accepted.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from sangam.errors import NotFound
from sangam.supply import minerals as minerals_mod
from sangam.supply.catalog import bundled_networks, bundled_scenarios
from sangam.supply.exposure import exposure
from sangam.supply.loader import load_network, network_from_mapping
from sangam.supply.mitigation import mitigate
from sangam.supply.model import Network
from sangam.supply.montecarlo import monte_carlo
from sangam.supply.resilience import Analyzer
from sangam.supply.scenario import Scenario, load_scenario, scenario_from_mapping, validate

router = APIRouter(prefix="/supply", tags=["supply"])

NetworkRef = str | dict[str, Any]


def _network(ref: NetworkRef) -> Network:
    if isinstance(ref, dict):
        return network_from_mapping(ref, source="request.network")
    bundled = bundled_networks()
    if ref not in bundled:
        raise NotFound(f"No bundled network named {ref!r}",
                       "Use one of " + ", ".join(bundled) + ", or send the network inline.")
    return load_network(bundled[ref])


def _scenario(ref: NetworkRef, network: Network, weeks: float | None = None) -> Scenario:
    if isinstance(ref, dict):
        scenario = scenario_from_mapping(ref, source="request.scenario")
    else:
        bundled = bundled_scenarios()
        if ref not in bundled:
            raise NotFound(f"No bundled scenario named {ref!r}",
                           "Use one of " + ", ".join(bundled) + ", or send it inline.")
        scenario = load_scenario(bundled[ref])
    if weeks is not None:
        scenario = Scenario(scenario.name, scenario.disruptions, weeks, scenario.description)
    validate(scenario, network, source="request.scenario")
    return scenario


class ScenarioRequest(BaseModel):
    network: NetworkRef = Field(description="Bundled network name, or the network inline.")
    scenario: NetworkRef = Field(description="Bundled scenario name, or the scenario inline.")
    weeks: float | None = Field(None, ge=0, description="Override the disruption's length.")


class TtsOut(BaseModel):
    tts_weeks: float | None = Field(description="Null when unbounded.")
    unbounded: bool
    per_product: dict[str, float | None]


class TtrOut(BaseModel):
    lost_value: float
    lost_units: dict[str, float]
    allocation: dict[str, Any]
    duration_weeks: float
    demand_units: dict[str, float]


class SiteRiskOut(BaseModel):
    id: str
    name: str
    country: str
    makes: str
    lost_value: float
    tts_weeks: float | None
    ttr_weeks: float
    rei: float
    at_risk: bool


class RankOut(BaseModel):
    sites: list[SiteRiskOut]


class CurvePoint(BaseModel):
    weeks: float
    lost_value: float


class ScenarioOut(BaseModel):
    scenario: str
    duration_weeks: float
    at_risk: bool
    tts: TtsOut
    ttr: TtrOut
    loss_curve: list[CurvePoint]


class StockpileRequest(ScenarioRequest):
    mode: str = Field("stock", pattern="^(stock|capacity)$")
    alliance: str | None = Field(None, description="Alliance key or CC,CC list; all if null.")
    items: list[str] | None = Field(None, description="Items to add; raw materials if null.")


class MonteCarloRequest(BaseModel):
    network: NetworkRef
    scenario: NetworkRef | None = Field(None, description="Default: each site fails alone.")
    samples: int = Field(200, ge=1, le=20000)
    seed: int = 0


class NetworkRequest(BaseModel):
    network: NetworkRef
    alliance: str | None = None


@router.get("/networks")
def list_networks() -> dict[str, Any]:
    """Bundled networks with their size."""
    out = []
    for name, path in bundled_networks().items():
        net = load_network(path)
        out.append({"name": name, "title": net.name, "sites": len(net.sites),
                    "items": len(net.items), "links": len(net.links),
                    "products": [p.id for p in net.products], "illustrative": net.illustrative,
                    "description": net.description})
    return {"networks": out, "scenarios": list(bundled_scenarios())}


@router.get("/networks/{name}")
def get_network(name: str) -> dict[str, Any]:
    """A bundled network in the inline (YAML-shaped) form."""
    net = _network(name)
    return {
        "name": net.name, "description": net.description, "illustrative": net.illustrative,
        "items": [i.__dict__ if hasattr(i, "__dict__") else _slots(i) for i in net.items.values()],
        "bom": [_slots(b) for b in net.bom],
        "sites": [{k: v for k, v in _slots(s).items() if k != "ttr_dist"} for s in net.sites],
        "links": [{"from": lk.source, "to": lk.target} for lk in net.links],
    }


def _slots(obj: Any) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in obj.__slots__}


@router.get("/networks/{name}/rank", response_model=RankOut)
def rank_bundled(name: str) -> dict[str, Any]:
    """Risk Exposure Index of every site of a bundled network."""
    return {"sites": [r.as_dict() for r in Analyzer(_network(name)).rank()]}


@router.post("/rank", response_model=RankOut)
def rank(body: NetworkRequest) -> dict[str, Any]:
    """Fail each site alone for its time-to-recover; rank by the Risk Exposure Index."""
    return {"sites": [r.as_dict() for r in Analyzer(_network(body.network)).rank()]}


@router.post("/tts", response_model=TtsOut)
def tts(body: ScenarioRequest) -> dict[str, Any]:
    """Time-to-survive of a scenario (null and unbounded=true when nothing binds)."""
    net = _network(body.network)
    return Analyzer(net).tts(_scenario(body.scenario, net, body.weeks)).as_dict()


@router.post("/ttr", response_model=TtrOut)
def ttr(body: ScenarioRequest) -> dict[str, Any]:
    """Least value lost over the disruption, with the allocation that achieves it."""
    net = _network(body.network)
    return Analyzer(net).ttr(_scenario(body.scenario, net, body.weeks)).as_dict()


@router.post("/scenario", response_model=ScenarioOut)
def scenario(body: ScenarioRequest, points: int = Query(14, ge=2, le=200)) -> dict[str, Any]:
    """Time-to-survive, loss over the duration, and loss against duration (a curve)."""
    net = _network(body.network)
    scen = _scenario(body.scenario, net, body.weeks)
    analyzer = Analyzer(net)
    tts_result = analyzer.tts(scen)
    ttr_result = analyzer.ttr(scen)
    curve = analyzer.loss_curve(scen, points=points)
    return {"scenario": scen.name, "duration_weeks": ttr_result.duration_weeks,
            "at_risk": tts_result.tts_weeks is not None
            and tts_result.tts_weeks < ttr_result.duration_weeks,
            "tts": tts_result.as_dict(), "ttr": ttr_result.as_dict(),
            "loss_curve": [{"weeks": t, "lost_value": v} for t, v in curve]}


@router.post("/stockpile")
def stockpile(body: StockpileRequest) -> dict[str, Any]:
    """Cheapest stockpile (mode=stock) or extra allied capacity (mode=capacity) that keeps
    time-to-survive at or above the disruption's length."""
    net = _network(body.network)
    scen = _scenario(body.scenario, net, body.weeks)
    allies = minerals_mod.alliance(body.alliance).members if body.alliance else None
    return mitigate(net, scen, body.mode, allies, body.items).as_dict()


@router.post("/exposure")
def exposure_route(body: NetworkRequest) -> dict[str, Any]:
    """Per product: share of output that depends, at any tier, on one site, one country, or
    countries outside the alliance."""
    net = _network(body.network)
    return exposure(net, minerals_mod.alliance(body.alliance)).as_dict()


@router.post("/montecarlo")
def montecarlo(body: MonteCarloRequest) -> dict[str, Any]:
    """Expected and tail loss over uncertain recovery times (in-process)."""
    net = _network(body.network)
    scen = _scenario(body.scenario, net) if body.scenario is not None else None
    return monte_carlo(net, scen, samples=body.samples, seed=body.seed).as_dict()


@router.get("/minerals")
def minerals(code: str | None = None, alliance: str | None = None) -> dict[str, Any]:
    """USGS MCS 2024 country shares and HHI; ``allied_share_pct`` for the alliance."""
    group = minerals_mod.alliance(alliance)
    rows = [m for m in minerals_mod.minerals() if code is None or m.code == code.lower()]
    if code and not rows:
        minerals_mod.mineral(code)
    return {"alliance": {"key": group.key, "name": group.name, "members": sorted(group.members)},
            "minerals": [{**m.as_dict(), "allied_share_pct": m.share_of(group.members)}
                         for m in rows]}


@router.get("/alliances")
def alliances() -> dict[str, Any]:
    """Alliances defined as data in data/supply/alliances.yaml."""
    return {"alliances": [{"key": a.key, "name": a.name, "members": sorted(a.members)}
                          for a in minerals_mod.alliances().values()]}
