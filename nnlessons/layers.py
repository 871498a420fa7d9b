"""Dense (fully connected) layers and a multi-layer perceptron, forward and backward.

A dense layer computes ``Z = X @ W + b`` for a batch X (m, n_in), weights
W (n_in, n_out) and biases b (n_out,): each output unit is a neuron with its own
column of weights and its own bias. An MLP stacks them, with an activation after
each hidden layer and none after the last (its outputs are the logits).

Forward functions return ``(output, cache)``; backward functions take the upstream
gradient and that cache. Caches are NamedTuples holding exactly what backward needs.
"""
from __future__ import annotations

from typing import NamedTuple, Sequence

import numpy as np

from .activations import get_activation

__all__ = [
    "DenseCache", "LayerCache", "dense_forward", "dense_backward",
    "init_params", "mlp_forward", "mlp_backward", "count_params",
]


class DenseCache(NamedTuple):
    """What `dense_backward` needs: the layer's input X (m, n_in) and weights W (n_in, n_out)."""
    X: np.ndarray
    W: np.ndarray


class LayerCache(NamedTuple):
    """One MLP layer: its dense cache, its activation's name ("identity" on the last
    layer) and its pre-activation Z (m, n_out), where the activation's derivative is
    taken on the way back."""
    dense: DenseCache
    activation: str
    Z: np.ndarray


def _f64(a) -> np.ndarray:
    return np.asarray(a, dtype=np.float64)


def _check_dense(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> None:
    if W.ndim != 2:
        raise ValueError(f"W must be a 2-D matrix (n_in, n_out), got shape {W.shape}")
    if X.ndim != 2:
        hint = " (for one example use X[None, :])" if X.ndim == 1 else ""
        raise ValueError(f"X must be a batch of shape (m, n_in), got shape {X.shape}{hint}")
    if X.shape[1] != W.shape[0]:
        raise ValueError(
            f"X has {X.shape[1]} columns but W has {W.shape[0]} rows: W must be (n_in, n_out) "
            f"with n_in = X.shape[1] (X is {X.shape}, W is {W.shape}; did you mean W.T?)"
        )
    if b.shape != (W.shape[1],):
        raise ValueError(
            f"b has shape {b.shape} but W {W.shape} has {W.shape[1]} output units: "
            f"b must be ({W.shape[1]},), one bias per output unit"
        )


def dense_forward(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, DenseCache]:
    """Z = X @ W + b.

    X: (m, n_in) one example per row; W: (n_in, n_out); b: (n_out,).
    Returns Z (m, n_out) and a `DenseCache(X, W)` for `dense_backward`.
    """
    X, W, b = _f64(X), _f64(W), _f64(b)
    _check_dense(X, W, b)
    Z = X @ W
    Z += b
    return Z, DenseCache(X, W)


def dense_backward(dZ: np.ndarray, cache: DenseCache) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients of Z = X @ W + b given dZ = dLoss/dZ (m, n_out).

    Returns dX = dZ @ W.T (m, n_in), dW = X.T @ dZ (n_in, n_out) and
    db = dZ summed over the batch (n_out,).
    """
    dZ = _f64(dZ)
    X, W = cache
    expected = (X.shape[0], W.shape[1])
    if dZ.shape != expected:
        raise ValueError(
            f"dZ has shape {dZ.shape} but the layer's output Z had shape {expected}: "
            "dZ must match Z"
        )
    return dZ @ W.T, X.T @ dZ, dZ.sum(axis=0)


def _check_sizes(layer_sizes: Sequence[int]) -> list[int]:
    sizes = list(layer_sizes)
    if len(sizes) < 2:
        raise ValueError(
            f"layer_sizes needs at least an input and an output size, e.g. [2, 8, 1]; got {sizes}"
        )
    for s in sizes:
        if isinstance(s, bool) or not isinstance(s, (int, np.integer)) or s < 1:
            raise ValueError(f"layer sizes must be positive integers, got {sizes}")
    return [int(s) for s in sizes]


def count_params(layer_sizes: Sequence[int]) -> int:
    """Number of weights and biases of a dense net: sum of n_in * n_out + n_out per layer.

    E.g. [64, 32, 10] -> 64*32 + 32 + 32*10 + 10 = 2410.
    """
    sizes = _check_sizes(layer_sizes)
    return sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:]))


def init_params(layer_sizes: Sequence[int], scheme: str = "he", seed: int = 0) -> dict[str, np.ndarray]:
    """Initial weights and biases for a dense net with these layer sizes.

    layer_sizes: [n_0, n_1, ..., n_L] (inputs, hidden widths, outputs).
    Returns {"W1": (n_0, n_1), "b1": (n_1,), ..., "WL": (n_{L-1}, n_L), "bL": (n_L,)}.
    Biases start at zero. Weights, drawn with ``np.random.default_rng(seed)``:
    - "he": normal, std sqrt(2 / n_in) (for ReLU);
    - "xavier": normal, std sqrt(2 / (n_in + n_out)) (Glorot, for tanh / sigmoid);
    - "zeros": all zero (every hidden unit stays identical: the symmetry problem).
    """
    sizes = _check_sizes(layer_sizes)
    if scheme not in ("he", "xavier", "zeros"):
        raise ValueError(f"unknown scheme {scheme!r}: choose 'he', 'xavier' or 'zeros'")
    rng = np.random.default_rng(seed)
    params: dict[str, np.ndarray] = {}
    for l, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        if scheme == "zeros":
            W = np.zeros((n_in, n_out))
        else:
            std = np.sqrt(2.0 / n_in) if scheme == "he" else np.sqrt(2.0 / (n_in + n_out))
            W = rng.standard_normal((n_in, n_out)) * std
        params[f"W{l}"] = W
        params[f"b{l}"] = np.zeros(n_out)
    return params


def _n_layers(params: dict) -> int:
    L = 0
    while f"W{L + 1}" in params:
        L += 1
    if L == 0:
        raise ValueError(
            f"params has no 'W1': expected keys W1, b1, ..., WL, bL as init_params makes; got {sorted(params)}"
        )
    for l in range(1, L + 1):
        if f"b{l}" not in params:
            raise ValueError(f"params has W{l} but no b{l}: every layer needs its biases")
    return L


def mlp_forward(X: np.ndarray, params: dict[str, np.ndarray], activation: str = "relu"
                ) -> tuple[np.ndarray, list[LayerCache]]:
    """Forward pass of an MLP: hidden layers apply ``activation``, the last is linear.

    X: (m, n_0); params: {"W1": (n_0, n_1), "b1": (n_1,), ...} as `init_params` makes.
    Returns logits (m, n_L) and a list of L `LayerCache`s for `mlp_backward`.
    """
    L = _n_layers(params)
    A = _f64(X)
    caches: list[LayerCache] = []
    for l in range(1, L + 1):
        try:
            Z, dense = dense_forward(A, params[f"W{l}"], params[f"b{l}"])
        except ValueError as e:
            raise ValueError(f"layer {l}: {e}") from None
        act = activation if l < L else "identity"   # the last layer's outputs are the logits
        caches.append(LayerCache(dense, act, Z))
        A = get_activation(act)[0](Z)
    return A, caches


def mlp_backward(dlogits: np.ndarray, caches: list[LayerCache]) -> dict[str, np.ndarray]:
    """Backpropagation through an MLP given dlogits = dLoss/dlogits (m, n_L).

    caches: the list `mlp_forward` returned. Returns {"W1": dW1, "b1": db1, ...}
    with the same keys and shapes as the params.
    """
    dA = _f64(dlogits)
    if dA.shape != caches[-1].Z.shape:
        raise ValueError(f"dlogits has shape {dA.shape} but the logits had shape {caches[-1].Z.shape}: "
                         "dlogits must match the logits")
    grads: dict[str, np.ndarray] = {}
    for l in range(len(caches), 0, -1):          # from the last layer back to the first
        dense, act, Z = caches[l - 1]
        dZ = dA * get_activation(act)[1](Z)      # through the activation
        dA, grads[f"W{l}"], grads[f"b{l}"] = dense_backward(dZ, dense)
    return {k: grads[k] for l in range(1, len(caches) + 1) for k in (f"W{l}", f"b{l}")}
