"""Monte-Carlo over uncertain times-to-recover: expected and tail loss.

Each sample draws a recovery time for every failed site from its ``ttr_dist`` (its fixed
``ttr_weeks`` when it has none); the scenario lasts the longest draw, and the
time-to-recover programme gives the value lost. The kernel, :func:`_losses`, takes a
network, a scenario and an array of durations, so the same code runs in-process (default)
or in chunks on a Dask cluster (``dask_address``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from sangam.errors import InvalidInput
from sangam.supply.model import Network, Site
from sangam.supply.resilience import Analyzer
from sangam.supply.scenario import Scenario, site_failure, validate


def sample_ttr(site: Site, rng: np.random.Generator, n: int) -> npt.NDArray[np.float64]:
    d = site.ttr_dist
    if d is None:
        return np.full(n, site.ttr_weeks)
    if d.kind == "triangular":
        if d.high == d.low:
            return np.full(n, d.low)
        return rng.triangular(d.low, d.mode, d.high, n)
    if d.kind == "uniform":
        return rng.uniform(d.low, d.high, n)
    return np.asarray(d.mode * np.exp(rng.normal(0.0, d.sigma, n)))


def _losses(network: Network, scenario: Scenario,
            durations: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    analyzer = Analyzer(network)
    return np.array([analyzer.lost_value(scenario, float(t)) for t in durations])


@dataclass(frozen=True)
class McRow:
    scenario: str
    samples: int
    expected_loss: float
    var95: float
    cvar95: float
    p_any_loss: float
    mean_duration: float

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


@dataclass(frozen=True)
class McResult:
    rows: list[McRow]

    def as_dict(self) -> dict[str, Any]:
        return {"results": [r.as_dict() for r in self.rows]}


def _summarise(name: str, durations: npt.NDArray[np.float64],
               losses: npt.NDArray[np.float64]) -> McRow:
    var = float(np.quantile(losses, 0.95))
    tail = losses[losses >= var]
    return McRow(name, len(losses), round(float(losses.mean()), 2), round(var, 2),
                 round(float(tail.mean()) if len(tail) else var, 2),
                 round(float((losses > 0).mean()), 4), round(float(durations.mean()), 3))


def monte_carlo(network: Network, scenario: Scenario | None = None, samples: int = 200,
                seed: int = 0, dask_address: str | None = None) -> McResult:
    """Sample recovery times for a scenario, or for each site failing alone when None."""
    if samples < 1:
        raise InvalidInput("samples must be at least 1")
    rng = np.random.default_rng(seed)
    scenarios = [scenario] if scenario is not None else [
        site_failure(s.id) for s in network.sites if s.capacity_per_week > 0]
    jobs: list[tuple[Scenario, npt.NDArray[np.float64]]] = []
    for scen in scenarios:
        validate(scen, network)
        failed = [network.site_by_id[d.site] for d in scen.disruptions if d.site is not None]
        if failed:
            draws = np.max([sample_ttr(s, rng, samples) for s in failed], axis=0)
        else:
            draws = np.full(samples, scen.duration_for(network))
        jobs.append((scen, draws))
    if dask_address:
        from dask.distributed import Client

        with Client(dask_address) as client:  # type: ignore[no-untyped-call]
            net_future = client.scatter(network, broadcast=True)
            futures = [client.submit(_losses, net_future, scen, draws) for scen, draws in jobs]
            results = client.gather(futures)
    else:
        analyzer = Analyzer(network)
        results = [np.array([analyzer.lost_value(scen, float(t)) for t in draws])
                   for scen, draws in jobs]
    rows = [_summarise(scen.name, draws, np.asarray(losses))
            for (scen, draws), losses in zip(jobs, results, strict=True)]
    rows.sort(key=lambda r: -r.expected_loss)
    return McResult(rows)
