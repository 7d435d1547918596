"""Find networks and scenarios by path, by the name of a bundled file, or given inline.

The faces accept either a path (``my/network.yaml``, a CSV folder; the CLI only), the name of
a network shipped in ``data/supply/networks`` (``defence-demo``), or (API) the network as the
YAML-shaped mapping itself. Resolving references lives here, once, so the CLI, API and web
pages answer the same question the same way and report the same errors.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

from sangam.errors import NotFound
from sangam.supply.loader import load_network, network_from_mapping
from sangam.supply.minerals import supply_data_dir
from sangam.supply.model import Network
from sangam.supply.scenario import Scenario, load_scenario, scenario_from_mapping, validate

#: A reference to a network or scenario: a bundled name, a path (CLI), or the mapping inline.
Ref = str | Mapping[str, Any]


def networks_dir() -> Path:
    return supply_data_dir() / "networks"


def scenarios_dir() -> Path:
    return supply_data_dir() / "scenarios"


def _slug(path: Path) -> str:
    return path.stem.replace("_", "-")


def bundled_networks() -> dict[str, Path]:
    folder = networks_dir()
    if not folder.is_dir():
        return {}
    return {_slug(p): p for p in sorted(folder.iterdir())
            if p.suffix in (".yaml", ".yml") or (p.is_dir() and (p / "sites.csv").exists())}


def bundled_scenarios() -> dict[str, Path]:
    folder = scenarios_dir()
    if not folder.is_dir():
        return {}
    return {_slug(p): p for p in sorted(folder.glob("*.y*ml"))}


def network_file(name: str) -> Path:
    """The file (or CSV folder) of a bundled network; NotFound naming the choices."""
    return _bundled("network", name, bundled_networks(), allow_paths=False)


def scenario_file(name: str) -> Path:
    """The file of a bundled scenario; NotFound naming the choices."""
    return _bundled("scenario", name, bundled_scenarios(), allow_paths=False)


def _bundled(kind: str, ref: str, table: Mapping[str, Path], allow_paths: bool) -> Path:
    """The file a name (or, when allowed, a path) refers to; NotFound naming the choices."""
    if allow_paths and Path(ref).exists():
        return Path(ref)
    if ref in table:
        return table[ref]
    choices = ", ".join(table) or "(none bundled)"
    if allow_paths:
        hint = f"Give a path to a YAML file{' or CSV folder' if kind == 'network' else ''}, " \
               f"or one of: {choices}"
        raise NotFound(f"No {kind} file or bundled {kind} named {ref!r}", hint)
    raise NotFound(f"No bundled {kind} named {ref!r}",
                   f"Use one of {choices}, or send the {kind} inline.")


def get_network(ref: Ref, *, allow_paths: bool = False, source: str = "request.network") -> Network:
    """A validated network from a bundled name, an inline mapping, or (``allow_paths``) a path.

    Paths are only for the CLI: a server must never read files a request names.
    """
    if isinstance(ref, Mapping):
        return network_from_mapping(ref, source=source)
    return load_network(_bundled("network", ref, bundled_networks(), allow_paths))


def get_scenario(ref: Ref, network: Network | None = None, weeks: float | None = None, *,
                 allow_paths: bool = False, source: str = "request.scenario") -> Scenario:
    """A scenario, its duration overridden by ``weeks``, checked against ``network`` if given."""
    if isinstance(ref, Mapping):
        scenario = scenario_from_mapping(ref, source=source)
    else:
        scenario = load_scenario(_bundled("scenario", ref, bundled_scenarios(), allow_paths))
    if weeks is not None:
        scenario = Scenario(scenario.name, scenario.disruptions, weeks, scenario.description,
                            scenario.extra)
    if network is not None:
        validate(scenario, network, source=source if isinstance(ref, Mapping) else str(ref))
    return scenario


def resolve_network(name_or_path: str) -> Network:
    """CLI form: a path to a YAML file or CSV folder, or a bundled network name."""
    return get_network(name_or_path, allow_paths=True)


def resolve_scenario(name_or_path: str) -> Scenario:
    """CLI form: a path to a YAML scenario, or a bundled scenario name."""
    return get_scenario(name_or_path, allow_paths=True)


def summary(network: Network) -> dict[str, Any]:
    """Size and shape of a network, as `supply validate --json` and the API list it."""
    return {"name": network.name, "description": network.description,
            "illustrative": network.illustrative, "items": len(network.items),
            "sites": len(network.sites), "links": len(network.links),
            "products": [p.id for p in network.products], "countries": list(network.countries)}


def network_as_mapping(network: Network) -> dict[str, Any]:
    """The network in the inline (YAML-shaped) form that :func:`get_network` reads back."""
    return {
        "name": network.name, "description": network.description,
        "illustrative": network.illustrative,
        "items": [asdict(i) for i in network.items.values()],
        "bom": [asdict(b) for b in network.bom],
        "sites": [{k: v for k, v in asdict(s).items() if not (k == "ttr_dist" and v is None)}
                  for s in network.sites],
        "links": [{"from": lk.source, "to": lk.target} for lk in network.links],
    }
