"""The supply network as plain, immutable data.

A network is items (raw materials, parts, products), a bill of materials between items,
sites that each make one item with a weekly capacity and stock on hand, and links saying
which site may supply which. Keeping the model this small is deliberate: every analysis
(concentration, time-to-survive, time-to-recover, mitigation) reads the same arrays, and a
planner can write a network by hand in YAML or four CSV files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

ITEM_KINDS = ("raw", "part", "product")


@dataclass(frozen=True, slots=True)
class Item:
    """A material, part or finished product. Products carry demand and value per unit."""

    id: str
    name: str
    kind: str
    unit: str = "unit"
    demand_per_week: float = 0.0
    value_per_unit: float = 0.0
    #: Cost of holding one unit in a stockpile (used to price mitigations); defaults to 1.
    unit_cost: float = 1.0
    #: USGS Mineral Commodity Summaries code (e.g. ``galli``) for raw materials.
    mcs_code: str | None = None
    #: Country of the customer for a product; an embargo by another country that makes the
    #: product cuts its delivery.
    customer_country: str | None = None


@dataclass(frozen=True, slots=True)
class BomLine:
    """``quantity`` units of ``child`` go into one unit of ``parent``."""

    parent: str
    child: str
    quantity: float


@dataclass(frozen=True, slots=True)
class TtrDistribution:
    """Uncertain time-to-recover in weeks, sampled by the Monte-Carlo analysis.

    ``triangular`` uses low/mode/high, ``uniform`` low/high, ``lognormal`` the median
    (``mode`` field) and ``sigma`` of the underlying normal.
    """

    kind: str
    low: float = 0.0
    mode: float = 0.0
    high: float = 0.0
    sigma: float = 0.0


@dataclass(frozen=True, slots=True)
class Site:
    """A plant, mine, refinery or stockpile. Stockpiles have stock and zero capacity."""

    id: str
    name: str
    country: str
    makes: str
    capacity_per_week: float
    stock: float = 0.0
    ttr_weeks: float = 0.0
    owner: str = ""
    ttr_dist: TtrDistribution | None = None

    @property
    def is_stockpile(self) -> bool:
        return self.capacity_per_week == 0 and self.stock > 0


@dataclass(frozen=True, slots=True)
class Link:
    """``source`` may ship its item to ``target``, which uses it as an input."""

    source: str
    target: str


@dataclass(frozen=True)
class Network:
    """A validated network. Build it with :mod:`sangam.supply.loader`, which checks it."""

    name: str
    items: Mapping[str, Item]
    bom: tuple[BomLine, ...]
    sites: tuple[Site, ...]
    links: tuple[Link, ...]
    description: str = ""
    illustrative: bool = False
    metadata: Mapping[str, str] = field(default_factory=dict)

    @cached_property
    def site_index(self) -> dict[str, int]:
        return {site.id: i for i, site in enumerate(self.sites)}

    @cached_property
    def site_by_id(self) -> dict[str, Site]:
        return {site.id: site for site in self.sites}

    @cached_property
    def inputs(self) -> dict[str, tuple[BomLine, ...]]:
        """Bill of materials per parent item."""
        out: dict[str, list[BomLine]] = {}
        for line in self.bom:
            out.setdefault(line.parent, []).append(line)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def products(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items.values() if item.kind == "product")

    @cached_property
    def countries(self) -> tuple[str, ...]:
        return tuple(sorted({site.country for site in self.sites}))

    @cached_property
    def suppliers(self) -> dict[str, list[str]]:
        """Site id → ids of the sites linked to supply it."""
        out: dict[str, list[str]] = {site.id: [] for site in self.sites}
        for link in self.links:
            out[link.target].append(link.source)
        return out

    @cached_property
    def tiers(self) -> dict[str, int]:
        """Item id → depth below the finished products (products are tier 0)."""
        depth: dict[str, int] = {}
        frontier = [p.id for p in self.products]
        for pid in frontier:
            depth[pid] = 0
        while frontier:
            nxt: list[str] = []
            for parent in frontier:
                for line in self.inputs.get(parent, ()):
                    d = depth[parent] + 1
                    if depth.get(line.child, -1) < d:
                        depth[line.child] = d
                        nxt.append(line.child)
            frontier = nxt
        for item_id in self.items:
            depth.setdefault(item_id, 0)
        return depth
