"""Activation functions and their derivatives (elementwise, except softmax).

Every function takes an array ``z`` of any shape (or a Python float) and returns a
float64 array of the same shape. The ``*_grad`` functions give d f / d z at ``z``.
All are stable for large ``|z|`` (e.g. 1000): no overflow warnings, no nan.

``ACTIVATIONS`` maps a name to its ``(fn, grad)`` pair; `nnlessons.neuron` and
`nnlessons.layers` look activations up there.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

ArrayLike = np.ndarray | float

__all__ = [
    "identity", "step", "sigmoid", "tanh", "relu", "leaky_relu", "softmax",
    "identity_grad", "step_grad", "sigmoid_grad", "tanh_grad", "relu_grad",
    "leaky_relu_grad", "ACTIVATIONS", "get_activation",
]


def _f64(z: ArrayLike) -> np.ndarray:
    return np.asarray(z, dtype=np.float64)


def identity(z: ArrayLike) -> np.ndarray:
    """f(z) = z. Shape in = shape out."""
    return np.array(z, dtype=np.float64)


def identity_grad(z: ArrayLike) -> np.ndarray:
    """f'(z) = 1 everywhere. Shape in = shape out."""
    return np.ones_like(_f64(z))


def step(z: ArrayLike) -> np.ndarray:
    """Heaviside step: 1.0 where z > 0, else 0.0. Shape in = shape out."""
    return (_f64(z) > 0).astype(np.float64)


def step_grad(z: ArrayLike) -> np.ndarray:
    """The step's derivative is 0 wherever it exists (which is why it cannot be trained by gradients)."""
    return np.zeros_like(_f64(z))


def sigmoid(z: ArrayLike) -> np.ndarray:
    """Logistic sigmoid 1 / (1 + exp(-z)), in [0, 1]. Shape in = shape out.

    Computed as exp(-log(1 + exp(-z))) via `np.logaddexp`, which never overflows.
    """
    z = _f64(z)
    return np.exp(-np.logaddexp(0.0, -z))


def sigmoid_grad(z: ArrayLike) -> np.ndarray:
    """sigma'(z) = sigma(z) * (1 - sigma(z)). Shape in = shape out."""
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z: ArrayLike) -> np.ndarray:
    """Hyperbolic tangent, in [-1, 1]. Shape in = shape out."""
    return np.tanh(_f64(z))


def tanh_grad(z: ArrayLike) -> np.ndarray:
    """tanh'(z) = 1 - tanh(z)**2. Shape in = shape out."""
    t = np.tanh(_f64(z))
    return 1.0 - t * t


def relu(z: ArrayLike) -> np.ndarray:
    """ReLU max(0, z). Shape in = shape out."""
    return np.maximum(_f64(z), 0.0)


def relu_grad(z: ArrayLike) -> np.ndarray:
    """ReLU's derivative: 1.0 where z > 0, else 0.0 (0 at z = 0, as PyTorch)."""
    return (_f64(z) > 0).astype(np.float64)


def leaky_relu(z: ArrayLike, alpha: float = 0.01) -> np.ndarray:
    """Leaky ReLU: z where z > 0, else alpha * z. Shape in = shape out."""
    z = _f64(z)
    return np.where(z > 0, z, alpha * z)


def leaky_relu_grad(z: ArrayLike, alpha: float = 0.01) -> np.ndarray:
    """Leaky ReLU's derivative: 1.0 where z > 0, else alpha (alpha at z = 0, as PyTorch)."""
    return np.where(_f64(z) > 0, 1.0, alpha)


def softmax(z: ArrayLike, axis: int = -1) -> np.ndarray:
    """Softmax along ``axis`` (default: the last, i.e. per row of a (m, k) batch).

    exp(z - max(z)) / sum(exp(z - max(z))): the max shift keeps exp from
    overflowing, so logits of 1e3 are fine. Output has z's shape; it is
    positive and sums to 1 along ``axis``.
    """
    z = _f64(z)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    e /= np.sum(e, axis=axis, keepdims=True)
    return e


ACTIVATIONS: dict[str, tuple[Callable[[ArrayLike], np.ndarray], Callable[[ArrayLike], np.ndarray]]] = {
    "identity": (identity, identity_grad),
    "step": (step, step_grad),
    "sigmoid": (sigmoid, sigmoid_grad),
    "tanh": (tanh, tanh_grad),
    "relu": (relu, relu_grad),
    "leaky_relu": (leaky_relu, leaky_relu_grad),
}


def get_activation(name: str) -> tuple[Callable, Callable]:
    """The ``(fn, grad)`` pair for an activation name; a clear error for unknown names."""
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        raise ValueError(
            f"unknown activation {name!r}: choose one of {', '.join(sorted(ACTIVATIONS))}"
        ) from None
