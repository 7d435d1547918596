"""Time-to-survive, time-to-recover and the Risk Exposure Index (Simchi-Levi et al., 2015).

For a disruption lasting its time-to-recover T, the *time-to-recover* programme gives the
least value of demand lost over T when the rest of the network (stock, alternative sites,
allocation of scarce inputs to the products worth most per unit of the bottleneck) responds
optimally. The *time-to-survive* programme gives the longest time the network can meet all
demand with what is left; a disruption that binds nothing survives forever, reported as
``unbounded`` with no number. A site is *at risk* when it survives less than it takes to
recover. The Risk Exposure Index divides each site's lost value by the worst site's, so the
ranking is in [0, 1] with 1 the worst.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from functools import cached_property
from typing import Any

import numpy as np
from highspy import HighsBasis

from sangam.supply.layout import Layout, build_layout
from sangam.supply.lp import TtrModel, TtsModel
from sangam.supply.model import Network
from sangam.supply.scenario import Scenario, effects, site_failure, validate

#: Numbers below this are treated as zero when reporting (solver tolerance is ~1e-7).
EPS = 1e-6


@dataclass(frozen=True)
class TtsResult:
    """Weeks until the first unit of demand is lost; ``tts_weeks`` is null (and ``unbounded``
    true) when the disruption binds nothing. ``per_product``: each product served alone."""

    tts_weeks: float | None
    unbounded: bool
    per_product: dict[str, float | None]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class TtrResult:
    """Least value lost over ``duration_weeks``, lost and demanded units per product, and the
    production, flows and deliveries that achieve it."""

    duration_weeks: float
    lost_value: float
    lost_units: dict[str, float]
    demand_units: dict[str, float]
    allocation: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class SiteRisk:
    """One site failing alone for its time-to-recover; ``tts_weeks`` null when unbounded."""

    id: str
    name: str
    country: str
    makes: str
    lost_value: float
    tts_weeks: float | None
    ttr_weeks: float
    rei: float
    at_risk: bool

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ScenarioReport:
    """One scenario answered whole: time-to-survive, loss over its duration, loss curve."""

    scenario: str
    duration_weeks: float
    tts: TtsResult
    ttr: TtrResult
    loss_curve: list[tuple[float, float]]

    @property
    def at_risk(self) -> bool:
        """The network runs out before the disruption ends."""
        return self.tts.tts_weeks is not None and self.tts.tts_weeks < self.duration_weeks - EPS

    def as_dict(self) -> dict[str, Any]:
        return {"scenario": self.scenario, "duration_weeks": self.duration_weeks,
                "at_risk": self.at_risk, "tts": self.tts.as_dict(), "ttr": self.ttr.as_dict(),
                "loss_curve": [{"weeks": t, "lost_value": v} for t, v in self.loss_curve]}


def _clean(x: float) -> float:
    """Solver noise off: |x| < 1e-6 is zero, and values keep six decimals."""
    return 0.0 if abs(x) < EPS else round(float(x), 6)


class Analyzer:
    """Holds the sparse matrix and warm HiGHS models for one network; reuse it for sweeps."""

    def __init__(self, network: Network) -> None:
        self.network = network

    @cached_property
    def layout(self) -> Layout:
        return build_layout(self.network)

    @cached_property
    def tts_model(self) -> TtsModel:
        return TtsModel(self.layout)

    @cached_property
    def ttr_model(self) -> TtrModel:
        return TtrModel(self.layout)

    def tts(self, scenario: Scenario, per_product: bool = True) -> TtsResult:
        validate(scenario, self.network)
        eff = effects(self.network, scenario)
        overall = self.tts_model.solve(eff)
        products: dict[str, float | None] = {}
        if per_product:
            for k, product in enumerate(self.network.products):
                sol = self.tts_model.solve(eff, only_product=k)
                products[product.id] = None if sol.unbounded else _round(sol.weeks)
        return TtsResult(None if overall.unbounded else _round(overall.weeks),
                         overall.unbounded, products)

    def ttr(self, scenario: Scenario, weeks: float | None = None) -> TtrResult:
        validate(scenario, self.network)
        horizon = scenario.duration_for(self.network) if weeks is None else weeks
        eff = effects(self.network, scenario)
        sol = self.ttr_model.solve(eff, horizon)
        lay = self.layout
        delivered = np.bincount(lay.prod_of, weights=sol.delivered, minlength=lay.n_products)
        demand = lay.demand * horizon
        lost_units = {p.id: _clean(demand[k] - delivered[k])
                      for k, p in enumerate(self.network.products)}
        lost_value = _clean(float(lay.value @ demand) - sol.objective)
        sites = self.network.sites
        allocation = {
            "production": {sites[i].id: _clean(v) for i, v in enumerate(sol.production)
                           if v > EPS},
            "flows": [
                {"from": lk.source, "to": lk.target, "item": self.network.sites[
                    int(lay.link_src[j])].makes, "units": _clean(sol.flows[j])}
                for j, lk in enumerate(self.network.links) if sol.flows[j] > EPS
            ],
            "delivered": {p.id: _clean(delivered[k]) for k, p in enumerate(self.network.products)},
        }
        return TtrResult(horizon, lost_value, lost_units,
                         {p.id: float(demand[k]) for k, p in enumerate(self.network.products)},
                         allocation)

    def lost_value(self, scenario: Scenario, weeks: float) -> float:
        """Value lost if the scenario lasts ``weeks`` (no allocation detail; fast)."""
        eff = effects(self.network, scenario)
        sol = self.ttr_model.solve(eff, weeks)
        return _clean(float(self.layout.value @ (self.layout.demand * weeks)) - sol.objective)

    def loss_curve(self, scenario: Scenario, horizon: float | None = None,
                   points: int = 27) -> list[tuple[float, float]]:
        """Cumulative value lost if the scenario lasts t weeks, for t from 0 to ``horizon``.

        Zero up to time-to-survive, then rising; convex because the programme's value is
        convex in its right-hand side.
        """
        validate(scenario, self.network)
        end = horizon if horizon is not None else max(scenario.duration_for(self.network), 1.0)
        eff = effects(self.network, scenario)
        base = float(self.layout.value @ self.layout.demand)
        out: list[tuple[float, float]] = []
        for t in np.linspace(0.0, end, points):
            sol = self.ttr_model.solve(eff, float(t))
            out.append((float(t), _clean(base * float(t) - sol.objective)))
        return out

    def report(self, scenario: Scenario, points: int = 14) -> ScenarioReport:
        """TTS, TTR over the scenario's duration and the loss curve up to that duration."""
        tts = self.tts(scenario)
        ttr = self.ttr(scenario)
        curve = self.loss_curve(scenario, points=points)
        return ScenarioReport(scenario.name, ttr.duration_weeks, tts, ttr, curve)

    def rank(self, sites: Iterable[str] | None = None,
             progress: Callable[[int], None] | None = None) -> list[SiteRisk]:
        """Fail each site alone for its own time-to-recover; rank by lost value."""
        chosen = list(sites) if sites is not None else [s.id for s in self.network.sites]
        rows: list[tuple[str, float, float | None, float]] = []
        # Solving in order of time-to-recover keeps consecutive programmes alike (same
        # horizon, one site's bounds differ), so each warm start needs few iterations.
        by_id = self.network.site_by_id
        chosen.sort(key=lambda sid: (by_id[sid].ttr_weeks, sid))
        intact = effects(self.network, Scenario("no disruption", ()))
        self.tts_model.solve(intact)
        tts_basis = self.tts_model.snapshot()
        horizon: float | None = None
        ttr_basis: HighsBasis | None = None
        for done, site_id in enumerate(chosen, start=1):
            site = by_id[site_id]
            if site.ttr_weeks != horizon:
                horizon = site.ttr_weeks
                self.ttr_model.solve(intact, horizon)
                ttr_basis = self.ttr_model.snapshot()
            eff = effects(self.network, site_failure(site_id, site.ttr_weeks))
            self.tts_model.restore(tts_basis)
            tts = self.tts_model.solve(eff)
            self.ttr_model.restore(ttr_basis)
            lost = self.ttr_model.solve(eff, site.ttr_weeks)
            lost_value = _clean(float(self.layout.value @ (self.layout.demand * site.ttr_weeks))
                                - lost.objective)
            rows.append((site_id, lost_value, None if tts.unbounded else _round(tts.weeks),
                         site.ttr_weeks))
            if progress is not None:
                progress(done)
        worst = max((r[1] for r in rows), default=0.0)
        out = []
        for site_id, lost_value, tts_weeks, ttr_weeks in rows:
            site = self.network.site_by_id[site_id]
            out.append(SiteRisk(
                id=site_id, name=site.name, country=site.country, makes=site.makes,
                lost_value=lost_value, tts_weeks=tts_weeks, ttr_weeks=ttr_weeks,
                rei=round(lost_value / worst, 6) if worst > 0 else 0.0,
                at_risk=tts_weeks is not None and tts_weeks < ttr_weeks - EPS,
            ))
        out.sort(key=lambda r: (-r.rei, r.tts_weeks if r.tts_weeks is not None else float("inf"),
                                r.id))
        return out


def _round(x: float | None) -> float:
    """Trim solver noise (1e-9) so hand-computed answers compare cleanly."""
    assert x is not None
    r = round(float(x), 6)
    return 0.0 if r == 0 else r
