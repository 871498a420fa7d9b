"""Figures for lesson 08, backpropagation with matrices.

- `WeightGradientSum` (a `LiveFigure`): dW[i, j] = sum over the examples k of
  X[k, i] * dZ[k, j], drawn with every number: column i of X and column j of dZ
  outlined, one product per example (row), their sum, and where it lands in dW.
  `weight_gradient_sum(...)` is its static figure.
- `relu_backward`: the ReLU mask in the backward pass, dZ = dA * 1[Z > 0], as heatmaps.
- `shared_weight_graph`: one weight used by two examples; its gradient adds the two paths.
- `two_layer_backward_graph`: the graph of a 2-layer network with every node's shape
  (forward) and its gradient's formula (backward).

Indices count from 0, as in numpy. Cells are coloured by sign, as everywhere in the
course: red (vermillion) positive, blue negative.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, Rectangle

from .beside import differing
from .live import LiveFigure
from .style import DIVERGING_CMAP, PALETTE, new_figure

__all__ = ["WeightGradientSum", "weight_gradient_sum", "relu_backward", "shared_weight_graph",
           "two_layer_backward_graph"]

_GAP = 1.1          # space between two blocks of the drawing, in cells
_PRODUCT_W = 3.9    # width of the products column, in cells (it holds "a × b = c")
_PALE = 2.2        # colour scale = 2.2 x the largest |value|: pale cells, readable numbers
_DIM = dict(facecolor="white", edgecolor="none", alpha=0.72)


def _num(v: float, digits: int = 2, trim: bool = False) -> str:
    """v rounded to `digits` decimals, with a real minus sign (never "−0.00"); `trim` drops
    trailing zeros but keeps one decimal ("0.50" -> "0.5")."""
    v = round(float(v), digits)
    s = f"{abs(v):.{digits}f}"
    if trim and "." in s:
        s = s.rstrip("0")
        s = s + "0" if s.endswith(".") else s
    return f"−{s}" if v < 0 else s


def _decimals(A: np.ndarray, most: int = 3) -> int:
    """The fewest decimals (1 to `most`) that show every number of A exactly, else `most`."""
    for d in range(1, most):
        if np.allclose(A, np.round(A, d), rtol=0, atol=1e-9):
            return d
    return most


def _factor(v: float, digits: int = 1, trim: bool = False) -> str:
    """A number as a factor of a product: negative ones in parentheses."""
    s = _num(v, digits, trim)
    return f"({s})" if s.startswith("−") else s


def _as_batch(name: str, A) -> np.ndarray:
    A = np.asarray(A, dtype=np.float64)
    if A.ndim != 2:
        raise ValueError(f"{name} must be a matrix (m, ...) with one row per example, got shape {A.shape}")
    return A


def _block(ax, A: np.ndarray, left: float, top: float, title: str, digits: int,
           title_gap: float = 0.25) -> tuple[Any, list]:
    """Draw matrix A as coloured cells with its numbers, top-left corner at (left, top).
    Returns (the image, the texts) so they can be refilled."""
    rows, cols = A.shape
    vmax = max(float(np.abs(A).max()), 1e-9) * _PALE
    im = ax.imshow(A, cmap=DIVERGING_CMAP, vmin=-vmax, vmax=vmax, interpolation="nearest",
                   extent=(left, left + cols, top + rows, top))
    ax.add_patch(Rectangle((left, top), cols, rows, fill=False, ec=PALETTE["black"], lw=1))
    texts = [ax.text(left + c + 0.5, top + r + 0.5, _num(A[r, c], digits, trim=True), ha="center", va="center",
                     fontsize=10) for r in range(rows) for c in range(cols)]
    ax.text(left + cols / 2, top - title_gap, title, ha="center", va="bottom", fontsize=10)
    return im, texts


def _refill(im, texts: list, A: np.ndarray, digits: int) -> None:
    vmax = max(float(np.abs(A).max()), 1e-9) * _PALE
    im.set_data(A)
    im.set_clim(-vmax, vmax)
    for t, v in zip(texts, A.reshape(-1)):
        t.set_text(_num(v, digits, trim=True))


class WeightGradientSum(LiveFigure):
    """How one entry of a layer's weight gradient is built: dW[i, j] = Σ_k X[k, i] dZ[k, j].

    X (m, n_in): the layer's inputs, one example per row; dZ (m, n_out): dL/dZ, the
    gradient arriving from above. Left to right: X with column i outlined (input i of
    every example), dZ with column j outlined (the gradient at output unit j for every
    example), the m products X[k, i]·dZ[k, j] (row k: example k) and their sum, and
    dW = Xᵀ dZ with entry (i, j) outlined.

    backward: optional, (X, dZ) -> (dW (n_in, n_out), db (n_out,)), e.g. a learner's
    dense_backward, called once per batch: its dW is drawn instead of Xᵀ dZ. Where it
    parts from Xᵀ dZ (or its db from the column sums of dZ), the cell gets a ✗ and the
    right number in grey under it, the sum says that it differs, and a note under dW
    says what the grey is (with both db's when db differs). Nothing extra while they agree.

    ``update(i, j, X=None, dZ=None)`` (new X and dZ of the same shapes are optional) returns
    ``i``, ``j``, ``products`` (m,), ``total`` (their sum, = dW[i, j]), ``dW`` (n_in, n_out,
    the drawn one), ``db`` (n_out,) and ``db_j`` (the drawn db's entry j; = the sum of
    column j of dZ), ``right_dW``, ``right_db`` (Xᵀ dZ and the column sums of dZ),
    ``dW_differs``, ``db_differs`` (boolean masks) and ``text`` (the sum as shown).
    """

    def __init__(self, X, dZ, i: int = 0, j: int = 0, dpi: int = 80,
                 backward: Callable[[np.ndarray, np.ndarray], tuple] | None = None):
        X, dZ = _as_batch("X", X), _as_batch("dZ", dZ)
        if X.shape[0] != dZ.shape[0]:
            raise ValueError(f"X has {X.shape[0]} rows but dZ has {dZ.shape[0]}: both have one row per example")
        self.X, self.dZ, self.backward = X, dZ, backward
        m, n_in = X.shape
        n_out = dZ.shape[1]
        self.x_X, self.x_dZ = 0.0, n_in + _GAP
        self.x_P = self.x_dZ + n_out + _GAP
        self.x_dW = self.x_P + _PRODUCT_W + _GAP + 0.6
        width = self.x_dW + n_out + 0.6      # room for dW's row labels on its right
        height = max(m, n_in) + 0.9
        self.fig = new_figure(0.62 * width + 1.3, 0.55 * height + 1.0, dpi=dpi)
        ax = self.ax = self.fig.add_subplot()
        ax.set_title("One entry of the weight gradient: dW[i, j] = Σ over the examples k of X[k, i] · dZ[k, j]",
                     fontsize=11)
        self._gradients(X, dZ)
        self._digits(X, dZ)
        self.im_X, self.t_X = _block(ax, X, self.x_X, 0, f"X  ({m} × {n_in})", self.d_X)
        self.im_dZ, self.t_dZ = _block(ax, dZ, self.x_dZ, 0, f"dZ = ∂L/∂Z  ({m} × {n_out})", self.d_dZ)
        self.im_dW, self.t_dW = _block(ax, self.dW, self.x_dW, 0, f"dW = Xᵀ dZ  ({n_in} × {n_out})", self.d_P,
                                       title_gap=0.45)
        for k in range(m):
            ax.text(-0.15, k + 0.5, f"example {k}", ha="right", va="center", fontsize=9)
        for c in range(n_in):
            ax.text(self.x_X + c + 0.5, m + 0.12, f"i={c}", ha="center", va="top", fontsize=9)
            # on the right: the arrow comes in from the left
            ax.text(self.x_dW + n_out + 0.12, c + 0.5, f"i={c}", ha="left", va="center", fontsize=9)
        for c in range(n_out):
            ax.text(self.x_dZ + c + 0.5, m + 0.12, f"j={c}", ha="center", va="top", fontsize=9)
            # above the block: the arrow comes from below
            ax.text(self.x_dW + c + 0.5, -0.06, f"j={c}", ha="center", va="bottom", fontsize=9)
        ax.text(self.x_P + _PRODUCT_W / 2, -0.25, "X[k, i] · dZ[k, j]", ha="center", va="bottom", fontsize=10)
        ax.plot([self.x_P + 0.2, self.x_P + _PRODUCT_W - 0.2], [m + 0.12, m + 0.12], color=PALETTE["black"], lw=1)

        # what moves: the outlines, the dimmed columns, the products, the sum and its arrow
        outline = dict(fill=False, ec=PALETTE["black"], lw=3, zorder=5)
        self.box_X = ax.add_patch(Rectangle((0, 0), 1, m, **outline))
        self.box_dZ = ax.add_patch(Rectangle((0, 0), 1, m, **outline))
        self.box_dW = ax.add_patch(Rectangle((0, 0), 1, 1, **outline))
        self.dims = [ax.add_patch(Rectangle((0, 0), 0, m, zorder=4, **_DIM)) for _ in range(4)]
        self.cells = [ax.add_patch(Rectangle((self.x_P, k), _PRODUCT_W, 1, ec=PALETTE["grey"], lw=0.6))
                      for k in range(m)]
        self.products = [ax.text(self.x_P + _PRODUCT_W / 2, k + 0.5, "", ha="center", va="center",
                                 fontsize=10, zorder=6) for k in range(m)]
        self.sum_text = ax.text(self.x_P + _PRODUCT_W / 2, m + 0.3, "", ha="center", va="top",
                                fontsize=11, fontweight="bold", zorder=6)
        self.arrow = ax.add_patch(FancyArrowPatch((0, 0), (1, 1), arrowstyle="-|>", mutation_scale=14,
                                                  color=PALETTE["black"], lw=1.5, zorder=6,
                                                  connectionstyle="arc3,rad=0.25"))
        self._draw_differences(ax, n_in, n_out)
        ax.set_xlim(-1.9, width + 0.3)
        ax.set_ylim(height + 0.1, -1.0)
        ax.set_aspect("equal")
        ax.axis("off")
        self._cmap = self.im_X.get_cmap()
        self.animated = [*self.dims, self.box_X, self.box_dZ, self.box_dW, *self.cells, *self.products,
                         self.sum_text, self.arrow]
        self.update(i=i, j=j)

    def _gradients(self, X: np.ndarray, dZ: np.ndarray) -> None:
        """dW and db to draw (`backward`'s, else the right ones), the right ones, where they part."""
        self.right_dW, self.right_db = X.T @ dZ, dZ.sum(axis=0)
        if self.backward is None:
            self.dW, self.db = self.right_dW, self.right_db
        else:
            self.dW, self.db = (np.asarray(g, dtype=np.float64) for g in self.backward(X, dZ))
        self.dW_differs = differing(self.dW, self.right_dW)
        self.db_differs = differing(self.db, self.right_db)

    def _draw_differences(self, ax, n_in: int, n_out: int) -> None:
        """Per dW cell a ✗ and the right number in grey (hidden), and the note under dW."""
        grey = dict(ha="center", va="bottom", fontsize=7.5, color="#666666", visible=False)
        self.t_right = [ax.text(self.x_dW + c + 0.5, r + 0.97, "", **grey) for r in range(n_in) for c in range(n_out)]
        self.t_cross = [ax.text(self.x_dW + c + 0.95, r + 0.05, "✗", ha="right", va="top", fontsize=8,
                                fontweight="bold", visible=False) for r in range(n_in) for c in range(n_out)]
        self.note = ax.text(self.x_dW + n_out / 2, n_in + 0.3, "", ha="center", va="top", fontsize=8.5,
                            visible=False)
        self._show_differences()

    def _show_differences(self) -> None:
        for t, cross, v, off in zip(self.t_right, self.t_cross, self.right_dW.reshape(-1), self.dW_differs.reshape(-1)):
            t.set_text(_num(v, self.d_P, trim=True))
            t.set_visible(bool(off))
            cross.set_visible(bool(off))
        lines = ["✗ your dW differs here:", "the right Xᵀ dZ in grey"] if self.dW_differs.any() else []
        if self.db_differs.any():
            def row(v):
                return "[" + ", ".join(_num(x, self.d_P, trim=True) for x in v) + "]"
            lines += [f"✗ your db = {row(self.db)}", f"the right db = {row(self.right_db)}"]
        self.note.set_text("\n".join(lines))
        self.note.set_visible(bool(lines))

    def _digits(self, X: np.ndarray, dZ: np.ndarray) -> None:
        """Decimals shown: as many as X and dZ need; their products need the two added (at most 4)."""
        self.d_X, self.d_dZ = _decimals(X), _decimals(dZ)
        self.d_P = min(self.d_X + self.d_dZ, 4)

    def _set_data(self, X: np.ndarray, dZ: np.ndarray) -> None:
        if X.shape != self.X.shape or dZ.shape != self.dZ.shape:
            raise ValueError(f"new X and dZ must keep the shapes {self.X.shape} and {self.dZ.shape}")
        self.X, self.dZ = X, dZ
        self._digits(X, dZ)
        self._gradients(X, dZ)
        _refill(self.im_X, self.t_X, X, self.d_X)
        _refill(self.im_dZ, self.t_dZ, dZ, self.d_dZ)
        _refill(self.im_dW, self.t_dW, self.dW, self.d_P)
        self._show_differences()
        self.background_stale = True

    def update(self, i: int, j: int, X=None, dZ=None) -> dict[str, Any]:
        """Show entry (i, j); with X and dZ, show that batch first."""
        if X is not None or dZ is not None:
            self._set_data(_as_batch("X", self.X if X is None else X), _as_batch("dZ", self.dZ if dZ is None else dZ))
        X, dZ = self.X, self.dZ
        m, n_in = X.shape
        n_out = dZ.shape[1]
        if not (0 <= i < n_in and 0 <= j < n_out):
            raise ValueError(f"(i, j) = ({i}, {j}) is outside W's shape ({n_in}, {n_out})")
        products = X[:, i] * dZ[:, j]
        total = float(products.sum())
        self.box_X.set_x(self.x_X + i)
        self.box_dZ.set_x(self.x_dZ + j)
        self.box_dW.set_xy((self.x_dW + j, i))
        # dim the columns left and right of the chosen one, in X and in dZ
        for (left, n, c), pair in zip(((self.x_X, n_in, i), (self.x_dZ, n_out, j)),
                                      (self.dims[:2], self.dims[2:])):
            pair[0].set_bounds(left, 0, c, m)
            pair[1].set_bounds(left + c + 1, 0, n - c - 1, m)
        vmax = max(float(np.abs(products).max()), 1e-9) * _PALE
        for k in range(m):
            self.cells[k].set_facecolor(self._cmap(0.5 + 0.5 * products[k] / vmax))
            self.products[k].set_text(f"{_factor(X[k, i], self.d_X, True)} × {_factor(dZ[k, j], self.d_dZ, True)}"
                                      f" = {_num(products[k], self.d_P, True)}")
        text = f"sum = {_num(total, self.d_P, True)} = dW[{i}, {j}]"
        if self.dW_differs[i, j]:
            text = f"sum = {_num(total, self.d_P, True)} ≠ your {_num(self.dW[i, j], self.d_P, True)}"
        self.sum_text.set_text(text)
        start = (self.x_P + _PRODUCT_W - 0.1, m + 0.75)
        self.arrow.set_positions(start, (self.x_dW - 0.05, i + 0.5))   # row i, from the left: no cell crossed
        return dict(i=i, j=j, products=products, total=total, dW=self.dW, db=self.db, db_j=float(self.db[j]),
                    right_dW=self.right_dW, right_db=self.right_db, dW_differs=self.dW_differs,
                    db_differs=self.db_differs, text=text)


def weight_gradient_sum(X, dZ, i: int = 0, j: int = 0) -> Figure:
    """The static figure of `WeightGradientSum`: how dW[i, j] adds up over the batch."""
    return WeightGradientSum(X, dZ, i, j, dpi=100).fig


def relu_backward(Z, dA, layer: str = "") -> Figure:
    """Four heatmaps, one row per example: the pre-activations Z (m, h) of a ReLU layer,
    its mask 1[Z > 0] (where the unit was on), the gradient dA = dL/dA arriving from
    above, and dZ = dA ⊙ mask, which is 0 wherever the unit was off. `layer` is
    appended to the names (``"1"``: Z1, dA1, dZ1)."""
    Z, dA = _as_batch("Z", Z), _as_batch("dA", dA)
    if Z.shape != dA.shape:
        raise ValueError(f"Z {Z.shape} and dA {dA.shape} must have the same shape (m, h)")
    mask = (Z > 0).astype(float)
    dZ = dA * mask
    m, h = Z.shape
    fig = new_figure(4 * (0.5 * h + 0.35) + 0.6, 0.42 * m + 1.3, dpi=100)
    axes = fig.subplots(1, 4)
    z, a, l = f"Z{layer}", f"A{layer}", layer
    panels = [(axes[0], f"{z} (forward)", Z, 2), (axes[1], f"mask 1[{z} > 0]", mask, 0),
              (axes[2], f"dA{l} = ∂L/∂{a} (from above)", dA, 2), (axes[3], f"dZ{l} = dA{l} ⊙ mask", dZ, 2)]
    for ax, name, A, digits in panels:
        if A is mask:
            ax.imshow(np.where(mask > 0, 1.0, 0.78), cmap="gray", vmin=0, vmax=1, interpolation="nearest")
        else:
            vmax = max(float(np.abs(A if A is Z else dA).max()), 1e-9) * _PALE
            ax.imshow(A, cmap=DIVERGING_CMAP, vmin=-vmax, vmax=vmax, interpolation="nearest")
        for (r, c), v in np.ndenumerate(A):
            blocked = mask[r, c] == 0 and A is dZ
            if blocked:  # where the unit was off, no gradient gets through
                ax.add_patch(Rectangle((c - 0.5, r - 0.5), 1, 1, fc=(0.78, 0.78, 0.78), ec="none"))
            text = str(int(v)) if A is mask else ("0" if blocked else _num(v, digits))
            ax.text(c, r, text, ha="center", va="center", fontsize=9)
        ax.set_title(name, fontsize=10)
        ax.set_xticks(range(h), [f"unit {c}" for c in range(h)], fontsize=8, rotation=45)
        ax.set_yticks(range(m), [f"ex. {r}" for r in range(m)] if ax is axes[0] else [], fontsize=8)
        ax.tick_params(length=0)
    fig.suptitle(f"The ReLU in the backward pass: dZ{l} = dA{l} ⊙ 1[{z} > 0], zero wherever the unit was off",
                 fontsize=11)
    return fig


def _node(ax, xy, text, face="white"):
    return ax.text(*xy, text, ha="center", va="center", fontsize=10, zorder=3,
                   bbox=dict(boxstyle="round,pad=0.4", fc=face, ec=PALETTE["black"], lw=1.2))


def _link(ax, src, dst, color=PALETTE["grey"]) -> None:
    ax.annotate("", xy=(0.5, 0.5), xycoords=dst, xytext=(0.5, 0.5), textcoords=src, zorder=2,
                arrowprops=dict(arrowstyle="-|>", color=color, lw=1.4, shrinkA=2, shrinkB=2,
                                patchA=src.get_bbox_patch(), patchB=dst.get_bbox_patch()))


def two_layer_backward_graph(n: int = 3, h: int = 4, k: int = 3) -> Figure:
    """The graph of a 2-layer network, Z1 = X W1 + b1, A1 = ReLU(Z1), Z2 = A1 W2 + b2,
    L = mean cross-entropy(Z2, y), for a batch of m examples: each node with its shape
    (blue) and the formula of its gradient (vermillion); the backward pass runs right to left."""
    blue, red = PALETTE["blue"], PALETTE["vermillion"]
    fig = new_figure(10.0, 3.9, dpi=100)
    ax = fig.add_subplot()
    chain = {"X": (0.0, f"(m, {n})", "dX = dZ1 W1ᵀ\n(not needed: X is data)"),
             "Z1": (2.6, f"(m, {h})", "dZ1 = dA1 ⊙ 1[Z1 > 0]"),
             "A1": (5.0, f"(m, {h})", "dA1 = dZ2 W2ᵀ"),
             "Z2": (7.6, f"(m, {k})", "dZ2 = (P − Y) / m"),
             "L": (9.9, "one number", "dL/dL = 1")}
    ops = {"Z1": "X W1 + b1", "A1": "ReLU(Z1)", "Z2": "A1 W2 + b2", "L": "mean CE(Z2, y)"}
    nodes = {}
    for name, (x, shape, grad) in chain.items():
        label = name if name not in ops else f"{name} = {ops[name]}"
        nodes[name] = _node(ax, (x, 0.0), label, "#eeeeee" if name == "X" else "white")
        ax.text(x, 0.42, shape, ha="center", va="bottom", fontsize=10, color=blue, fontweight="bold")
        ax.text(x, -0.42, grad, ha="center", va="top", fontsize=10, color=red, fontweight="bold")
    params = {"W1": (1.3, f"({n}, {h})", "dW1 = Xᵀ dZ1", "Z1"), "b1": (3.6, f"({h},)", "db1 = Σₖ dZ1[k, :]", "Z1"),
              "W2": (6.3, f"({h}, {k})", "dW2 = A1ᵀ dZ2", "Z2"), "b2": (8.6, f"({k},)", "db2 = Σₖ dZ2[k, :]", "Z2")}
    for name, (x, shape, grad, feeds) in params.items():
        box = _node(ax, (x, 1.45), name, "#eeeeee")
        ax.text(x + 0.3, 1.45, shape, ha="left", va="center", fontsize=10, color=blue, fontweight="bold")
        ax.text(x, 1.88, grad, ha="center", va="bottom", fontsize=10, color=red, fontweight="bold")
        _link(ax, box, nodes[feeds])
    names = list(chain)
    for a, b in zip(names[:-1], names[1:]):
        _link(ax, nodes[a], nodes[b])
    ax.annotate("", xy=(0.0, -1.25), xytext=(9.9, -1.25),
                arrowprops=dict(arrowstyle="-|>", color=red, lw=2, mutation_scale=16))
    ax.text(4.95, -1.35, "backward pass: from L back to the weights, right to left", ha="center", va="top",
            fontsize=10, color=red)
    ax.set_xlim(-0.9, 10.9)
    ax.set_ylim(-1.75, 2.3)
    ax.axis("off")
    ax.set_title(f"A 2-layer network ({n} inputs, {h} hidden ReLU units, {k} classes) on a batch of m examples: "
                 "shapes (blue) and gradients (vermillion)", fontsize=10)
    return fig


def shared_weight_graph(x: tuple[float, float] = (2.0, -1.0), y: tuple[float, float] = (1.0, 0.0),
                        w: float = 0.5, b: float = 0.1) -> Figure:
    """One weight w used by a batch of two examples: z_k = w·x_k + b, L = mean (z_k − y_k)².
    Each arrow out of w carries one example's share, x_k · ∂L/∂z_k; the gradient of w is
    their sum. Values in blue (forward), gradients in vermillion (backward)."""
    blue, red = PALETTE["blue"], PALETTE["vermillion"]
    z = [w * xk + b for xk in x]
    dz = [2 * (zk - yk) / 2 for zk, yk in zip(z, y)]       # d mean((z - y)^2) / dz_k
    shares = [xk * gk for xk, gk in zip(x, dz)]
    loss = sum((zk - yk) ** 2 for zk, yk in zip(z, y)) / 2
    fig = new_figure(9.0, 3.7, dpi=100)
    ax = fig.add_subplot()
    w_box = _node(ax, (0.0, 0.0), "w", "#eeeeee")
    ax.text(-0.35, 0.08, f"w = {_num(w, 1)}  (b = {_num(b, 1)})", ha="right", va="bottom", color=blue, fontsize=10, fontweight="bold")
    ax.text(-0.35, -0.08, f"∂L/∂w = {_num(shares[0])} + {_factor(shares[1], 2)}\n= {_num(sum(shares))}",
            ha="right", va="top", color=red, fontsize=10, fontweight="bold")
    l_box = _node(ax, (8.7, 0.0), "L = mean over k\nof (z_k − y_k)²")
    ax.text(8.7, 0.45, f"L = {_num(loss, 3)}", ha="center", va="bottom", color=blue, fontsize=10,
            fontweight="bold")
    for k in range(2):
        up = 1 if k == 0 else -1
        box = _node(ax, (4.4, 1.15 * up), f"z{k} = w·x{k} + b\nx{k} = {_num(x[k], 1)}, y{k} = {_num(y[k], 1)}")
        ax.text(4.4, 1.15 * up + 0.45 * up, f"z{k} = {_num(z[k])}" if k == 0 else f"∂L/∂z{k} = (2/m)(z{k} − y{k}) = {_num(dz[k])}",
                ha="center", va="bottom" if up > 0 else "top", color=blue if k == 0 else red, fontsize=10,
                fontweight="bold")
        ax.text(4.4, 1.15 * up - 0.45 * up, f"∂L/∂z{k} = (2/m)(z{k} − y{k}) = {_num(dz[k])}" if k == 0 else f"z{k} = {_num(z[k])}",
                ha="center", va="top" if up > 0 else "bottom", color=red if k == 0 else blue, fontsize=10,
                fontweight="bold")
        _link(ax, w_box, box)
        _link(ax, box, l_box)
        # along the arrow, on its outer side (the angle is in data units, turned at draw time)
        ax.text(1.8, 0.66 * up, f"x{k} · ∂L/∂z{k} = {_factor(x[k], 1)} × {_factor(dz[k], 2)}\n= {_num(shares[k])}",
                ha="center", va="bottom" if up > 0 else "top", color=red, fontsize=9,
                rotation=np.degrees(np.arctan2(1.15 * up, 3.2)), rotation_mode="anchor",
                transform_rotates_text=True)
    ax.set_xlim(-2.6, 9.9)
    ax.set_ylim(-2.2, 2.2)
    ax.axis("off")
    ax.set_title("One weight, two examples: the gradient of w adds one share per example", fontsize=11)
    return fig
