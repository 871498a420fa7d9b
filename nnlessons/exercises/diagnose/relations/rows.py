"""Relations row by row (or slice by slice along the first axis): each row scaled by its own
factor, each row's entries replaced by the row's sum, every row summed into one, each slice
off by its own entry of an input vector."""
from __future__ import annotations

import numpy as np

from ..context import arr
from ..finding import Finding
from .pair import Pair, close

__all__ = ["into_one", "per_row_factor", "row_factor", "slice_offset", "sum_each"]


def row_factor(pre: str, normalised: bool = True) -> Finding:
    """The finding for rows scaled by factors of their own (`normalised`: the expected rows
    sum to 1, so the rows are normalised by the wrong amount)."""
    if not normalised:
        return Finding("factor:per_row", f"{pre}each row is the expected row times its own factor (the zeros stay "
                       "0): every row is divided (or multiplied) by something of its own, such as its length or "
                       "its sum, where the plain values are expected: leave out that division", kind="row_factor")
    return Finding("factor:per_row", f"{pre}each row is the expected row times its own factor: the rows are "
                   "scaled right relative to themselves, but normalised by the wrong amount (divide each row "
                   "by its SUM, so that it sums to 1; e.g. not by its max)", kind="row_factor")


def _rows_scaled(ef: np.ndarray, gf: np.ndarray, tol) -> bool:
    """Each row is the expected row times its own factor (zeros stay zero), not all the same."""
    factors = []
    for e_row, g_row in zip(ef, gf):
        nz = e_row != 0
        if not close(g_row[~nz], np.zeros(int((~nz).sum())), *tol):
            return False
        if nz.any():
            r = g_row[nz] / e_row[nz]
            if not np.allclose(r, r[0], rtol=1e-6) or r[0] == 0:
                return False
            factors.append(r[0])
    if len(factors) == 1:  # one row with values: its own factor, unless it is the same row
        return not np.isclose(factors[0], 1.0)
    return len(factors) > 1 and not np.allclose(factors, factors[0], rtol=1e-6)


def per_row_factor(p: Pair) -> list[Finding]:
    """A different factor on each row (a normalisation by the wrong quantity)."""
    ef, gf = p.ef, p.gf
    if ef.ndim < 1 or ef.shape[-1] <= 1:
        return []
    with np.errstate(all="ignore"):
        r = gf / ef
    if np.all(np.isfinite(r)) and np.allclose(r, r[..., :1], rtol=1e-6) and not np.allclose(r, r.reshape(-1)[0]):
        return [row_factor(p.pre)]
    if ef.ndim == 2 and _rows_scaled(ef, gf, p.tol):
        return [row_factor(p.pre, normalised=np.allclose(ef.sum(axis=1)[np.any(ef != 0, axis=1)], 1.0))]
    return []


def sum_each(p: Pair) -> list[Finding]:
    """Every entry of a row of yours is the sum of that expected row (x[i] taken for one entry)."""
    ef, gf = p.ef, p.gf
    if ef.ndim == 2 and ef.shape[1] > 1 and np.allclose(gf, gf[:, :1]) and p.close(gf[:, 0], ef.sum(axis=1)):
        return [Finding("rows:sum_each", f"{p.pre}every entry of a row of yours is the SUM of that expected row: "
                        "each row was handled as one piece (on a 2-D array x[i] is a whole row, not one entry): "
                        "go over every entry, e.g. for idx in np.ndindex(x.shape): x[idx]", kind="offset")]
    return []


def _into_one_row(ef: np.ndarray, gf: np.ndarray, tol) -> int | None:
    """The row that holds the sum of every expected row while the others are 0 (None if none)."""
    if not np.any(ef != 0):
        return None
    total = ef.sum(axis=0)
    for r in range(ef.shape[0]):
        rest = np.delete(gf, r, axis=0)
        if close(gf[r], total, *tol) and not np.any(rest):
            return r
    return None


def into_one(p: Pair) -> list[Finding]:
    """One row of yours holds the sum of every expected row, the others are 0."""
    if p.ef.ndim != 2 or p.ef.shape[0] <= 1:
        return []
    row = _into_one_row(p.ef, p.gf, p.tol)
    if row is None:
        return []
    return [Finding("rows:into_one", f"{p.pre}all the values landed in row {row + 1}: it holds the sum of "
                    "every expected row and the other rows are left at 0. The row index does not move "
                    "with the loop (X[0, ...] where X[i, ...] belongs?)", kind="offset")]


def slice_offset(p: Pair) -> list[Finding]:
    """Each slice along the first axis off by its own constant, and that constant is an
    input vector: one entry per output channel/unit added wrongly (a bias per unit)."""
    ef, tol = p.ef, p.tol
    if not p.known or ef.ndim < 2 or ef.shape[0] < 2:
        return []
    d = p.d.reshape(ef.shape[0], -1)
    if not np.allclose(d, d[:, :1], rtol=tol[0], atol=max(tol[1], 1e-9)):
        return []
    o = d[:, 0]
    for name, v in p.inputs():
        a = arr(v)
        if a is None or a.ndim != 1 or a.shape[0] != ef.shape[0] or a.dtype.kind != "f":
            continue
        if p.close(o, a):
            return [Finding(f"slice_offset:+{name}", f"{p.pre}each output slice [n] is off by {name}[n]: {name} "
                            "is added twice", kind="offset")]
        if p.close(o, -a):
            return [Finding(f"slice_offset:-{name}", f"{p.pre}each output slice [n] lacks {name}[n]: add "
                            f"{name}[n] to output n", kind="offset")]
        if p.close(o, a[0] - a):
            return [Finding(f"slice_offset:{name}[0]", f"{p.pre}every output slice uses {name}[0] where {name}[n] "
                            f"belongs: index {name} with the output's own n, not 0", kind="offset")]
    return []
