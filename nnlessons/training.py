"""A small training loop shared by lessons 09 (training), 11 (generalization) and 13 (digits).

Built only on the numeric core (`layers`, `conv`, `losses`, `optim`): two models with
the same tiny interface and one loop that trains either of them.

* `MLP`: dense layers, an activation after each hidden layer, softmax outputs.
* `SmallCNN`: conv (F filters 3x3, padding 1) -> ReLU -> 2x2 max-pool -> dense -> softmax.
* `train(model, X, y, optimizer, epochs, batch_size)`: mini-batch training with the
  softmax cross-entropy loss, optionally with L2 weight decay; returns a `History` of
  losses and accuracies (on validation data too, when given).

A model has ``params`` (a dict of float64 arrays), ``loss_and_grads(X, y)`` ->
``(loss, grads)`` with grads keyed like params, ``predict_proba(X)`` (m, k) and
``predict(X)`` (m,). Labels are integers 0..k-1.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, Sequence

import numpy as np

from .activations import sigmoid, softmax
from .conv import conv2d_backward, conv2d_forward, maxpool_backward, maxpool_forward
from .layers import dense_backward, dense_forward, init_params, mlp_backward, mlp_forward
from .losses import binary_cross_entropy, cross_entropy, cross_entropy_grad
from .optim import Optimizer

__all__ = ["Model", "MLP", "SmallCNN", "History", "train", "accuracy", "loss_and_accuracy", "l2_penalty",
           "l2_grads", "early_stopping_epoch", "fit_logistic"]


class Model(Protocol):
    """What `train` needs from a model."""

    params: dict[str, np.ndarray]

    def loss_and_grads(self, X: np.ndarray, y: np.ndarray) -> tuple[float, dict[str, np.ndarray]]: ...

    def predict_proba(self, X: np.ndarray) -> np.ndarray: ...


def _labels(y, m: int) -> np.ndarray:
    y = np.asarray(y)
    if y.shape != (m,):
        raise ValueError(f"y must have one label per example, shape ({m},); got {y.shape}.")
    if y.dtype.kind not in "iu":
        if not np.all(np.equal(np.mod(y, 1), 0)):
            raise ValueError("y must hold integer class labels 0..k-1, e.g. y.astype(int).")
        y = y.astype(np.int64)
    return y


class MLP:
    """A multi-layer perceptron classifier (softmax cross-entropy on its logits).

    layer_sizes: [n_in, hidden..., n_classes]; activation: for the hidden layers
    ("relu", "tanh", "sigmoid", ...); init: "he", "xavier" or "zeros" (see
    `nnlessons.layers.init_params`); seed: for the initial weights.
    ``params``: {"W1": (n_in, n_1), "b1": (n_1,), ..., "WL", "bL"}.
    """

    def __init__(self, layer_sizes: Sequence[int], activation: str = "relu", init: str = "he",
                 seed: int = 0):
        self.layer_sizes = list(layer_sizes)
        self.activation = activation
        self.params = init_params(self.layer_sizes, scheme=init, seed=seed)

    def logits(self, X: np.ndarray) -> np.ndarray:
        """X (m, n_in) -> logits (m, n_classes)."""
        return mlp_forward(X, self.params, self.activation)[0]

    def loss_and_grads(self, X: np.ndarray, y: np.ndarray) -> tuple[float, dict[str, np.ndarray]]:
        """Mean cross-entropy on (X (m, n_in), y (m,)) and its gradient for every parameter."""
        y = _labels(y, len(X))
        logits, caches = mlp_forward(X, self.params, self.activation)
        return cross_entropy(logits, y), mlp_backward(cross_entropy_grad(logits, y), caches)

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Class probabilities (m, n_classes): softmax of the logits."""
        return softmax(self.logits(X))

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Predicted labels (m,)."""
        return np.argmax(self.logits(X), axis=1)


class SmallCNN:
    """conv(F filters 3x3 over C channels, padding 1) -> ReLU -> 2x2 max-pool -> dense -> softmax.

    Input X (m, C, H, W) with H, W even (e.g. digits as (m, 1, 8, 8)).
    ``params``: "Wc" (F, C, 3, 3), "bc" (F,) (one bias per filter), "W1"
    (F*H/2*W/2, n_classes), "b1" (n_classes,). He initialisation, seeded.
    """

    def __init__(self, in_shape: tuple[int, int, int] = (1, 8, 8), filters: int = 8,
                 n_classes: int = 10, seed: int = 0):
        C, H, W = in_shape
        if H % 2 or W % 2:
            raise ValueError(f"SmallCNN pools 2x2, so H and W must be even; got {in_shape}.")
        self.in_shape = (C, H, W)
        rng = np.random.default_rng(seed)
        n_flat = filters * (H // 2) * (W // 2)
        self.params = {
            "Wc": rng.standard_normal((filters, C, 3, 3)) * np.sqrt(2.0 / (C * 9)),
            "bc": np.zeros(filters),
            "W1": rng.standard_normal((n_flat, n_classes)) * np.sqrt(2.0 / n_flat),
            "b1": np.zeros(n_classes),
        }

    def _check(self, X) -> np.ndarray:
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 4 or X.shape[1:] != self.in_shape:
            raise ValueError(f"X must have shape (m, {', '.join(map(str, self.in_shape))}); got "
                             f"{X.shape}. For 8x8 digits use images[:, None] / 16.")
        return X

    def _forward(self, X):
        p = self.params
        Zc, c_cache = conv2d_forward(X, p["Wc"], p["bc"], stride=1, padding=1)  # (m, F, H, W)
        A = np.maximum(Zc, 0.0)
        P, p_cache = maxpool_forward(A, 2)                                     # (m, F, H/2, W/2)
        flat = P.reshape(len(X), -1)
        logits, d_cache = dense_forward(flat, p["W1"], p["b1"])
        return logits, (c_cache, Zc, p_cache, P.shape, d_cache)

    def logits(self, X: np.ndarray) -> np.ndarray:
        """X (m, C, H, W) -> logits (m, n_classes)."""
        return self._forward(self._check(X))[0]

    def feature_maps(self, X: np.ndarray) -> np.ndarray:
        """The conv layer's output after ReLU, (m, F, H, W)."""
        p = self.params
        return np.maximum(conv2d_forward(self._check(X), p["Wc"], p["bc"], padding=1)[0], 0.0)

    def loss_and_grads(self, X: np.ndarray, y: np.ndarray) -> tuple[float, dict[str, np.ndarray]]:
        """Mean cross-entropy on (X (m, C, H, W), y (m,)) and gradients for Wc, bc, W1, b1."""
        X = self._check(X)
        y = _labels(y, len(X))
        logits, (c_cache, Zc, p_cache, p_shape, d_cache) = self._forward(X)
        dlogits = cross_entropy_grad(logits, y)
        dflat, dW1, db1 = dense_backward(dlogits, d_cache)
        dA = maxpool_backward(dflat.reshape(p_shape), p_cache)
        dZc = dA * (Zc > 0)
        _, dWc, dbc = conv2d_backward(dZc, c_cache)
        return cross_entropy(logits, y), {"Wc": dWc, "bc": dbc, "W1": dW1, "b1": db1}

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Class probabilities (m, n_classes)."""
        return softmax(self.logits(X))

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Predicted labels (m,)."""
        return np.argmax(self.logits(X), axis=1)


def accuracy(model: Model, X: np.ndarray, y: np.ndarray) -> float:
    """Fraction of examples whose most probable class is the label (a float in [0, 1])."""
    return float(np.mean(np.argmax(model.predict_proba(X), axis=1) == np.asarray(y)))


def loss_and_accuracy(model: Model, X: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """The mean cross-entropy and the accuracy (in [0, 1]) of ``model`` on (X, y), from one
    forward pass and without gradients. X: (m, ...) as the model expects; y: (m,) labels."""
    y = _labels(y, len(X))
    p = model.predict_proba(X)
    p_true = p[np.arange(len(y)), y]
    loss = -float(np.mean(np.log(np.maximum(p_true, np.finfo(np.float64).tiny))))
    return loss, float(np.mean(np.argmax(p, axis=1) == y))


def l2_penalty(params: dict[str, np.ndarray], lam: float) -> float:
    """The L2 penalty ``(lam / 2) * (sum of the squared entries of every weight array)``:
    the weights are the params whose name starts with "W" (W1, ..., WL); the biases are
    not penalised."""
    return 0.5 * lam * float(sum(np.sum(np.square(v)) for k, v in params.items() if k.startswith("W")))


def l2_grads(grads: dict[str, np.ndarray], params: dict[str, np.ndarray], lam: float) -> dict[str, np.ndarray]:
    """The gradients of ``loss + l2_penalty(params, lam)``: a new dict with
    ``grads[k] + lam * params[k]`` for the weights (the keys starting with "W") and
    ``grads[k]`` itself for the biases, which are not decayed. Changes neither input."""
    return {k: g + lam * params[k] if k.startswith("W") else g for k, g in grads.items()}


def early_stopping_epoch(val_losses: Sequence[float], patience: int) -> int:
    """The epoch whose weights early stopping keeps, as a 0-based index into ``val_losses``
    (the validation loss after each epoch): training stops once ``patience`` epochs in a
    row bring no improvement (a loss strictly lower than the best so far), and the best
    epoch seen until then is kept. If it never stops, the best epoch of the whole run."""
    best, best_epoch, waited = np.inf, 0, 0
    for epoch, loss in enumerate(val_losses):
        if loss < best:
            best, best_epoch, waited = loss, epoch, 0
        else:
            waited += 1
            if waited >= patience:
                break
    return best_epoch


@dataclass
class History:
    """What `train` records: the loss of every step, and per epoch the mean training
    loss, the training accuracy and, if validation data was given, the validation loss
    (measured after the epoch) and accuracy. The losses are the cross-entropy alone:
    with weight decay, the penalty is not included."""

    step_loss: list[float] = field(default_factory=list)
    epoch_loss: list[float] = field(default_factory=list)
    train_acc: list[float] = field(default_factory=list)
    val_acc: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)


def train(model: Model, X: np.ndarray, y: np.ndarray, optimizer: Optimizer, epochs: int = 1,
          batch_size: int | None = None, seed: int = 0, X_val: np.ndarray | None = None,
          y_val: np.ndarray | None = None, history: History | None = None,
          weight_decay: float = 0.0) -> History:
    """Train ``model`` in place with mini-batch gradient descent on the cross-entropy.

    Each epoch shuffles the m examples (seeded), cuts them into batches of
    ``batch_size`` (None: the full batch, i.e. plain gradient descent) and for each
    batch computes the loss and gradients and calls ``optimizer.step(params, grads)``.
    X: (m, ...) as the model expects; y: (m,) integer labels. Pass ``history`` to append
    to an earlier run's record.

    weight_decay: lambda of an L2 penalty ``(lambda / 2) * sum of the squared weights``
    added to the loss: each step adds ``lambda * W`` to the gradient of every weight
    array (the params whose name starts with "W"), never to the biases (`l2_grads`).
    With `SGD` every step then shrinks the weights by the factor ``(1 - lr * lambda)``
    before the usual step, hence the name.
    """
    X = np.asarray(X, dtype=np.float64)
    y = _labels(y, len(X))
    if not isinstance(epochs, (int, np.integer)) or epochs < 0:
        raise ValueError(f"epochs must be a whole number >= 0, got {epochs!r}.")
    m = len(X)
    bs = m if batch_size is None else int(batch_size)
    if bs < 1:
        raise ValueError(f"batch_size must be >= 1 (or None for the full batch), got {batch_size!r}.")
    weight_decay = float(weight_decay)
    if not (np.isfinite(weight_decay) and weight_decay >= 0):
        raise ValueError(f"weight_decay must be a number >= 0 (0: no decay, e.g. 0.01), got {weight_decay!r}.")
    hist = history if history is not None else History()
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        order = rng.permutation(m) if bs < m else np.arange(m)
        losses = []
        for start in range(0, m, bs):
            idx = order[start:start + bs]
            loss, grads = model.loss_and_grads(X[idx], y[idx])
            if weight_decay:
                grads = l2_grads(grads, model.params, weight_decay)
            optimizer.step(model.params, grads)
            losses.append(loss)
        hist.step_loss.extend(losses)
        hist.epoch_loss.append(float(np.mean(losses)))
        hist.train_acc.append(accuracy(model, X, y))
        if X_val is not None and y_val is not None:
            val_loss, val_acc = loss_and_accuracy(model, X_val, y_val)
            hist.val_loss.append(val_loss)
            hist.val_acc.append(val_acc)
    return hist


def fit_logistic(X: np.ndarray, y: np.ndarray, lr: float = 0.5, steps: int = 300,
                 fit_bias: bool = True) -> tuple[np.ndarray, float, list[float]]:
    """Logistic regression p = sigmoid(X @ w + b) by full-batch gradient descent on the mean
    binary cross-entropy, from w = 0, b = 0.

    X (m, n) features (e.g. word counts), y (m,) labels in {0, 1}. Each step:
    ``dz = (p - y) / m;  w -= lr * X.T @ dz;  b -= lr * sum(dz)``. With
    ``fit_bias=False`` b stays 0. Returns (w (n,), b, the loss before each step).
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if X.ndim != 2 or y.shape != (len(X),):
        raise ValueError(f"X must be (m, n) and y (m,); got {X.shape} and {y.shape}.")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError("y must hold labels 0 and 1 only.")
    w, b = np.zeros(X.shape[1]), 0.0
    losses = []
    for _ in range(int(steps)):
        p = sigmoid(X @ w + b)
        losses.append(binary_cross_entropy(p, y))
        dz = (p - y) / len(X)
        w -= lr * (X.T @ dz)
        if fit_bias:
            b -= lr * float(dz.sum())
    return w, b, losses
