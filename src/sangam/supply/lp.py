"""Sparse linear programmes over a supply network, solved with HiGHS.

Both programmes of Simchi-Levi et al. (2015) share the constraint matrix of
:mod:`sangam.supply.layout` (production y, flows x, deliveries u; input, balance and demand
rows). Time-to-recover bounds demand above by ``D[p] * T`` and production by capacity
``c[s] * T``; time-to-survive asks for at least ``D[p] * t`` with capacity ``c[s] * t`` and adds
one column (see :class:`TtsModel` for its per-week form).

A scenario changes only bounds and the capacity coefficients of ``t``, so one HiGHS
instance is kept per network and re-solved warm for each scenario (a sweep of a thousand
site failures reuses the previous basis).
"""

from __future__ import annotations

from dataclasses import dataclass

import highspy
import numpy as np
import scipy.sparse as sp

from sangam.supply.layout import BoolArray, FloatArray, Layout
from sangam.supply.local_tts import Completer, disturbed_sites, downstream_products
from sangam.supply.scenario import Effects

INF = highspy.kHighsInf


class SolverFailure(RuntimeError):
    """HiGHS ended without an answer we can use (a programming or numerical problem)."""


def _highs() -> highspy.Highs:
    h = highspy.Highs()  # type: ignore[no-untyped-call]
    h.setOptionValue("output_flag", False)
    return h


def _pass(h: highspy.Highs, matrix: sp.csc_matrix, cost: FloatArray, col_lo: FloatArray,
          col_hi: FloatArray, row_lo: FloatArray, row_hi: FloatArray) -> None:
    lp = highspy.HighsLp()
    lp.num_col_ = matrix.shape[1]
    lp.num_row_ = matrix.shape[0]
    lp.col_cost_ = cost
    lp.col_lower_ = col_lo
    lp.col_upper_ = col_hi
    lp.row_lower_ = row_lo
    lp.row_upper_ = row_hi
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = matrix.indptr.astype(np.int32)
    lp.a_matrix_.index_ = matrix.indices.astype(np.int32)
    lp.a_matrix_.value_ = matrix.data
    status = h.passModel(lp)
    if status == highspy.HighsStatus.kError:
        raise SolverFailure("HiGHS rejected the model")


class _Warm:
    """Keep and restore a simplex basis: in a sweep, starting each scenario from the
    undisrupted optimum (one site's bounds differ) takes fewer iterations than starting
    from the previous scenario's (two sites differ)."""

    h: highspy.Highs

    def snapshot(self) -> highspy.HighsBasis | None:
        basis = self.h.getBasis()
        return basis if basis.valid else None

    def restore(self, basis: highspy.HighsBasis | None) -> None:
        if basis is not None:
            self.h.setBasis(basis)


@dataclass(frozen=True)
class TtrSolution:
    objective: float  # value delivered over the horizon
    production: FloatArray
    flows: FloatArray
    delivered: FloatArray  # per delivery column


class TtrModel(_Warm):
    """Minimise value lost over a horizon of T weeks (maximise value delivered)."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        lay = layout
        self.h = _highs()
        cost = np.zeros(lay.n_cols)
        cost[lay.u0:] = -lay.value[lay.prod_of]
        self._row_lo = np.concatenate([np.zeros(lay.n_input_rows), np.full(lay.n_sites, -INF),
                                       np.zeros(lay.n_products)])
        self._row_hi = np.concatenate([np.full(lay.n_input_rows, INF), lay.stock,
                                       lay.demand])
        _pass(self.h, lay.matrix, cost, np.zeros(lay.n_cols), np.full(lay.n_cols, INF),
              self._row_lo, self._row_hi)
        self._all_cols = np.arange(lay.n_cols, dtype=np.int32)
        self._tail_rows = np.arange(lay.balance0, lay.n_rows, dtype=np.int32)

    def solve(self, eff: Effects, weeks: float, weights: FloatArray | None = None) -> TtrSolution:
        """Solve for a horizon of ``weeks``; ``weights`` overrides value per product."""
        lay = self.layout
        hi = np.empty(lay.n_cols)
        hi[:lay.n_sites] = lay.capacity * eff.capacity * weeks
        hi[lay.x0:lay.u0] = np.where(eff.link_open, INF, 0.0)
        hi[lay.u0:] = np.where(eff.delivery_open[lay.prod_site], INF, 0.0)
        self.h.changeColsBounds(lay.n_cols, self._all_cols, np.zeros(lay.n_cols), hi)
        row_hi = np.concatenate([eff.stock, lay.demand * weeks])
        self.h.changeRowsBounds(  # type: ignore[attr-defined]
            len(self._tail_rows), self._tail_rows,
                                self._row_lo[lay.balance0:], row_hi)
        if weights is not None:
            cost = -weights[lay.prod_of]
            idx = np.arange(lay.u0, lay.n_cols, dtype=np.int32)
            self.h.changeColsCost(len(idx), idx, cost)
        try:
            self.h.run()
            status = self.h.getModelStatus()
            if status != highspy.HighsModelStatus.kOptimal:
                raise SolverFailure(
                    f"time-to-recover LP ended {self.h.modelStatusToString(status)}")
            col = np.asarray(self.h.getSolution().col_value)
        finally:
            if weights is not None:
                self.h.changeColsCost(len(idx), idx, -lay.value[lay.prod_of])
        delivered = col[lay.u0:]
        weights_used = lay.value if weights is None else weights
        return TtrSolution(
            objective=float(weights_used[lay.prod_of] @ delivered),
            production=col[:lay.n_sites],
            flows=col[lay.x0:lay.u0],
            delivered=delivered,
        )


#: A pruned time-to-survive programme with more columns than this is solved by interior
#: point (HiGHS IPX, no crossover); smaller ones by dual simplex. On generated networks IPX
#: overtakes dual simplex from a few thousand sites (10,000 sites: 3.6 s against 13 s).
IPM_MIN_COLS = 20_000
#: See :meth:`TtsModel._solve_local`: below this many columns solving the whole pruned
#: programme is already fast.
LOCAL_MIN_COLS = 20_000
#: Relative gap between the two bounds of a local solve that counts as closed.
LOCAL_GAP = 1e-7
#: A site whose residual capacity the upper-bound solution uses to within this share is tight.
LOCAL_TIGHT = 1e-6
#: Interior point gives tau only to its tolerance; a tau below this is decided again on a
#: vertex (crossover), so "unbounded" (tau exactly 0) never rests on a tiny interior value.
IPM_TAU_CHECK = 1e-6
#: tau at or below this on a simplex vertex is zero: time-to-survive is unbounded.
TAU_ZERO = 1e-12


@dataclass(frozen=True)
class Reduction:
    """The parts of a time-to-survive programme that can matter for one scenario.

    Masks over the layout: ``sites`` keep their balance row, ``produce`` also keep their
    production column and input rows, ``links`` and ``deliveries`` keep their columns.
    ``infeasible`` is set when a product with demand has no delivery left: time-to-survive
    is 0 without solving anything.
    """

    sites: BoolArray
    produce: BoolArray
    links: BoolArray
    deliveries: BoolArray
    products: BoolArray  # products with positive demand (their demand rows are kept)
    infeasible: bool

    @property
    def size(self) -> tuple[int, int]:
        """(sites, links) kept."""
        return int(self.sites.sum()), int(self.links.sum())


def reduce_tts(layout: Layout, capacity: FloatArray, stock: FloatArray, link_open: BoolArray,
               delivery_open: BoolArray, demand: FloatArray) -> Reduction:
    """Drop what provably cannot change the time-to-survive programme's optimum.

    ``capacity`` and ``stock`` are per site after the scenario, ``demand`` per product.

    *Alive* sites can hand something on: they hold stock, or they have capacity and every
    input row is fed by an open link from an alive site. The fixed point is reached from
    "stock or capacity" by repeatedly removing sites with an unfed input (monotone, so at
    most one pass per tier). Exact: by induction down the tiers, in every feasible solution a
    site that is not alive has no stock, produces nothing (an unfed input row forces
    ``q * y <= 0``) and so ships nothing (its balance row is ``out <= 0``). A site that is
    alive but cannot produce keeps only its stock: its production column and input rows go.

    *Useful* sites can reach demand: a product site whose delivery is open and whose product
    has positive demand, or a site with an open link to a useful site that can produce.
    Flow into a site that cannot produce is never needed, and nothing a useless site does
    reaches a demand row, so zeroing it keeps any solution feasible with the same tau.

    Hence the kept programme has the same optimal tau: a solution of the full programme,
    restricted to kept columns, is feasible for the kept one (only outflows were dropped,
    and inflows from dropped sources were zero), and a solution of the kept programme,
    extended by zeros, is feasible for the full one (every dropped row reads ``0 <= stock *
    tau`` or ``0 >= 0``). Tests compare both on seeded random networks.
    """
    lay = layout
    n = lay.n_sites
    has_stock = stock > 0
    has_cap = capacity > 0
    alive = has_stock | has_cap
    produce = has_cap
    while True:
        carrying = link_open & alive[lay.link_src]
        fed = np.bincount(lay.link_row[carrying], minlength=lay.n_input_rows) > 0
        short = np.bincount(lay.input_site[~fed], minlength=n) > 0
        produce = has_cap & ~short
        now = has_stock | produce
        if np.array_equal(now, alive):
            break
        alive = now
    deliver = delivery_open[lay.prod_site] & (demand[lay.prod_of] > 0) & alive[lay.prod_site]
    useful = np.zeros(n, dtype=bool)
    useful[lay.prod_site[deliver]] = True
    feeding = link_open & alive[lay.link_src] & produce[lay.link_dst]
    while True:
        now = useful.copy()
        now[lay.link_src[feeding & useful[lay.link_dst]]] = True
        if np.array_equal(now, useful):
            break
        useful = now
    kept = alive & useful
    wanted = demand > 0
    served = np.bincount(lay.prod_of[deliver], minlength=lay.n_products) > 0
    return Reduction(
        sites=kept,
        produce=produce & kept,
        links=feeding & useful[lay.link_dst],
        deliveries=deliver,
        products=wanted,
        infeasible=bool(np.any(wanted & ~served)),
    )


@dataclass(frozen=True)
class TtsSolution:
    weeks: float | None  # None when unbounded
    unbounded: bool


def _tts_answer(h: highspy.Highs, tau_col: int) -> TtsSolution:
    """Read tau from a finished run: infeasible means 0 weeks, tau of 0 means unbounded."""
    status = h.getModelStatus()
    if status == highspy.HighsModelStatus.kInfeasible:
        return TtsSolution(0.0, False)
    if status != highspy.HighsModelStatus.kOptimal:
        raise SolverFailure(f"time-to-survive LP ended {h.modelStatusToString(status)}")
    tau = float(h.getSolution().col_value[tau_col])
    if tau <= TAU_ZERO:
        return TtsSolution(None, True)
    return TtsSolution(1.0 / tau, False)


class TtsModel:
    """Maximise the time t until the first unit of demand is lost.

    Solved in per-week form: with ``y' = y / t`` (and likewise x, u) and ``tau = 1 / t``,
    capacity becomes a column bound ``y' <= c``, demand a row bound ``sum(u') >= D``, and
    stock enters the balance rows as ``stock * tau``; minimise ``tau``. This keeps the matrix
    the same as time-to-recover's plus one column touching only rows with stock, and it
    makes the unbounded case exact: ``tau = 0`` is optimal precisely when the network can
    meet demand forever without stock, i.e. time-to-survive is unbounded. An infeasible
    programme means demand cannot be met even for an instant: time-to-survive 0.

    Two ways to solve. A *cold* solve (the default) first prunes the programme with
    :func:`reduce_tts` and solves what is left in a fresh HiGHS instance: dual simplex when
    small, interior point without crossover when large (see ``IPM_MIN_COLS``). Once a sweep
    has taken a :meth:`snapshot` and :meth:`restore`-d it, solves are *warm*: the full
    programme is kept in one HiGHS instance and re-solved by dual simplex from the restored
    basis, because a thousand site failures differ from the undisrupted network in one
    site's bounds each (the full programme keeps the basis meaningful across scenarios,
    which pruning would not).
    """

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self._full: highspy.Highs | None = None
        self._warm = False
        self._last: tuple[Effects, FloatArray] | None = None
        self._completer: Completer | None = None
        #: Cold overall solves of programmes with more columns than this are solved
        #: locally and proven (see :meth:`_solve_local`); smaller ones whole.
        self.local_min_cols = LOCAL_MIN_COLS
        #: Rows, columns and seconds of the last cold solve (for benchmarks and logs).
        self.last_stats: dict[str, float] = {}

    # -- cold: pruned programme, fresh instance -------------------------------------------

    def _demand(self, only_product: int | None) -> FloatArray:
        demand = self.layout.demand.copy()
        if only_product is not None:
            demand[:] = 0.0
            demand[only_product] = self.layout.demand[only_product]
        return demand

    def solve(self, eff: Effects, only_product: int | None = None) -> TtsSolution:
        demand = self._demand(only_product)
        self._last = (eff, demand)
        if self._warm:
            return self._solve_full(eff, demand)
        if only_product is None and self.layout.n_cols > self.local_min_cols:
            return self._solve_local(eff, demand)
        return self._solve_reduced(eff, demand)

    def _solve_local(self, eff: Effects, demand: FloatArray) -> TtsSolution:
        """Bracket the answer between two programmes over the affected products and grow
        them until the brackets meet (see :mod:`sangam.supply.local_tts`)."""
        lay = self.layout
        if self._completer is None:
            self._completer = Completer(lay)
        completer = self._completer
        capacity = lay.capacity * eff.capacity
        wanted = demand > 0
        affected = downstream_products(lay, disturbed_sites(lay, eff), eff.link_open) & wanted
        rounds = 0
        while (wanted & ~affected).any():
            rounds += 1
            ours = np.where(affected, demand, 0.0)
            rest = completer.complete(capacity, eff.link_open, eff.delivery_open,
                                      np.where(affected, 0.0, demand))
            if rest.values is None:
                blocked = rest.overloaded
            else:
                h = rest.values
                left = np.maximum(capacity - h[:lay.n_sites], 0.0)
                upper, g = self.solve_pruned(eff, ours, capacity=left)
                if g is not None:
                    tau_hi = 0.0 if upper.weeks is None else 1.0 / upper.weeks
                    if not completer.feasible(g + h, tau_hi, capacity, eff, demand):
                        break  # numerically doubtful: let the whole programme decide
                    if upper.unbounded or self._meets(eff, ours, tau_hi):
                        self.last_stats.update({"local_rounds": float(rounds),
                                                "affected_products": float(affected.sum()),
                                                "fit_passes": float(rest.passes)})
                        return upper
                    # H holds capacity the affected products want where G uses all of it.
                    blocked = (g[:lay.n_sites] >= left * (1 - LOCAL_TIGHT) - LOCAL_TIGHT) & (
                        h[:lay.n_sites] > 0)
                else:
                    lower, _ = self.solve_pruned(eff, ours)
                    if lower.weeks == 0.0 and not lower.unbounded:
                        return lower  # infeasible even with all capacity: 0 weeks
                    blocked = h[:lay.n_sites] > 0
            grown = affected | (downstream_products(lay, blocked, eff.link_open) & wanted)
            affected = grown if (grown & ~affected).any() else wanted
        answer = self._solve_reduced(eff, demand)
        self.last_stats.update({"local_rounds": float(rounds),
                                "affected_products": float(wanted.sum()), "fit_passes": 0.0})
        return answer

    def _meets(self, eff: Effects, demand: FloatArray, tau_hi: float) -> bool:
        """Does the lower bound (the affected products with all capacity) reach ``tau_hi``?"""
        lower, _ = self.solve_pruned(eff, demand)
        if lower.weeks == 0.0:  # cannot happen below a feasible upper bound; be safe
            return False
        tau_lo = 0.0 if lower.weeks is None else 1.0 / lower.weeks
        return tau_hi - tau_lo <= LOCAL_GAP * tau_hi

    def _solve_reduced(self, eff: Effects, demand: FloatArray) -> TtsSolution:
        return self.solve_pruned(eff, demand)[0]

    def solve_pruned(self, eff: Effects, demand: FloatArray, capacity: FloatArray | None = None
                     ) -> tuple[TtsSolution, FloatArray | None]:
        """Prune with :func:`reduce_tts`, solve what is left cold; also return the solution
        in the layout's columns (y, x, u; zero where pruned), or None when the programme is
        infeasible. ``capacity`` (per site, per week) overrides the scenario's."""
        lay = self.layout
        if capacity is None:
            capacity = lay.capacity * eff.capacity
        red = reduce_tts(lay, capacity, eff.stock, eff.link_open, eff.delivery_open, demand)
        if red.infeasible:
            return TtsSolution(0.0, False), None
        if not red.products.any():
            return TtsSolution(None, True), np.zeros(lay.n_cols)
        site_idx = np.nonzero(red.sites)[0]
        prod_idx = np.nonzero(red.produce)[0]
        input_idx = np.nonzero(red.produce[lay.input_site])[0]
        product_idx = np.nonzero(red.products)[0]
        row_idx = np.concatenate([input_idx, lay.balance0 + site_idx, lay.demand0 + product_idx])
        col_idx = np.concatenate([prod_idx, lay.x0 + np.nonzero(red.links)[0],
                                  lay.u0 + np.nonzero(red.deliveries)[0]])
        body = lay.matrix[:, col_idx][row_idx, :]
        n_in, n_bal = len(input_idx), len(site_idx)
        stocked = np.nonzero(eff.stock[site_idx] > 0)[0]
        tau = sp.csc_matrix((-eff.stock[site_idx[stocked]], (n_in + stocked,
                                                              np.zeros(len(stocked), int))),
                            shape=(len(row_idx), 1))
        matrix = sp.hstack([body, tau], format="csc")
        n_cols = matrix.shape[1]
        cost = np.zeros(n_cols)
        cost[-1] = 1.0
        col_hi = np.full(n_cols, INF)
        col_hi[:len(prod_idx)] = capacity[prod_idx]
        row_lo = np.concatenate([np.zeros(n_in), np.full(n_bal, -INF), demand[product_idx]])
        row_hi = np.concatenate([np.full(n_in, INF), np.zeros(n_bal),
                                 np.full(len(product_idx), INF)])
        h = _highs()
        interior = n_cols > IPM_MIN_COLS
        if interior:
            h.setOptionValue("solver", "ipm")
            h.setOptionValue("run_crossover", "off")
        _pass(h, matrix, cost, np.zeros(n_cols), col_hi, row_lo, row_hi)
        h.run()
        if interior:
            status = h.getModelStatus()
            if status not in (highspy.HighsModelStatus.kOptimal,
                              highspy.HighsModelStatus.kInfeasible):
                h.setOptionValue("solver", "simplex")
                h.run()
            elif (status == highspy.HighsModelStatus.kOptimal
                  and h.getSolution().col_value[n_cols - 1] < IPM_TAU_CHECK):
                h.setOptionValue("run_crossover", "on")
                h.run()
        self.last_stats = {"rows": float(matrix.shape[0]), "cols": float(n_cols),
                           "nnz": float(matrix.nnz), "interior": float(interior),
                           "seconds": float(h.getRunTime())}
        answer = _tts_answer(h, n_cols - 1)
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return answer, None
        values = np.zeros(lay.n_cols)
        values[col_idx] = np.asarray(h.getSolution().col_value)[:-1]
        return answer, values

    # -- warm: full programme, one instance, restored basis -------------------------------

    def _full_model(self) -> highspy.Highs:
        if self._full is not None:
            return self._full
        lay = self.layout
        n = lay.n_sites
        self.tau_col = lay.n_cols
        base = lay.matrix.tocoo()
        has_stock = np.nonzero(lay.stock > 0)[0]
        rows = np.concatenate([base.row, lay.balance0 + has_stock])
        cols = np.concatenate([base.col, np.full(len(has_stock), self.tau_col)])
        vals = np.concatenate([base.data, -lay.stock[has_stock]])
        matrix = sp.coo_matrix((vals, (rows, cols)), shape=(lay.n_rows, lay.n_cols + 1)).tocsc()
        h = _highs()
        cost = np.zeros(lay.n_cols + 1)
        cost[self.tau_col] = 1.0
        row_lo = np.concatenate([np.zeros(lay.n_input_rows), np.full(n, -INF), lay.demand])
        row_hi = np.concatenate([np.full(lay.n_input_rows, INF), np.zeros(n),
                                 np.full(lay.n_products, INF)])
        col_hi = np.concatenate([lay.capacity, np.full(lay.n_cols - n + 1, INF)])
        _pass(h, matrix, cost, np.zeros(lay.n_cols + 1), col_hi, row_lo, row_hi)
        self._stock = lay.stock.copy()
        self._cols = np.arange(lay.n_cols, dtype=np.int32)
        self._demand_rows = np.arange(lay.demand0, lay.n_rows, dtype=np.int32)
        self._full = h
        return h

    def _set_stock(self, stock: FloatArray) -> None:
        """Usable stock is the tau column's coefficient in each balance row."""
        assert self._full is not None
        changed = np.nonzero(stock != self._stock)[0]
        for s in changed:
            self._full.changeCoeff(int(self.layout.balance0 + s), self.tau_col, float(-stock[s]))
        self._stock = stock.copy()

    def _solve_full(self, eff: Effects, demand: FloatArray) -> TtsSolution:
        lay = self.layout
        h = self._full_model()
        self._set_stock(eff.stock)
        h.changeRowsBounds(  # type: ignore[attr-defined]
            lay.n_products, self._demand_rows, demand, np.full(lay.n_products, INF))
        hi = np.empty(lay.n_cols)
        hi[:lay.n_sites] = lay.capacity * eff.capacity
        hi[lay.x0:lay.u0] = np.where(eff.link_open, INF, 0.0)
        hi[lay.u0:] = np.where(eff.delivery_open[lay.prod_site], INF, 0.0)
        h.changeColsBounds(lay.n_cols, self._cols, np.zeros(lay.n_cols), hi)
        h.run()
        return _tts_answer(h, self.tau_col)

    def snapshot(self) -> highspy.HighsBasis | None:
        """The full programme's basis at the last scenario, solving it there if the last
        solve was cold (pruned), so that a sweep can start every scenario from it."""
        h = self._full_model()
        basis = h.getBasis()
        if not basis.valid and self._last is not None:
            self._solve_full(*self._last)
            basis = h.getBasis()
        return basis if basis.valid else None

    def restore(self, basis: highspy.HighsBasis | None) -> None:
        """Start the next solve from ``basis``; from now on solves are warm."""
        if basis is not None:
            self._full_model().setBasis(basis)
            self._warm = True
