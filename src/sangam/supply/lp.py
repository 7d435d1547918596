"""Sparse linear programmes over a supply network, solved with HiGHS.

Both programmes of Simchi-Levi et al. (2015) share one constraint matrix, built once per
network with vectorised numpy into a compressed sparse column matrix:

columns  ``y[s]`` production at site s (units of its item over the horizon),
         ``x[l]`` flow on link l, ``u[k]`` delivery to demand from product site k,
         and for time-to-survive one more column ``t`` (weeks).
rows     *inputs*   for each site s and each input i of its item:
                    ``sum(x[l] for links into s carrying i) - q[i] * y[s] >= 0``
                    — a site needing two materials is limited by the scarcer, and flows
                    from alternative suppliers of the same material add up;
         *balance*  for each site: ``sum(x out) + u[s] - y[s] <= stock[s]``;
         *demand*   for each product p: ``sum(u[k] for k making p)`` is at most ``D[p] * T``
                    (time-to-recover) or at least ``D[p] * t`` (time-to-survive);
         *capacity* (time-to-survive only) ``y[s] - c[s] * t <= 0``; in time-to-recover the
                    capacity ``c[s] * T`` is a column bound instead.

A scenario changes only bounds and the capacity coefficients of ``t``, so one HiGHS
instance is kept per network and re-solved warm for each scenario (a sweep of a thousand
site failures reuses the previous basis).
"""

from __future__ import annotations

from dataclasses import dataclass

import highspy
import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from sangam.supply.model import Network
from sangam.supply.scenario import Effects

INF = highspy.kHighsInf
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


class SolverFailure(RuntimeError):
    """HiGHS ended without an answer we can use (a programming or numerical problem)."""


@dataclass
class Layout:
    """Index arithmetic and the shared sparse matrix for one network."""

    n_sites: int
    n_links: int
    n_prod_sites: int
    n_products: int
    n_input_rows: int
    capacity: FloatArray  # per site, per week
    stock: FloatArray  # per site
    demand: FloatArray  # per product, per week
    value: FloatArray  # per product
    prod_site: IntArray  # site index of each delivery column
    prod_of: IntArray  # product index of each delivery column
    link_src: IntArray
    link_dst: IntArray
    matrix: sp.csc_matrix  # rows: inputs, balance, demand; columns: y, x, u
    input_site: IntArray  # site of each input row
    link_row: IntArray  # input row each link feeds

    @property
    def n_cols(self) -> int:
        return self.n_sites + self.n_links + self.n_prod_sites

    @property
    def n_rows(self) -> int:
        return self.n_input_rows + self.n_sites + self.n_products

    @property
    def x0(self) -> int:
        return self.n_sites

    @property
    def u0(self) -> int:
        return self.n_sites + self.n_links

    @property
    def balance0(self) -> int:
        return self.n_input_rows

    @property
    def demand0(self) -> int:
        return self.n_input_rows + self.n_sites


def build_layout(network: Network) -> Layout:
    """Assemble the constraint matrix in COO form with numpy, then convert to CSC."""
    sites = network.sites
    n = len(sites)
    item_ids = list(network.items)
    item_code = {item: k for k, item in enumerate(item_ids)}
    n_items = len(item_ids)
    makes = np.fromiter((item_code[s.makes] for s in sites), dtype=np.int64, count=n)
    capacity = np.fromiter((s.capacity_per_week for s in sites), dtype=float, count=n)
    stock = np.fromiter((s.stock for s in sites), dtype=float, count=n)
    index = network.site_index
    link_src = np.fromiter((index[lk.source] for lk in network.links), dtype=np.int64,
                           count=len(network.links))
    link_dst = np.fromiter((index[lk.target] for lk in network.links), dtype=np.int64,
                           count=len(network.links))
    n_links = len(link_src)

    rows: list[IntArray] = []
    cols: list[IntArray] = []
    vals: list[FloatArray] = []

    # Input rows: one per (site, input item), keyed site * n_items + item.
    sites_of_item: dict[int, IntArray] = {}
    order = np.argsort(makes, kind="stable")
    bounds = np.searchsorted(makes[order], np.arange(n_items + 1))
    for k in range(n_items):
        sites_of_item[k] = order[bounds[k]:bounds[k + 1]]
    keys_parts: list[IntArray] = []
    qty_parts: list[FloatArray] = []
    for line in network.bom:
        owners = sites_of_item[item_code[line.parent]]
        keys_parts.append(owners * n_items + item_code[line.child])
        qty_parts.append(np.full(len(owners), line.quantity))
    keys = np.concatenate(keys_parts) if keys_parts else np.zeros(0, dtype=np.int64)
    qtys = np.concatenate(qty_parts) if qty_parts else np.zeros(0)
    key_order = np.argsort(keys)
    keys, qtys = keys[key_order], qtys[key_order]
    n_input = len(keys)
    input_rows = np.arange(n_input, dtype=np.int64)
    rows.append(input_rows)
    cols.append(keys // n_items)
    vals.append(-qtys)
    link_keys = link_dst * n_items + makes[link_src]
    link_rows = np.searchsorted(keys, link_keys)
    rows.append(link_rows)
    cols.append(n + np.arange(n_links, dtype=np.int64))
    vals.append(np.ones(n_links))

    # Balance rows: outflow + delivery - production <= stock.
    b0 = n_input
    rows.append(b0 + np.arange(n, dtype=np.int64))
    cols.append(np.arange(n, dtype=np.int64))
    vals.append(-np.ones(n))
    rows.append(b0 + link_src)
    cols.append(n + np.arange(n_links, dtype=np.int64))
    vals.append(np.ones(n_links))

    products = network.products
    product_code = {p.id: k for k, p in enumerate(products)}
    prod_site = np.array(
        [i for i, s in enumerate(sites) if s.makes in product_code], dtype=np.int64
    )
    prod_of = np.array([product_code[sites[i].makes] for i in prod_site], dtype=np.int64)
    n_prod_sites = len(prod_site)
    u0 = n + n_links
    rows.append(b0 + prod_site)
    cols.append(u0 + np.arange(n_prod_sites, dtype=np.int64))
    vals.append(np.ones(n_prod_sites))
    d0 = b0 + n
    rows.append(d0 + prod_of)
    cols.append(u0 + np.arange(n_prod_sites, dtype=np.int64))
    vals.append(np.ones(n_prod_sites))

    n_rows = d0 + len(products)
    n_cols = u0 + n_prod_sites
    matrix = sp.coo_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
        shape=(n_rows, n_cols),
    ).tocsc()
    return Layout(
        n_sites=n,
        n_links=n_links,
        n_prod_sites=n_prod_sites,
        n_products=len(products),
        n_input_rows=n_input,
        capacity=capacity,
        stock=stock,
        demand=np.array([p.demand_per_week for p in products], dtype=float),
        value=np.array([p.value_per_unit for p in products], dtype=float),
        prod_site=prod_site,
        prod_of=prod_of,
        link_src=link_src,
        link_dst=link_dst,
        matrix=matrix,
        input_site=keys // n_items,
        link_row=link_rows,
    )


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
        return self._solve_reduced(eff, demand)

    def _solve_reduced(self, eff: Effects, demand: FloatArray) -> TtsSolution:
        lay = self.layout
        capacity = lay.capacity * eff.capacity
        red = reduce_tts(lay, capacity, eff.stock, eff.link_open, eff.delivery_open, demand)
        if red.infeasible:
            return TtsSolution(0.0, False)
        if not red.products.any():
            return TtsSolution(None, True)
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
        return _tts_answer(h, n_cols - 1)

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
