"""Time-to-survive of a large network: solved where the disruption reaches, proven for the rest.

One site failing in a network of 100,000 sites disturbs the products downstream of it; the
other products go on as before, except where they share suppliers with the disturbed ones.
Solving the whole programme for that (about 290,000 rows at 100,000 sites, a minute of
interior point) spends nearly all its work on parts whose answer is known. So the cold
overall time-to-survive is bracketed between two small programmes over the affected
products A (those downstream of a disturbed site), and the answer is accepted only when the
brackets meet:

* *Serve the rest first.* A flow H serving every other product forever, without stock, is
  built (not solved): orders go down the tiers, customers before suppliers, each split among
  the open suppliers in proportion to a weight that starts at the supplier's capacity and is
  refitted until no site is asked for more than it has (iterative proportional fitting).
* *Upper bound on tau = 1 / time-to-survive.* The programme for A alone in the capacity H
  leaves. Its solution G plus H is feasible for the whole programme (H meets its own rows
  exactly and uses no stock), so the whole programme's optimum is at most this tau. When it
  is 0 (A survives forever in what H leaves), time-to-survive is unbounded: done.
* *Lower bound.* The programme for A alone with all capacity: dropping the other products'
  demand rows can only lower the optimum.

When the bounds differ, H stands in A's way at sites the upper programme uses to the full;
the products H serves through those sites join A and both are solved again. When H cannot be
built, the products downstream of the sites it overloads join A. If A grows to every product
with demand, the programme for A is the whole programme and its answer stands on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sangam.supply.layout import BoolArray, FloatArray, IntArray, Layout
from sangam.supply.scenario import Effects

#: Passes of proportional fitting before the completion is declared not found.
FIT_PASSES = 40
#: The share of its headroom each supplier is steered towards while fitting.
FIT_TARGET = 0.95
#: A row of the combined solution may miss by this much relative to the size of its terms
#: (interior-point solutions are feasible to about 1e-8 relative).
ROW_TOLERANCE = 1e-6


def disturbed_sites(layout: Layout, eff: Effects) -> BoolArray:
    """Sites whose capacity, stock, supply links or deliveries the scenario changes."""
    lay = layout
    out = (eff.capacity < 1.0) | (eff.stock != lay.stock)
    out[lay.link_dst[~eff.link_open]] = True
    out[lay.prod_site[~eff.delivery_open[lay.prod_site]]] = True
    return np.asarray(out, dtype=bool)


def downstream_products(layout: Layout, seeds: BoolArray, link_open: BoolArray) -> BoolArray:
    """Products made at or downstream of ``seeds`` along open links."""
    lay = layout
    src, dst = lay.link_src[link_open], lay.link_dst[link_open]
    reach = seeds.copy()
    while True:
        now = reach.copy()
        now[dst[reach[src]]] = True
        if np.array_equal(now, reach):
            break
        reach = now
    products = np.zeros(lay.n_products, dtype=bool)
    products[lay.prod_of[reach[lay.prod_site]]] = True
    return products


@dataclass(frozen=True)
class Completion:
    """A flow for the other products (layout columns y, x, u), or the sites in its way."""

    values: FloatArray | None
    overloaded: BoolArray
    passes: int


class Completer:
    """Index arrays grouped by tier, built once per layout, for the constructive completion."""

    def __init__(self, layout: Layout) -> None:
        lay = layout
        self.layout = lay
        levels = int(lay.site_level.max()) + 1 if lay.n_sites else 0
        self.level_sites: list[IntArray] = []
        self.level_rows: list[IntArray] = []
        self.level_links: list[IntArray] = []
        row_level = lay.site_level[lay.input_site]
        link_level = lay.site_level[lay.link_dst]
        for level in range(levels):
            self.level_sites.append(np.nonzero(lay.site_level == level)[0])
            self.level_rows.append(np.nonzero(row_level == level)[0])
            self.level_links.append(np.nonzero(link_level == level)[0])
        self.abs_matrix = abs(lay.matrix).tocsr()
        self.matrix = lay.matrix.tocsr()

    def complete(self, capacity: FloatArray, link_open: BoolArray, delivery_open: BoolArray,
                 demand: FloatArray) -> Completion:
        """A flow serving ``demand`` (per product, per week) forever within ``capacity`` (per
        site, after the scenario), without stock: columns y, x, u of the layout."""
        lay = self.layout
        n = lay.n_sites
        headroom = np.maximum(capacity, 0.0)
        weight = headroom.copy()
        usable = link_open & (headroom[lay.link_src] > 0)
        deliver = delivery_open[lay.prod_site]
        overloaded = np.zeros(n, dtype=bool)
        for passes in range(1, FIT_PASSES + 1):
            w_del = np.where(deliver, weight[lay.prod_site], 0.0)
            w_sum = np.bincount(lay.prod_of, weights=w_del, minlength=lay.n_products)
            unserved = (demand > 0) & (w_sum <= 0)
            if unserved.any():
                stuck = np.zeros(n, dtype=bool)
                stuck[lay.prod_site[unserved[lay.prod_of]]] = True
                return Completion(None, stuck, passes)
            share = w_sum[lay.prod_of]
            u = demand[lay.prod_of] * np.divide(w_del, share, out=np.zeros_like(w_del),
                                                where=share > 0)
            request = np.bincount(lay.prod_site, weights=u, minlength=n)
            y = np.zeros(n)
            x = np.zeros(lay.n_links)
            need = np.zeros(lay.n_input_rows)
            unfed = np.zeros(n, dtype=bool)
            for sites, rows, links in zip(self.level_sites, self.level_rows, self.level_links,
                                          strict=True):
                y[sites] = request[sites]
                need[rows] = lay.input_qty[rows] * y[lay.input_site[rows]]
                w_link = np.where(usable[links], weight[lay.link_src[links]], 0.0)
                feeding = lay.link_row[links]
                w_row = np.bincount(feeding, weights=w_link, minlength=lay.n_input_rows)
                starved = rows[(need[rows] > 0) & (w_row[rows] <= 0)]
                unfed[lay.input_site[starved]] = True
                denom = w_row[feeding]
                x[links] = need[feeding] * np.divide(w_link, denom, out=np.zeros_like(w_link),
                                                     where=denom > 0)
                request += np.bincount(lay.link_src[links], weights=x[links], minlength=n)
            over = (request > headroom * (1 + 1e-9) + 1e-9) | unfed
            if not over.any():
                values = np.concatenate([y, x, u])
                return Completion(values, overloaded, passes)
            overloaded = over
            headroom[unfed] = 0.0  # a site that cannot get an input makes nothing
            # Every supplier's weight moves towards the one that would load it to
            # FIT_TARGET of its headroom: overloaded sites shed orders, idle ones draw them.
            ratio = np.divide(FIT_TARGET * headroom, request, out=np.ones(n),
                              where=request > 0)
            weight *= np.clip(ratio, 0.25, 4.0)
        return Completion(None, overloaded, FIT_PASSES)

    def feasible(self, z: FloatArray, tau: float, capacity: FloatArray, eff: Effects,
                 demand: FloatArray) -> bool:
        """Does ``z`` (layout columns) with ``tau`` satisfy every row of the full programme?"""
        lay = self.layout
        n = lay.n_sites
        scale = 1.0 + self.abs_matrix @ np.abs(z)
        tol = ROW_TOLERANCE * scale
        act = self.matrix @ z
        if np.any(z < -ROW_TOLERANCE):
            return False
        if np.any(z[:n] > capacity * (1 + ROW_TOLERANCE) + ROW_TOLERANCE):
            return False
        if np.any(z[lay.x0:lay.u0][~eff.link_open] > ROW_TOLERANCE):
            return False
        if np.any(z[lay.u0:][~eff.delivery_open[lay.prod_site]] > ROW_TOLERANCE):
            return False
        b0, d0 = lay.balance0, lay.demand0
        stock_rate = eff.stock * tau
        return bool(
            np.all(act[:b0] >= -tol[:b0])
            and np.all(act[b0:d0] <= stock_rate + tol[b0:d0] + ROW_TOLERANCE * stock_rate)
            and np.all(act[d0:] >= demand - tol[d0:])
        )
