"""The exercise registry: every graded function of the course, its reference, public
cases, points and known mistakes.

``EXERCISES[name]`` is an `Exercise`; ``NOTEBOOKS[stem]`` lists a notebook's exercise
names in order; ``get(name)`` looks one up with a helpful error.

Public cases are seeded (the same every run) and cover the edges: one example and a
batch, zeros, extreme values, non-square shapes (so a transposed W cannot pass by
accident). Hidden cases live only in `hidden` (stripped from the learner release).

References and known mistakes come from `references` and `mistakes`; in the learner
bundle, which holds neither, from `replay` (their outcomes on the public cases).

Points (the maximum per exercise): 1 for a one-line function, 2 for one with several
steps (softmax, the losses, gradients, updates, conv2d), 3 for ``fit_line``,
``dense_backward`` and ``train_mlp``, 5 for ``train_digits``. A function earns
``points * passed cases / cases``; the two accuracy-graded exercises earn per case
``min(1, max(0, (accuracy - 0.5) / (0.95 - 0.5)))`` (full points at >= 95 %, nothing
at <= 50 %, linear between), averaged over the cases.

Comparison options (``Exercise.extra``): ``rtol``/``atol`` (default 1e-6 / 1e-9);
``no_warnings`` (a numpy RuntimeWarning such as an overflow fails the case);
``unchanged_args`` (the array arguments must be unchanged after the call);
``accuracy`` = (zero_at, full_at) for exercises graded by accuracy, whose cases carry
the held-out points in ``Case.grade``.
"""
from __future__ import annotations

import numpy as np

from .. import activations, losses, neuron as _neuron
from . import replay
from .spec import Case, Exercise, Fn

if replay.ACTIVE:  # the learner bundle: recorded outcomes on the public cases, no answer code
    R, MISTAKES = replay.load()
else:
    from . import references as R
    from .mistakes import MISTAKES

__all__ = ["EXERCISES", "NOTEBOOKS", "get", "ACCURACY_SCALE"]

ACCURACY_SCALE = (0.5, 0.95)


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


# ------------------------------------------------------------------------ ex01, ex02
def _weighted_sum_cases() -> list[Case]:
    g = _rng(101)
    return [
        Case((np.array([1.0, 2.0, 3.0]), np.array([0.5, -1.0, 2.0])), label="one example, 3 inputs"),
        Case((g.normal(size=(4, 3)), g.normal(size=3)), label="a batch of 4 examples, 3 inputs"),
        Case((np.zeros(5), g.normal(size=5)), label="all-zero inputs"),
        Case((g.normal(size=(2, 5)) * 1e3, g.normal(size=5) * 1e-3), label="large inputs, small weights"),
    ]


def _neuron_cases() -> list[Case]:
    g = _rng(102)
    return [
        Case((np.array([1.0, 2.0]), np.array([0.5, -0.25]), 1.5), label="one example, b = 1.5"),
        Case((g.normal(size=(5, 3)), g.normal(size=3), -2.0), label="a batch of 5, b = -2"),
        Case((np.zeros(3), g.normal(size=3), 0.75), label="zero inputs: only the bias remains"),
        Case((g.normal(size=(3, 4)), np.zeros(4), -0.3), label="zero weights"),
    ]


def _boundary_line_cases() -> list[Case]:
    return [
        Case((np.array([1.0, 2.0]), 3.0), label="w = (1, 2), b = 3"),
        Case((np.array([-0.5, 4.0]), -1.0), label="w = (-0.5, 4), b = -1"),
        Case((np.array([3.0, -1.5]), 0.0), label="b = 0: the line passes through the origin"),
        Case((np.array([2.0, 0.25]), 5.0), label="a steep line"),
    ]


# ----------------------------------------------------------------------------- ex03
def _z_cases(seed: int) -> list[Case]:
    g = _rng(seed)
    return [
        Case((np.array([-2.0, -0.5, 0.0, 0.5, 2.0]),), label="a few values around 0"),
        Case((g.normal(size=(3, 4)) * 3,), label="a (3, 4) array"),
        Case((np.zeros((2, 2)),), label="zeros"),
        Case((np.array([-1000.0, -30.0, 30.0, 1000.0]),), label="extreme values +-1000"),
    ]


def _softmax_cases() -> list[Case]:
    g = _rng(104)
    return [
        Case((np.array([1.0, 2.0, 3.0]),), label="one vector of 3 scores"),
        Case((g.normal(size=(4, 3)),), label="a batch of 4 rows, 3 classes"),
        Case((np.zeros((2, 5)),), label="all-zero scores"),
        Case((np.array([[1000.0, 999.0, 0.0], [-1000.0, 0.0, 1000.0]]),), label="huge scores"),
    ]


# ----------------------------------------------------------------------------- ex04
def _dense_forward_cases() -> list[Case]:
    g = _rng(105)
    return [
        Case((g.normal(size=(4, 3)), g.normal(size=(3, 2)), g.normal(size=2)), label="m=4, 3 -> 2"),
        Case((g.normal(size=(1, 5)), g.normal(size=(5, 3)), g.normal(size=3)), label="one example, 5 -> 3"),
        Case((g.normal(size=(3, 3)), g.normal(size=(3, 3)), g.normal(size=3)), label="square W, 3 -> 3"),
        Case((np.zeros((2, 4)), g.normal(size=(4, 6)), g.normal(size=6)), label="zero inputs: Z = b"),
    ]


def _count_params_cases() -> list[Case]:
    return [Case(([64, 32, 10],), label="[64, 32, 10]"), Case(([2, 1],), label="[2, 1]: one neuron"),
            Case(([3, 5, 4, 2],), label="[3, 5, 4, 2]"), Case(([784, 128, 10],), label="[784, 128, 10]")]


# ----------------------------------------------------------------------------- ex05
def _mse_cases() -> list[Case]:
    g = _rng(106)
    return [
        Case((np.array([1.0, 2.0, 3.0]), np.array([1.5, 2.0, 2.0])), label="3 predictions"),
        Case((g.normal(size=(4, 2)), g.normal(size=(4, 2))), label="(4, 2) outputs"),
        Case((np.zeros(3), np.zeros(3)), label="perfect predictions"),
        Case((np.array([1e3, -1e3]), np.array([0.0, 0.0])), label="large errors of both signs"),
    ]


def _bce_cases() -> list[Case]:
    g = _rng(107)
    return [
        Case((np.array([0.9, 0.2, 0.6]), np.array([1.0, 0.0, 1.0])), label="3 predictions"),
        Case((g.uniform(0.05, 0.95, size=6), g.integers(0, 2, size=6).astype(float)), label="6 predictions"),
        Case((np.array([0.3, 0.7, 0.5]), np.zeros(3)), label="all labels 0"),
        Case((np.array([0.0, 1.0, 1.0, 0.0]), np.array([0.0, 1.0, 0.0, 1.0])), label="p exactly 0 and 1"),
    ]


def _ce_cases() -> list[Case]:
    g = _rng(108)
    return [
        Case((np.array([[2.0, 1.0, 0.1]]), np.array([0])), label="one example, 3 classes"),
        Case((g.normal(size=(5, 4)), g.integers(0, 4, size=5)), label="a batch of 5, 4 classes"),
        Case((np.zeros((3, 3)), np.array([0, 1, 2])), label="all-zero logits"),
        Case((np.array([[1000.0, 0.0, -1000.0], [0.0, 1000.0, 0.0]]), np.array([1, 1])), label="huge logits"),
    ]


# ----------------------------------------------------------------------------- ex06
def _neuron_grads_cases() -> list[Case]:
    g = _rng(109)
    return [
        Case((np.array([1.0, 2.0]), np.array([0.5, -0.5]), 0.1, 1.0), label="2 inputs, y = 1"),
        Case((g.normal(size=4), g.normal(size=4), -0.3, 0.0), label="4 inputs, y = 0"),
        Case((np.zeros(3), g.normal(size=3), 0.0, 1.0), label="zero inputs"),
        Case((g.normal(size=3), g.normal(size=3) * 5, 2.0, 0.0), label="a confident wrong neuron"),
    ]


def _numgrad_cases() -> list[Case]:
    g = _rng(110)
    return [
        Case((Fn("lambda x: np.sum(x ** 3)"), np.array([0.5, -1.0, 2.0])), label="f(x) = sum(x**3)"),
        Case((Fn("lambda x: np.sum(np.sin(3 * x)) + x[0, 1] * x[1, 0]"), g.normal(size=(2, 3))),
             label="a (2, 3) array"),
        Case((Fn("lambda x: np.sum(np.exp(x)) / 10"), np.zeros(4)), label="x = 0"),
        Case((Fn("lambda x: np.sum(x ** 2) * x[0]"), np.array([0.25, 1.5])), kwargs={"eps": 1e-5},
             label="eps = 1e-5"),
    ]


# ----------------------------------------------------------------------------- ex07
def _gd_step_cases() -> list[Case]:
    g = _rng(111)
    return [
        Case((np.array([1.0, -2.0]), 0.5, np.array([0.1, -0.3]), 0.2, 0.1), label="2 weights, lr = 0.1"),
        Case((g.normal(size=(3, 2)), g.normal(size=2), g.normal(size=(3, 2)), g.normal(size=2), 0.01),
             label="a (3, 2) layer, lr = 0.01"),
        Case((np.array([1.0, 2.0, 3.0]), 1.0, np.zeros(3), 0.0, 0.5), label="zero gradients"),
        Case((g.normal(size=4), -1.0, g.normal(size=4), 3.0, 2.0), label="lr = 2"),
    ]


def _fit_line_cases() -> list[Case]:
    g = _rng(112)
    x1 = g.uniform(-2, 2, size=20)
    x2 = g.uniform(0, 3, size=15)
    return [
        Case((x1, 2.0 * x1 + 1.0, 0.1, 200), label="y = 2x + 1, 200 epochs"),
        Case((x2, -0.5 * x2 + 3 + 0.1 * g.normal(size=15), 0.05, 50), label="noisy data, 50 epochs"),
        Case((np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.0]), 0.01, 1), label="one epoch"),
        Case((x1, np.zeros(20), 0.1, 10), label="y = 0"),
    ]


def _adam_cases() -> list[Case]:
    g = _rng(113)
    return [
        Case((np.array([1.0, -1.0]), np.array([0.5, -2.0]), np.zeros(2), np.zeros(2), 1, 0.1),
             label="first step (t = 1)"),
        Case((g.normal(size=(2, 3)), g.normal(size=(2, 3)), g.normal(size=(2, 3)) * 0.1,
              g.uniform(0, 0.1, size=(2, 3)), 5, 0.01), label="t = 5, a (2, 3) array"),
        Case((g.normal(size=3), np.zeros(3), np.zeros(3), np.zeros(3), 1, 0.1), label="zero gradient"),
        Case((g.normal(size=3), g.normal(size=3), g.normal(size=3) * 0.1, g.uniform(0, 0.1, size=3), 3, 0.05),
             kwargs={"beta1": 0.8, "beta2": 0.99}, label="t = 3, beta1 = 0.8, beta2 = 0.99"),
    ]


# ----------------------------------------------------------------------------- ex08
def _dense_backward_cases() -> list[Case]:
    g = _rng(114)
    return [
        Case((g.normal(size=(4, 2)), g.normal(size=(4, 3)), g.normal(size=(3, 2))), label="m=4, 3 -> 2"),
        Case((g.normal(size=(1, 3)), g.normal(size=(1, 5)), g.normal(size=(5, 3))), label="one example, 5 -> 3"),
        Case((g.normal(size=(3, 3)), g.normal(size=(3, 3)), g.normal(size=(3, 3))), label="square W"),
        Case((np.zeros((2, 4)), g.normal(size=(2, 3)), g.normal(size=(3, 4))), label="dZ = 0"),
    ]


def toy_case(kind: str, n_train: int, n_test: int, seed: int, hidden: int, lr: float, epochs: int,
             train_seed: int = 0) -> Case:
    """A train_mlp case: train on n_train points of a toy set, measure on n_test others."""
    from .. import data

    makers = {"moons": lambda n: data.make_moons(n, 0.1, seed=seed),
              "blobs": lambda n: data.make_blobs(n, 3, 0.6, seed=seed),
              "spirals": lambda n: data.make_spirals(n, 3, 0.1, seed=seed),
              "circles": lambda n: data.make_circles(n, 0.05, 0.5, seed=seed),
              "xor": lambda n: data.make_xor(n, 0.2, seed=seed)}
    X, y = makers[kind](n_train + n_test)
    return Case((X[:n_train], y[:n_train], hidden, lr, epochs, train_seed),
                label=f"{kind}: {n_train} training points, hidden={hidden}, lr={lr}, epochs={epochs}",
                grade={"X": X[n_train:], "labels": y[n_train:]})


def _train_mlp_cases() -> list[Case]:
    return [toy_case("moons", 200, 100, 1, 32, 0.5, 500),
            toy_case("blobs", 150, 100, 3, 16, 0.5, 300),
            toy_case("spirals", 300, 150, 2, 32, 0.5, 500)]


# ----------------------------------------------------------------------------- ex09
def _conv_shape_cases() -> list[Case]:
    return [Case((28, 28, 3), label="28x28, 3x3"), Case((32, 24, 5, 1, 2), label="32x24, 5x5, padding 2"),
            Case((7, 9, 3, 2, 0), label="7x9, 3x3, stride 2"), Case((227, 227, 11, 4, 0), label="227x227, 11x11, stride 4"),
            Case((5, 6, 3, 2, 1), label="5x6, 3x3, stride 2, padding 1")]


def _conv_count_cases() -> list[Case]:
    return [Case((3, 3, 1, 8), label="8 kernels 3x3 on 1 channel"), Case((11, 11, 3, 96), label="96 kernels 11x11 on RGB"),
            Case((5, 3, 16, 32), label="32 kernels 5x3 on 16 channels"), Case((1, 1, 64, 10), label="10 kernels 1x1 on 64 channels")]


def _conv2d_cases() -> list[Case]:
    g = _rng(115)
    return [
        Case((g.normal(size=(1, 5, 5)), g.normal(size=(2, 1, 3, 3)), g.normal(size=2)), label="1 channel 5x5, 2 kernels 3x3"),
        Case((g.normal(size=(3, 6, 7)), g.normal(size=(4, 3, 2, 3)), g.normal(size=4)), label="3 channels 6x7, 4 kernels 2x3"),
        Case((g.normal(size=(2, 7, 6)), g.normal(size=(3, 2, 3, 3)), g.normal(size=3)), kwargs={"stride": 2, "padding": 1},
             label="stride 2, padding 1"),
        Case((np.zeros((1, 4, 4)), g.normal(size=(2, 1, 3, 3)), np.array([0.5, -1.0])), label="a zero image: only the bias"),
    ]


def digits_case(n_train: int, seed: int, label: str) -> Case:
    """A train_digits case: a random (seeded) part of load_digits("train") to train on,
    the rest to measure on (its labels stay in ``Case.grade``)."""
    from ..data import load_digits

    X, y = load_digits("train")
    perm = _rng(seed).permutation(len(X))
    tr, te = perm[:n_train], perm[n_train:]
    return Case((X[tr], y[tr]), then=("predict_digits", (X[te],)), label=label,
                grade={"labels": y[te]})


def _train_digits_cases() -> list[Case]:
    return [digits_case(1000, 1, "train on 1000 training digits, test on the other 438"),
            digits_case(1150, 2, "train on 1150 training digits, test on the other 288"),
            digits_case(900, 3, "train on 900 training digits, test on the other 538")]


# ----------------------------------------------------------------------------- the table
_TOL_NG = {"rtol": 1e-7, "atol": 1e-9}
_STABLE = {"no_warnings": True}
_ACC = {"accuracy": ACCURACY_SCALE}

# name, notebook, reference, cases, points, extra, options
_TABLE = [
    ("weighted_sum", "ex01_weighted_sum", _neuron.weighted_sum, _weighted_sum_cases, 1, {}),
    ("neuron", "ex02_bias", lambda x, w, b: _neuron.neuron(x, w, b), _neuron_cases, 1, {}),
    ("boundary_line", "ex02_bias", R.boundary_line, _boundary_line_cases, 1, {}),
    ("sigmoid", "ex03_activations", activations.sigmoid, lambda: _z_cases(103), 1, _STABLE),
    ("sigmoid_grad", "ex03_activations", activations.sigmoid_grad, lambda: _z_cases(113), 1, _STABLE),
    ("relu", "ex03_activations", activations.relu, lambda: _z_cases(123), 1, {}),
    ("relu_grad", "ex03_activations", activations.relu_grad, lambda: _z_cases(133), 1, {}),
    ("softmax", "ex03_activations", lambda z: activations.softmax(z), _softmax_cases, 2, _STABLE),
    ("dense_forward", "ex04_forward_propagation", R.dense_forward, _dense_forward_cases, 1, {}),
    ("count_params", "ex04_forward_propagation", R.count_params, _count_params_cases, 1, {}),
    ("mse", "ex05_losses", losses.mse, _mse_cases, 1, {}),
    ("binary_cross_entropy", "ex05_losses", losses.binary_cross_entropy, _bce_cases, 2, _STABLE),
    ("cross_entropy", "ex05_losses", losses.cross_entropy, _ce_cases, 2, _STABLE),
    ("neuron_grads", "ex06_chain_rule", R.neuron_grads, _neuron_grads_cases, 2, {}),
    ("numerical_gradient", "ex06_chain_rule", R.numerical_gradient, _numgrad_cases, 2,
     {**_TOL_NG, "unchanged_args": True}),
    ("gd_step", "ex07_gradient_descent", R.gd_step, _gd_step_cases, 1, {}),
    ("fit_line", "ex07_gradient_descent", R.fit_line, _fit_line_cases, 3, {}),
    ("adam_step", "ex07_gradient_descent", R.adam_step, _adam_cases, 2, {}),
    ("dense_backward", "ex08_training_a_network", R.dense_backward, _dense_backward_cases, 3, {}),
    ("train_mlp", "ex08_training_a_network", R.train_mlp, _train_mlp_cases, 3, _ACC),
    ("conv_output_shape", "ex09_convolution", R.conv_output_shape, _conv_shape_cases, 1, {}),
    ("conv_param_count", "ex09_convolution", R.conv_param_count, _conv_count_cases, 1, {}),
    ("conv2d", "ex09_convolution", R.conv2d, _conv2d_cases, 2, {}),
    ("train_digits", "ex10_capstone_digits", R.train_digits, _train_digits_cases, 5, _ACC),
]

_TIME_LIMITS = {"train_mlp": 60.0, "train_digits": 120.0, "fit_line": 20.0}


def _build() -> dict[str, Exercise]:
    out: dict[str, Exercise] = {}
    for name, nb, ref, cases, points, extra in _TABLE:
        out[name] = Exercise(
            name=name, notebook=nb, reference=ref, public_cases=cases, points=float(points),
            mistakes=list(MISTAKES[name]), time_limit=_TIME_LIMITS.get(name, 10.0),
            description=(R.__dict__.get(name) or ref).__doc__ or "", extra=dict(extra))
    d = out["train_digits"]
    d.driver = "train_predict"
    d.requires = ("predict_digits",)
    d.extra["then_reference"] = R.predict_digits
    return out


EXERCISES: dict[str, Exercise] = _build()

NOTEBOOKS: dict[str, list[str]] = {}
for _ex in EXERCISES.values():
    NOTEBOOKS.setdefault(_ex.notebook, []).append(_ex.name)


def get(name: str) -> Exercise:
    """The exercise called `name`; a KeyError listing the exercise names otherwise."""
    try:
        return EXERCISES[name]
    except (KeyError, TypeError):
        raise KeyError(f"there is no exercise called {name!r}; the exercises are: "
                       + ", ".join(EXERCISES)) from None
