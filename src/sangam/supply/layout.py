"""The sparse constraint matrix shared by both supply programmes, built once per network.

columns  ``y[s]`` production at site s (units of its item over the horizon),
         ``x[l]`` flow on link l, ``u[k]`` delivery to demand from product site k;
rows     *inputs*   for each site s and each input i of its item:
                    ``sum(x[l] for links into s carrying i) - q[i] * y[s] >= 0``
                    — a site needing two materials is limited by the scarcer, and flows
                    from alternative suppliers of the same material add up;
         *balance*  for each site: ``sum(x out) + u[s] - y[s] <= stock[s]``;
         *demand*   for each product p: ``sum(u[k] for k making p)``.

Assembled in COO form with vectorised numpy and converted to compressed sparse columns; the
programmes in :mod:`sangam.supply.lp` add their bounds and, for time-to-survive, one column.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from sangam.supply.model import Network

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


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
    input_qty: FloatArray  # units of the input per unit made, per input row
    link_row: IntArray  # input row each link feeds
    site_level: IntArray  # 0 for sites making a top item; a site's customers have lower levels

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
        input_qty=qtys,
        link_row=link_rows,
        site_level=bom_depth(item_code, ((line.parent, line.child) for line in network.bom))[makes],
    )


def bom_depth(item_code: dict[str, int], lines: Iterable[tuple[str, str]]) -> IntArray:
    """Longest bill-of-materials path from an item no one uses (a top item) down to each
    item, from (parent, child) pairs. Every customer of a site makes a parent of its item,
    so it sits at a lower depth: walking the depths upward visits each site after all of its
    customers."""
    pairs = [(item_code[parent], item_code[child]) for parent, child in lines]
    parents = np.array([p for p, _ in pairs], dtype=np.int64)
    children = np.array([c for _, c in pairs], dtype=np.int64)
    depth = np.zeros(len(item_code), dtype=np.int64)
    # The bill of materials is acyclic (the loader checks), so this settles within as many
    # rounds as the longest path has steps.
    for _ in range(len(item_code) + 1):
        now = depth.copy()
        np.maximum.at(now, children, depth[parents] + 1)
        if np.array_equal(now, depth):
            return depth
        depth = now
    raise ValueError("the bill of materials has a cycle")
