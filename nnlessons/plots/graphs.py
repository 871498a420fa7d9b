"""Computational graphs: one drawer for any `nnlessons.autograd.Value` graph (lesson 06).

Each Value is a box with three lines: what it is (``z = m + b``, or an input's name),
its forward value (``= 0.7``, blue) and its gradient (``∂L/∂z = -0.147``, vermillion).
Arrows run from the inputs of an operation to its result, left (inputs) to right (the
output). The values live inside the boxes, so no arrow crosses them; an arrow that
would pass behind a box on its way (an input used far to the right) is routed around it.

`ComputationGraph` is a `LiveFigure`: ``update`` shows or hides each value and
gradient, highlights the current node, and takes a graph of the same shape with new
numbers (the step-through widget of lesson 06). `draw_graph(value)` draws a whole graph
with every value and gradient.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from matplotlib.path import Path

from ..autograd import Value
from .live import LiveFigure
from .style import PALETTE, new_figure

__all__ = ["ComputationGraph", "draw_graph", "graph_layout", "node_names", "node_title"]

BOX_W, BOX_H = 2.3, 1.05     # a node's box, in data units
DX, DY = 3.1, 1.4            # distance between columns, between rows
INCH = 0.5                   # inches per data unit
_MAX_EXPR = 14               # longer sub-expressions are written (…)

_FORMULA = {"+": "{0} + {1}", "-": "{0} − {1}", "*": "{0}·{1}", "/": "{0} / {1}", "neg": "−{0}",
            "exp": "exp({0})", "log": "log({0})", "tanh": "tanh({0})", "sigmoid": "σ({0})",
            "relu": "ReLU({0})"}
_INFIX = ("+", "-", "/", "neg")
_SUPERSCRIPT = str.maketrans("0123456789-.", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻·")


class Layout(NamedTuple):
    """Where each node of a graph goes: ``xy[i]`` the centre of node i (topological
    order), ``columns[i]`` its column (0 = the leftmost inputs), ``rows[i]`` its row."""

    xy: list[tuple[float, float]]
    columns: list[int]
    rows: list[float]


# ------------------------------------------------------------------------------ naming
def _expr(v: Value, cap: int = _MAX_EXPR) -> str:
    """A short expression for `v`: its label, a constant's number, or op(inputs), with
    sub-expressions longer than a box can hold written (…)."""
    if v.label:
        return v.label
    if not v.inputs:
        return f"{v.data:g}"
    parts = []
    for c in v.inputs:
        e = _expr(c, cap)
        if len(e) > cap:
            e = "(…)"
        elif not c.label and c.op in _INFIX and (v.op in _INFIX or v.op.startswith("**")):
            e = f"({e})"          # a sum inside a product or a power
        parts.append(e)
    if v.op.startswith("**"):
        k = v.op[2:]
        return f"{parts[0]}{k.translate(_SUPERSCRIPT)}" if len(k) <= 3 else f"{parts[0]}^{k}"
    return _FORMULA.get(v.op, v.op + "({})").format(*parts).replace("((…))", "(…)")


def node_title(v: Value) -> str:
    """The first line of a node's box: ``"z = m + b"``, ``"w"``, ``"constant"``, ``"w·1.5"``."""
    if not v.inputs:
        return v.label or "constant"
    op = Value(0.0, v.inputs, v.op)      # the same operation, unlabelled
    formula = _expr(op)
    if len(formula) + len(v.label) > 16:
        formula = _expr(op, cap=2)         # what a box can hold: "(…) + b"
    return f"{v.label} = {formula}" if v.label else formula


def node_names(order: list[Value]) -> list[str]:
    """A name per node: its label, else ``"#i"`` (its index in the topological order)."""
    return [v.label or f"#{i}" for i, v in enumerate(order)]


# ------------------------------------------------------------------------------ layout
def graph_layout(order: list[Value]) -> Layout:
    """Columns by depth (an input sits just left of its first use), rows so that each
    node sits level with the node it feeds: the longest chain runs straight, and the
    inputs joining it sit below it (two inputs of one operation, around it).

    order: the graph's nodes, each after its inputs (`Value.topological_order`)."""
    idx = {id(v): i for i, v in enumerate(order)}
    n = len(order)
    col = [0] * n
    users: list[list[int]] = [[] for _ in range(n)]
    for i, v in enumerate(order):
        col[i] = 1 + max((col[idx[id(c)]] for c in v.inputs), default=-1)
        for c in v.inputs:
            users[idx[id(c)]].append(i)
    for i, v in enumerate(order):
        if not v.inputs and users[i]:
            col[i] = min(col[u] for u in users[i]) - 1
    row: dict[int, float] = {}
    for c in range(max(col), -1, -1):
        taken: list[float] = []

        def free(r: float) -> bool:
            return all(abs(r - t) >= 0.99 for t in taken)

        def place(i: int, wanted: list[float]) -> None:
            r = next((r for r in wanted if free(r)), None)
            k = 1
            while r is None:
                r = next((r for r in (wanted[0] + k, wanted[0] - k) if free(r)), None)
                k += 1
            row[i] = r
            taken.append(r)

        here = [i for i in range(n) if col[i] == c]
        mean = {i: (sum(row[u] for u in users[i]) / len(users[i]) if users[i] else 0.0) for i in here}
        for i in sorted((i for i in here if order[i].inputs), key=lambda i: mean[i]):
            place(i, [mean[i]])
        leaves = sorted((i for i in here if not order[i].inputs), key=lambda i: (mean[i], i))
        by_user: dict[int, list[int]] = {}
        for i in leaves:
            by_user.setdefault(min(users[i], key=lambda u: col[u]) if users[i] else -1, []).append(i)
        for u, group in by_user.items():
            r0 = row.get(u, 0.0)
            k = len(group)
            # the inputs of one operation in their order, top to bottom, around the row of
            # the operation's result when it is free in this column, else as near as can be
            base = [r0 + j - (k - 1) / 2 for j in range(k)]
            shifts = [0.0] + [s * m for m in range(1, 2 * n + 2) for s in (1, -1)]
            off = next(d for d in shifts if all(free(r + d) for r in base))
            spots = [r + off for r in base]
            for i, r in zip(sorted(group, key=lambda i: order[users[i][0]].inputs.index(order[i])
                                   if users[i] else 0), spots):
                place(i, [r])
    top = min(row.values())
    rows = [row[i] - top for i in range(n)]
    return Layout([(col[i] * DX, -rows[i] * DY) for i in range(n)], col, rows)


def _route(start: tuple[float, float], end: tuple[float, float], boxes: list[tuple[float, float]]) -> Path:
    """A path from `start` (an input box's right edge) to `end` (its user's left edge):
    straight, or, when that would cross a box in between, along a free lane between rows."""
    (x0, y0), (x1, y1) = start, end

    def crosses(y_at) -> bool:
        return any(x0 < bx - BOX_W / 2 and bx + BOX_W / 2 < x1 and abs(y_at(bx) - by) < BOX_H / 2 + 0.1
                   for bx, by in boxes)

    if not crosses(lambda x: y0 + (y1 - y0) * (x - x0) / (x1 - x0)):
        return Path([start, end])
    lanes = sorted({by + s * DY / 2 for _, by in boxes for s in (-1, 1)}, key=lambda y: abs(y - (y0 + y1) / 2))
    lane = next(y for y in lanes if not crosses(lambda x, y=y: y))
    gap = (DX - BOX_W) / 2
    return Path([start, (x0 + gap, lane), (x1 - gap, lane), end])


# ------------------------------------------------------------------------------ figure
class ComputationGraph(LiveFigure):
    """A `Value` graph, left (inputs) to right (`output`), one box per Value.

    title: the axes title (default: says what the colours are). values, grads: which
    nodes show their value and gradient at first (True: all, False: none, or names).
    ``update(output=None, values=True, grads=True, current=None)``: show the values and
    gradients of the named nodes (`node_names`), highlight the node `current`, and, given
    `output` (a graph of the same shape, e.g. the same expression with other numbers),
    show its numbers; ``note``: a text for the bottom-right corner, framed in vermillion
    ("" hides it). Returns ``values`` and ``grads`` (name -> the text shown, "" when
    hidden), ``current`` and ``note``. Artists carry gids ``value-node`` (boxes), ``node-title``,
    ``node-value``, ``node-grad`` and ``edge``.
    """

    def __init__(self, output: Value, title: str | None = None, values: bool | Iterable[str] = True,
                 grads: bool | Iterable[str] = True, dpi: int = 100):
        if not isinstance(output, Value):
            raise TypeError(f"draw a graph of a Value (from nnlessons.autograd), got {type(output).__name__}.")
        self.order = output.topological_order()
        self.names = node_names(self.order)
        self.layout = graph_layout(self.order)
        xs = [x for x, _ in self.layout.xy]
        ys = [y for _, y in self.layout.xy]
        span_x = max(xs) - min(xs) + BOX_W + 0.3
        span_y = max(ys) - min(ys) + BOX_H + 0.3
        self.fig = new_figure(max(span_x * INCH, 4.0), span_y * INCH + 0.9, dpi=dpi)
        ax = self.ax = self.fig.add_subplot()
        out = output.label or "the output"
        ax.set_title(title or f"Computational graph of {out}: values (blue), gradients ∂{output.label or 'out'}/∂node "
                     "(vermillion)", fontsize=10)
        ax.set_xlabel("forward pass: inputs → output        backward pass: output → inputs", fontsize=9)
        ax.set_xticks([])
        ax.set_yticks([])
        for side in ax.spines.values():
            side.set_visible(False)
        self._draw_edges()
        self.boxes, self.titles, self.value_texts, self.grad_texts = [], [], [], []
        for i, v in enumerate(self.order):
            self._draw_node(i, v, v is output)
        ax.set_xlim(min(xs) - BOX_W / 2 - 0.15, max(xs) + BOX_W / 2 + 0.15)
        ax.set_ylim(min(ys) - BOX_H / 2 - 0.15, max(ys) + BOX_H / 2 + 0.15)
        ax.set_aspect("equal")
        # a note in the bottom-right corner (e.g. a learner's gradients where they part from the graph's)
        self.note = ax.text(max(xs) + BOX_W / 2, min(ys) - BOX_H / 2, "", ha="right", va="bottom", fontsize=8.5,
                            zorder=4, visible=False, linespacing=1.4, multialignment="left",
                            bbox=dict(boxstyle="round", fc="white", ec=PALETTE["vermillion"], lw=1.5))
        # the boxes change (the current one is highlighted), so what is drawn on them moves with them
        self.animated = [*self.boxes, *self.titles, *self.value_texts, *self.grad_texts, self.note]
        self.update(values=values, grads=grads)

    def _draw_edges(self) -> None:
        idx = {id(v): i for i, v in enumerate(self.order)}
        for i, v in enumerate(self.order):
            x1, y1 = self.layout.xy[i]
            for c in v.inputs:
                x0, y0 = self.layout.xy[idx[id(c)]]
                between = [xy for k, xy in enumerate(self.layout.xy)
                           if self.layout.columns[idx[id(c)]] < self.layout.columns[k] < self.layout.columns[i]]
                path = _route((x0 + BOX_W / 2, y0), (x1 - BOX_W / 2, y1), between)
                self.ax.add_patch(FancyArrowPatch(path=path, arrowstyle="-|>", mutation_scale=11,
                                                  color=PALETTE["grey"], lw=1.2, zorder=1, gid="edge"))

    def _draw_node(self, i: int, v: Value, is_output: bool) -> None:
        x, y = self.layout.xy[i]
        face = "#FCE9D6" if is_output else ("#DCEBF5" if not v.inputs else "white")
        box = FancyBboxPatch((x - BOX_W / 2, y - BOX_H / 2), BOX_W, BOX_H, zorder=2, gid="value-node",
                             boxstyle="round,pad=0.02,rounding_size=0.15", fc=face, ec=PALETTE["black"], lw=1.2)
        self.ax.add_patch(box)
        self.boxes.append(box)
        title = node_title(v)
        self.titles.append(self.ax.text(x, y + 0.3, title, ha="center", va="center", fontsize=9 if len(title) < 15 else 8,
                     fontweight="bold", zorder=3, gid="node-title"))
        self.value_texts.append(self.ax.text(x, y, "", ha="center", va="center", fontsize=9, zorder=3,
                                             color=PALETTE["blue"], fontweight="bold", gid="node-value"))
        self.grad_texts.append(self.ax.text(x, y - 0.3, "", ha="center", va="center", fontsize=8, zorder=3,
                                            color=PALETTE["vermillion"], fontweight="bold", gid="node-grad"))

    def _chosen(self, which: bool | Iterable[str]) -> set[str]:
        if which is True:
            return set(self.names)
        if which is False or which is None:
            return set()
        chosen = set(which)
        unknown = chosen - set(self.names)
        if unknown:
            raise ValueError(f"no node named {sorted(unknown)} in this graph; its nodes are {self.names}")
        return chosen

    def update(self, output: Value | None = None, values: bool | Iterable[str] = True,
               grads: bool | Iterable[str] = True, current: str | None = None, note: str = "") -> dict[str, Any]:
        """Show `output`'s numbers (a graph of the same shape), the chosen values and gradients,
        highlight `current`, and write `note` in the bottom-right corner (hidden when empty)."""
        self.note.set_text(note)
        self.note.set_visible(bool(note))
        if output is not None:
            order = output.topological_order()
            if [v.op for v in order] != [v.op for v in self.order]:
                raise ValueError("update needs a graph of the same shape as the one drawn "
                                 "(the same operations in the same order)")
            self.order = order
        root = self.order[-1].label
        shown_v, shown_g = self._chosen(values), self._chosen(grads)
        texts_v, texts_g = {}, {}
        for name, v, tv, tg, box in zip(self.names, self.order, self.value_texts, self.grad_texts, self.boxes):
            texts_v[name] = f"= {v.data:.4g}" if name in shown_v else ""
            grad_name = f"∂{root}/∂{v.label}" if root and v.label else "grad"
            texts_g[name] = f"{grad_name} = {v.grad:.4g}" if name in shown_g else ""
            tv.set_text(texts_v[name])
            tg.set_text(texts_g[name])
            box.set_edgecolor(PALETTE["vermillion"] if name == current else PALETTE["black"])
            box.set_linewidth(2.8 if name == current else 1.2)
        return dict(values=texts_v, grads=texts_g, current=current, note=note)


def draw_graph(value: Value, title: str | None = None) -> Figure:
    """Draw the computational graph that produced `value` (a `Value`), inputs on the left,
    with every node's value and gradient (run ``value.backward()`` first for gradients)."""
    return ComputationGraph(value, title).fig
