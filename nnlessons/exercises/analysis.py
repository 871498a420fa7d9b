"""Measuring what a learner's training function returned, for the exercises graded by
accuracy (``train_mlp``, ``train_digits``): both return the params of a dense ReLU net
(``W1, b1, ..., WL, bL``), which the grader runs itself on held-out points.

Not answers: these functions analyse the learner's result (how many points its net
classifies right, whether its hidden units are identical, whether its accuracy is at
chance level...), so they ship in the learner bundle. `net_labels` is the exercises'
``predict``; the ``detect_*`` predicates are known mistakes' ``detect`` rules,
``(case, output) -> bool``. A case's ``grade`` holds the held-out points ``X``, their
``labels``, the number of ``classes``, optionally the number of ``layers`` the net must
have and the input ``scale`` used when the params record none.
"""
from __future__ import annotations

import numpy as np

from .. import layers, losses

__all__ = ["MAX_PARAMS", "net_params", "net_labels", "net_accuracy", "train_loss", "detect_ascent",
           "detect_symmetry", "detect_linear", "detect_chance"]

MAX_PARAMS = 2_000_000
"""The most weights and biases a returned net may have (16 MB of float64): a larger one
is not run."""


def net_params(got, case) -> tuple[dict | None, str]:
    """The net's arrays ``{"W1": ..., "bL": ...}`` from a learner's output, checked
    against the case before any arithmetic, or (None, why not): a dict of float arrays
    whose shapes chain from the inputs' features to the classes, small enough to run."""
    want = case.grade.get("layers")
    need = ", ".join(f"W{i}, b{i}" for i in range(1, (want or 1) + 1)) + ("" if want else ", ...")
    if type(got) is not dict:
        return None, f"expected a dict with keys {need}, got {_kind(got)}"
    n_layers = 0
    while f"W{n_layers + 1}" in got:
        n_layers += 1
    keys = [k for i in range(1, n_layers + 1) for k in (f"W{i}", f"b{i}")]
    if n_layers == 0 or (want and n_layers != want):
        return None, f"expected a dict with keys {need}, got keys {sorted(map(str, got))}"
    net = {}
    for k in keys:
        a = got.get(k)
        if not isinstance(a, np.ndarray) or a.dtype.kind != "f":
            return None, f"{k} must be a float numpy array, got {type(a).__name__ if not isinstance(a, np.ndarray) else a.dtype}"
        net[k] = a
    if sum(a.size for a in net.values()) > MAX_PARAMS:
        return None, f"the net has more than {MAX_PARAMS:,} weights and biases: too large to grade"
    n_in = int(np.prod(case.grade["X"].shape[1:]))
    sizes = [n_in] + [net[f"W{i}"].shape[-1] for i in range(1, n_layers + 1)]
    for i in range(1, n_layers + 1):
        W, b = net[f"W{i}"], net[f"b{i}"]
        if W.shape != (sizes[i - 1], sizes[i]) or b.shape != (sizes[i],):
            return None, (f"W{i} must be ({sizes[i - 1]}, n_out) and b{i} (n_out,): got W{i} {W.shape}, "
                          f"b{i} {b.shape}")
    if sizes[-1] != case.grade["classes"]:
        return None, f"the last layer must have one output per class ({case.grade['classes']}), has {sizes[-1]}"
    for k, a in net.items():
        if not np.all(np.isfinite(a)):
            return None, f"{k} contains nan or inf (did the training diverge? try a smaller lr)"
    return net, ""


def _kind(x) -> str:
    return {tuple: "a tuple", list: "a list"}.get(type(x), f"an object of type {type(x).__name__}") \
        if not isinstance(x, np.ndarray) else f"an array of shape {x.shape}"


def _scale(got, case) -> float | None:
    scale = got.get("scale", case.grade.get("scale", 1.0))
    if type(scale) not in (int, float) and not (isinstance(scale, np.ndarray) and scale.shape == ()):
        return None
    scale = float(scale)
    return scale if np.isfinite(scale) else None


def _forward_labels(net: dict, X: np.ndarray, scale: float, activation: str = "relu") -> np.ndarray:
    with np.errstate(all="ignore"):
        logits, _ = layers.mlp_forward(X.reshape(len(X), -1) * scale, net, activation)
    return np.argmax(logits, axis=1)


def net_labels(case, got) -> tuple[np.ndarray | None, str]:
    """The labels the learner's net gives the held-out points of `case`: the grader's
    own forward pass (ReLU hidden layers, linear output, argmax), inputs flattened and
    multiplied by the params' ``scale`` (default: the case's). Or (None, why not)."""
    net, why = net_params(got, case)
    if net is None:
        return None, why
    scale = _scale(got, case)
    if scale is None:
        return None, "params['scale'] must be one number (the factor the pixels were multiplied by)"
    return _forward_labels(net, case.grade["X"], scale), ""


def net_accuracy(net: dict, X: np.ndarray, y: np.ndarray, scale: float = 1.0, activation: str = "relu") -> float:
    """Fraction of the points (X (m, ...), labels y (m,)) the net classifies right."""
    return float(np.mean(_forward_labels(net, X, scale, activation) == np.asarray(y)))


def train_loss(case, got) -> float:
    """The cross-entropy of the learner's net on the case's TRAINING points (inf when it
    cannot be run or its logits are not finite)."""
    net, _ = net_params(got, case)
    scale = _scale(got, case) if net is not None else None
    if net is None or scale is None:
        return float("inf")
    X, y = case.args[0], np.asarray(case.args[1]).astype(int)
    with np.errstate(all="ignore"):
        Z, _ = layers.mlp_forward(np.asarray(X, float).reshape(len(X), -1) * scale, net)
        return float(losses.cross_entropy(Z, y)) if np.all(np.isfinite(Z)) else float("inf")


def detect_ascent(case, got) -> bool:
    """The trained net is far worse than guessing on its own training points (a loss
    over twice that of a uniform guess, ln k: more than an untrained net's)."""
    if net_params(got, case)[0] is None:
        return False
    return not train_loss(case, got) < 2 * np.log(case.grade["classes"])


def detect_symmetry(case, got) -> bool:
    """Every hidden unit of the first layer has the same weights and bias (e.g. trained
    from all zeros)."""
    net, _ = net_params(got, case)
    if net is None or "W2" not in net:
        return False
    return bool(np.all(np.ptp(net["W1"], axis=1) < 1e-12) and np.ptp(net["b1"]) < 1e-12)


def detect_linear(case, got) -> bool:
    """The net does no better with its ReLU than without it: it behaves like a linear
    classifier on its training points."""
    net, _ = net_params(got, case)
    scale = _scale(got, case) if net is not None else None
    if net is None or scale is None or "W2" not in net:
        return False
    X, y = case.args[0], case.args[1]
    relu_acc = net_accuracy(net, X, y, scale)
    return relu_acc < 0.95 and net_accuracy(net, X, y, scale, "identity") >= relu_acc - 0.03


def detect_chance(case, got) -> bool:
    """The net's held-out labels are right about as often as guessing."""
    labels, _ = net_labels(case, got)
    return labels is not None and float(np.mean(labels == case.grade["labels"])) < 2.5 / case.grade["classes"]
