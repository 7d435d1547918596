"""`sangam supply …`: supply-chain resilience from the terminal (thin over sangam.supply)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from sangam.cli.output import console, print_json
from sangam.errors import InvalidInput
from sangam.supply import minerals as minerals_mod
from sangam.supply.catalog import resolve_network, resolve_scenario, summary
from sangam.supply.model import Network
from sangam.supply.resilience import Analyzer
from sangam.supply.scenario import Scenario, parse_inline, validate

supply_app = typer.Typer(
    help="Supply-chain resilience: single points of failure, time-to-survive and "
    "time-to-recover, disruption scenarios, stockpiles.",
    no_args_is_help=True,
)

NetworkArg = Annotated[str, typer.Argument(
    help="Network YAML file, CSV folder, or a bundled network name (e.g. defence-demo).")]
ScenarioOpt = Annotated[str | None, typer.Option(
    "--scenario", "-s", help="Scenario YAML file or bundled scenario name.")]
FailOpt = Annotated[list[str] | None, typer.Option("--fail", help="Site that fails (repeatable).")]
EmbargoOpt = Annotated[list[str] | None, typer.Option(
    "--embargo", help="COUNTRY or COUNTRY:item,item that stops exporting (repeatable).")]
LossOpt = Annotated[list[str] | None, typer.Option(
    "--loss", help="SITE:FRACTION of capacity lost (repeatable).")]
WeeksOpt = Annotated[float | None, typer.Option(
    "--weeks", help="Disruption length in weeks (overrides the scenario's).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON (see DESIGN.md contracts).")]


def _scenario(network: Network, scenario: str | None, fail: list[str] | None,
              embargo: list[str] | None, loss: list[str] | None,
              weeks: float | None) -> Scenario:
    """A scenario file and/or inline disruptions, combined into one scenario."""
    inline = parse_inline(fail or [], embargo or [], loss or [])
    base = resolve_scenario(scenario) if scenario else None
    if base is None and not inline:
        raise InvalidInput("No disruption given",
                           "Pass --scenario FILE, or --fail SITE / --embargo CN:item / "
                           "--loss SITE:0.5.")
    disruptions = (base.disruptions if base else ()) + tuple(inline)
    name = base.name if base and not inline else "; ".join(d.describe() for d in disruptions)
    duration = weeks if weeks is not None else (base.duration_weeks if base else None)
    out = Scenario(name, disruptions, duration, base.description if base else "")
    validate(out, network)
    return out


def _load(network: str, scenario: str | None, fail: list[str] | None,
          embargo: list[str] | None, loss: list[str] | None,
          weeks: float | None) -> tuple[Network, Scenario]:
    net = resolve_network(network)
    return net, _scenario(net, scenario, fail, embargo, loss, weeks)


def _weeks(value: float | None) -> str:
    return "unbounded" if value is None else f"{value:,.2f}"


@supply_app.command("validate")
def validate_cmd(network: NetworkArg, json: JsonOpt = False) -> None:
    """Load and check a network; report its size."""
    net = resolve_network(network)
    if json:
        print_json({**summary(net), "valid": True})
        return
    # Names and ids come from the user's network file: escaped, never read as markup.
    console.print(f"[green]Valid[/] network [bold]{escape(net.name)}[/]: {len(net.items)} "
                  f"items, {len(net.sites)} sites, {len(net.links)} links; products "
                  + escape(f"{', '.join(p.id for p in net.products)}; countries "
                           f"{', '.join(net.countries)}."))
    if net.illustrative:
        console.print("[yellow]Illustrative network: figures are not real data.[/]")


@supply_app.command("tts")
def tts_cmd(network: NetworkArg, scenario: ScenarioOpt = None, fail: FailOpt = None,
            embargo: EmbargoOpt = None, loss: LossOpt = None, json: JsonOpt = False) -> None:
    """Time-to-survive: weeks until the first unit of demand is lost."""
    net, scen = _load(network, scenario, fail, embargo, loss, None)
    result = Analyzer(net).tts(scen)
    if json:
        print_json(result.as_dict())
        return
    console.print(f"[bold]{escape(scen.name)}[/]")
    console.print(f"Time-to-survive: [bold]{_weeks(result.tts_weeks)}[/] weeks"
                  + (" (the disruption binds nothing)" if result.unbounded else ""))
    table = Table("product", "TTS if it alone must be served (weeks)")
    for product, weeks in result.per_product.items():
        table.add_row(escape(product), _weeks(weeks))
    console.print(table)


@supply_app.command("ttr")
def ttr_cmd(network: NetworkArg, scenario: ScenarioOpt = None, fail: FailOpt = None,
            embargo: EmbargoOpt = None, loss: LossOpt = None, weeks: WeeksOpt = None,
            json: JsonOpt = False) -> None:
    """Value lost over the time-to-recover, with the best allocation of what is left."""
    net, scen = _load(network, scenario, fail, embargo, loss, weeks)
    result = Analyzer(net).ttr(scen)
    if json:
        print_json(result.as_dict())
        return
    console.print(f"[bold]{escape(scen.name)}[/] for {result.duration_weeks:g} weeks")
    console.print(f"Value lost: [bold]{result.lost_value:,.0f}[/]")
    table = Table("product", "demand (units)", "lost (units)", "delivered")
    for product, lost in result.lost_units.items():
        table.add_row(escape(product), f"{result.demand_units[product]:,.2f}", f"{lost:,.2f}",
                      f"{result.allocation['delivered'][product]:,.2f}")
    console.print(table)


@supply_app.command("rank")
def rank_cmd(network: NetworkArg, top: Annotated[int, typer.Option(
        help="Rows to show in the table (JSON has all).")] = 25, json: JsonOpt = False) -> None:
    """Fail each site alone for its time-to-recover; rank by the Risk Exposure Index."""
    net = resolve_network(network)
    analyzer = Analyzer(net)
    with Progress(console=console, transient=True, disable=json) as progress:
        task = progress.add_task("Failing each site", total=len(net.sites))
        ranked = analyzer.rank(progress=lambda n: progress.update(task, completed=n))
    if json:
        print_json({"sites": [r.as_dict() for r in ranked]})
        return
    table = Table("rank", "site", "country", "makes", "lost value", "TTS (wk)", "TTR (wk)",
                  "REI", "at risk", title=f"Risk exposure: {escape(net.name)}")
    for i, r in enumerate(ranked[:top], start=1):
        table.add_row(str(i), escape(r.id), escape(r.country), escape(r.makes),
                      f"{r.lost_value:,.0f}",
                      _weeks(r.tts_weeks), f"{r.ttr_weeks:g}", f"{r.rei:.3f}",
                      "[red]yes[/]" if r.at_risk else "no")
    console.print(table)


@supply_app.command("scenario")
def scenario_cmd(network: NetworkArg, scenario: ScenarioOpt = None, fail: FailOpt = None,
                 embargo: EmbargoOpt = None, loss: LossOpt = None, weeks: WeeksOpt = None,
                 points: Annotated[int, typer.Option(help="Points on the loss curve.")] = 14,
                 json: JsonOpt = False) -> None:
    """Run a scenario: time-to-survive, loss over its duration, and loss against duration."""
    net, scen = _load(network, scenario, fail, embargo, loss, weeks)
    report = Analyzer(net).report(scen, points=points)
    if json:
        print_json(report.as_dict())
        return
    console.print(f"[bold]{escape(scen.name)}[/] lasting {report.duration_weeks:g} weeks")
    console.print(f"Time-to-survive {_weeks(report.tts.tts_weeks)} weeks; value lost "
                  f"{report.ttr.lost_value:,.0f}")
    table = Table("if it lasts (weeks)", "value lost")
    for t, v in report.loss_curve:
        table.add_row(f"{t:,.1f}", f"{v:,.0f}")
    console.print(table)


@supply_app.command("minerals")
def minerals_cmd(code: Annotated[str | None, typer.Argument(
        help="USGS code (galli, graph, raree, …); all when omitted.")] = None,
        alliance: Annotated[str | None, typer.Option(
            help="Alliance key from alliances.yaml, or US,JP,…")] = None,
        json: JsonOpt = False) -> None:
    """Country shares and HHI of world production (USGS MCS 2024, est. 2023)."""
    if json:
        print_json(minerals_mod.report(code, alliance))
        return
    group = minerals_mod.alliance(alliance)
    rows = [m for m in minerals_mod.minerals() if code is None or m.code == code.lower()]
    if not rows:
        minerals_mod.mineral(code or "")  # raises NotFound with a hint
    if code:
        m = rows[0]
        table = Table("country", "name", f"est. 2023 ({m.unit})", "share %",
                      title=escape(f"{m.commodity}: {m.measure}"))
        for c in sorted(m.countries, key=lambda c: -(c.share_pct or 0)):
            table.add_row(escape(c.country), escape(c.name),
                          "withheld" if c.value is None else f"{c.value:,.0f}",
                          "—" if c.share_pct is None else f"{c.share_pct:.2f}")
        console.print(table)
        console.print(f"HHI {m.hhi}; {group.name}: {m.share_of(group.members)} %",
                      markup=False)
        return
    table = Table("code", "commodity", "measure", "unit", "world", "top", "share %", "HHI",
                  escape(f"{group.key} %"), title="USGS MCS 2024 world production, est. 2023")
    for m in rows:
        top = m.top()
        table.add_row(escape(m.code), escape(m.commodity), escape(m.measure[:40]),
                      escape(m.unit),
                      "n/a" if m.world_total is None else f"{m.world_total:,.0f}",
                      escape(top.country) if top else "—", f"{top.share_pct:.1f}" if top else "—",
                      "—" if m.hhi is None else f"{m.hhi:,.0f}",
                      "—" if m.world_total is None else f"{m.share_of(group.members):.1f}")
    console.print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(supply_app, name="supply")


@supply_app.command("stockpile")
def stockpile_cmd(network: NetworkArg, scenario: ScenarioOpt = None, fail: FailOpt = None,
                  embargo: EmbargoOpt = None, loss: LossOpt = None, weeks: WeeksOpt = None,
                  mode: Annotated[str, typer.Option(
                      help="stock: cheapest stockpile; capacity: cheapest extra capacity.")
                  ] = "stock",
                  alliance: Annotated[str | None, typer.Option(
                      help="Only add at sites in this alliance (key or US,JP,…).")] = None,
                  item: Annotated[list[str] | None, typer.Option(
                      help="Items to stock or expand (default: raw materials).")] = None,
                  json: JsonOpt = False) -> None:
    """Smallest stockpile, or extra allied capacity, keeping TTS at or above the TTR."""
    from sangam.supply.mitigation import mitigate

    net, scen = _load(network, scenario, fail, embargo, loss, weeks)
    allies = minerals_mod.alliance(alliance).members if alliance else None
    result = mitigate(net, scen, mode, allies, item)
    if json:
        print_json(result.as_dict())
        return
    console.print(f"[bold]{escape(scen.name)}[/] for {result.duration_weeks:g} weeks: "
                  f"{escape(result.message)}")
    if not result.feasible:
        return
    table = Table("site", "country", "item", "units" if mode == "stock" else "units/week",
                  "cost")
    for a in result.additions:
        table.add_row(escape(a.site), escape(a.country), escape(a.item), f"{a.units:,.4f}",
                      f"{a.cost:,.2f}")
    console.print(table)
    console.print(f"Total cost {result.total_cost:,.2f}; time-to-survive "
                  f"{_weeks(result.tts_before)} → {_weeks(result.tts_after)} weeks")


@supply_app.command("exposure")
def exposure_cmd(network: NetworkArg, alliance: Annotated[str | None, typer.Option(
        help="Alliance key or US,JP,… (default from alliances.yaml).")] = None,
        json: JsonOpt = False) -> None:
    """Share of each product's output depending on one site, one country, or non-allies."""
    from sangam.supply.exposure import exposure

    report = exposure(resolve_network(network), minerals_mod.alliance(alliance))
    if json:
        print_json(report.as_dict())
        return
    table = Table("product", "worst single site", "share", "countries (share lost)",
                  escape(f"non-{report.alliance}"), "single-site inputs")
    for p in report.products:
        table.add_row(escape(p.product), escape(p.worst_site or "—"), f"{p.worst_site_share:.0%}",
                      escape(", ".join(f"{c} {v:.0%}" for c, v in sorted(p.by_country.items()))),
                      f"{p.non_allied_share:.0%}", escape(", ".join(p.single_site_items) or "—"))
    console.print(table)
    items = Table("item", "tier", "sites", "HHI", "non-allied capacity %", title="Items")
    for r in report.items:
        items.add_row(escape(str(r["item"])), str(r["tier"]), str(r["sites"]), f"{r['hhi']:,.0f}",
                      f"{r['non_allied_capacity_pct']:.1f}")
    console.print(items)


@supply_app.command("montecarlo")
def montecarlo_cmd(network: NetworkArg, scenario: ScenarioOpt = None, fail: FailOpt = None,
                   embargo: EmbargoOpt = None, loss: LossOpt = None,
                   samples: Annotated[int, typer.Option(help="Samples per scenario.")] = 200,
                   seed: int = 0,
                   dask: Annotated[str | None, typer.Option(
                       help="Dask scheduler, e.g. tcp://scheduler:8786.")] = None,
                   json: JsonOpt = False) -> None:
    """Expected and tail (95 %) loss over uncertain recovery times; all sites by default."""
    from sangam.supply.montecarlo import monte_carlo

    net = resolve_network(network)
    scen = (_scenario(net, scenario, fail, embargo, loss, None)
            if scenario or fail or embargo or loss else None)
    result = monte_carlo(net, scen, samples=samples, seed=seed, dask_address=dask)
    if json:
        print_json(result.as_dict())
        return
    table = Table("scenario", "mean weeks", "expected loss", "VaR 95 %", "CVaR 95 %",
                  "P(loss)")
    for r in result.rows:
        table.add_row(escape(r.scenario), f"{r.mean_duration:.1f}", f"{r.expected_loss:,.0f}",
                      f"{r.var95:,.0f}", f"{r.cvar95:,.0f}", f"{r.p_any_loss:.0%}")
    console.print(table)
