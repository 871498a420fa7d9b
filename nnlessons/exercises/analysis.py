"""Measuring what a learner's training function returned, for the exercises graded by
accuracy (``train_mlp``, ``train_digits``).

Not answers: these functions analyse the learner's result (how many points its net
classifies right, whether its hidden units are identical, whether its accuracy is at
chance level...), so they ship in the learner bundle. The ``detect_*`` predicates are
the known mistakes' ``detect`` rules: ``(case, output) -> bool``.
"""
from __future__ import annotations

import numpy as np

from .. import layers, losses

__all__ = [
    "mlp_predict", "mlp_accuracy", "params_ok", "train_loss", "detect_ascent", "detect_symmetry",
    "detect_linear", "detect_probs", "detect_chance", "detect_float_labels",
]


# ------------------------------------------------------------------ dense nets (train_mlp)
def mlp_predict(params: dict, X: np.ndarray, activation: str = "relu") -> np.ndarray:
    """Class labels (m,) of a dense net's params (W1, b1, ..., as `layers.init_params`)."""
    logits, _ = layers.mlp_forward(X, params, activation)
    return np.argmax(logits, axis=1)


def mlp_accuracy(params: dict, X: np.ndarray, y: np.ndarray, activation: str = "relu") -> float:
    """Fraction of the points (X (m, n), labels y (m,)) the net classifies right."""
    return float(np.mean(mlp_predict(params, X, activation) == np.asarray(y)))


def params_ok(got) -> bool:
    """Whether `got` is a dict holding float arrays W1, b1, W2, b2."""
    return (type(got) is dict and all(k in got for k in ("W1", "b1", "W2", "b2"))
            and all(isinstance(got[k], np.ndarray) and got[k].dtype.kind == "f" for k in got))


def train_loss(case, got) -> float:
    """The cross-entropy of a one-hidden-layer ReLU net `got` on the case's training
    points (inf when its logits are not finite or have the wrong shape)."""
    X, y = case.args[0], np.asarray(case.args[1]).astype(int)
    with np.errstate(all="ignore"):
        Z = np.maximum(X @ got["W1"] + got["b1"], 0) @ got["W2"] + got["b2"]
        if not np.all(np.isfinite(Z)) or Z.shape != (len(y), int(y.max()) + 1):
            return float("inf")
        return float(losses.cross_entropy(Z, y))


def detect_ascent(case, got) -> bool:
    """The trained net is worse than guessing on its own training points."""
    if not params_ok(got):
        return False
    k = int(np.max(case.args[1])) + 1
    return not train_loss(case, got) < np.log(k)


def detect_symmetry(case, got) -> bool:
    """Every hidden unit has the same weights and bias (e.g. trained from all zeros)."""
    return params_ok(got) and got["W1"].ndim == 2 and bool(
        np.all(np.ptp(got["W1"], axis=1) < 1e-12) and np.ptp(got["b1"]) < 1e-12)


def detect_linear(case, got) -> bool:
    """The net does no better with its ReLU than without it: it behaves like a linear
    classifier on its training points."""
    if not params_ok(got):
        return False
    X, y = case.args[0], case.args[1]
    try:
        relu_acc = mlp_accuracy(got, X, y)
        lin_acc = mlp_accuracy(got, X, y, activation="identity")
    except ValueError:
        return False
    return relu_acc < 0.95 and lin_acc >= relu_acc - 0.03


# ------------------------------------------------------------------ labels (train_digits)
def detect_probs(case, got) -> bool:
    """predict_digits returned a table (m, k) instead of one label per image."""
    return isinstance(got, np.ndarray) and got.ndim == 2


def detect_chance(case, got) -> bool:
    """The predicted labels are right about as often as guessing."""
    y = case.grade.get("labels")
    if not isinstance(got, np.ndarray) or y is None or got.shape != np.shape(y):
        return False
    return float(np.mean(got == y)) < 0.25


def detect_float_labels(case, got) -> bool:
    """predict_digits returned float labels."""
    return isinstance(got, np.ndarray) and got.ndim == 1 and got.dtype.kind == "f"
