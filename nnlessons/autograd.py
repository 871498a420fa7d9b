"""Scalar automatic differentiation, micrograd-style: every number remembers how it was made.

A ``Value`` wraps one float (``data``) and, once ``backward()`` has run, the derivative of
the final output with respect to it (``grad``). Each operation creates a new Value that
records its inputs (``_prev``), the operation's name (``_op``) and a small ``_backward``
function: the chain rule for that one operation,

    input.grad += (d out / d input) * out.grad

``out.backward()`` visits the graph from the output back to the inputs (reverse
topological order) and calls each ``_backward`` once, so every node's ``grad`` ends up
as d(out)/d(node). Each operation below shows its forward and its backward side by side.

    >>> w, x, b = Value(2.0, label="w"), Value(3.0, label="x"), Value(-1.0, label="b")
    >>> y = (w * x + b).tanh(); y.backward()
    >>> round(w.grad, 6)   # dy/dw = (1 - tanh(5)^2) * x
    0.000545

``draw_graph(y)`` draws the graph (matplotlib only).
"""
from __future__ import annotations

import math
from typing import Callable, Iterable, NamedTuple

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

from .plots.style import PALETTE, new_figure

__all__ = ["Value", "draw_graph"]

Number = int | float


def _noop() -> None:
    """The backward of a leaf: nothing to pass on."""


class Value:
    """One scalar in a computational graph: its ``data`` and, after ``backward()``, its ``grad``.

    Supports ``+ - * /``, ``**`` with an int/float exponent, unary ``-``, the reflected
    forms (``2 * v``, ``1 - v``, ``1 / v``) and ``exp, log, tanh, sigmoid, relu``.
    ``label`` is a name shown by ``draw_graph``.
    """

    __slots__ = ("data", "grad", "_prev", "_op", "label", "_backward")

    def __init__(self, data: Number, _children: Iterable["Value"] = (), _op: str = "",
                 label: str = ""):
        if isinstance(data, Value):
            raise TypeError("Value(...) takes a number, not another Value; use the Value itself.")
        try:
            self.data = float(data)
        except (TypeError, ValueError):
            raise TypeError(f"Value needs a real number, got {data!r} ({type(data).__name__}).") from None
        self.grad = 0.0
        self._prev: tuple[Value, ...] = tuple(_children)
        self._op = _op
        self.label = label
        self._backward: Callable[[], None] = _noop

    def __repr__(self) -> str:
        name = f"{self.label}: " if self.label else ""
        return f"Value({name}data={self.data:.6g}, grad={self.grad:.6g})"

    @staticmethod
    def _wrap(other) -> "Value":
        if isinstance(other, Value):
            return other
        if isinstance(other, (int, float, np.integer, np.floating)) and not isinstance(other, bool):
            return Value(other)
        raise TypeError(f"a Value can be combined with a number or another Value, "
                        f"not {type(other).__name__}.")

    # ------------------------------------------------------------ binary operations
    def __add__(self, other) -> "Value":
        other = self._wrap(other)
        out = Value(self.data + other.data, (self, other), "+")      # forward: a + b

        def _backward():                                             # d/da = 1, d/db = 1
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __sub__(self, other) -> "Value":
        other = self._wrap(other)
        out = Value(self.data - other.data, (self, other), "-")      # forward: a - b

        def _backward():                                             # d/da = 1, d/db = -1
            self.grad += out.grad
            other.grad -= out.grad
        out._backward = _backward
        return out

    def __mul__(self, other) -> "Value":
        other = self._wrap(other)
        out = Value(self.data * other.data, (self, other), "*")      # forward: a * b

        def _backward():                                             # d/da = b, d/db = a
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __truediv__(self, other) -> "Value":
        other = self._wrap(other)
        if other.data == 0.0:
            raise ZeroDivisionError(f"division by a Value that is 0 ({other!r}).")
        out = Value(self.data / other.data, (self, other), "/")      # forward: a / b

        def _backward():                                             # d/da = 1/b, d/db = -a/b^2
            self.grad += out.grad / other.data
            other.grad -= self.data / other.data ** 2 * out.grad
        out._backward = _backward
        return out

    def __pow__(self, k) -> "Value":
        if isinstance(k, Value) or isinstance(k, bool) or not isinstance(k, (int, float, np.integer, np.floating)):
            raise TypeError(f"the exponent must be an int or float (a constant), "
                            f"not {type(k).__name__}; for a^b with b a Value use (b * a.log()).exp().")
        k = float(k) if isinstance(k, (float, np.floating)) else int(k)
        if self.data == 0.0 and k < 0:
            raise ZeroDivisionError(f"0 ** {k} is undefined (division by zero).")
        if self.data < 0 and not float(k).is_integer():
            raise ValueError(f"{self.data} ** {k}: a negative number to a fractional power "
                             f"is not a real number.")
        out = Value(self.data ** k, (self,), f"**{k}")               # forward: a^k

        def _backward():                                             # d/da = k a^(k-1)
            self.grad += k * self.data ** (k - 1) * out.grad
        out._backward = _backward
        return out

    # ------------------------------------------------------------- unary operations
    def __neg__(self) -> "Value":
        out = Value(-self.data, (self,), "neg")                      # forward: -a

        def _backward():                                             # d/da = -1
            self.grad -= out.grad
        out._backward = _backward
        return out

    def exp(self) -> "Value":
        """e ** self."""
        try:
            e = math.exp(self.data)                                  # forward: e^a
        except OverflowError:
            raise OverflowError(f"exp({self.data}) is too large for a float; "
                                f"keep inputs of exp below about 709.") from None
        out = Value(e, (self,), "exp")

        def _backward():                                             # d/da = e^a
            self.grad += e * out.grad
        out._backward = _backward
        return out

    def log(self) -> "Value":
        """Natural logarithm; self must be > 0."""
        if self.data <= 0:
            raise ValueError(f"log needs a positive number, got {self.data}.")
        out = Value(math.log(self.data), (self,), "log")             # forward: ln a

        def _backward():                                             # d/da = 1/a
            self.grad += out.grad / self.data
        out._backward = _backward
        return out

    def tanh(self) -> "Value":
        """Hyperbolic tangent."""
        t = math.tanh(self.data)                                     # forward: tanh a
        out = Value(t, (self,), "tanh")

        def _backward():                                             # d/da = 1 - tanh^2
            self.grad += (1.0 - t * t) * out.grad
        out._backward = _backward
        return out

    def sigmoid(self) -> "Value":
        """Logistic sigmoid 1 / (1 + e^-a), computed without overflow."""
        a = self.data
        s = 1.0 / (1.0 + math.exp(-a)) if a >= 0 else math.exp(a) / (1.0 + math.exp(a))
        out = Value(s, (self,), "sigmoid")                           # forward: sigma(a)

        def _backward():                                             # d/da = s (1 - s)
            self.grad += s * (1.0 - s) * out.grad
        out._backward = _backward
        return out

    def relu(self) -> "Value":
        """max(0, a); the gradient at 0 is 0."""
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")   # forward

        def _backward():                                             # d/da = 1 if a > 0 else 0
            self.grad += (self.data > 0) * out.grad
        out._backward = _backward
        return out

    # -------------------------------------------------------- reflected operations
    def __radd__(self, other) -> "Value":      # other + self
        return self._wrap(other) + self

    def __rsub__(self, other) -> "Value":      # other - self
        return self._wrap(other) - self

    def __rmul__(self, other) -> "Value":      # other * self
        return self._wrap(other) * self

    def __rtruediv__(self, other) -> "Value":  # other / self
        return self._wrap(other) / self

    # ------------------------------------------------------------------ the graph
    def topological_order(self) -> list["Value"]:
        """Every node this Value depends on (and itself), each after all of its inputs."""
        order: list[Value] = []
        seen: set[int] = set()
        stack: list[tuple[Value, bool]] = [(self, False)]
        while stack:                        # iterative DFS: deep graphs don't hit the recursion limit
            node, expanded = stack.pop()
            if expanded:
                order.append(node)
                continue
            if id(node) in seen:
                continue
            seen.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node._prev) if id(child) not in seen)
        return order

    def backward(self) -> None:
        """Fill in ``.grad`` of every node in the graph with d(self)/d(node).

        d(self)/d(self) = 1; then each node, from the output back to the inputs, passes
        its gradient to its inputs (chain rule). Gradients ACCUMULATE on the leaves (the
        inputs you created): calling ``backward`` twice adds twice, as in PyTorch; reset
        them with ``zero_grad()``. Interior nodes are recomputed from 0 on every call.
        """
        order = self.topological_order()
        for node in order:
            if node._prev:
                node.grad = 0.0
        self.grad += 1.0
        for node in reversed(order):
            node._backward()

    def zero_grad(self) -> None:
        """Set ``.grad`` to 0 on every node of the graph (before a fresh ``backward``)."""
        for node in self.topological_order():
            node.grad = 0.0


# ---------------------------------------------------------------------------- drawing
class _Layout(NamedTuple):
    column: dict[int, int]        # id(value) -> column (0 = leaves, on the left)
    row: dict[int, float]         # id(value) -> vertical position
    n_columns: int
    n_rows: int


def _layout(order: list[Value]) -> _Layout:
    """Columns by depth (longest path from a leaf); rows ordered to keep inputs near their users."""
    column: dict[int, int] = {}
    users: dict[int, list[Value]] = {}
    for v in order:
        column[id(v)] = 1 + max((column[id(c)] for c in v._prev), default=-1)
        for c in v._prev:
            users.setdefault(id(c), []).append(v)
    for v in order:            # an input sits just left of its first use, not far away
        if not v._prev and id(v) in users:
            column[id(v)] = min(column[id(u)] for u in users[id(v)]) - 1
    n_columns = max(column.values()) + 1
    by_col: list[list[Value]] = [[] for _ in range(n_columns)]
    for v in order:
        by_col[column[id(v)]].append(v)
    row: dict[int, float] = {}
    # place right-to-left: the output first, then each column near the nodes that use it
    for col in range(n_columns - 1, -1, -1):
        nodes = by_col[col]
        def key(v, i):
            ys = [row[id(u)] for u in users.get(id(v), []) if id(u) in row]
            return (sum(ys) / len(ys) if ys else 0.0, i)
        nodes = [v for _, v in sorted(((key(v, i), v) for i, v in enumerate(nodes)), key=lambda t: t[0])]
        for i, v in enumerate(nodes):
            row[id(v)] = i - (len(nodes) - 1) / 2
    n_rows = max(len(c) for c in by_col)
    return _Layout(column, row, n_columns, n_rows)


_OP_TEXT = {"sigmoid": "σ", "relu": "ReLU", "neg": "−a"}


def draw_graph(value: Value, title: str | None = None) -> Figure:
    """Draw the computational graph that produced ``value``, left (inputs) to right (output).

    Each Value is a box showing its label, ``data`` and ``grad``; each operation is a
    small circle between its inputs and its result; arrows show the flow of the forward
    pass (gradients flow back along them). Returns a matplotlib ``Figure``. Boxes carry
    gid ``"value-node"``, circles gid ``"op-node"``.
    """
    if not isinstance(value, Value):
        raise TypeError(f"draw_graph needs a Value, got {type(value).__name__}.")
    order = value.topological_order()
    lay = _layout(order)
    box_w, box_h, dx, dy, r = 2.1, 0.78, 3.3, 1.15, 0.34
    span_x = (lay.n_columns - 1) * dx + box_w + 0.4
    span_y = (lay.n_rows - 1) * dy + box_h + 0.4
    scale = min(0.62, 20.0 / span_x, 14.0 / span_y)             # inches per data unit
    fig = new_figure(width=max(span_x * scale, 4.5), height=span_y * scale + 1.0)
    ax = fig.add_subplot()
    ax.set_title(title or f"Computational graph of {value.label or 'the output'}: "
                 f"forward values (data), backward gradients (grad)", fontsize=10)
    ax.set_xlabel("forward pass: inputs → output      backward pass: output → inputs")
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_visible(False)

    def centre(v: Value) -> tuple[float, float]:
        return lay.column[id(v)] * dx, -lay.row[id(v)] * dy

    arrow = dict(arrowstyle="-|>", mutation_scale=10, color=PALETTE["grey"], linewidth=1.0,
                 shrinkA=0, shrinkB=0, zorder=1)
    for v in order:
        x, y = centre(v)
        is_out, is_leaf = v is value, not v._prev
        face = "#FCE9D6" if is_out else ("#DCEBF5" if is_leaf else "white")
        edge = PALETTE["vermillion"] if is_out else PALETTE["blue"]
        ax.add_patch(FancyBboxPatch((x - box_w / 2, y - box_h / 2), box_w, box_h,
                                    boxstyle="round,pad=0.02,rounding_size=0.12", zorder=2,
                                    facecolor=face, edgecolor=edge, linewidth=1.5, gid="value-node"))
        ax.text(x, y + 0.2, v.label or ("const" if is_leaf else f"({v._op})"), ha="center",
                va="center", fontsize=9, fontweight="bold", zorder=3, gid="value-label")
        ax.text(x, y - 0.13, f"data {v.data:.4g}\ngrad {v.grad:.4g}", ha="center", va="center",
                fontsize=8, family="monospace", zorder=3, gid="value-text")
        if not v._prev:
            continue
        ox, oy = x - box_w / 2 - 0.62, y                          # the op circle, left of its result
        ax.add_patch(Circle((ox, oy), r, facecolor=PALETTE["orange"], edgecolor=PALETTE["black"],
                            linewidth=1.0, zorder=2, gid="op-node"))
        text = _OP_TEXT.get(v._op, v._op)
        ax.text(ox, oy, text, ha="center", va="center", fontsize=9 if len(text) < 4 else 7,
                zorder=3, gid="op-text")
        ax.add_patch(FancyArrowPatch((ox + r, oy), (x - box_w / 2, y), **arrow))
        for c in v._prev:
            cx, cy = centre(c)
            sx, sy = cx + box_w / 2, cy                           # right edge of the input's box
            ddx, ddy = ox - sx, oy - sy
            norm = math.hypot(ddx, ddy) or 1.0
            ax.add_patch(FancyArrowPatch((sx, sy), (ox - r * ddx / norm, oy - r * ddy / norm), **arrow))
    ax.set_xlim(-box_w / 2 - 0.2, (lay.n_columns - 1) * dx + box_w / 2 + 0.2)
    ys = [-lay.row[id(v)] * dy for v in order]
    ax.set_ylim(min(ys) - box_h / 2 - 0.2, max(ys) + box_h / 2 + 0.2)
    ax.set_aspect("equal")
    return fig
