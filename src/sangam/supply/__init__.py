"""Supply-chain resilience: concentration, single points of failure, time-to-survive and
time-to-recover linear programmes, disruption scenarios and mitigations.

Usable as a library::

    from sangam.supply import Analyzer, load_network, embargo
    net = load_network("data/supply/networks/defence_demo.yaml")
    Analyzer(net).tts(embargo("CN", ["gallium"], 26))
"""

from sangam.supply.loader import load_network, network_from_mapping
from sangam.supply.model import BomLine, Item, Link, Network, Site
from sangam.supply.resilience import Analyzer, SiteRisk, TtrResult, TtsResult
from sangam.supply.scenario import (
    Disruption,
    Scenario,
    combine,
    embargo,
    load_scenario,
    scenario_from_mapping,
    site_failure,
)

__all__ = [
    "Analyzer",
    "BomLine",
    "Disruption",
    "Item",
    "Link",
    "Network",
    "Scenario",
    "Site",
    "SiteRisk",
    "TtrResult",
    "TtsResult",
    "combine",
    "embargo",
    "load_network",
    "load_scenario",
    "network_from_mapping",
    "scenario_from_mapping",
    "site_failure",
]
