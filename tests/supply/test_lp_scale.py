"""The fast time-to-survive paths give the answer of the plain, unreduced programme.

``TtsModel.solve`` prunes the programme (``reduce_tts``) and solves what is left by dual
simplex, or by interior point when it is large; sweeps re-solve the full programme warm.
Both generated structures are used: the random wiring and programmes over shared tiers.
Each is compared here with a reference built independently in the test: the whole
per-week programme (every site, link and delivery, the stock column dense) handed to
scipy's ``linprog``. Networks are generated with fixed seeds, so a failure reproduces.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from supply_helpers import build, part, product, raw, reference_tts, same, scenarios, site

import sangam.supply.lp as lp
from sangam.errors import InvalidInput
from sangam.supply.generate import generate, generate_mapping
from sangam.supply.layout import build_layout
from sangam.supply.loader import network_from_mapping
from sangam.supply.lp import TtsModel, reduce_tts
from sangam.supply.model import Network
from sangam.supply.scenario import (
    Disruption,
    Effects,
    Scenario,
    effects,
    site_failure,
)


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_pruned_cold_solve_equals_unreduced_programme(seed: int) -> None:
    network = generate(300, seed=seed, sites_per_item=10)
    lay = build_layout(network)
    rng = np.random.default_rng(seed)
    pruned_something = False
    for scenario in scenarios(network, rng):
        eff = effects(network, scenario)
        model = TtsModel(lay)
        for only in (None, 0):
            got = model.solve(eff, only_product=only)
            want = reference_tts(network, eff, only)
            assert same(got.weeks, want), (scenario.name, only, got, want)
            assert got.unbounded == (want is None)
        red = reduce_tts(lay, lay.capacity * eff.capacity, eff.stock, eff.link_open,
                         eff.delivery_open, lay.demand)
        pruned_something |= red.size[0] < lay.n_sites
    assert pruned_something, "the generated networks should have sites that reach no demand"


@pytest.mark.parametrize("seed", [5, 6])
def test_interior_point_path_equals_unreduced_programme(seed: int,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Force interior point (no crossover) on every size: still the simplex answer."""
    monkeypatch.setattr(lp, "IPM_MIN_COLS", 0)
    network = generate(400, seed=seed, sites_per_item=10)
    lay = build_layout(network)
    for scenario in scenarios(network, np.random.default_rng(seed)):
        eff = effects(network, scenario)
        got = TtsModel(lay).solve(eff)
        assert TtsModel(lay).solve(eff) == got
        want = reference_tts(network, eff)
        assert same(got.weeks, want, rel=1e-6), (scenario.name, got, want)


def test_warm_sweep_equals_cold_solves() -> None:
    """After snapshot/restore the full programme is re-solved warm: same answers."""
    network = generate(300, seed=7, sites_per_item=10)
    lay = build_layout(network)
    warm = TtsModel(lay)
    warm.solve(effects(network, Scenario("none", ())))
    basis = warm.snapshot()
    assert basis is not None
    for s in network.sites[::37]:
        eff = effects(network, site_failure(s.id))
        warm.restore(basis)
        got = warm.solve(eff)
        cold = TtsModel(lay).solve(eff)
        assert same(got.weeks, cold.weeks), (s.id, got, cold)


def small() -> Network:
    """ore (mine, CN 10/wk; mine2, AU 5/wk) and dust (dustpit, used by nothing) -> bar (mill,
    JP 1/wk from mine, stock 6; idle-mill, JP 4/wk from mine2; pile, IN, stock 4 only) ->
    kit (asm, US, 2 bars per kit, demand 1/wk = 2 bars/wk)."""
    return build(
        [raw("ore"), raw("dust"), part("bar"), product("kit", 1, 50)],
        [{"parent": "bar", "child": "ore", "quantity": 1},
         {"parent": "kit", "child": "bar", "quantity": 2}],
        [site("mine", "CN", "ore", 10), site("mine2", "AU", "ore", 5),
         site("dustpit", "AU", "dust", 5),
         site("mill", "JP", "bar", 1, stock=6), site("idle-mill", "JP", "bar", 4),
         site("pile", "IN", "bar", 0, stock=4), site("asm", "US", "kit", 5)],
        [("mine", "mill"), ("mine2", "idle-mill"), ("mill", "asm"), ("idle-mill", "asm"),
         ("pile", "asm")],
    )


def masks(network: Network, eff: Effects) -> tuple[set[str], set[str], lp.Reduction]:
    lay = build_layout(network)
    red = reduce_tts(lay, lay.capacity * eff.capacity, eff.stock, eff.link_open,
                     eff.delivery_open, lay.demand)
    ids = [s.id for s in network.sites]
    return ({ids[i] for i in np.nonzero(red.sites)[0]},
            {ids[i] for i in np.nonzero(red.produce)[0]}, red)


def test_reduction_by_hand() -> None:
    """mine2 fails. dustpit reaches no product; idle-mill's only ore supplier is gone and it
    holds no stock: both go with mine2. The pile keeps only its stock. Bars needed 2/wk, the
    mill makes 1/wk: stock 6 + 4 = 10 bars, deficit 1/wk, so TTS = 10 weeks. With both mines
    failed the mill cannot produce either: 10 bars at 2/wk last 5 weeks. Intact, idle-mill
    adds 4 bars/wk: 5 >= 2, unbounded."""
    network = small()
    lay = build_layout(network)
    eff = effects(network, site_failure("mine2"))
    kept, producing, red = masks(network, eff)
    assert kept == {"mine", "mill", "pile", "asm"}
    assert producing == {"mine", "mill", "asm"}
    assert red.size == (4, 3) and not red.infeasible
    assert TtsModel(lay).solve(eff).weeks == pytest.approx(10.0)
    assert TtsModel(lay).solve(eff, only_product=0).weeks == pytest.approx(10.0)
    both = effects(network, Scenario("both", (Disruption("site_failure", site="mine"),
                                              Disruption("site_failure", site="mine2"))))
    kept, producing, _ = masks(network, both)
    assert kept == {"mill", "pile", "asm"} and producing == {"asm"}
    assert TtsModel(lay).solve(both).weeks == pytest.approx(5.0)
    assert reference_tts(network, both) == pytest.approx(5.0)
    intact = effects(network, Scenario("none", ()))
    assert TtsModel(lay).solve(intact) == lp.TtsSolution(None, True)


def test_no_delivery_left_is_zero_weeks_without_a_solve() -> None:
    """asm fails: kit demand has no delivery site, so time-to-survive is 0 (not unbounded)."""
    network = small()
    eff = effects(network, site_failure("asm"))
    _, _, red = masks(network, eff)
    assert red.infeasible
    assert TtsModel(build_layout(network)).solve(eff) == lp.TtsSolution(0.0, False)
    assert reference_tts(network, eff) == 0.0


def test_unbounded_decided_on_a_vertex_under_interior_point(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Interior point would leave tau at a tiny positive number when nothing binds; the
    crossover check reports unbounded. A binding case keeps its 10 weeks."""
    monkeypatch.setattr(lp, "IPM_MIN_COLS", 0)
    network = small()
    lay = build_layout(network)
    intact = effects(network, Scenario("none", ()))
    assert TtsModel(lay).solve(intact) == lp.TtsSolution(None, True)
    assert reference_tts(network, intact) is None
    assert TtsModel(lay).solve(effects(network, site_failure("mine2"))).weeks == pytest.approx(
        10.0, rel=1e-7)


def programme_network(seed: int) -> Network:
    """Three programmes of ~200 sites over shared raw materials and common parts."""
    return generate(600, seed=seed, structure="programmes", programme_sites=200,
                    sites_per_item=10)


@pytest.mark.parametrize("seed", [11, 12])
def test_programme_networks_cold_and_interior_equal_unreduced_programme(
        seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The programme structure gives LPs of another shape (shared bottom tiers, approved
    supplier lists); the pruned simplex and the forced interior-point paths still give the
    unreduced programme's answer, overall and for one product."""
    network = programme_network(seed)
    lay = build_layout(network)
    for scenario in scenarios(network, np.random.default_rng(seed)):
        eff = effects(network, scenario)
        for only in (None, 1):
            want = reference_tts(network, eff, only)
            monkeypatch.setattr(lp, "IPM_MIN_COLS", 20_000)
            simplex = TtsModel(lay).solve(eff, only_product=only)
            monkeypatch.setattr(lp, "IPM_MIN_COLS", 0)
            interior = TtsModel(lay).solve(eff, only_product=only)
            assert same(simplex.weeks, want), (scenario.name, only, simplex, want)
            assert same(interior.weeks, want), (scenario.name, only, interior, want)


def test_programme_generator_is_connected_valid_and_deterministic() -> None:
    """Five programmes of ~400 sites: the mapping loads through the validating loader, is the
    same for the same seed and differs for another, the site graph is one connected
    component, every site that is not a product site ships to someone, every input has at
    least two linked suppliers when its item has two sites, and some raw material is bought
    by more than one programme (the shared tier ties them together)."""
    mapping = generate_mapping(2000, seed=3, structure="programmes", programme_sites=400,
                               sites_per_item=10)
    assert mapping == generate_mapping(2000, seed=3, structure="programmes",
                                       programme_sites=400, sites_per_item=10)
    assert mapping != generate_mapping(2000, seed=4, structure="programmes",
                                       programme_sites=400, sites_per_item=10)
    network = network_from_mapping(mapping, source="test")
    assert len(network.sites) == 2000
    programmes = {i.split("-")[0] for i in network.items if i.startswith("p")}
    assert programmes == {f"p{k}" for k in range(5)}
    idx = network.site_index
    src = np.array([idx[lk.source] for lk in network.links])
    dst = np.array([idx[lk.target] for lk in network.links])
    graph = sp.coo_matrix((np.ones(len(src)), (src, dst)), shape=(2000, 2000))
    count, _ = connected_components(graph, directed=False)
    assert count == 1
    shipping = set(src.tolist())
    for k, s in enumerate(network.sites):
        kind = network.items[s.makes].kind
        assert kind == "product" or k in shipping, s.id
    sites_of: dict[str, int] = {}
    for s in network.sites:
        sites_of[s.makes] = sites_of.get(s.makes, 0) + 1
    for s in network.sites:
        supplied: dict[str, int] = {}
        for sup in network.suppliers[s.id]:
            item = network.site_by_id[sup].makes
            supplied[item] = supplied.get(item, 0) + 1
        for line in network.inputs.get(s.makes, ()):
            assert supplied.get(line.child, 0) >= min(2, sites_of[line.child]), (s.id, line)
    buyers_of_raw: dict[str, set[str]] = {}
    for lk in network.links:
        source = network.site_by_id[lk.source]
        target = network.site_by_id[lk.target]
        if source.makes.startswith("raw-") and target.makes.startswith("p"):
            buyers_of_raw.setdefault(source.makes, set()).add(target.makes.split("-")[0])
    assert max(len(b) for b in buyers_of_raw.values()) >= 2


def test_unknown_structure_is_a_user_error() -> None:
    with pytest.raises(InvalidInput):
        generate(100, structure="tree")
    with pytest.raises(InvalidInput):
        generate(100, programme_sites=50)
