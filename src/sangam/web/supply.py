"""The /supply pages: a network drawn as a graph with its risk ranking, and a scenario's
time-to-survive, loss over time and mitigation.

Everything is computed by :mod:`sangam.supply`; this module only lays the answers out. The
graph and the chart are inline SVG built here from plain coordinates (no script, nothing
fetched at run time). A bundled network's ranking and exposure are computed once per file
version (name + modification time) and kept in-process, so the pages stay well under a
second on the demonstration network.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx
import yaml
from fastapi import APIRouter, Depends, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from sangam.errors import InvalidInput, SangamError
from sangam.supply.catalog import (
    bundled_networks,
    bundled_scenarios,
    get_network,
    get_scenario,
    network_file,
    scenario_file,
)
from sangam.supply.exposure import ExposureReport, exposure
from sangam.supply.minerals import alliance
from sangam.supply.mitigation import MitigationResult, mitigate
from sangam.supply.model import Network
from sangam.supply.resilience import Analyzer, ScenarioReport, SiteRisk
from sangam.supply.scenario import Scenario, effects
from sangam.web.render import render, verify_csrf

router = APIRouter(include_in_schema=False)  # HTML pages, not part of the API

#: Largest upload accepted, and largest uploaded network ranked on a page (one LP pair per
#: site); bigger networks belong on the command line (`sangam supply rank`).
MAX_UPLOAD = 2 * 1024 * 1024
MAX_WEB_SITES = 400
#: Longest disruption the scenario page accepts as an override (ten years).
MAX_WEEKS = 520.0

#: Fixed colours for the countries the project is about, then a palette for the rest.
COUNTRY_COLOURS = {"US": "#1f5fa8", "JP": "#c8102e", "IN": "#ff8f1c", "CN": "#4d4d4d",
                   "AU": "#0a8f5a", "TW": "#7b3fa0"}
PALETTE = ("#17a2b8", "#8c564b", "#bcbd22", "#e377c2", "#2ca02c", "#9467bd", "#d62728",
           "#7f7f7f", "#1a9850", "#f46d43")

COL_WIDTH = 190
ROW_HEIGHT = 42
MARGIN_X = 70
MARGIN_TOP = 48


# --------------------------------------------------------------------------- formatting


def currency(network: Network) -> str:
    """What value figures are counted in: the network's ``currency`` or a neutral unit."""
    return network.metadata.get("currency", "value units")


def fmt_weeks(weeks: float | None) -> str:
    return "unbounded" if weeks is None else f"{weeks:,.2f} weeks"


def fmt_number(x: float, digits: int = 0) -> str:
    return f"{x:,.{digits}f}"


def fmt_short(x: float) -> str:
    """Axis labels: 62,500,000 -> 62.5 M."""
    for div, suffix in ((1e9, " bn"), (1e6, " M"), (1e3, " k")):
        if abs(x) >= div:
            return f"{x / div:,.3g}{suffix}"
    return f"{x:,.3g}"


# --------------------------------------------------------------------------- the graph


@dataclass(frozen=True)
class Node:
    id: str
    name: str
    country: str
    makes: str
    x: float
    y: float
    r: float
    colour: str
    at_risk: bool
    rank: int
    rei: float
    tooltip: str


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    path: str


@dataclass(frozen=True)
class GraphView:
    width: int
    height: int
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    columns: tuple[tuple[float, str], ...]
    legend: tuple[tuple[str, str], ...]


def _columns(network: Network) -> list[list[str]]:
    """Sites in stages: topological generations of the site graph (sources left), with every
    product site pulled into the last column so finished products line up on the right."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(s.id for s in network.sites)
    graph.add_edges_from((lk.source, lk.target) for lk in network.links)
    generations = [sorted(g) for g in nx.topological_generations(graph)]
    products = {s.id for s in network.sites if network.items[s.makes].kind == "product"}
    cols = [[n for n in gen if n not in products] for gen in generations]
    cols = [c for c in cols if c] + [sorted(products)]
    _order(cols, graph)
    return cols


def _order(cols: list[list[str]], graph: nx.DiGraph[str]) -> None:
    """Barycentre ordering, one sweep each way, so links cross less: each site moves near the
    mean position of the sites it is linked to in the neighbouring column."""
    def sweep(indices: Sequence[int], step: int, forward: bool) -> None:
        for c in indices:
            ref = {n: i for i, n in enumerate(cols[c - step])}
            scale = len(cols[c - step]) / max(len(cols[c]), 1)
            keyed = []
            for i, n in enumerate(cols[c]):
                linked = graph.predecessors(n) if forward else graph.successors(n)
                near = [ref[m] for m in linked if m in ref]
                keyed.append((sum(near) / len(near) if near else i * scale, i, n))
            cols[c] = [n for _, _, n in sorted(keyed)]

    sweep(range(1, len(cols)), 1, True)
    sweep(range(len(cols) - 2, -1, -1), -1, False)


def _colours(countries: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    spare = iter(PALETTE * (1 + len(countries) // len(PALETTE)))
    for c in countries:
        out[c] = COUNTRY_COLOURS.get(c) or next(spare)
    return out


def graph_view(network: Network, ranking: Sequence[SiteRisk]) -> GraphView:
    cols = _columns(network)
    tallest = max(len(c) for c in cols)
    height = MARGIN_TOP + tallest * ROW_HEIGHT + 20
    width = 2 * MARGIN_X + (len(cols) - 1) * COL_WIDTH
    risk = {r.id: (i, r) for i, r in enumerate(ranking, start=1)}
    colours = _colours(network.countries)
    unit = currency(network)
    pos: dict[str, tuple[float, float, float]] = {}
    nodes: list[Node] = []
    for c, col in enumerate(cols):
        top = MARGIN_TOP + (tallest - len(col)) * ROW_HEIGHT / 2
        for i, site_id in enumerate(col):
            site = network.site_by_id[site_id]
            rank, r = risk.get(site_id, (0, None))
            rei = r.rei if r else 0.0
            radius = 6 + 9 * rei
            x, y = MARGIN_X + c * COL_WIDTH, top + (i + 0.5) * ROW_HEIGHT
            pos[site_id] = (x, y, radius)
            tip = (f"{site.name} ({site.country}) makes {network.items[site.makes].name}; "
                   f"capacity {site.capacity_per_week:g} {network.items[site.makes].unit}/week, "
                   f"stock {site.stock:g}, TTR {site.ttr_weeks:g} weeks")
            if r is not None:
                tip += (f"; rank {rank}, REI {r.rei:.3f}, lost value "
                        f"{fmt_number(r.lost_value)} {unit}, TTS {fmt_weeks(r.tts_weeks)}"
                        + (" — AT RISK (TTS < TTR)" if r.at_risk else ""))
            nodes.append(Node(site_id, site.name, site.country, site.makes, x, y, radius,
                              colours[site.country], bool(r and r.at_risk), rank, rei, tip))
    edges = []
    for lk in network.links:
        x1, y1, r1 = pos[lk.source]
        x2, y2, r2 = pos[lk.target]
        x1, x2 = x1 + r1, x2 - r2 - 4
        mid = (x1 + x2) / 2
        edges.append(Edge(lk.source, lk.target,
                          f"M{x1:.1f},{y1:.1f} C{mid:.1f},{y1:.1f} {mid:.1f},{y2:.1f} "
                          f"{x2:.1f},{y2:.1f}"))
    labels = []
    for c in range(len(cols)):
        label = ("raw materials" if c == 0 else "finished products"
                 if c == len(cols) - 1 else f"stage {c + 1}")
        labels.append((MARGIN_X + c * COL_WIDTH, label))
    return GraphView(width, height, tuple(nodes), tuple(edges), tuple(labels),
                     tuple(colours.items()))


def disruption_marks(network: Network, scenario: Scenario) -> dict[str, Any]:
    """Sites a scenario hits and links it cuts, to mark on the graph."""
    eff = effects(network, scenario)
    hit = {s.id for i, s in enumerate(network.sites) if eff.capacity[i] < 1.0}
    embargo_countries = {d.country for d in scenario.disruptions if d.kind == "embargo"}
    cut = {(lk.source, lk.target) for j, lk in enumerate(network.links) if not eff.link_open[j]}
    return {"hit": hit, "cut": cut, "embargo_countries": embargo_countries}


# --------------------------------------------------------------------------- the chart


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least ``top`` (steps of 1, 2 or 5 × 10^k)."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw)
    return [i * step for i in range(math.ceil(top / step - 1e-9) + 1)]


@dataclass(frozen=True)
class ChartView:
    width: int
    height: int
    left: int
    top: int
    plot_w: int
    plot_h: int
    line: str
    area: str
    xticks: tuple[tuple[float, str], ...]
    yticks: tuple[tuple[float, str], ...]
    markers: tuple[tuple[float, str, str], ...]  # x, label, text-anchor
    points: tuple[tuple[float, float, str], ...]


def chart_view(curve: Sequence[tuple[float, float]], tts_weeks: float | None,
               duration: float, unit: str) -> ChartView:
    width, height, left, top, right, bottom = 720, 320, 96, 20, 24, 48
    pw, ph = width - left - right, height - top - bottom
    x_end = max((t for t, _ in curve), default=1.0) or 1.0
    yt = nice_ticks(max((v for _, v in curve), default=0.0))
    xt = nice_ticks(x_end, 6)
    xt = [t for t in xt if t <= x_end + 1e-9]
    y_top = yt[-1]

    def sx(t: float) -> float:
        return left + pw * t / x_end

    def sy(v: float) -> float:
        return top + ph * (1 - v / y_top)

    pts = [(sx(t), sy(v)) for t, v in curve]
    line = "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in pts)
    area = (line + f" L{pts[-1][0]:.1f},{sy(0):.1f} L{pts[0][0]:.1f},{sy(0):.1f} Z"
            if pts else "")
    marks = []
    if tts_weeks is not None and tts_weeks <= x_end:
        marks.append((sx(tts_weeks), f"time-to-survive {tts_weeks:,.2f} weeks"))
    if 0 < duration <= x_end:
        marks.append((sx(duration), f"disruption ends, {duration:g} weeks"))
    # Labels near the right edge run leftwards so they stay inside the chart.
    markers = [(x, label, "end" if x > left + 0.6 * pw else "start") for x, label in marks]
    return ChartView(
        width, height, left, top, pw, ph, line, area,
        tuple((sx(t), f"{t:g}") for t in xt),
        tuple((sy(v), fmt_short(v)) for v in yt),
        tuple(markers),
        tuple((sx(t), sy(v), f"{t:,.1f} weeks: {fmt_number(v)} {unit} lost") for t, v in curve),
    )


# --------------------------------------------------------------------------- analyses


@dataclass(frozen=True)
class Overview:
    network: Network
    ranking: tuple[SiteRisk, ...]
    exposure: ExposureReport | None
    graph: GraphView


def _stamp(path: Path) -> int:
    """A file's (or CSV folder's newest file's) modification time, for cache keys."""
    if path.is_dir():
        return max((p.stat().st_mtime_ns for p in path.iterdir()), default=0)
    return path.stat().st_mtime_ns


def analyse(network: Network) -> Overview:
    ranking = tuple(Analyzer(network).rank())
    report = exposure(network, alliance(None)) if network.products else None
    return Overview(network, ranking, report, graph_view(network, ranking))


@lru_cache(maxsize=16)
def _overview(path: str, stamp: int) -> Overview:
    del stamp  # part of the cache key only: a changed file is analysed afresh
    return analyse(get_network(path, allow_paths=True))


def bundled_overview(name: str) -> Overview:
    path = network_file(name)
    return _overview(str(path), _stamp(path))


@dataclass(frozen=True)
class ScenarioView:
    report: ScenarioReport
    scenario: Scenario
    mitigations: tuple[tuple[str, MitigationResult | None, str], ...]
    alliance: str


@lru_cache(maxsize=64)
def _scenario_view(network_path: str, network_stamp: int, scenario_path: str,
                   scenario_stamp: int, weeks: float | None) -> ScenarioView:
    del network_stamp, scenario_stamp
    network = get_network(network_path, allow_paths=True)
    scenario = get_scenario(scenario_path, network, weeks, allow_paths=True)
    report = Analyzer(network).report(scenario, points=27)
    group = alliance(None)
    mitigations: list[tuple[str, MitigationResult | None, str]] = []
    for mode in ("stock", "capacity"):
        try:
            mitigations.append((mode, mitigate(network, scenario, mode, group.members), ""))
        except SangamError as exc:
            mitigations.append((mode, None, exc.message))
    members = ", ".join(sorted(group.members))
    return ScenarioView(report, scenario, tuple(mitigations), f"{group.name} ({members})")


def _weeks(raw: str | None) -> float | None:
    if raw is None or not raw.strip():
        return None
    try:
        weeks = float(raw)
    except ValueError:
        raise InvalidInput(f"weeks {raw!r} is not a number",
                           "Give the disruption's length in weeks, e.g. 26, or leave it empty."
                           ) from None
    if not 0 <= weeks <= MAX_WEEKS:
        raise InvalidInput(f"weeks must be between 0 and {MAX_WEEKS:g}, got {weeks:g}",
                           "Give the disruption's length in weeks, e.g. 26.")
    return weeks


def _choices() -> dict[str, Any]:
    return {"networks": list(bundled_networks()), "scenarios": list(bundled_scenarios())}


def _product_rows(network: Network, view: ScenarioView) -> list[dict[str, Any]]:
    rows = []
    ttr, tts = view.report.ttr, view.report.tts
    for p in network.products:
        lost = ttr.lost_units.get(p.id, 0.0)
        rows.append({
            "id": p.id, "name": p.name, "unit": p.unit, "demand": p.demand_per_week,
            "tts": tts.per_product.get(p.id), "demand_units": ttr.demand_units.get(p.id, 0.0),
            "lost_units": lost, "lost_value": lost * p.value_per_unit,
            "stalls": tts.per_product.get(p.id) is not None
            and (tts.per_product.get(p.id) or 0.0) < view.report.duration_weeks,
        })
    return rows


# --------------------------------------------------------------------------- routes


def _overview_page(request: Request, ov: Overview, selected: str | None,
                   scenario_name: str | None, source: str) -> Response:
    marks: Mapping[str, Any] = {"hit": set(), "cut": set(), "embargo_countries": set()}
    scenario_view = None
    if scenario_name and selected:
        view = _scenario_view(*_scenario_key(selected, scenario_name, None))
        marks = disruption_marks(ov.network, view.scenario)
        scenario_view = view
    return render(
        request, "supply_overview.html", ov=ov, net=ov.network, graph=ov.graph, marks=marks,
        selected=selected, scenario_name=scenario_name or "", scenario_view=scenario_view,
        source=source, unit=currency(ov.network), fmt_weeks=fmt_weeks, fmt_number=fmt_number,
        **_choices(),
    )


def _scenario_key(network_name: str, scenario_name: str,
                  weeks: float | None) -> tuple[str, int, str, int, float | None]:
    npath, spath = network_file(network_name), scenario_file(scenario_name)
    return str(npath), _stamp(npath), str(spath), _stamp(spath), weeks


def _default(name: str | None, table: Mapping[str, Path]) -> str | None:
    return name or next(iter(table), None)


@router.get("/supply", response_class=HTMLResponse)
def supply_page(request: Request, network: str | None = None,
                scenario: str | None = None) -> Response:
    """A bundled network drawn by tier, its sites ranked by the Risk Exposure Index."""
    name = _default(network, bundled_networks())
    if name is None:
        raise InvalidInput("No bundled supply network found",
                           "Put a network YAML in data/supply/networks, or upload one.")
    return _overview_page(request, bundled_overview(name), name, scenario or None,
                          source=f"bundled network {name}")


@router.post("/supply/upload", dependencies=[Depends(verify_csrf)])
async def supply_upload(request: Request, file: UploadFile | None = None) -> Response:
    """Rank an uploaded network (YAML, the format in docs/supply.md); nothing is stored."""
    if file is None:
        raise InvalidInput("No file was chosen.", "Choose a network YAML file, then Rank.")
    data = await file.read(MAX_UPLOAD + 1)
    filename = Path(file.filename or "upload.yaml").name
    if len(data) > MAX_UPLOAD:
        raise InvalidInput(f"{filename} is larger than {MAX_UPLOAD // (1024 * 1024)} MB.",
                           "Use `sangam supply rank FILE` for large networks.")
    try:
        parsed = yaml.safe_load(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InvalidInput(f"{filename} is not readable YAML: {exc}",
                           "Upload a UTF-8 YAML file in the format of docs/supply.md.") from None
    if not isinstance(parsed, Mapping):
        raise InvalidInput(f"{filename} must hold a mapping with items, bom, sites and links",
                           "See docs/supply.md for the network format.")
    net = get_network(parsed, source=filename)
    if len(net.sites) > MAX_WEB_SITES:
        raise InvalidInput(f"{filename} has {len(net.sites):,} sites; the page ranks at most "
                           f"{MAX_WEB_SITES}.", "Use `sangam supply rank FILE` instead.")
    return _overview_page(request, analyse(net), None, None, source=f"uploaded file {filename}")


@router.get("/supply/scenario", response_class=HTMLResponse)
def scenario_page(request: Request, network: str | None = None, scenario: str | None = None,
                  weeks: str | None = None) -> Response:
    """A bundled scenario: which products stall and when, loss over time, mitigations."""
    name = _default(network, bundled_networks())
    scen = _default(scenario, bundled_scenarios())
    if name is None or scen is None:
        raise InvalidInput("No bundled supply network or scenario found",
                           "Put YAML files in data/supply/networks and data/supply/scenarios.")
    override = _weeks(weeks)
    ov = bundled_overview(name)
    view = _scenario_view(*_scenario_key(name, scen, override))
    unit = currency(ov.network)
    return render(
        request, "supply_scenario.html", ov=ov, net=ov.network, graph=ov.graph,
        marks=disruption_marks(ov.network, view.scenario), view=view,
        report=view.report, products=_product_rows(ov.network, view),
        chart=chart_view(view.report.loss_curve, view.report.tts.tts_weeks,
                         view.report.duration_weeks, unit),
        selected=name, scenario_name=scen, weeks=weeks or "", unit=unit,
        fmt_weeks=fmt_weeks, fmt_number=fmt_number, **_choices(),
    )
