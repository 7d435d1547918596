"""Time-to-survive and time-to-recover on networks small enough to solve by hand."""

from __future__ import annotations

import pytest
from supply_helpers import build, part, product, raw, site

from sangam.supply import Analyzer, Scenario, combine, embargo, site_failure
from sangam.supply.scenario import Disruption


def chain(ga_jp_cap: float = 2.0, fab_stock: float = 8.0):  # type: ignore[no-untyped-def]
    """ga (CN 10/wk, JP 2/wk) -> fab (JP, 2 ga per chip, 10/wk, stock 8 chips) -> asm (US,
    4 chips per radar, 2/wk) ; radar demand 1/wk worth 100."""
    return build(
        [raw("ga"), part("chip"), product("radar", 1, 100)],
        [{"parent": "chip", "child": "ga", "quantity": 2},
         {"parent": "radar", "child": "chip", "quantity": 4}],
        [site("ga-cn", "CN", "ga", 10, ttr=20), site("ga-jp", "JP", "ga", ga_jp_cap, ttr=20),
         site("fab", "JP", "chip", 10, stock=fab_stock, ttr=10),
         site("asm", "US", "radar", 2, ttr=5)],
        [("ga-cn", "fab"), ("ga-jp", "fab"), ("fab", "asm")],
    )


def test_embargo_tts_and_ttr_by_hand() -> None:
    """CN stops gallium. JP gives 2 kg/wk = 1 chip/wk; fab holds 8 chips; radar needs 4/wk.
    Chips by week t: 8 + t >= 4t  =>  t <= 8/3 weeks.
    Over 20 weeks: 8 + 20 = 28 chips = 7 radars of 20 demanded: 13 lost, value 1,300."""
    a = Analyzer(chain())
    tts = a.tts(embargo("CN", ["ga"]))
    assert tts.tts_weeks == pytest.approx(8 / 3, abs=1e-6)
    assert not tts.unbounded
    ttr = a.ttr(embargo("CN", ["ga"], 20))
    assert ttr.lost_value == pytest.approx(1300)
    assert ttr.lost_units["radar"] == pytest.approx(13)
    assert ttr.allocation["delivered"]["radar"] == pytest.approx(7)


def test_disruption_binding_nothing_is_unbounded_not_a_big_number() -> None:
    """ga-jp fails; ga-cn alone gives 10 kg/wk = 5 chips/wk >= 4 needed: survives forever."""
    result = Analyzer(chain()).tts(site_failure("ga-jp"))
    assert result.unbounded is True
    assert result.tts_weeks is None
    assert result.per_product == {"radar": None}


def test_stock_inside_embargoing_country_is_unavailable() -> None:
    """Same chain but the chip stock (8) sits at the fab in JP, and JP embargoes chips.
    Nothing reaches the US assembler: TTS 0, and over 5 weeks all 5 radars (500) are lost.
    Were the stock usable it would cover 2 weeks; an embargo of gallium by JP changes nothing
    (the fab is in JP itself, flows inside a country go on): unbounded."""
    a = Analyzer(chain())
    assert a.tts(embargo("JP", ["chip"])).tts_weeks == 0.0
    assert a.ttr(embargo("JP", ["chip"], 5)).lost_value == pytest.approx(500)
    assert a.tts(embargo("JP", ["ga"])).unbounded


def test_site_failure_loses_stock_unless_it_survives() -> None:
    """fab fails for 10 weeks. Default: its 8 chips are lost too, so TTS 0, all 10 radars
    lost (1,000). With stock_survives the 8 chips cover 2 radars: TTS 2, loss 800."""
    a = Analyzer(chain())
    assert a.tts(site_failure("fab")).tts_weeks == 0.0
    assert a.ttr(site_failure("fab", 10)).lost_value == pytest.approx(1000)
    keep = Scenario("fab fire", (Disruption("site_failure", site="fab", stock_survives=True),),
                    10)
    assert a.tts(keep).tts_weeks == pytest.approx(2.0)
    assert a.ttr(keep).lost_value == pytest.approx(800)


def test_two_materials_scarcer_one_limits() -> None:
    """A cell needs 1 anode + 2 lithium. Anode 10/wk, lithium 8/wk -> 4 cells/wk; demand 5
    cells/wk worth 10. Over 10 weeks 40 made, 10 lost = 100. TTS with no stock: 0."""
    net = build(
        [raw("anode"), raw("li"), product("cell", 5, 10)],
        [{"parent": "cell", "child": "anode", "quantity": 1},
         {"parent": "cell", "child": "li", "quantity": 2}],
        [site("an", "IN", "anode", 10), site("li", "AU", "li", 8), site("c", "JP", "cell", 100)],
        [("an", "c"), ("li", "c")],
    )
    a = Analyzer(net)
    base = Scenario("nothing", (Disruption("capacity_loss", site="c", fraction=0.0),), 10)
    assert a.ttr(base).lost_value == pytest.approx(100)
    assert a.tts(base).tts_weeks == 0.0


def test_alternative_suppliers_add_up() -> None:
    """Two refiners of 3 and 2 kg/wk feed one fab needing 4 kg/wk (1 kg per unit, demand 4):
    together 5 >= 4 so no loss; losing the 3 kg/wk one leaves 2: over 10 weeks 20 of 40
    units lost. Losing the 2 kg/wk one leaves 3 (10 lost). Losing both loses all 40."""
    net = build(
        [raw("ga"), product("chip", 4, 1)],
        [{"parent": "chip", "child": "ga", "quantity": 1}],
        [site("r1", "JP", "ga", 3), site("r2", "KR", "ga", 2), site("fab", "US", "chip", 9)],
        [("r1", "fab"), ("r2", "fab")],
    )
    a = Analyzer(net)
    assert a.ttr(site_failure("r1", 10)).lost_units["chip"] == pytest.approx(20)
    assert a.ttr(site_failure("r2", 10)).lost_units["chip"] == pytest.approx(10)
    both = combine([site_failure("r1"), site_failure("r2")], 10)
    assert a.ttr(both).lost_units["chip"] == pytest.approx(40)


def test_scarce_supply_goes_to_most_value_per_unit_of_bottleneck() -> None:
    """Gallium 10 kg/wk feeds two products: A uses 1 kg worth 10 (10 per kg), B uses 5 kg
    worth 30 (6 per kg). Demand A 6/wk, B 2/wk needs 16 kg/wk. Over 1 week the LP serves
    A fully (6 kg, 60) and B with the other 4 kg (0.8 units, 24): lost B 1.2 units = 36.
    Serving B first (2 units = 10 kg, no A) would lose the 60 of A instead: worse."""
    net = build(
        [raw("ga"), product("a", 6, 10), product("b", 2, 30)],
        [{"parent": "a", "child": "ga", "quantity": 1},
         {"parent": "b", "child": "ga", "quantity": 5}],
        [site("ga", "CN", "ga", 10), site("pa", "US", "a", 100), site("pb", "US", "b", 100)],
        [("ga", "pa"), ("ga", "pb")],
    )
    result = Analyzer(net).ttr(Scenario("none", (Disruption("capacity_loss", site="ga",
                                                             fraction=0.0),), 1))
    assert result.lost_units["a"] == pytest.approx(0)
    assert result.lost_units["b"] == pytest.approx(1.2)
    assert result.lost_value == pytest.approx(36)


def test_partial_capacity_loss() -> None:
    """fab keeps 25 % of 10 chips/wk = 2.5/wk (gallium plentiful); radar needs 4 chips/wk.
    Stock 8: 8 + 2.5 t >= 4 t  =>  t <= 16/3 weeks."""
    tts = Analyzer(chain()).tts(Scenario("fab at 25%", (
        Disruption("capacity_loss", site="fab", fraction=0.75),)))
    assert tts.tts_weeks == pytest.approx(16 / 3, abs=1e-6)


def test_rank_orders_by_rei_and_flags_at_risk() -> None:
    """Failures for each site's own TTR: asm 5 wk, no stock: 500 lost, TTS 0;
    fab 10 wk: 1,000 lost (stock lost with it), TTS 0; ga-cn 20 wk: from the embargo test
    1,300 lost, TTS 8/3 < 20; ga-jp: nothing lost, unbounded. REI = lost / 1,300."""
    ranked = Analyzer(chain()).rank()
    assert [r.id for r in ranked] == ["ga-cn", "fab", "asm", "ga-jp"]
    by = {r.id: r for r in ranked}
    assert by["ga-cn"].rei == 1.0
    assert by["fab"].rei == pytest.approx(1000 / 1300, abs=1e-6)
    assert by["ga-cn"].at_risk and by["fab"].at_risk
    assert by["ga-jp"].tts_weeks is None and not by["ga-jp"].at_risk and by["ga-jp"].rei == 0


def test_loss_curve_zero_until_tts_then_rising() -> None:
    """CN gallium embargo: loss(t) = 0 for t <= 8/3, then 100 * (t - (8 + t)/4) for larger t
    (radars made = (8 + t)/4): at t = 20 it is 1,300."""
    a = Analyzer(chain())
    curve = a.loss_curve(embargo("CN", ["ga"], 20), points=11)
    for t, v in curve:
        expected = max(0.0, 100 * (t - (8 + t) / 4))
        assert v == pytest.approx(expected, abs=1e-6)
