"""The reference answer of every exercise: ``REFERENCES[name]``, with the exact
signature of the exercise table in docs/exercises.md.

Where the core modules (`nnlessons.neuron, activations, losses, layers, conv, optim`)
already have the exercise's signature the table uses them directly; the functions
below are thin wrappers for the others.
"""
from __future__ import annotations

import re
from typing import Callable

import numpy as np

from .. import activations, conv, layers, losses, neuron, training
from ..exercises.course import DIGITS_SCALE, WORD_PATTERN
from ..gradcheck import numerical_gradient as _numerical_gradient

__all__ = ["REFERENCES"]


def boundary_line(w: np.ndarray, b: float) -> tuple[float, float]:
    """w = (w1, w2), b: the (slope, intercept) of w1*x1 + w2*x2 + b = 0 solved for x2,
    i.e. x2 = -(w1/w2) x1 - b/w2. w2 must not be 0 (the line would be vertical)."""
    w1, w2 = float(w[0]), float(w[1])
    return -w1 / w2, -float(b) / w2


def dense_forward(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Z = X @ W + b: X (m, n_in), W (n_in, n_out), b (n_out,) -> Z (m, n_out)."""
    return layers.dense_forward(X, W, b)[0]


def count_params(layer_sizes) -> int:
    """Weights and biases of a dense net with these layer sizes, e.g. [64, 32, 10] -> 2410."""
    return layers.count_params(layer_sizes)


def neuron_grads(x: np.ndarray, w: np.ndarray, b: float, y: float) -> tuple[np.ndarray, float]:
    """Gradients of the binary cross-entropy of a sigmoid neuron on one example.

    x (n,), w (n,), b scalar, y in {0, 1}: p = sigmoid(x.w + b), loss = BCE(p, y).
    dL/dz = p - y, so dw = (p - y) x (n,) and db = p - y (a float).
    """
    p = float(activations.sigmoid(np.dot(x, w) + b))
    dz = p - float(y)
    return dz * np.asarray(x, dtype=np.float64), dz


def numerical_gradient(f, x: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """Central differences of a scalar f at x (any shape); x is restored afterwards."""
    return _numerical_gradient(f, x, eps)


def gd_step(w, b, dw, db, lr: float):
    """One gradient-descent step: (w - lr*dw, b - lr*db). Shapes of w and b."""
    return w - lr * dw, b - lr * db


def fit_line(x: np.ndarray, y: np.ndarray, lr: float, epochs: int) -> tuple[float, float]:
    """(w, b) of y ~ w*x + b by full-batch gradient descent on the MSE, from w = b = 0.

    x, y: (m,). Each epoch: r = w*x + b - y; dw = 2 mean(r*x); db = 2 mean(r); then
    w -= lr*dw and b -= lr*db (both gradients from the same prediction).
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    w = b = 0.0
    for _ in range(int(epochs)):
        r = w * x + b - y
        dw = 2.0 * float(np.mean(r * x))
        db = 2.0 * float(np.mean(r))
        w, b = w - lr * dw, b - lr * db
    return w, b


def adam_step(w, dw, m, v, t: int, lr: float, beta1: float = 0.9, beta2: float = 0.999,
              eps: float = 1e-8):
    """One Adam step, t counted from 1: returns the new (w, m, v), all of w's shape.

    m = beta1 m + (1-beta1) dw;  v = beta2 v + (1-beta2) dw**2;
    w = w - lr * m_hat / (sqrt(v_hat) + eps), m_hat = m/(1-beta1**t), v_hat = v/(1-beta2**t).
    """
    m = beta1 * m + (1.0 - beta1) * dw
    v = beta2 * v + (1.0 - beta2) * dw * dw
    m_hat = m / (1.0 - beta1 ** t)
    v_hat = v / (1.0 - beta2 ** t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def dense_backward(dZ: np.ndarray, X: np.ndarray, W: np.ndarray):
    """Gradients of Z = X @ W + b: dZ (m, n_out), X (m, n_in), W (n_in, n_out) ->
    (dX (m, n_in), dW (n_in, n_out), db (n_out,))."""
    return layers.dense_backward(dZ, layers.DenseCache(np.asarray(X, float), np.asarray(W, float)))


def two_layer_grads(X: np.ndarray, y: np.ndarray, params: dict) -> dict:
    """Gradients of the mean softmax cross-entropy of a 2-layer network, Z1 = X W1 + b1,
    A1 = ReLU(Z1), Z2 = A1 W2 + b2: X (m, n), y (m,) integer labels, params W1 (n, h),
    b1 (h,), W2 (h, k), b2 (k,). Returns {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2},
    each of its parameter's shape (ReLU's slope at 0 taken as 0)."""
    net = {k: np.asarray(params[k], dtype=np.float64) for k in ("W1", "b1", "W2", "b2")}
    logits, caches = layers.mlp_forward(np.asarray(X, dtype=np.float64), net, "relu")
    return layers.mlp_backward(losses.cross_entropy_grad(logits, np.asarray(y)), caches)


def init_std(scheme: str, fan_in: int, fan_out: int) -> float:
    """The std of normal initial weights of a layer with fan_in inputs and fan_out units:
    "he" sqrt(2 / fan_in) (for ReLU), "xavier" sqrt(2 / (fan_in + fan_out)) (for tanh and
    sigmoid); any other scheme is a ValueError naming the two."""
    if scheme == "he":
        return float(np.sqrt(2.0 / fan_in))
    if scheme == "xavier":
        return float(np.sqrt(2.0 / (fan_in + fan_out)))
    raise ValueError(f"unknown scheme {scheme!r}: choose 'he' or 'xavier'")


def activation_stds(X: np.ndarray, params: dict, activation: str = "relu") -> list[float]:
    """The std (over all m x n entries) of each hidden layer's activations A_1, ..., A_{L-1}
    in a forward pass of the dense net W1, b1, ..., WL, bL (the last layer is the linear
    output, left out): a list of L - 1 floats. activation: "relu", "sigmoid" or "tanh"."""
    if activation not in ("relu", "sigmoid", "tanh"):
        raise ValueError(f"unknown activation {activation!r}: choose 'relu', 'sigmoid' or 'tanh'")
    _, caches = layers.mlp_forward(np.asarray(X, dtype=np.float64), params, activation)
    return [float(np.std(cache.dense.X)) for cache in caches[1:]]     # layer l + 1's input is A_l


# ------------------------------------------------------------------ generalization (ex11)
def l2_penalty(params: dict, lam: float) -> float:
    """(lam / 2) * the sum of the squared entries of every weight matrix W1..WL (the biases
    are not penalised); a float."""
    return training.l2_penalty(params, lam)


def l2_grads(grads: dict, params: dict, lam: float) -> dict:
    """A new dict: grads["Wk"] + lam * params["Wk"] for every weight matrix, each bias
    gradient as it is; neither input changes."""
    return training.l2_grads(grads, params, lam)


def early_stopping_epoch(val_losses, patience: int) -> int:
    """The 0-based index of the epoch early stopping keeps: the lowest validation loss
    (strictly lower counts as better) seen before `patience` epochs in a row without
    improvement stop training (the best of the whole list if they never do)."""
    return training.early_stopping_epoch(val_losses, patience)


def conv_output_shape(h: int, w: int, k: int, stride: int = 1, padding: int = 0) -> tuple[int, int]:
    """(h_out, w_out) of a k x k kernel: floor((h + 2 padding - k) / stride) + 1, same for w."""
    return tuple(conv.conv_output_shape(h, w, k, k, stride, padding))


def conv_param_count(kh: int, kw: int, c_in: int, n_filters: int) -> tuple[int, int]:
    """(weights, biases) = (kh*kw*c_in*n_filters, n_filters), a plain tuple."""
    return tuple(conv.conv_param_count(kh, kw, c_in, n_filters))


def conv2d(x: np.ndarray, kernels: np.ndarray, bias: np.ndarray, stride: int = 1,
           padding: int = 0) -> np.ndarray:
    """Cross-correlation of one image: x (C, H, W), kernels (N, C, kh, kw), bias (N,)
    -> (N, H', W'), one output channel per kernel, its bias added once."""
    return conv.conv2d_forward(np.asarray(x, float)[None], kernels, bias, stride, padding)[0][0]


# ------------------------------------------------------------------ trained models
def _train(X, y, sizes, lr, epochs, seed, batch=None, adam=False, init="he"):
    """A ReLU MLP of `sizes` (`init` from `seed`) trained by `nnlessons.training.train`;
    returns its params."""
    from ..optim import SGD, Adam
    from ..training import MLP, train

    model = MLP(sizes, init=init, seed=seed)
    train(model, X, y, Adam(lr) if adam else SGD(lr), epochs=int(epochs), batch_size=batch, seed=seed)
    return model.params


def train_mlp(X: np.ndarray, y: np.ndarray, hidden: int, lr: float, epochs: int, seed: int) -> dict:
    """Train a 2 -> hidden (ReLU) -> k (softmax) net on 2-D points by full-batch
    gradient descent on the cross-entropy, He initialisation from `seed`.

    X (m, 2), y (m,) integer classes 0..k-1. Returns {"W1": (2, hidden), "b1": (hidden,),
    "W2": (hidden, k), "b2": (k,)}.
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y).astype(np.int64)
    k = int(y.max()) + 1
    return _train(X, y, [X.shape[1], int(hidden), k], lr, epochs, seed)


def train_digits(X_train: np.ndarray, y_train: np.ndarray) -> dict:
    """An MLP 64 -> 64 (ReLU) -> 10 trained with Adam on the 8x8 digits.

    X_train (m, 8, 8) pixels 0-16 (flattened and scaled by 1/16 here), y_train (m,).
    Returns its params dict W1, b1, W2, b2 and the input ``scale`` (1/16).
    """
    X = np.asarray(X_train, dtype=np.float64).reshape(len(X_train), -1) * DIGITS_SCALE
    y = np.asarray(y_train).astype(np.int64)
    params = _train(X, y, [64, 64, 10], lr=0.01, epochs=30, seed=0, batch=32, adam=True)
    return {**params, "scale": DIGITS_SCALE}


def predict_digits(params: dict, X: np.ndarray) -> np.ndarray:
    """Integer labels (m,) for images X (m, 8, 8) from a dense ReLU net's params
    (W1, b1, ..., WL, bL; the input scale ``params["scale"]``, default 1/16)."""
    X = np.asarray(X, dtype=np.float64).reshape(len(X), -1) * params.get("scale", DIGITS_SCALE)
    net = {k: v for k, v in params.items() if k != "scale"}
    return np.argmax(layers.mlp_forward(X, net)[0], axis=1)


# ------------------------------------------------------------------ words (ex14)
def bag_of_words(sentences: list[str], vocab: dict[str, int]) -> np.ndarray:
    """Word counts (m, V) float: X[i, vocab[word]] = how often a vocabulary word occurs in
    sentence i; words are ``re.findall(r"[a-z']+", sentence.lower())``, unknown ones ignored."""
    X = np.zeros((len(sentences), len(vocab)))
    for i, sentence in enumerate(sentences):
        for word in re.findall(WORD_PATTERN, sentence.lower()):
            if word in vocab:
                X[i, vocab[word]] += 1
    return X


def predict_sentiment(sentences: list[str], vocab: dict[str, int], w: np.ndarray, b: float) -> np.ndarray:
    """P(positive) (m,) = sigmoid(bag_of_words(sentences, vocab) @ w + b)."""
    return activations.sigmoid(bag_of_words(sentences, vocab) @ np.asarray(w, float) + b)


REFERENCES: dict[str, Callable] = {
    "weighted_sum": neuron.weighted_sum,
    "neuron": lambda x, w, b: neuron.neuron(x, w, b),
    "boundary_line": boundary_line,
    "sigmoid": activations.sigmoid,
    "sigmoid_grad": activations.sigmoid_grad,
    "relu": activations.relu,
    "relu_grad": activations.relu_grad,
    "softmax": lambda z: activations.softmax(z),
    "dense_forward": dense_forward,
    "count_params": count_params,
    "mse": losses.mse,
    "binary_cross_entropy": losses.binary_cross_entropy,
    "cross_entropy": losses.cross_entropy,
    "neuron_grads": neuron_grads,
    "numerical_gradient": numerical_gradient,
    "gd_step": gd_step,
    "fit_line": fit_line,
    "adam_step": adam_step,
    "dense_backward": dense_backward,
    "two_layer_grads": two_layer_grads,
    "train_mlp": train_mlp,
    "init_std": init_std,
    "activation_stds": activation_stds,
    "l2_penalty": l2_penalty,
    "l2_grads": l2_grads,
    "early_stopping_epoch": early_stopping_epoch,
    "conv_output_shape": conv_output_shape,
    "conv_param_count": conv_param_count,
    "conv2d": conv2d,
    "train_digits": train_digits,
    "predict_digits": predict_digits,
    "bag_of_words": bag_of_words,
    "predict_sentiment": predict_sentiment,
}
