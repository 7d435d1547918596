"""Mitigation, exposure and Monte-Carlo on networks small enough to check by hand."""

from __future__ import annotations

import pytest
from supply_helpers import build, part, product, raw, site

from sangam.supply import Analyzer, embargo, site_failure
from sangam.supply.exposure import exposure
from sangam.supply.minerals import alliance
from sangam.supply.mitigation import mitigate
from sangam.supply.montecarlo import monte_carlo


def chain_with_stockpile():  # type: ignore[no-untyped-def]
    """ga-cn (CN 10 kg/wk), ga-jp (JP 2 kg/wk), an empty US stockpile ga-us, all feeding fab
    (JP, 2 kg per chip, 10 chips/wk, 8 chips in stock) -> asm (US, 4 chips per radar, 2/wk);
    radar demand 1/wk worth 100; gallium costs 5 per kg."""
    return build(
        [raw("ga", unit_cost=5), part("chip"), product("radar", 1, 100)],
        [{"parent": "chip", "child": "ga", "quantity": 2},
         {"parent": "radar", "child": "chip", "quantity": 4}],
        [site("ga-cn", "CN", "ga", 10, ttr=20), site("ga-jp", "JP", "ga", 2, ttr=20),
         site("ga-us", "US", "ga", 0), site("fab", "JP", "chip", 10, stock=8, ttr=10),
         site("asm", "US", "radar", 2, ttr=5)],
        [("ga-cn", "fab"), ("ga-jp", "fab"), ("ga-us", "fab"), ("fab", "asm")],
    )


def test_smallest_stockpile_by_hand() -> None:
    """CN embargoes gallium for 20 weeks. 20 radars need 80 chips; 8 in stock, so 72 to make,
    needing 144 kg. Japan gives 2 x 20 = 40 kg; the US stockpile must hold 104 kg, costing
    104 x 5 = 520. Before: chips last 8 + t >= 4t, TTS 8/3 weeks; after: >= 20 weeks."""
    net = chain_with_stockpile()
    result = mitigate(net, embargo("CN", ["ga"], 20), "stock", allies={"US"})
    assert result.feasible
    [add] = result.additions
    assert (add.site, add.item, add.country) == ("ga-us", "ga", "US")
    assert add.units == pytest.approx(104, abs=1e-4)
    assert result.total_cost == pytest.approx(520, abs=0.01)
    assert result.tts_before == pytest.approx(8 / 3, abs=1e-6)
    assert result.tts_after is not None and result.tts_after >= 20 - 1e-6


def test_extra_allied_capacity_by_hand() -> None:
    """Same embargo; only Japan may expand: (2 + w) x 20 = 144 kg  =>  w = 5.2 kg/week,
    cost 5.2 x 5 = 26."""
    result = mitigate(chain_with_stockpile(), embargo("CN", ["ga"], 20), "capacity",
                      allies={"JP"})
    [add] = result.additions
    assert add.site == "ga-jp"
    assert add.units == pytest.approx(5.2, abs=1e-4)
    assert result.total_cost == pytest.approx(26, abs=0.01)


def test_no_candidate_is_reported_not_raised() -> None:
    """No Korean site exists: the answer says so instead of inventing one."""
    result = mitigate(chain_with_stockpile(), embargo("CN", ["ga"], 20), "stock",
                      allies={"KR"})
    assert not result.feasible and result.additions == ()
    assert "No candidate site" in result.message


def exposure_net():  # type: ignore[no-untyped-def]
    """ga-cn (CN 3 kg/wk) and ga-jp (JP 1 kg/wk) -> fab-us (1 kg per chip, 10/wk) -> asm
    (US, 1 chip per radar, 10/wk); radar demand 4/wk."""
    return build(
        [raw("ga"), part("chip"), product("radar", 4, 10)],
        [{"parent": "chip", "child": "ga", "quantity": 1},
         {"parent": "radar", "child": "chip", "quantity": 1}],
        [site("ga-cn", "CN", "ga", 3), site("ga-jp", "JP", "ga", 1),
         site("fab-us", "US", "chip", 10), site("asm", "US", "radar", 10)],
        [("ga-cn", "fab-us"), ("ga-jp", "fab-us"), ("fab-us", "asm")],
    )


def test_exposure_shares_by_hand() -> None:
    """Steady state: 3 + 1 = 4 kg/wk makes 4 radars = demand. Without ga-cn 1 of 4 remain
    (share lost 0.75); without ga-jp 3 of 4 (0.25); without fab-us or asm nothing (1.0).
    By country: CN 0.75, JP 0.25, US 1.0; outside the Quad only CN: 0.75. Gallium capacity
    by country 75 % / 25 %: HHI 75² + 25² = 6,250; chip has one site."""
    report = exposure(exposure_net(), alliance("quad"))
    [radar] = report.products
    assert radar.worst_site in ("fab-us", "asm") and radar.worst_site_share == 1.0
    assert radar.by_country == pytest.approx({"CN": 0.75, "JP": 0.25, "US": 1.0})
    assert radar.non_allied_share == pytest.approx(0.75)
    assert radar.single_site_items == ["chip"]
    ga = next(r for r in report.items if r["item"] == "ga")
    assert ga["hhi"] == pytest.approx(6250)
    assert ga["non_allied_capacity_pct"] == pytest.approx(75)
    assert not ga["single_site"]


def mc_net(low: float, mode: float, high: float):  # type: ignore[no-untyped-def]
    net = build(
        [raw("ga"), part("chip"), product("radar", 1, 100)],
        [{"parent": "chip", "child": "ga", "quantity": 2},
         {"parent": "radar", "child": "chip", "quantity": 4}],
        [site("ga-cn", "CN", "ga", 10, ttr=20),
         {**site("fab", "JP", "chip", 10, stock=8, ttr=10),
          "ttr_dist": {"kind": "triangular", "low": low, "mode": mode, "high": high}},
         site("asm", "US", "radar", 2, ttr=5)],
        [("ga-cn", "fab"), ("fab", "asm")],
    )
    return net


def test_monte_carlo_degenerate_distribution_equals_deterministic_loss() -> None:
    """fab's recovery time is triangular(10, 10, 10): every draw is 10 weeks; the fab's 8
    chips burn with it, so all 10 radars (1,000) are lost in every sample: expected = VaR =
    CVaR = the deterministic TTR loss."""
    net = mc_net(10, 10, 10)
    deterministic = Analyzer(net).ttr(site_failure("fab", 10)).lost_value
    assert deterministic == pytest.approx(1000)
    [row] = monte_carlo(net, site_failure("fab"), samples=40, seed=3).rows
    assert row.expected_loss == pytest.approx(deterministic)
    assert row.var95 == pytest.approx(deterministic)
    assert row.cvar95 == pytest.approx(deterministic)
    assert row.mean_duration == pytest.approx(10)


def test_monte_carlo_tail_at_least_expected_and_seeded() -> None:
    """triangular(4, 10, 30): loss is 100 per week of outage, so the expected loss is 100 x
    the mean draw (about 100 x 44/3 ≈ 1,467) and the 95 % tail is no smaller; the same seed
    gives the same answer."""
    net = mc_net(4, 10, 30)
    first = monte_carlo(net, site_failure("fab"), samples=300, seed=7).rows[0]
    again = monte_carlo(net, site_failure("fab"), samples=300, seed=7).rows[0]
    assert first == again
    assert first.cvar95 >= first.var95 >= first.expected_loss
    assert first.expected_loss == pytest.approx(100 * first.mean_duration, abs=0.1)  # rounding
    assert first.mean_duration == pytest.approx(44 / 3, rel=0.08)
