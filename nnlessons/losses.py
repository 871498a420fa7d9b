"""Loss functions (all are means over the examples) and their gradients.

- `mse`: mean squared error, for regression;
- `binary_cross_entropy`: for a probability p of class 1 against labels y in {0, 1};
- `cross_entropy`: for raw scores (logits) of k classes against integer labels.

Each ``*_grad`` is the gradient of that mean loss with respect to the prediction
(``y_pred``, ``p`` or ``logits``) and has the prediction's shape. All are finite,
without numpy warnings, for p exactly 0 or 1 and logits as large as 1e3.
"""
from __future__ import annotations

import numpy as np

__all__ = [
    "mse", "mse_grad", "binary_cross_entropy", "binary_cross_entropy_grad",
    "cross_entropy", "cross_entropy_grad", "EPS",
]

EPS = 1e-12  # p is clipped to [EPS, 1 - EPS] so log(p) and log(1 - p) stay finite


def _pair(a, b, a_name: str, b_name: str) -> tuple[np.ndarray, np.ndarray]:
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(
            f"{a_name} has shape {a.shape} but {b_name} has shape {b.shape}: "
            "they must match element for element (reshape one of them)"
        )
    if a.size == 0:
        raise ValueError(f"{a_name} is empty: a mean loss needs at least one element")
    return a, b


def mse(y_pred: np.ndarray, y_true: np.ndarray) -> float:
    """Mean squared error: mean over ALL elements of (y_pred - y_true)**2.

    y_pred, y_true: arrays of the same shape (e.g. (m,) or (m, k)). Returns a float.
    """
    y_pred, y_true = _pair(y_pred, y_true, "y_pred", "y_true")
    d = y_pred - y_true
    return float(np.mean(d * d))


def mse_grad(y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
    """d mse / d y_pred = 2 (y_pred - y_true) / N, N = number of elements. Shape of y_pred."""
    y_pred, y_true = _pair(y_pred, y_true, "y_pred", "y_true")
    return (2.0 / y_pred.size) * (y_pred - y_true)


def binary_cross_entropy(p: np.ndarray, y: np.ndarray) -> float:
    """Mean of -(y log p + (1 - y) log(1 - p)).

    p: predicted probabilities of class 1, any shape; y: labels (0/1, or soft
    targets in [0, 1]) of the same shape. p is clipped to [1e-12, 1 - 1e-12], so
    p exactly 0 or 1 gives a large but finite loss. Returns a float.
    """
    p, y = _pair(p, y, "p", "y")
    p = np.clip(p, EPS, 1.0 - EPS)
    return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log1p(-p)))


def binary_cross_entropy_grad(p: np.ndarray, y: np.ndarray) -> np.ndarray:
    """d bce / d p of the MEAN loss: (-(y / p) + (1 - y) / (1 - p)) / N, with p clipped
    as in `binary_cross_entropy`. Shape of p."""
    p, y = _pair(p, y, "p", "y")
    p = np.clip(p, EPS, 1.0 - EPS)
    return ((1.0 - y) / (1.0 - p) - y / p) / p.size


def _logits_labels(logits, labels) -> tuple[np.ndarray, np.ndarray]:
    logits = np.asarray(logits, dtype=np.float64)
    labels = np.asarray(labels)
    if logits.ndim != 2:
        raise ValueError(
            f"logits must be a batch of shape (m, k), one row of k class scores per example; "
            f"got shape {logits.shape} (for one example use logits[None, :])"
        )
    m, k = logits.shape
    if labels.shape != (m,):
        raise ValueError(
            f"labels must have shape ({m},), one integer class per row of logits {logits.shape}; "
            f"got shape {labels.shape}"
        )
    if m == 0:
        raise ValueError("logits is empty: a mean loss needs at least one example")
    if not np.issubdtype(labels.dtype, np.integer):
        if not np.all(np.equal(np.mod(labels, 1), 0)):
            raise ValueError("labels must be integer class indices 0..k-1, not probabilities or one-hot rows")
        labels = labels.astype(np.int64)
    if labels.min() < 0 or labels.max() >= k:
        raise ValueError(
            f"labels must be class indices in 0..{k - 1} (logits have {k} columns); "
            f"got values from {labels.min()} to {labels.max()}"
        )
    return logits, labels


def cross_entropy(logits: np.ndarray, labels: np.ndarray) -> float:
    """Mean over examples of -log softmax(logits)[i, labels[i]].

    logits: (m, k) raw class scores; labels: (m,) integers in 0..k-1. Computed as
    logsumexp(row) - row[label] with the max shift, so logits of 1e3 are fine.
    Returns a float.
    """
    logits, labels = _logits_labels(logits, labels)
    mx = logits.max(axis=1, keepdims=True)
    lse = np.log(np.sum(np.exp(logits - mx), axis=1)) + mx[:, 0]
    return float(np.mean(lse - logits[np.arange(len(labels)), labels]))


def cross_entropy_grad(logits: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """d cross_entropy / d logits = (softmax(logits) - onehot(labels)) / m. Shape (m, k)."""
    logits, labels = _logits_labels(logits, labels)
    m = logits.shape[0]
    g = np.exp(logits - logits.max(axis=1, keepdims=True))
    g /= g.sum(axis=1, keepdims=True)
    g[np.arange(m), labels] -= 1.0
    g /= m
    return g
