"""The local time-to-survive solve (sangam.supply.local_tts) gives the whole programme's answer.

The local path is normally used only above ``LOCAL_MIN_COLS`` columns; these tests force it on
small networks (``local_min_cols = 0``) and compare with the unreduced programme solved by
scipy's HiGHS, on hand-computed networks and on seeded generated ones.
"""

from __future__ import annotations

import numpy as np
import pytest
from supply_helpers import build, product, raw, reference_tts, same, scenarios, site

from sangam.supply.generate import generate
from sangam.supply.layout import build_layout
from sangam.supply.local_tts import Completer, disturbed_sites, downstream_products
from sangam.supply.lp import TtsModel
from sangam.supply.model import Network
from sangam.supply.scenario import Disruption, Scenario, effects, embargo, site_failure


def local_model(network: Network) -> TtsModel:
    model = TtsModel(build_layout(network))
    model.local_min_cols = 0
    return model


def two_products(shared: bool) -> Network:
    """Raw r from mines R1 (8/week) and R2 (6/week); product A (6/week) made at SA (stock
    10) from R1 and R2; product B (3/week) made at SB (stock 20) from R1 when ``shared``,
    else from its own mine R3 (5/week). Every unit of a product takes one unit of r."""
    sites = [site("R1", "US", "r", 8), site("R2", "JP", "r", 6), site("R3", "IN", "r", 5),
             site("SA", "US", "A", 100, stock=10), site("SB", "US", "B", 100, stock=20)]
    return build(
        [raw("r"), product("A", 6, 1), product("B", 3, 1)],
        [{"parent": "A", "child": "r", "quantity": 1}, {"parent": "B", "child": "r",
                                                        "quantity": 1}],
        sites,
        [("R1", "SA"), ("R2", "SA"), ("R1" if shared else "R3", "SB")],
    )


def test_shared_mine_makes_the_local_solve_grow_to_the_whole_programme() -> None:
    """R2 fails. Only A is downstream of R2, but B draws on the same mine R1.

    By hand: R1's 8/week must cover A's 6 and B's 3, a shortfall of 1/week met from stock
    that only serves its own product: 6t <= a t + 10, 3t <= b t + 20, a + b <= 8, so
    9t <= 8t + 30 and time-to-survive is 30 weeks (a = 5.667, b = 2.333).

    The first local round serves B from R1 first (3/week), leaving A 5/week: an upper bound of
    10 weeks' survival, while A alone with all of R1 survives forever. The bounds differ; R1
    is full and serves B, so B joins the affected products and the answer is the whole
    programme's 30 weeks, not the first round's 10.
    """
    network = two_products(shared=True)
    model = local_model(network)
    got = model.solve(effects(network, site_failure("R2")))
    assert got.weeks == pytest.approx(30.0, rel=1e-7)
    assert model.last_stats["affected_products"] == 2
    assert reference_tts(network, effects(network, site_failure("R2"))) == pytest.approx(30.0)


def test_separate_mines_are_proven_in_one_round_on_the_affected_product_alone() -> None:
    """B has its own mine R3, so R2 failing touches A alone: A gets R1's 8/week and survives
    forever... unless R1 is smaller. With R1 failing instead, A has R2's 6/week, exactly its
    demand: unbounded. With R1 at 70 % loss (2.4/week) and R2 failed: A needs 6t <= 2.4t + 10,
    t = 10 / 3.6 = 2.7778 weeks, decided on A alone in one round (the bounds meet)."""
    network = two_products(shared=False)
    model = local_model(network)
    assert model.solve(effects(network, site_failure("R1"))).unbounded
    both = Scenario("both", (Disruption("site_failure", site="R2"),
                             Disruption("capacity_loss", site="R1", fraction=0.7)))
    got = model.solve(effects(network, both))
    assert got.weeks == pytest.approx(10 / 3.6, rel=1e-7)
    assert model.last_stats["local_rounds"] == 1
    assert model.last_stats["affected_products"] == 1


def test_affected_products_are_those_downstream_of_a_disturbed_site() -> None:
    network = two_products(shared=False)
    lay = build_layout(network)
    eff = effects(network, site_failure("R3"))
    seeds = disturbed_sites(lay, eff)
    assert [network.sites[i].id for i in np.nonzero(seeds)[0]] == ["R3"]
    assert downstream_products(lay, seeds, eff.link_open).tolist() == [False, True]


def test_completion_serves_every_product_within_capacity_and_reports_what_blocks_it() -> None:
    """On an intact generated network the built flow meets every row of the programme with
    no stock; with the only supplier of a product closed, it names the blocked site."""
    network = generate(600, seed=21, structure="programmes", programme_sites=200,
                       sites_per_item=10)
    lay = build_layout(network)
    eff = effects(network, Scenario("none", ()))
    completer = Completer(lay)
    done = completer.complete(lay.capacity, eff.link_open, eff.delivery_open, lay.demand)
    assert done.values is not None
    assert completer.feasible(done.values, 0.0, lay.capacity, eff, lay.demand)
    assert np.all(done.values[:lay.n_sites] <= lay.capacity * (1 + 1e-9))

    small = two_products(shared=False)
    lay = build_layout(small)
    eff = effects(small, site_failure("R3"))
    done = Completer(lay).complete(lay.capacity * eff.capacity, eff.link_open,
                                   eff.delivery_open, lay.demand)
    assert done.values is None
    assert [small.sites[i].id for i in np.nonzero(done.overloaded)[0]] == ["SB"]


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_local_solve_equals_unreduced_programme_on_programme_networks(seed: int) -> None:
    """Site failures, a partial loss, country embargoes and single-material embargoes on
    networks of three programmes: the local answer is the unreduced programme's. Some answers
    must be finite, so the bracket is really closed and not only the unbounded shortcut."""
    network = generate(600, seed=seed, structure="programmes", programme_sites=200,
                       sites_per_item=10)
    rng = np.random.default_rng(seed)
    raws = sorted({s.makes for s in network.sites if network.items[s.makes].kind == "raw"})
    chosen = scenarios(network, rng) + [
        embargo(country, [str(item)]) for country in ("CN", "US")
        for item in rng.choice(raws, size=4, replace=False)]
    model = local_model(network)
    finite = 0
    for scenario in chosen:
        eff = effects(network, scenario)
        got = model.solve(eff)
        want = reference_tts(network, eff)
        assert same(got.weeks, want), (scenario.name, got, want)
        finite += want is not None and want > 0
    assert finite >= 2


@pytest.mark.parametrize("seed", [1, 2])
def test_local_solve_equals_unreduced_programme_on_random_wiring(seed: int) -> None:
    """Random wiring reaches most products from any site, so the local solve mostly grows to
    the whole programme; the answer must still be the unreduced one."""
    network = generate(300, seed=seed, sites_per_item=10)
    model = local_model(network)
    for scenario in scenarios(network, np.random.default_rng(seed)):
        eff = effects(network, scenario)
        got = model.solve(eff)
        assert same(got.weeks, reference_tts(network, eff)), scenario.name
