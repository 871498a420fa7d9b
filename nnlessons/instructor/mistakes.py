"""Known mistakes: the wrong answers learners typically write, each with its hint.

``MISTAKES[name]`` lists the `Mistake`s of one exercise, in the order they are tried:
the first whose output matches the learner's on every failing case gives the hint.
Each ``fn`` is written the way a learner would write the wrong answer. For the
exercises graded by accuracy (train_mlp, train_digits) a ``detect`` predicate
recognises the mistake from what the learner's function returned; those predicates
live in `nnlessons.exercises.analysis` (they analyse the learner's result, are not
answers, and ship in the learner bundle, which holds no code of this folder: see
`nnlessons.exercises.replay`).
"""
from __future__ import annotations

import re

import numpy as np

from ..activations import sigmoid as _sig, softmax as _softmax
from ..conv import conv2d_forward
from ..exercises import analysis as A
from ..exercises.course import DIGITS_SCALE
from ..exercises.spec import Mistake
from ..layers import init_params, mlp_backward, mlp_forward
from ..losses import cross_entropy_grad
from . import references as R

__all__ = ["MISTAKES"]


# ------------------------------------------------------------------------- ex01, ex02
WEIGHTED_SUM = [
    Mistake("no_sum", lambda x, w: x * w,
            "It looks like the products x_i * w_i were not added up: the weighted sum is "
            "sum_i x_i w_i, ONE number per example. Use np.sum(x * w, axis=-1), or x @ w."),
    Mistake("sum_over_batch", lambda x, w: np.sum(x * w),
            "It looks like everything was summed, across the examples of the batch too: "
            "sum over the inputs only (the last axis), np.sum(x * w, axis=-1), or x @ w, "
            "so a batch of m examples gives m sums."),
    Mistake("mean_not_sum", lambda x, w: np.mean(x * w, axis=-1),
            "It looks like the products were averaged: the weighted sum ADDS x_i * w_i "
            "(np.sum, or x @ w), it does not divide by the number of inputs."),
]

NEURON = [
    Mistake("no_bias", lambda x, w, b: x @ w,
            "It looks like the bias was left out: the neuron computes w·x + b, and the "
            "bias b is what lets its output (and its decision boundary) move off the origin."),
    Mistake("bias_subtracted", lambda x, w, b: x @ w - b,
            "It looks like the bias was subtracted: the neuron ADDS it, z = w·x + b."),
    Mistake("bias_on_each_weight", lambda x, w, b: x @ (w + b),
            "It looks like the bias was added to every weight (x @ (w + b)): the bias is "
            "added once, to the sum: z = x @ w + b."),
    Mistake("activation_applied", lambda x, w, b: _sig(x @ w + b),
            "It looks like an activation (a sigmoid) was applied: this neuron returns z = w·x + b "
            "itself, before any activation (the activations come in the next lesson)."),
]

BOUNDARY_LINE = [
    Mistake("intercept_sign", lambda w, b: (-w[0] / w[1], b / w[1]),
            "The slope is right but the intercept has the wrong sign: from w1 x1 + w2 x2 + b = 0, "
            "x2 = -(w1/w2) x1 - b/w2; moving b to the other side makes it -b."),
    Mistake("slope_sign", lambda w, b: (w[0] / w[1], -b / w[1]),
            "The intercept is right but the slope has the wrong sign: moving w1 x1 to the "
            "other side gives x2 = -(w1/w2) x1 - b/w2."),
    Mistake("divided_by_w1", lambda w, b: (-w[1] / w[0], -b / w[0]),
            "It looks like the equation was solved for x1 (dividing by w1): solve for x2, "
            "i.e. divide by w2, the weight of x2: slope -w1/w2, intercept -b/w2."),
]

# ----------------------------------------------------------------------------- ex03
SIGMOID = [
    Mistake("exp_sign", lambda z: _sig(-np.asarray(z, float)),
            "It looks like exp(z) was used instead of exp(-z): sigmoid(z) = 1 / (1 + exp(-z)), "
            "which is 0.5 at 0 and goes to 1 for large z."),
    Mistake("naive_overflow", lambda z: 1 / (1 + np.exp(-np.asarray(z, float))),
            "The values are right, but exp(-z) overflows for very negative z (exp(1000) is inf, "
            "and numpy warns). Keep it stable: e = np.exp(-np.abs(z)) never overflows (e <= 1); then "
            "sigmoid is 1 / (1 + e) where z >= 0 and e / (1 + e) where z < 0, e.g. "
            "np.where(z >= 0, 1 / (1 + e), e / (1 + e)). (np.where with exp(-z) and exp(z) inside still "
            "overflows: it computes BOTH branches for every z.)"),
    Mistake("exp_ratio_nan", lambda z: np.exp(z) / (1 + np.exp(z)),
            "exp(z) / (1 + exp(z)) is inf / inf = nan for large z: use a form that never "
            "overflows: e = np.exp(-np.abs(z)) (e <= 1), then np.where(z >= 0, 1 / (1 + e), e / (1 + e))."),
]


def _s(z):
    return _sig(np.asarray(z, float))


SIGMOID_GRAD = [
    Mistake("s_times_1_minus_z", lambda z: _s(z) * (1 - np.asarray(z, float)),
            "It looks like s * (1 - z) was computed: the derivative is s * (1 - s) with "
            "s = sigmoid(z) in BOTH places."),
    Mistake("z_times_1_minus_z", lambda z: np.asarray(z, float) * (1 - np.asarray(z, float)),
            "It looks like z * (1 - z) was computed: first s = sigmoid(z), then s * (1 - s)."),
    Mistake("sigmoid_itself", lambda z: _s(z),
            "That is sigmoid(z) itself: its derivative is sigmoid(z) * (1 - sigmoid(z)), "
            "at most 0.25 (at z = 0)."),
]

RELU = [
    Mistake("minimum", lambda z: np.minimum(np.asarray(z, float), 0.0),
            "It looks like np.minimum was used: ReLU keeps the positive part, max(0, z), "
            "i.e. np.maximum(z, 0)."),
    Mistake("max_reduces", lambda z: np.max(np.asarray(z, float), 0),
            "np.max(z, 0) takes the largest value along axis 0 (a reduction, the shape "
            "changes); the elementwise max(0, z) is np.maximum(z, 0)."),
    Mistake("abs", lambda z: np.abs(np.asarray(z, float)),
            "It looks like |z| was computed: ReLU sets negative inputs to 0, it does not flip them."),
]

RELU_GRAD = [
    Mistake("one_at_zero", lambda z: (np.asarray(z) >= 0).astype(float),
            "Almost: at z = 0 the gradient is taken to be 0 (as in PyTorch): use z > 0, not z >= 0."),
    Mistake("relu_itself", lambda z: np.maximum(np.asarray(z, float), 0.0),
            "That is ReLU itself: its derivative is 1 where z > 0 and 0 elsewhere."),
    Mistake("bool_dtype", lambda z: np.asarray(z) > 0,
            "The pattern is right but the result is booleans (True/False): return float64 "
            "numbers, e.g. (z > 0).astype(float)."),
]

SOFTMAX = [
    Mistake("wrong_axis", lambda z: _softmax(z, axis=0),
            "It looks like softmax was taken down the columns (axis 0): each ROW is one "
            "example's scores, so normalise along the last axis: axis=-1, keepdims=True."),
    Mistake("no_max_shift", lambda z: np.exp(z) / np.sum(np.exp(z), axis=-1, keepdims=True),
            "exp overflows for large scores (exp(1000) is inf, inf/inf is nan): subtract each "
            "row's max first, z - z.max(axis=-1, keepdims=True); softmax does not change."),
    Mistake("sum_over_all", lambda z: (lambda e: e / np.sum(e))(
        np.exp(z - np.max(z, axis=-1, keepdims=True))),
            "It looks like the exponentials were divided by the sum over the whole batch: "
            "divide each row by its own sum (np.sum(e, axis=-1, keepdims=True)) so every row sums to 1."),
]

# ----------------------------------------------------------------------------- ex04
DENSE_FORWARD = [
    Mistake("no_bias", lambda X, W, b: X @ W,
            "It looks like the bias was left out: a dense layer computes Z = X @ W + b, "
            "one bias per output unit, added to every row."),
    Mistake("W_transposed", lambda X, W, b: X @ W.T + b,
            "It looks like W was transposed: W has shape (n_in, n_out), so Z = X @ W + b "
            "(no .T) gives (m, n_out)."),
    Mistake("activation_applied", lambda X, W, b: np.maximum(X @ W + b, 0.0),
            "It looks like an activation (ReLU) was applied: dense_forward returns Z = X @ W + b, "
            "before any activation."),
]


def _pairs(s):
    return list(zip(s[:-1], s[1:]))


COUNT_PARAMS = [
    Mistake("no_biases", lambda s: sum(a * b for a, b in _pairs(s)),
            "It looks like only the weights were counted: every unit of a layer also has "
            "a bias, so a layer n_in -> n_out has n_in*n_out + n_out parameters."),
    Mistake("biases_per_input", lambda s: sum(a * b + a for a, b in _pairs(s)),
            "It looks like one bias per INPUT was counted: a bias belongs to each unit of the "
            "layer (n_out of them), so the layer has n_in*n_out + n_out parameters."),
    Mistake("one_bias_per_layer", lambda s: sum(a * b + 1 for a, b in _pairs(s)),
            "It looks like one bias per layer was counted: each of the layer's n_out units "
            "has its own bias: n_in*n_out + n_out."),
]

# ----------------------------------------------------------------------------- ex05
MSE = [
    Mistake("sum_not_mean", lambda p, y: float(np.sum((p - y) ** 2)),
            "It looks like the squared errors were summed: MSE is their MEAN, np.mean((y_pred - y_true)**2)."),
    Mistake("not_squared", lambda p, y: float(np.mean(p - y)),
            "It looks like the errors were not squared: positive and negative errors cancel. "
            "Square them first: np.mean((y_pred - y_true)**2)."),
    Mistake("abs_error", lambda p, y: float(np.mean(np.abs(p - y))),
            "That is the mean ABSOLUTE error: MSE squares the errors, np.mean((y_pred - y_true)**2)."),
    Mistake("halved", lambda p, y: float(np.mean((p - y) ** 2) / 2),
            "The result is half the expected one: some books write 1/2 * mean(...) so that the "
            "derivative has no factor 2, but here MSE is the plain mean, np.mean((y_pred - y_true)**2)."),
]


def _clip(p):
    return np.clip(p, 1e-12, 1 - 1e-12)


BCE = [
    Mistake("missing_negative_term", lambda p, y: float(-np.mean(y * np.log(_clip(p)))),
            "It looks like the (1 - y) log(1 - p) term is missing: for examples with y = 0 the "
            "loss must still punish a large p. BCE = -mean(y log p + (1 - y) log(1 - p))."),
    Mistake("sum_not_mean", lambda p, y: float(-np.sum(y * np.log(_clip(p)) + (1 - y) * np.log(1 - _clip(p)))),
            "It looks like the losses were summed: binary cross-entropy is the MEAN over examples."),
    Mistake("no_clip", lambda p, y: float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))),
            "For p exactly 0 or 1, log(0) = -inf (and 0 * -inf = nan): clip p first, "
            "p = np.clip(p, 1e-12, 1 - 1e-12)."),
    Mistake("clip_1e-7", lambda p, y: float(-np.mean(
        y * np.log(np.clip(p, 1e-7, 1 - 1e-7)) + (1 - y) * np.log(1 - np.clip(p, 1e-7, 1 - 1e-7)))),
            "Right for ordinary p, but where p is exactly 0 or 1 the loss differs: it looks like p "
            "was clipped at 1e-7; this exercise clips at 1e-12, p = np.clip(p, 1e-12, 1 - 1e-12)."),
    Mistake("no_minus_sign", lambda p, y: float(np.mean(y * np.log(_clip(p)) + (1 - y) * np.log(1 - _clip(p)))),
            "The loss came out negative: log p is negative for p < 1, so BCE has a minus sign in "
            "front: -mean(y log p + (1 - y) log(1 - p))."),
]


def _logsm(z):
    z = np.asarray(z, float)
    s = z - z.max(axis=1, keepdims=True)
    return s - np.log(np.sum(np.exp(s), axis=1, keepdims=True))


CROSS_ENTROPY = [
    Mistake("no_max_shift", lambda z, t: float(-np.mean(np.log(
        np.exp(z)[np.arange(len(t)), t] / np.sum(np.exp(z), axis=1)))),
            "The softmax overflows for large logits (exp(1000) is inf): subtract each row's max "
            "first, or use log-softmax = z - max - log(sum(exp(z - max)))."),
    Mistake("sum_not_mean", lambda z, t: float(-np.sum(_logsm(z)[np.arange(len(t)), t])),
            "It looks like the losses were summed: cross-entropy is the MEAN over the m examples."),
    Mistake("indexing_all_rows", lambda z, t: float(-np.mean(_logsm(z)[:, t])),
            "It looks like logp[:, labels] was used: that picks m columns from every row. Pick one "
            "entry per row: logp[np.arange(m), labels]."),
    Mistake("no_log", lambda z, t: float(-np.mean(np.exp(_logsm(z))[np.arange(len(t)), t])),
            "It looks like the probability itself was used: cross-entropy takes its negative LOG, "
            "-mean(log softmax(z)[i, label_i])."),
]

# ----------------------------------------------------------------------------- ex06


def _p(x, w, b):
    return float(_sig(np.dot(x, w) + b))


NEURON_GRADS = [
    Mistake("sign_flipped", lambda x, w, b, y: ((y - _p(x, w, b)) * x, y - _p(x, w, b)),
            "The gradients have the wrong sign: dL/dz = p - y (prediction minus label), so "
            "dw = (p - y) x and db = p - y."),
    Mistake("no_sigmoid", lambda x, w, b, y: ((np.dot(x, w) + b - y) * x, float(np.dot(x, w) + b - y)),
            "It looks like z was used where p = sigmoid(z) belongs: dL/dz = sigmoid(z) - y."),
    Mistake("times_w", lambda x, w, b, y: ((_p(x, w, b) - y) * w, _p(x, w, b) - y),
            "dw looks multiplied by w: z = w·x + b, so dz/dw = x and dw = (p - y) * x."),
    Mistake("extra_sigmoid_grad", lambda x, w, b, y: (
        (_p(x, w, b) - y) * _p(x, w, b) * (1 - _p(x, w, b)) * x,
        (_p(x, w, b) - y) * _p(x, w, b) * (1 - _p(x, w, b))),
            "There is an extra p(1 - p) factor: with cross-entropy, dL/dp = (p - y)/(p(1 - p)) "
            "and dp/dz = p(1 - p) cancel, leaving dL/dz = p - y."),
    Mistake("squared_error_chain", lambda x, w, b, y: (
        2 * (_p(x, w, b) - y) * _p(x, w, b) * (1 - _p(x, w, b)) * x,
        2 * (_p(x, w, b) - y) * _p(x, w, b) * (1 - _p(x, w, b))),
            "This is the chain of the squared error, dL/dz = 2(p - y)·p(1 - p), but this neuron is "
            "trained with binary cross-entropy: its dL/dp = (p - y)/(p(1 - p)) cancels the sigmoid's "
            "p(1 - p), so dL/dz = p - y (the rule you found with try_rule in step 1). Notice the "
            "confidently wrong case: there the squared-error gradient nearly vanishes."),
]


def _forward_diff(f, x, eps=1e-6):
    g = np.zeros_like(x)
    f0 = f(x)
    for i in np.ndindex(x.shape):
        xp = x.copy()
        xp[i] += eps
        g[i] = (f(xp) - f0) / eps
    return g


def _half_central(f, x, eps=1e-6):
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        xp, xm = x.copy(), x.copy()
        xp[i] += eps
        xm[i] -= eps
        g[i] = (f(xp) - f(xm)) / eps
    return g


def _not_restored(f, x, eps=1e-6):
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        x[i] += eps
        fp = f(x)
        x[i] -= 2 * eps
        fm = f(x)
        g[i] = (fp - fm) / (2 * eps)
    return g


NUMERICAL_GRADIENT = [
    Mistake("forward_difference", _forward_diff,
            "This looks like a forward difference (f(x + eps) - f(x)) / eps: use the central "
            "difference (f(x + eps) - f(x - eps)) / (2 eps), which is far more accurate."),
    Mistake("missing_factor_2", _half_central,
            "The central difference divides by 2*eps (the distance from x - eps to x + eps): "
            "(f(x + eps) - f(x - eps)) / (2 * eps)."),
    Mistake("x_not_restored", _not_restored,
            "x was changed by the function: after nudging x[i] by +eps and -eps, put back its "
            "original value (old = x[i] ... x[i] = old), or work on copies of x."),
]

# ----------------------------------------------------------------------------- ex07
GD_STEP = [
    Mistake("sign_flipped", lambda w, b, dw, db, lr: (w + lr * dw, b + lr * db),
            "The update goes uphill: the gradient points to where the loss GROWS, so step "
            "against it: w - lr * dw and b - lr * db."),
    Mistake("no_learning_rate", lambda w, b, dw, db, lr: (w - dw, b - db),
            "It looks like the learning rate was left out: w - lr * dw and b - lr * db."),
    Mistake("bias_not_updated", lambda w, b, dw, db, lr: (w - lr * dw, b),
            "The weights are updated but the bias is not: the bias learns the same way, "
            "b - lr * db."),
]


def _fit(x, y, lr, epochs, *, factor=2.0, sign=-1.0, reduce=np.mean, sequential=False):
    w = b = 0.0
    with np.errstate(all="ignore"):
        for _ in range(int(epochs)):
            r = w * x + b - y
            dw = factor * float(reduce(r * x))
            w = w + sign * lr * dw
            if sequential:
                r = w * x + b - y
            db = factor * float(reduce(r))
            b = b + sign * lr * db
    return w, b


FIT_LINE = [
    Mistake("sign_flipped", lambda x, y, lr, ep: _fit(x, y, lr, ep, sign=1.0),
            "The fit runs away from the data: subtract the gradient, w -= lr * dw, b -= lr * db."),
    Mistake("missing_factor_2", lambda x, y, lr, ep: _fit(x, y, lr, ep, factor=1.0),
            "The derivative of the MSE has a factor 2: dw = 2 * mean((w x + b - y) x), "
            "db = 2 * mean(w x + b - y)."),
    Mistake("sequential_update", lambda x, y, lr, ep: _fit(x, y, lr, ep, sequential=True),
            "It looks like w was updated before db was computed: compute both gradients from "
            "the same prediction, then update w and b together."),
    Mistake("sum_not_mean", lambda x, y, lr, ep: _fit(x, y, lr, ep, reduce=np.sum),
            "The gradient looks summed over the points instead of averaged: the loss is a MEAN, "
            "so dw = 2 * mean((w x + b - y) x) (np.mean, not np.sum)."),
]


def _adam(w, dw, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8, *, correct=True, square=True, root=True):
    m = beta1 * m + (1 - beta1) * dw
    v = beta2 * v + (1 - beta2) * (dw * dw if square else dw)
    mh, vh = (m / (1 - beta1 ** t), v / (1 - beta2 ** t)) if correct else (m, v)
    with np.errstate(all="ignore"):
        return w - lr * mh / ((np.sqrt(vh) if root else vh) + eps), m, v


ADAM_STEP = [
    Mistake("no_bias_correction", lambda *a, **k: _adam(*a, **k, correct=False),
            "It looks like the bias correction is missing: divide m by (1 - beta1**t) and v by "
            "(1 - beta2**t) before the update; early steps are far too small (or large) without it."),
    Mistake("v_not_squared", lambda *a, **k: _adam(*a, **k, square=False),
            "v averages the SQUARED gradient: v = beta2 * v + (1 - beta2) * dw**2."),
    Mistake("no_sqrt", lambda *a, **k: _adam(*a, **k, root=False),
            "The step divides by the square root of v_hat: w - lr * m_hat / (np.sqrt(v_hat) + eps)."),
]

# ----------------------------------------------------------------------------- ex08
DENSE_BACKWARD = [
    Mistake("db_not_summed", lambda dZ, X, W: (dZ @ W.T, X.T @ dZ, dZ),
            "db must be summed over the batch: each bias is used by every example, so "
            "db = dZ.sum(axis=0), shape (n_out,)."),
    Mistake("dW_transposed", lambda dZ, X, W: (dZ @ W.T, dZ.T @ X, dZ.sum(axis=0)),
            "dW looks transposed: it must have W's shape (n_in, n_out), dW = X.T @ dZ."),
    Mistake("db_mean", lambda dZ, X, W: (dZ @ W.T, X.T @ dZ, dZ.mean(axis=0)),
            "db looks averaged: dZ already carries the loss's 1/m, so db = dZ.sum(axis=0)."),
]




def _two_layer(X, y, params, *, mask="gt", per_example=False, onehot=True, axis=1, shift=True,
               transpose_dW=False, db="sum"):
    """Backprop through ReLU + softmax cross-entropy, with one of a learner's slips switched on."""
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2"))
    m, k = len(X), W2.shape[1]
    Z1 = X @ W1 + b1
    A1 = np.maximum(Z1, 0)
    Z2 = A1 @ W2 + b2
    with np.errstate(all="ignore"):
        E = np.exp(Z2 - Z2.max(axis=axis, keepdims=True) if shift else Z2)
        P = E / E.sum(axis=axis, keepdims=True)
    Y = np.eye(k)[y] if onehot else np.asarray(y, dtype=float)[:, None]
    dZ2 = (P - Y) if per_example else (P - Y) / m
    dA1 = dZ2 @ W2.T
    dZ1 = {"gt": dA1 * (Z1 > 0), "ge": dA1 * (Z1 >= 0), "none": dA1, "times_A": dA1 * A1}[mask]

    def dense(dZ, A):
        dW = dZ.T @ A if transpose_dW else A.T @ dZ
        return dW, {"sum": dZ.sum(axis=0), "mean": dZ.mean(axis=0), "none": dZ}[db]

    dW1, db1 = dense(dZ1, X)
    dW2, db2 = dense(dZ2, A1)
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


TWO_LAYER_GRADS = [
    Mistake("no_relu_mask", lambda X, y, p: _two_layer(X, y, p, mask="none"),
            "dW2 and db2 look right but dW1 and db1 do not: the gradient went back through the ReLU "
            "unchanged. Where a hidden unit was off (Z1 <= 0) it passes nothing back: "
            "dZ1 = dA1 * (Z1 > 0)."),
    Mistake("relu_mask_ge", lambda X, y, p: _two_layer(X, y, p, mask="ge"),
            "Only where a hidden pre-activation is exactly 0 is the gradient wrong: the mask counts "
            "z = 0 as on. The course (like PyTorch and relu_grad) takes ReLU's slope at 0 as 0: use "
            "(Z1 > 0), not (Z1 >= 0)."),
    Mistake("relu_mask_times_A1", lambda X, y, p: _two_layer(X, y, p, mask="times_A"),
            "dZ1 looks multiplied by the ReLU's output A1: multiply by its derivative instead, which "
            "is 1 where Z1 > 0 and 0 elsewhere: dZ1 = dA1 * (Z1 > 0)."),
    Mistake("sum_not_mean", lambda X, y, p: _two_layer(X, y, p, per_example=True),
            "Every gradient is m times too large (right for one example, wrong for a batch): the loss is "
            "the MEAN over the m examples, so dZ2 = (P - Y) / m."),
    Mistake("db_mean", lambda X, y, p: _two_layer(X, y, p, db="mean"),
            "db1 and db2 look averaged over the batch: dZ2 already has the loss's 1/m, so each bias "
            "gradient is the SUM of the rows of its dZ: db = dZ.sum(axis=0)."),
    Mistake("db_not_summed", lambda X, y, p: _two_layer(X, y, p, db="none"),
            "db1 and db2 have one row per example: a bias is used by every example, so add the rows up: "
            "db = dZ.sum(axis=0), shape (h,) for b1 and (k,) for b2."),
    Mistake("dW_transposed", lambda X, y, p: _two_layer(X, y, p, transpose_dW=True),
            "dW1 and dW2 look transposed: a gradient has its parameter's shape, W1 is (n, h), so "
            "dW1 = X.T @ dZ1 (and dW2 = A1.T @ dZ2)."),
    Mistake("softmax_wrong_axis", lambda X, y, p: _two_layer(X, y, p, axis=0),
            "The probabilities look normalised down the columns (over the batch): softmax works on each "
            "ROW, one example's k scores: use axis=1 (or -1) with keepdims=True."),
    Mistake("no_onehot", lambda X, y, p: _two_layer(X, y, p, onehot=False),
            "dZ2 looks like P minus the label NUMBER in every column: subtract 1 only in each row's label "
            "column, i.e. P - Y with one-hot Y = np.eye(k)[y], then divide by m."),
    Mistake("no_max_shift", lambda X, y, p: _two_layer(X, y, p, shift=False),
            "exp overflows for large logits (exp(1000) is inf, and inf / inf is nan): subtract each row's "
            "max before exp, Z2 - Z2.max(axis=1, keepdims=True); the probabilities do not change."),
]


# ----------------------------------------------------------------------------- ex09
def _variant(X, y, sizes, lr, epochs, seed, *, sign=-1.0, act=True, zeros=False):
    """Full-batch training of a dense net of `sizes`, as a learner's slip would do it."""
    p = init_params(sizes, "zeros" if zeros else "he", seed)
    with np.errstate(all="ignore"):
        for _ in range(int(epochs)):
            logits, caches = mlp_forward(X, p, "relu" if act else "identity")
            grads = mlp_backward(cross_entropy_grad(np.nan_to_num(logits), y), caches)
            for key, g in grads.items():
                p[key] = p[key] + sign * lr * g
    return p


def _train_mlp_variant(X, y, hidden, lr, epochs, seed, **slip):
    return _variant(X, y, [2, hidden, int(np.max(y)) + 1], lr, epochs, seed, **slip)


TRAIN_MLP = [
    Mistake("zeros_init", lambda *a: _train_mlp_variant(*a, zeros=True),
            "Every hidden unit has the same weights: starting from all zeros, they all get the "
            "same gradient and stay identical (the symmetry problem). Start W1 and W2 from small "
            "random numbers, e.g. rng.standard_normal((2, hidden)) * np.sqrt(2 / 2).",
            detect=A.detect_symmetry),
    Mistake("gradient_ascent", lambda *a: _train_mlp_variant(*a, sign=1.0),
            "The training loss of the returned weights is worse than guessing: the loss went UP. "
            "Step against the gradient (W -= lr * dW) and check the learning rate is not too large.",
            detect=A.detect_ascent),
    Mistake("no_hidden_activation", lambda *a: _train_mlp_variant(*a, act=False),
            "These weights do no better than a straight line (a linear classifier) on the training "
            "points: does the hidden layer apply its ReLU in training, A1 = relu(X @ W1 + b1), and "
            "does backprop go through it, dZ1 = dA1 * (Z1 > 0)? Without it the network is linear "
            "and cannot bend its boundary. (If it does, train longer or with a larger lr.)",
            detect=A.detect_linear),
]


# ----------------------------------------------------------------------------- ex10
def _std(scheme, fan_in, fan_out, *, he=lambda i, o: np.sqrt(2 / i), xavier=lambda i, o: np.sqrt(2 / (i + o))):
    """init_std as a learner might write it, with one of the two formulas slipped."""
    return float(he(fan_in, fan_out) if scheme == "he" else xavier(fan_in, fan_out))


INIT_STD = [
    Mistake("he_for_both", lambda s, i, o: _std(s, i, o, xavier=lambda i, o: np.sqrt(2 / i)),
            "He's cases pass, but Xavier's std comes out as He's, sqrt(2 / fan_in): does your code "
            "test for scheme == \"xavier\"? Xavier's std uses both sizes, sqrt(2 / (fan_in + fan_out))."),
    Mistake("xavier_for_both", lambda s, i, o: _std(s, i, o, he=lambda i, o: np.sqrt(2 / (i + o))),
            "Xavier's cases pass, but He's std comes out as Xavier's, sqrt(2 / (fan_in + fan_out)): does "
            "your code test for scheme == \"he\"? He's std uses the number of inputs only, sqrt(2 / fan_in)."),
    Mistake("schemes_swapped", lambda s, i, o: _std(s, i, o, he=lambda i, o: np.sqrt(2 / (i + o)),
                                                     xavier=lambda i, o: np.sqrt(2 / i)),
            "He and Xavier seem swapped: He (for ReLU) is sqrt(2 / fan_in); Xavier (for tanh and "
            "sigmoid) is sqrt(2 / (fan_in + fan_out))."),
    Mistake("variance", lambda s, i, o: _std(s, i, o, he=lambda i, o: 2 / i, xavier=lambda i, o: 2 / (i + o)),
            "These are the weights' variances, 2 / fan_in and 2 / (fan_in + fan_out): the std is their "
            "square root, np.sqrt(2 / fan_in)."),
    Mistake("no_factor_2", lambda s, i, o: _std(s, i, o, he=lambda i, o: np.sqrt(1 / i),
                                                 xavier=lambda i, o: np.sqrt(1 / (i + o))),
            "The factor 2 seems missing: He's std is sqrt(2 / fan_in) (the 2 makes up for ReLU "
            "zeroing half the signal) and Xavier's sqrt(2 / (fan_in + fan_out))."),
    Mistake("he_fan_out", lambda s, i, o: _std(s, i, o, he=lambda i, o: np.sqrt(2 / o)),
            "He's std uses the layer's number of INPUTS, fan_in: sqrt(2 / fan_in), because each unit "
            "adds up fan_in weighted inputs (Var(z) = fan_in Var(w) E[x^2])."),
    Mistake("xavier_fan_in_only", lambda s, i, o: _std(s, i, o, xavier=lambda i, o: np.sqrt(1 / i)),
            "Xavier's std here averages the layer's inputs and outputs: sqrt(2 / (fan_in + fan_out)). "
            "sqrt(1 / fan_in) is another, fan_in-only version (LeCun's)."),
    Mistake("uniform_bound", lambda s, i, o: _std(s, i, o, he=lambda i, o: np.sqrt(6 / i),
                                                   xavier=lambda i, o: np.sqrt(6 / (i + o))),
            "sqrt(6 / ...) is the bound a of the UNIFORM version, weights drawn from U(-a, a); for "
            "normal weights the std is sqrt(2 / fan_in) (He) or sqrt(2 / (fan_in + fan_out)) (Xavier)."),
    Mistake("sqrt_of_2_only", lambda s, i, o: _std(s, i, o, he=lambda i, o: np.sqrt(2) / i,
                                                    xavier=lambda i, o: np.sqrt(2) / (i + o)),
            "The square root must cover the whole fraction: np.sqrt(2 / fan_in), not np.sqrt(2) / fan_in."),
]


_ACT = {"relu": lambda z: np.maximum(z, 0), "tanh": np.tanh, "sigmoid": lambda z: 1 / (1 + np.exp(-z))}


def _stds(X, params, activation="relu", *, keep="A", output=False, bias=True, input_first=False,
          act=None, reduce=np.std):
    """activation_stds as a learner might write it, with one slip switched on (``output``:
    the output layer counted too, "linear" or "activated" like the hidden ones)."""
    f = _ACT[act or activation]
    L = len(params) // 2
    A, out = X, []
    for l in range(1, L + 1):
        if input_first and l < L:
            out.append(float(reduce(A)))
        Z = A @ params[f"W{l}"] + (params[f"b{l}"] if bias else 0)
        A = f(Z) if l < L or output == "activated" else Z
        if not input_first and (l < L or output):
            out.append(float(reduce(Z if keep == "Z" else A)))
    return out


ACTIVATION_STDS = [
    Mistake("std_of_z", lambda X, p, activation="relu": _stds(X, p, activation, keep="Z"),
            "These look like the std of each layer's weighted sums Z = A @ W + b, BEFORE the "
            "activation: take the std of the layer's activations A = f(Z)."),
    Mistake("includes_output", lambda X, p, activation="relu": _stds(X, p, activation, output="linear"),
            "There is one number too many: the last layer is the linear output (the logits), not a "
            "hidden layer. Return the stds of the L - 1 hidden layers only."),
    Mistake("includes_output_activated", lambda X, p, activation="relu": _stds(X, p, activation,
                                                                                output="activated"),
            "There is one number too many: the loop also ran the output layer, through the activation. "
            "The last layer is the linear output (the logits), not a hidden layer: return the stds of "
            "the L - 1 hidden layers only (loop over range(1, L))."),
    Mistake("variance", lambda X, p, activation="relu": _stds(X, p, activation, reduce=np.var),
            "These are variances (np.var): the standard deviation is their square root, np.std(A)."),
    Mistake("no_bias", lambda X, p, activation="relu": _stds(X, p, activation, bias=False),
            "The biases seem left out: each layer computes Z = A @ W + b, then A = f(Z)."),
    Mistake("input_first", lambda X, p, activation="relu": _stds(X, p, activation, input_first=True),
            "The list seems shifted by one layer: it starts with the std of the input X and misses the "
            "last hidden layer. Record the std AFTER computing each hidden layer's activations."),
    Mistake("relu_always", lambda X, p, activation="relu": _stds(X, p, act="relu"),
            "The activation argument seems ignored (ReLU every time): apply the activation it names, "
            "\"relu\", \"sigmoid\" or \"tanh\"."),
    Mistake("std_per_unit", lambda X, p, activation="relu": _stds(X, p, activation,
                                                                   reduce=lambda A: np.std(A, axis=0).mean()),
            "That looks like each unit's std over the batch, averaged: take the std over ALL the "
            "entries of the layer's (m, n) activations, np.std(A), with no axis."),
    Mistake("std_per_example", lambda X, p, activation="relu": _stds(X, p, activation,
                                                                      reduce=lambda A: np.std(A, axis=1).mean()),
            "That looks like each example's std over the layer's units, averaged: take the std over ALL "
            "the entries of the layer's (m, n) activations, np.std(A), with no axis."),
    Mistake("ddof_1", lambda X, p, activation="relu": _stds(X, p, activation,
                                                             reduce=lambda A: np.std(A, ddof=1)),
            "Each std is a little too large: np.std(A, ddof=1) divides by the number of entries minus 1. "
            "Take the plain std over all the entries, np.std(A) (which divides by their number)."),
    Mistake("root_mean_square", lambda X, p, activation="relu": _stds(X, p, activation,
                                                                       reduce=lambda A: np.sqrt(np.mean(A ** 2))),
            "These look like root mean squares, sqrt(mean(A**2)). The std first subtracts the mean: "
            "sqrt(mean((A - A.mean())**2)), which is np.std(A). The two differ whenever the mean is not 0, "
            "as for ReLU's and sigmoid's outputs."),
]


# ----------------------------------------------------------------------------- ex11
def _weights(params):
    return [v for k, v in params.items() if k.startswith("W")]


L2_PENALTY = [
    Mistake("biases_included", lambda params, lam: lam / 2 * sum(np.sum(v ** 2) for v in params.values()),
            "The biases seem to be in the sum: the penalty is on the weights only, W1, W2, ... (the keys "
            "that start with \"W\"). A bias only shifts a boundary, it does not make it wiggle, so it is not "
            "penalised."),
    Mistake("no_half", lambda params, lam: lam * sum(np.sum(W ** 2) for W in _weights(params)),
            "The result is twice too large: the penalty is (lam / 2) * the sum of the squared weights. The "
            "1/2 is there so that its gradient is lam * W."),
    Mistake("abs_not_square", lambda params, lam: lam / 2 * sum(np.sum(np.abs(W)) for W in _weights(params)),
            "It looks like the absolute values |w| were added up (that is the L1 penalty): L2 adds the "
            "squares, w ** 2."),
    Mistake("norm_not_squared", lambda params, lam: lam / 2 * sum(np.linalg.norm(W) for W in _weights(params)),
            "It looks like each matrix's norm np.linalg.norm(W) was added up: that is the square root of the "
            "sum of squares. Add the squares themselves, np.sum(W ** 2)."),
    Mistake("mean_not_sum", lambda params, lam: lam / 2 * sum(np.mean(W ** 2) for W in _weights(params)),
            "It looks like the squared weights were averaged: the penalty ADDS them, np.sum(W ** 2) for "
            "every weight matrix."),
    Mistake("first_layer_only", lambda params, lam: lam / 2 * np.sum(params["W1"] ** 2),
            "Only W1 seems to count: the penalty sums the squares of EVERY weight matrix, W1, W2, ..., WL. "
            "Loop over the keys that start with \"W\"."),
    Mistake("two_layers_only", lambda params, lam: lam / 2 * (np.sum(params["W1"] ** 2) + np.sum(params["W2"] ** 2)),
            "Only W1 and W2 seem to count: the network may have more layers. Loop over every key that "
            "starts with \"W\" instead of naming them."),
    Mistake("square_of_sum", lambda params, lam: lam / 2 * sum(np.sum(W) ** 2 for W in _weights(params)),
            "It looks like each matrix's entries were added up first and the sum then squared, np.sum(W) ** 2: "
            "square every entry first, then add the squares, np.sum(W ** 2)."),
]


def _decay_copy(grads, params, lam, *, factor=1.0, biases=False):
    return {k: g + factor * lam * params[k] if (k.startswith("W") or biases) else g for k, g in grads.items()}


def _decay_in_place(grads, params, lam):
    for k in grads:
        if k.startswith("W"):
            grads[k] += lam * params[k]
    return grads


L2_GRADS = [
    Mistake("biases_decayed", lambda grads, params, lam: _decay_copy(grads, params, lam, biases=True),
            "The bias gradients changed too: only the weights are decayed, so each dWk gets lam * Wk "
            "added and each bias gradient is returned as it is."),
    Mistake("changed_grads_in_place", _decay_in_place,
            "The values are right, but the grads dict you were given was changed: `grads[k] += ...` (or "
            "`grads[k] = ...`) writes into the caller's gradients. Build a new dict instead, e.g. "
            "out = {}; out[k] = grads[k] + lam * params[k]."),
    Mistake("decay_subtracted", lambda grads, params, lam: _decay_copy(grads, params, lam, factor=-1.0),
            "lam * W seems subtracted: the penalty's gradient is ADDED to the data gradient, dW + lam * W. "
            "(Gradient descent then subtracts the whole sum, which shrinks the weights.)"),
    Mistake("factor_two", lambda grads, params, lam: _decay_copy(grads, params, lam, factor=2.0),
            "The decay term is twice too large: the gradient of (lam / 2) * w ** 2 is lam * w (the 2 from "
            "the square cancels the 1/2), so dW + lam * W."),
    Mistake("factor_half", lambda grads, params, lam: _decay_copy(grads, params, lam, factor=0.5),
            "The decay term is half as large as it should be: the gradient of (lam / 2) * w ** 2 is lam * w, "
            "so dW + lam * W."),
    Mistake("decay_only", lambda grads, params, lam: {k: lam * params[k] if k.startswith("W") else g
                                                       for k, g in grads.items()},
            "The weight gradients seem to be lam * W alone: the data's gradient dW is still there; the "
            "penalty's gradient is added to it, dW + lam * W."),
    Mistake("decay_missing", lambda grads, params, lam: dict(grads),
            "The gradients came back as they were: each weight gradient needs lam * W added, dW + lam * W. "
            "(If you shrank the weights themselves, params[k] *= ..., leave them: they shrink when gradient "
            "descent subtracts lr * (dW + lam * W). This function only returns gradients and must not change "
            "params.)"),
    Mistake("shrunk_gradient", lambda grads, params, lam: {k: (1 - lam) * g if k.startswith("W") else g
                                                            for k, g in grads.items()},
            "The weight gradients seem multiplied by (1 - lam). The lesson's factor (1 - lr * lam) multiplies "
            "the WEIGHTS, inside the update step; the gradient itself just gets lam * W added: dW + lam * W."),
    Mistake("penalty_not_gradient", lambda grads, params, lam: {k: g + lam / 2 * params[k] ** 2 if k.startswith("W")
                                                                 else g for k, g in grads.items()},
            "It looks like the penalty itself, (lam / 2) * W ** 2, was added to each gradient: add its "
            "GRADIENT, lam * W (the derivative of (lam / 2) * w ** 2 is lam * w)."),
    Mistake("named_layers", lambda grads, params, lam: {k: g + lam * params[k] if k in ("W1", "W2") else g
                                                         for k, g in grads.items()},
            "Only W1 and W2 got the decay: the network may have more layers (W3, ...). Loop over every key "
            "that starts with \"W\" instead of naming them."),
]


def _vs_previous(val_losses, patience):
    """Early stopping that counts an epoch as an improvement when its loss is below the
    previous epoch's (not below the best so far)."""
    best_epoch, waited = 0, 0
    for epoch in range(1, len(val_losses)):
        if val_losses[epoch] < val_losses[epoch - 1]:
            waited = 0
            if val_losses[epoch] < val_losses[best_epoch]:
                best_epoch = epoch
        else:
            waited += 1
            if waited >= patience:
                break
    return best_epoch


def _early_stop(val_losses, patience, *, ties=False, stop_after=0, give="best", reset=True):
    best, best_epoch, waited, epoch = np.inf, 0, 0, 0
    for epoch, value in enumerate(val_losses):
        if value < best or (ties and value == best):
            best, best_epoch = value, epoch
            if reset:
                waited = 0
        else:
            waited += 1
            if waited >= patience + stop_after:
                break
    return {"best": best_epoch, "stopped": epoch, "one_based": best_epoch + 1, "loss": best}[give]


EARLY_STOPPING_EPOCH = [
    Mistake("equal_is_better", lambda v, p: _early_stop(v, p, ties=True),
            "An equal loss seems to count as an improvement: only a STRICTLY lower validation loss is "
            "better (use <, not <=). With equal losses the earlier epoch is kept, and the wait goes on."),
    Mistake("patience_off_by_one", lambda v, p: _early_stop(v, p, stop_after=1),
            "Training seems to stop one epoch too late: it stops as soon as `patience` epochs in a row "
            "brought no improvement, i.e. when the count of such epochs REACHES patience (>=, not >)."),
    Mistake("stopped_epoch", lambda v, p: _early_stop(v, p, give="stopped"),
            "That is the epoch where training stopped (or the last one): early stopping goes back to the "
            "BEST epoch seen until then, the one with the lowest validation loss, and returns its index."),
    Mistake("one_based", lambda v, p: _early_stop(v, p, give="one_based"),
            "The index is one too high: epochs are counted from 0, so the first epoch is 0 and "
            "val_losses[epoch] is that epoch's loss."),
    Mistake("no_patience", lambda v, p: int(np.argmin(v)),
            "That is the lowest loss of the whole list: training stops once `patience` epochs in a row "
            "bring no improvement, and a lower loss after that point is never seen. Walk through the list "
            "and stop there."),
    Mistake("wait_not_reset", lambda v, p: _early_stop(v, p, reset=False),
            "Training seems to stop too early in a zig-zag: the count of epochs without improvement must "
            "go back to 0 at every new best, since patience counts epochs IN A ROW."),
    Mistake("compared_with_previous", _vs_previous,
            "A loss seems to count as an improvement when it is lower than the epoch BEFORE it: it must be "
            "lower than the BEST loss so far. A loss that falls again but stays above the best is one more "
            "epoch without improvement, and the count goes on."),
    Mistake("patience_one_short", lambda v, p: _early_stop(v, p, stop_after=-1),
            "Training seems to stop one epoch too early: it stops only once `patience` epochs in a row brought "
            "no improvement, so with patience 2 the second such epoch stops it, not the first. Count the epoch "
            "first (waited += 1), then stop when the count reaches patience."),
    Mistake("returned_loss", lambda v, p: _early_stop(v, p, give="loss"),
            "That is the best validation LOSS, not its epoch: return the index of that loss in val_losses "
            "(epochs counted from 0), an int."),
    Mistake("best_starts_at_zero", lambda v, p: 0,
            "The answer is epoch 0 even where a later epoch has a lower loss: is the best loss so far started "
            "at 0? No validation loss is below 0, so no epoch ever counts as an improvement. Start it at "
            "float(\"inf\") (or at the first epoch's loss)."),
]


# ----------------------------------------------------------------------------- ex12
CONV_OUTPUT_SHAPE = [
    Mistake("no_plus_one", lambda h, w, k, stride=1, padding=0: (
        (h + 2 * padding - k) // stride, (w + 2 * padding - k) // stride),
            "It looks like the +1 is missing: a k-wide kernel fits at (n + 2p - k) // s + 1 "
            "positions (the first one counts too)."),
    Mistake("one_sided_padding", lambda h, w, k, stride=1, padding=0: (
        (h + padding - k) // stride + 1, (w + padding - k) // stride + 1),
            "It looks like padding was added on one side only: it is added on BOTH sides, "
            "so use n + 2*padding."),
    Mistake("stride_ignored", lambda h, w, k, stride=1, padding=0: (
        h + 2 * padding - k + 1, w + 2 * padding - k + 1),
            "The stride seems to be ignored: the kernel jumps `stride` pixels, so divide: "
            "(n + 2p - k) // stride + 1."),
    Mistake("true_division", lambda h, w, k, stride=1, padding=0: (
        (h + 2 * padding - k) / stride + 1, (w + 2 * padding - k) / stride + 1),
            "The sizes came out as floats: use floor division // (a kernel only fits at whole "
            "positions): (n + 2p - k) // stride + 1."),
]

CONV_PARAM_COUNT = [
    Mistake("bias_per_channel", lambda kh, kw, c, n: (kh * kw * c * n, n * c),
            "Biases are one per kernel (per OUTPUT channel), not per input channel: "
            "n_filters biases."),
    Mistake("weights_without_c", lambda kh, kw, c, n: (kh * kw * n, n),
            "Each kernel spans ALL c_in input channels: it has kh*kw*c_in weights, so the layer "
            "has kh*kw*c_in*n_filters."),
    Mistake("single_bias", lambda kh, kw, c, n: (kh * kw * c * n, 1),
            "Each kernel has its own bias: n_filters biases, not one for the layer."),
]


def _conv_variant(x, kernels, bias, stride=1, padding=0, *, flip=False, with_bias=True, bias_per_c=False,
                  size="right"):
    """A learner's conv2d(x (C, H, W), kernels (N, C, kh, kw), bias (N,)) with one mistake: the
    package's convolution (`conv.conv2d_forward`) on flipped kernels or with the bias left
    out or added per input channel, or cut to a size computed without the +1 or with the
    padding counted once."""
    h, w = np.shape(x)[1:]
    N, C, kh, kw = kernels.shape
    if size == "no_plus_one":
        ho, wo = (h + 2 * padding - kh) // stride, (w + 2 * padding - kw) // stride
    elif size == "one_sided_padding":
        ho, wo = (h + padding - kh) // stride + 1, (w + padding - kw) // stride + 1
    else:
        ho, wo = (h + 2 * padding - kh) // stride + 1, (w + 2 * padding - kw) // stride + 1
    out = np.zeros((N, ho, wo))  # (a negative size raises here)
    if out.size == 0:
        return out
    K = kernels[:, :, ::-1, ::-1] if flip else kernels
    b = np.asarray(bias, float) * (C if bias_per_c else 1) if with_bias else np.zeros(N)
    return conv2d_forward(np.asarray(x, float)[None], K, b, stride, padding)[0][0, :, :ho, :wo]


CONV2D = [
    Mistake("flipped_kernel", lambda *a, **k: _conv_variant(*a, **k, flip=True),
            "It looks like the kernel was flipped (a true convolution): neural-network layers "
            "compute the cross-correlation, sum(patch * kernel) with the kernel as it is."),
    Mistake("no_bias", lambda *a, **k: _conv_variant(*a, **k, with_bias=False),
            "It looks like the bias was left out: each output channel n adds its kernel's "
            "bias[n] after the weighted sum."),
    Mistake("bias_per_channel", lambda *a, **k: _conv_variant(*a, **k, bias_per_c=True),
            "The bias seems added once per input channel: add bias[n] ONCE, after summing the "
            "products over all channels and kernel positions."),
    Mistake("size_no_plus_one", lambda *a, **k: _conv_variant(*a, **k, size="no_plus_one"),
            "The output is one row and one column too small: the +1 is missing from its size. A "
            "k-wide kernel fits at (n + 2*padding - k) // stride + 1 positions (the first one counts too)."),
    Mistake("size_one_sided_padding", lambda *a, **k: _conv_variant(*a, **k, size="one_sided_padding"),
            "The output is too small when there is padding: its size counts the padding once, but "
            "it is added on BOTH sides: (n + 2*padding - k) // stride + 1."),
]

# ----------------------------------------------------------------------------- ex13
def _digits_variant(X_train, y_train, *, epochs=30, zeros=False):
    X = np.asarray(X_train, float).reshape(len(X_train), -1) * DIGITS_SCALE
    return R._train(X, np.asarray(y_train).astype(int), [64, 64, 10], lr=0.01, epochs=epochs, seed=0,
                    batch=32, adam=True, init="zeros" if zeros else "he")


TRAIN_DIGITS = [
    Mistake("zeros_init", lambda X, y: _digits_variant(X, y, zeros=True),
            "Every hidden unit has the same weights: starting from all zeros, they all get the "
            "same gradient and stay identical. Start the weights from small random numbers (He: "
            "rng.standard_normal((n_in, n_out)) * np.sqrt(2 / n_in)).",
            detect=A.detect_symmetry),
    Mistake("gradient_ascent", lambda X, y: _variant(np.asarray(X, float).reshape(len(X), -1) * DIGITS_SCALE,
                                                      np.asarray(y).astype(int), [64, 64, 10], 0.5, 20, 0,
                                                      sign=1.0),
            "The training loss of the returned weights is worse than guessing: the loss went UP. "
            "Step against the gradient (W -= lr * dW) and check the learning rate is not too large.",
            detect=A.detect_ascent),
    Mistake("not_trained", lambda X, y: _digits_variant(X, y, epochs=0),
            "The accuracy is about chance (10 %): the network did not learn. Check that the "
            "training loop runs and updates the params it returns, that the pixels are flattened "
            "to (m, 64) and scaled, and that the loss falls.",
            detect=A.detect_chance),
]


def _predict(params, X, *, scale=None, act=True, out="labels"):
    s = params.get("scale", DIGITS_SCALE) if scale is None else scale
    net = {k: v for k, v in params.items() if k != "scale"}
    logits, _ = mlp_forward(np.asarray(X, float).reshape(len(X), -1) * s, net, "relu" if act else "identity")
    if out == "probs":
        return _softmax(logits)
    labels = np.argmax(logits, axis=1)
    return labels.astype(float) if out == "float" else labels


PREDICT_DIGITS = [
    Mistake("no_scale", lambda p, X: _predict(p, X, scale=1.0),
            "It looks like the pixels were not scaled: multiply the flattened images by the scale the "
            "network was trained with, params.get('scale', 1/16), before the first layer."),
    Mistake("scale_ignored", lambda p, X: _predict(p, X, scale=DIGITS_SCALE),
            "It looks like the pixels were always divided by 16: use the scale the params record, "
            "params.get('scale', 1/16) (a net trained on other inputs records its own)."),
    Mistake("probabilities", lambda p, X: _predict(p, X, out="probs"),
            "That is a table of class probabilities (m, 10): return one label per image, the "
            "class with the largest score, np.argmax(scores, axis=1)."),
    Mistake("float_labels", lambda p, X: _predict(p, X, out="float"),
            "The labels came out as floats: return integers, e.g. np.argmax(...) (already integer) "
            "or labels.astype(int)."),
    Mistake("no_relu", lambda p, X: _predict(p, X, act=False),
            "It looks like the hidden layers' ReLU is missing: each hidden layer computes "
            "relu(A @ W + b); only the last layer is linear."),
]


# ----------------------------------------------------------------------------- ex14
def _bow(sentences, vocab, *, words=r"[a-z']+", split=False, lower=True, presence=False, by_order=False):
    """bag_of_words as a learner might write it, with one slip switched on."""
    column = {word: j for j, word in enumerate(vocab)} if by_order else vocab
    X = np.zeros((len(sentences), len(vocab)))
    for i, sentence in enumerate(sentences):
        text = sentence.lower() if lower else sentence
        for word in (text.split() if split else re.findall(words, text)):
            if word in column:
                if presence:
                    X[i, column[word]] = 1
                else:
                    X[i, column[word]] += 1
    return X


BAG_OF_WORDS = [
    Mistake("presence", lambda s, v: _bow(s, v, presence=True),
            "It looks like each word is marked present (1) instead of counted: a word that occurs "
            "twice must give 2. Add one per occurrence: X[i, vocab[word]] += 1."),
    Mistake("split_at_spaces", lambda s, v: _bow(s, v, split=True),
            "It looks like the sentence was cut at spaces (split()): then punctuation sticks to the "
            "words (\"film,\" is not \"film\") and those words are lost. Take the words with "
            "re.findall(r\"[a-z']+\", sentence.lower())."),
    Mistake("no_lower", lambda s, v: _bow(s, v, lower=False),
            "Words written with capitals are missed (\"Good\" gives \"ood\"): lower-case the "
            "sentence first, sentence.lower(), then find the words."),
    Mistake("apostrophe_dropped", lambda s, v: _bow(s, v, words=r"[a-z]+"),
            "Words with an apostrophe are lost: \"don't\" must stay one word, \"don't\" (not "
            "\"don\" + \"t\", nor \"dont\"). Keep the apostrophe in the pattern: "
            "re.findall(r\"[a-z']+\", sentence.lower())."),
    Mistake("columns_by_order", lambda s, v: _bow(s, v, by_order=True),
            "The counts land in the wrong columns: a word's column is vocab[word] (the number "
            "the dict gives it), not its position in the dict."),
]


def _scores(sentences, vocab, w, b):
    return R.bag_of_words(sentences, vocab) @ np.asarray(w, float)


PREDICT_SENTIMENT = [
    Mistake("no_sigmoid", lambda s, v, w, b: _scores(s, v, w, b) + b,
            "These are scores z, not probabilities (some are below 0 or above 1): pass them "
            "through the sigmoid, 1 / (1 + np.exp(-z))."),
    Mistake("no_bias", lambda s, v, w, b: _sig(_scores(s, v, w, b)),
            "The bias seems left out: z = bag_of_words(sentences, vocab) @ w + b, then the "
            "sigmoid. (A sentence with no known words must get sigmoid(b), not 0.5.)"),
    Mistake("bias_after_sigmoid", lambda s, v, w, b: _sig(_scores(s, v, w, b)) + b,
            "The bias seems added after the sigmoid: add it to the score first, "
            "sigmoid(X @ w + b)."),
    Mistake("labels", lambda s, v, w, b: _sig(_scores(s, v, w, b) + b) > 0.5,
            "That is a yes/no verdict: return the probability itself, sigmoid(X @ w + b), not "
            "whether it is above 0.5."),
]


MISTAKES: dict[str, list[Mistake]] = {
    "weighted_sum": WEIGHTED_SUM, "neuron": NEURON, "boundary_line": BOUNDARY_LINE,
    "sigmoid": SIGMOID, "sigmoid_grad": SIGMOID_GRAD, "relu": RELU, "relu_grad": RELU_GRAD,
    "softmax": SOFTMAX, "dense_forward": DENSE_FORWARD, "count_params": COUNT_PARAMS,
    "mse": MSE, "binary_cross_entropy": BCE, "cross_entropy": CROSS_ENTROPY,
    "neuron_grads": NEURON_GRADS, "numerical_gradient": NUMERICAL_GRADIENT,
    "gd_step": GD_STEP, "fit_line": FIT_LINE, "adam_step": ADAM_STEP,
    "dense_backward": DENSE_BACKWARD, "two_layer_grads": TWO_LAYER_GRADS, "train_mlp": TRAIN_MLP,
    "init_std": INIT_STD, "activation_stds": ACTIVATION_STDS,
    "l2_penalty": L2_PENALTY, "l2_grads": L2_GRADS, "early_stopping_epoch": EARLY_STOPPING_EPOCH,
    "conv_output_shape": CONV_OUTPUT_SHAPE, "conv_param_count": CONV_PARAM_COUNT,
    "conv2d": CONV2D, "train_digits": TRAIN_DIGITS, "predict_digits": PREDICT_DIGITS,
    "bag_of_words": BAG_OF_WORDS, "predict_sentiment": PREDICT_SENTIMENT,
}
