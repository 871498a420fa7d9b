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

This module is the engine only (like micrograd's ``engine.py``): it imports no plotting
library. ``nnlessons.plots.draw_graph(y)`` draws a graph.
"""
from __future__ import annotations

import math
from typing import Callable, Iterable

import numpy as np

__all__ = ["Value"]

Number = int | float


def _noop() -> None:
    """The backward of a leaf: nothing to pass on."""


class Value:
    """One scalar in a computational graph: its ``data`` and, after ``backward()``, its ``grad``.

    Supports ``+ - * /``, ``**`` with an int/float exponent, unary ``-``, the reflected
    forms (``2 * v``, ``1 - v``, ``1 / v``) and ``exp, log, tanh, sigmoid, relu``.
    ``label`` is a name (``nnlessons.plots.draw_graph`` shows it); ``inputs`` and ``op``
    say how the Value was made.
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

    @property
    def inputs(self) -> tuple["Value", ...]:
        """The Values this one was computed from (empty for an input you created)."""
        return self._prev

    @property
    def op(self) -> str:
        """The operation that made this Value: "+", "*", "**2", "sigmoid", ... ("" for an input)."""
        return self._op

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
