"""Find networks and scenarios by path or by the name of a bundled file.

The faces accept either a path (``my/network.yaml``, a CSV folder) or the name of a network
shipped in ``data/supply/networks`` (``defence-demo``), so the demonstration works with no
files of one's own.
"""

from __future__ import annotations

from pathlib import Path

from sangam.errors import NotFound
from sangam.supply.loader import load_network
from sangam.supply.minerals import supply_data_dir
from sangam.supply.model import Network
from sangam.supply.scenario import Scenario, load_scenario


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


def resolve_network(name_or_path: str) -> Network:
    path = Path(name_or_path)
    if path.exists():
        return load_network(path)
    bundled = bundled_networks()
    if name_or_path in bundled:
        return load_network(bundled[name_or_path])
    raise NotFound(f"No network file or bundled network named {name_or_path!r}",
                   "Give a path to a YAML file or CSV folder, or one of: "
                   + (", ".join(bundled) or "(none bundled)"))


def resolve_scenario(name_or_path: str) -> Scenario:
    path = Path(name_or_path)
    if path.exists():
        return load_scenario(path)
    bundled = bundled_scenarios()
    if name_or_path in bundled:
        return load_scenario(bundled[name_or_path])
    raise NotFound(f"No scenario file or bundled scenario named {name_or_path!r}",
                   "Give a path to a YAML scenario, or one of: "
                   + (", ".join(bundled) or "(none bundled)"))
