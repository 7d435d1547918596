"""Supply-chain resilience API under /api/v1/supply (thin over sangam.supply).

A network or scenario is given either by the name of a bundled file (``defence-demo``,
``cn-gallium-embargo``) or inline, as the same structure the YAML format uses. Paths on the
server are never accepted.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from sangam.supply import minerals as minerals_mod
from sangam.supply.catalog import (
    bundled_networks,
    bundled_scenarios,
    get_network,
    get_scenario,
    network_as_mapping,
    summary,
)
from sangam.supply.exposure import exposure
from sangam.supply.mitigation import mitigate
from sangam.supply.montecarlo import monte_carlo
from sangam.supply.resilience import Analyzer, SiteRisk, TtrResult, TtsResult

router = APIRouter(prefix="/supply", tags=["supply"])

NetworkRef = str | dict[str, Any]


class ScenarioRequest(BaseModel):
    network: NetworkRef = Field(description="Bundled network name, or the network inline.")
    scenario: NetworkRef = Field(description="Bundled scenario name, or the scenario inline.")
    weeks: float | None = Field(None, ge=0, description="Override the disruption's length.")


class RankOut(BaseModel):
    sites: list[SiteRisk]


class CurvePoint(BaseModel):
    weeks: float
    lost_value: float


class ScenarioOut(BaseModel):
    scenario: str
    duration_weeks: float
    at_risk: bool
    tts: TtsResult
    ttr: TtrResult
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
    out = [{**summary(net), "name": name, "title": net.name}
           for name, net in ((n, get_network(n)) for n in bundled_networks())]
    return {"networks": out, "scenarios": list(bundled_scenarios())}


@router.get("/networks/{name}")
def get_network_route(name: str) -> dict[str, Any]:
    """A bundled network in the inline (YAML-shaped) form the other routes accept."""
    return network_as_mapping(get_network(name))


@router.get("/networks/{name}/rank", response_model=RankOut)
def rank_bundled(name: str) -> dict[str, Any]:
    """Risk Exposure Index of every site of a bundled network."""
    return {"sites": Analyzer(get_network(name)).rank()}


@router.post("/rank", response_model=RankOut)
def rank(body: NetworkRequest) -> dict[str, Any]:
    """Fail each site alone for its time-to-recover; rank by the Risk Exposure Index."""
    return {"sites": Analyzer(get_network(body.network)).rank()}


@router.post("/tts", response_model=TtsResult)
def tts(body: ScenarioRequest) -> TtsResult:
    """Time-to-survive of a scenario (null and unbounded=true when nothing binds)."""
    net = get_network(body.network)
    return Analyzer(net).tts(get_scenario(body.scenario, net, body.weeks))


@router.post("/ttr", response_model=TtrResult)
def ttr(body: ScenarioRequest) -> TtrResult:
    """Least value lost over the disruption, with the allocation that achieves it."""
    net = get_network(body.network)
    return Analyzer(net).ttr(get_scenario(body.scenario, net, body.weeks))


@router.post("/scenario", response_model=ScenarioOut)
def scenario(body: ScenarioRequest, points: int = Query(14, ge=2, le=200)) -> dict[str, Any]:
    """Time-to-survive, loss over the duration, and loss against duration (a curve)."""
    net = get_network(body.network)
    scen = get_scenario(body.scenario, net, body.weeks)
    return Analyzer(net).report(scen, points=points).as_dict()


@router.post("/stockpile")
def stockpile(body: StockpileRequest) -> dict[str, Any]:
    """Cheapest stockpile (mode=stock) or extra allied capacity (mode=capacity) that keeps
    time-to-survive at or above the disruption's length."""
    net = get_network(body.network)
    scen = get_scenario(body.scenario, net, body.weeks)
    allies = minerals_mod.alliance(body.alliance).members if body.alliance else None
    return mitigate(net, scen, body.mode, allies, body.items).as_dict()


@router.post("/exposure")
def exposure_route(body: NetworkRequest) -> dict[str, Any]:
    """Per product: share of output that depends, at any tier, on one site, one country, or
    countries outside the alliance."""
    return exposure(get_network(body.network), minerals_mod.alliance(body.alliance)).as_dict()


@router.post("/montecarlo")
def montecarlo(body: MonteCarloRequest) -> dict[str, Any]:
    """Expected and tail loss over uncertain recovery times (in-process)."""
    net = get_network(body.network)
    scen = get_scenario(body.scenario, net) if body.scenario is not None else None
    return monte_carlo(net, scen, samples=body.samples, seed=body.seed).as_dict()


@router.get("/minerals")
def minerals(code: str | None = None, alliance: str | None = None) -> dict[str, Any]:
    """USGS MCS 2024 country shares and HHI; ``allied_share_pct`` for the alliance."""
    return minerals_mod.report(code, alliance)


@router.get("/alliances")
def alliances() -> dict[str, Any]:
    """Alliances defined as data in data/supply/alliances.yaml."""
    return {"alliances": [{"key": a.key, "name": a.name, "members": sorted(a.members)}
                          for a in minerals_mod.alliances().values()]}
