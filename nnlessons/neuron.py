"""A single neuron: a weighted sum of the inputs, plus a bias, then an activation.

    z = x . w + b,      a = f(z)

Each weight sets how much its input matters; the bias shifts z, so the neuron's
decision boundary need not pass through the origin.
"""
from __future__ import annotations

import numpy as np

from .activations import get_activation

__all__ = ["weighted_sum", "neuron"]


def _check_shapes(x: np.ndarray, w: np.ndarray) -> None:
    if w.ndim != 1:
        raise ValueError(f"w must be a 1-D vector of shape (n,), got shape {w.shape}")
    if x.ndim not in (1, 2):
        raise ValueError(
            f"x must be one example (n,) or a batch (m, n), got shape {x.shape}"
        )
    if x.shape[-1] != w.shape[0]:
        raise ValueError(
            f"x has {x.shape[-1]} inputs (shape {x.shape}) but w has {w.shape[0]} weights: "
            "give one weight per input"
        )


def weighted_sum(x: np.ndarray, w: np.ndarray) -> float | np.ndarray:
    """The weighted sum x . w = sum_i x_i w_i.

    x: (n,) one example -> a float; or (m, n) a batch, one example per row -> (m,).
    w: (n,) one weight per input.
    """
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    _check_shapes(x, w)
    s = x @ w
    return float(s) if x.ndim == 1 else s


def neuron(x: np.ndarray, w: np.ndarray, b: float, activation: str = "identity") -> float | np.ndarray:
    """A neuron's output f(x . w + b).

    x: (n,) -> a float, or (m, n) -> (m,); w: (n,); b: a scalar bias.
    activation: a name in `nnlessons.activations.ACTIVATIONS` ("identity", "step",
    "sigmoid", "tanh", "relu", "leaky_relu").
    """
    fn, _ = get_activation(activation)
    z = weighted_sum(x, w)
    b = np.asarray(b, dtype=np.float64)
    if b.ndim != 0:
        if b.size != 1:
            raise ValueError(f"b must be a single number (one bias per neuron), got shape {b.shape}")
        b = b.reshape(())
    a = fn(z + b)
    return float(a) if np.ndim(a) == 0 else a
