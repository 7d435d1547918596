"""Disruption scenarios and what they do to a network.

A scenario is a list of disruptions that happen together and last ``duration_weeks``:

* ``site_failure`` — a site stops producing; by default its stock is lost too (fire, flood,
  seizure); ``stock_survives: true`` keeps it.
* ``capacity_loss`` — a site keeps ``1 - fraction`` of its capacity; its stock is intact.
* ``embargo`` — a country stops exporting some items (or everything it makes). Flows
  between two sites inside the country go on; every link leaving the country that carries
  an embargoed item is cut, so stock held inside the country is unavailable abroad.

:func:`effects` turns a scenario into three arrays (capacity multiplier, usable stock, open
links) that both linear programmes read; nothing else in the pillar interprets scenarios.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import yaml

from sangam.errors import InvalidInput, NotFound, Problem, ValidationFailed
from sangam.supply.model import Network

KINDS = ("site_failure", "capacity_loss", "embargo")


@dataclass(frozen=True)
class Disruption:
    kind: str
    site: str | None = None
    country: str | None = None
    #: Items an embargo covers; empty means everything the country makes.
    items: tuple[str, ...] = ()
    fraction: float = 1.0
    stock_survives: bool = False

    def describe(self) -> str:
        if self.kind == "site_failure":
            return f"site {self.site} fails"
        if self.kind == "capacity_loss":
            return f"site {self.site} loses {self.fraction:.0%} of capacity"
        what = ", ".join(self.items) if self.items else "everything it makes"
        return f"{self.country} embargoes {what}"


@dataclass(frozen=True)
class Scenario:
    name: str
    disruptions: tuple[Disruption, ...]
    #: How long the disruption lasts; ``None`` means the longest time-to-recover of the
    #: failed sites (or 0 when no site fails outright).
    duration_weeks: float | None = None
    description: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)

    def duration_for(self, network: Network) -> float:
        if self.duration_weeks is not None:
            return self.duration_weeks
        ttrs = [
            network.site_by_id[d.site].ttr_weeks
            for d in self.disruptions
            if d.site is not None and d.site in network.site_by_id
        ]
        return max(ttrs, default=0.0)


@dataclass(frozen=True)
class Effects:
    """What a scenario leaves of the network, as arrays indexed like ``network.sites``."""

    capacity: npt.NDArray[np.float64]  # multiplier in [0, 1] per site
    stock: npt.NDArray[np.float64]  # usable stock per site
    link_open: npt.NDArray[np.bool_]  # per link
    delivery_open: npt.NDArray[np.bool_]  # per site (only product sites matter)


def site_failure(site: str, duration_weeks: float | None = None) -> Scenario:
    return Scenario(f"{site} fails", (Disruption("site_failure", site=site),), duration_weeks)


def embargo(
    country: str, items: Sequence[str] = (), duration_weeks: float | None = None
) -> Scenario:
    d = Disruption("embargo", country=country.upper(), items=tuple(items))
    return Scenario(d.describe(), (d,), duration_weeks)


def combine(scenarios: Sequence[Scenario], duration_weeks: float | None = None) -> Scenario:
    """Several disruptions at once (their duration: the given one, else the longest set)."""
    durations = [s.duration_weeks for s in scenarios if s.duration_weeks is not None]
    return Scenario(
        " + ".join(s.name for s in scenarios),
        tuple(d for s in scenarios for d in s.disruptions),
        duration_weeks if duration_weeks is not None else (max(durations) if durations else None),
    )


def validate(scenario: Scenario, network: Network, source: str = "scenario") -> None:
    """Reject disruptions that name sites, items or countries the network does not have."""
    problems: list[Problem] = []
    for i, d in enumerate(scenario.disruptions, start=1):
        row = f"disruptions[{i}]"
        if d.kind not in KINDS:
            problems.append(Problem(f"kind must be one of {', '.join(KINDS)}, got {d.kind!r}",
                                    file=source, row=row, field="kind"))
            continue
        if d.kind in ("site_failure", "capacity_loss") and d.site not in network.site_by_id:
            problems.append(Problem(f"unknown site {d.site!r}", file=source, row=row,
                                    field="site"))
        if d.kind == "capacity_loss" and not 0 <= d.fraction <= 1:
            problems.append(Problem("fraction must be between 0 and 1", file=source, row=row,
                                    field="fraction"))
        if d.kind == "embargo":
            if not d.country or len(d.country) != 2:
                problems.append(Problem("country must be an ISO alpha-2 code", file=source,
                                        row=row, field="country"))
            for item in d.items:
                if item not in network.items:
                    problems.append(Problem(f"unknown item {item!r}", file=source, row=row,
                                            field="items"))
    if scenario.duration_weeks is not None and scenario.duration_weeks < 0:
        problems.append(Problem("must not be negative", file=source, field="duration_weeks"))
    if problems:
        raise ValidationFailed(problems, "Use site and item ids from the network file.")


def effects(network: Network, scenario: Scenario) -> Effects:
    n = len(network.sites)
    capacity = np.ones(n)
    stock = np.array([s.stock for s in network.sites], dtype=float)
    index = network.site_index
    for d in scenario.disruptions:
        if d.kind == "site_failure" and d.site in index:
            capacity[index[d.site]] = 0.0
            if not d.stock_survives:
                stock[index[d.site]] = 0.0
        elif d.kind == "capacity_loss" and d.site in index:
            capacity[index[d.site]] *= 1.0 - d.fraction
    link_open = np.ones(len(network.links), dtype=bool)
    delivery_open = np.ones(n, dtype=bool)
    embargoes = [d for d in scenario.disruptions if d.kind == "embargo"]
    if embargoes:
        sites = network.site_by_id
        for j, link in enumerate(network.links):
            src, dst = sites[link.source], sites[link.target]
            for d in embargoes:
                if src.country == d.country != dst.country and (
                    not d.items or src.makes in d.items
                ):
                    link_open[j] = False
        for i, site in enumerate(network.sites):
            item = network.items[site.makes]
            for d in embargoes:
                if (
                    item.customer_country
                    and site.country == d.country != item.customer_country
                    and (not d.items or site.makes in d.items)
                ):
                    delivery_open[i] = False
    return Effects(capacity, stock, link_open, delivery_open)


def load_scenario(path: str | Path) -> Scenario:
    path = Path(path)
    if not path.exists():
        raise NotFound(f"No scenario file at {path}", "Give a YAML scenario (see docs/supply.md).")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise InvalidInput(f"{path.name} is not valid YAML: {exc}") from None
    return scenario_from_mapping(data, source=path.name)


def scenario_from_mapping(data: Any, source: str = "scenario") -> Scenario:
    if not isinstance(data, Mapping):
        raise InvalidInput(f"{source} must be a mapping with 'disruptions'",
                           "See docs/supply.md for the scenario format.")
    problems: list[Problem] = []
    raw = data.get("disruptions")
    if not isinstance(raw, list) or not raw:
        raise ValidationFailed([Problem("must be a non-empty list", file=source,
                                        field="disruptions")])
    out: list[Disruption] = []
    for i, d in enumerate(raw, start=1):
        row = f"disruptions[{i}]"
        if not isinstance(d, Mapping):
            problems.append(Problem("must be a mapping", file=source, row=row))
            continue
        items = d.get("items") or []
        if isinstance(items, str):
            items = [items]
        try:
            fraction = float(d.get("fraction", 1.0))
        except (TypeError, ValueError):
            problems.append(Problem("must be a number", file=source, row=row, field="fraction"))
            fraction = 1.0
        out.append(Disruption(
            kind=str(d.get("kind", "")),
            site=str(d["site"]) if d.get("site") is not None else None,
            country=str(d["country"]).upper() if d.get("country") else None,
            items=tuple(str(x) for x in items),
            fraction=fraction,
            stock_survives=bool(d.get("stock_survives", False)),
        ))
    duration = data.get("duration_weeks")
    if duration is not None:
        try:
            duration = float(duration)
        except (TypeError, ValueError):
            problems.append(Problem("must be a number", file=source, field="duration_weeks"))
            duration = None
    if problems:
        raise ValidationFailed(problems)
    name = str(data.get("name") or "; ".join(d.describe() for d in out))
    return Scenario(name, tuple(out), duration, str(data.get("description") or ""))


def parse_inline(
    fail: Sequence[str] = (), embargo_specs: Sequence[str] = (), loss: Sequence[str] = ()
) -> list[Disruption]:
    """Command-line shorthand: ``--fail SITE``, ``--embargo CN[:item,item]``,
    ``--loss SITE:0.5``."""
    out = [Disruption("site_failure", site=s) for s in fail]
    for spec in embargo_specs:
        country, _, items = spec.partition(":")
        out.append(Disruption("embargo", country=country.upper(),
                              items=tuple(i for i in items.split(",") if i)))
    for spec in loss:
        site, _, frac = spec.rpartition(":")
        try:
            out.append(Disruption("capacity_loss", site=site, fraction=float(frac)))
        except ValueError:
            raise InvalidInput(f"--loss {spec!r} must look like SITE:0.5",
                               "Give the site id and the fraction of capacity lost.") from None
    return out
