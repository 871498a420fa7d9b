"""The course table: every graded function of the course, listed once, with its
notebook, points, options and seeded public cases. No answers: the references and
known mistakes are the answer key's (`registry` joins the two).

Each ``@exercise(name, notebook, points, **options)`` registers the public-case
function under it (an `Exercise` with those typed options, see `spec`). Public cases
are seeded (the same every run) and cover the edges that separate the classic errors:
one example and a batch, zeros, extreme values, non-square shapes (so a transposed W
cannot pass by accident). Hidden cases are drawn at grading time by the instructor's
part of the package.

Points (the maximum per exercise): 1 for a one-line function, 2 for one with several
steps (softmax, the losses, gradients, updates, conv2d, bag_of_words), 3 for ``fit_line``,
``dense_backward``, ``two_layer_grads`` and ``train_mlp``, 5 for ``train_digits``. A function earns
``points * passed cases / cases``; the accuracy-graded exercises earn per case
``min(1, max(0, (accuracy - 0.5) / (0.95 - 0.5)))`` (full points at >= 95 %, nothing
at <= 50 %, linear between), averaged over the cases.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from . import analysis
from .spec import Case, Exercise, Fn

__all__ = ["COURSE", "ACCURACY_SCALE", "toy_case", "deep_params", "random_params", "random_grads",
           "validation_curve", "digits_case", "digits_params", "WORD_PATTERN", "sentiment_vocab",
           "sentiment_model"]

ACCURACY_SCALE = (0.5, 0.95)
COURSE: list[Exercise] = []
"""Every exercise, in the course's order."""


def exercise(name: str, notebook: str, points: float, **options) -> Callable:
    """Register the decorated public-case function as exercise `name` (options: the
    typed fields of `spec.Exercise`)."""
    def register(cases: Callable[[], list[Case]]) -> Callable[[], list[Case]]:
        COURSE.append(Exercise(name, notebook, cases, float(points), **options))
        return cases
    return register


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


# ------------------------------------------------------------------------ ex01, ex02
@exercise("weighted_sum", "ex01_weighted_sum", 1)
def _weighted_sum_cases() -> list[Case]:
    g = _rng(101)
    return [
        Case((np.array([1.0, 2.0, 3.0]), np.array([0.5, -1.0, 2.0])), label="one example, 3 inputs"),
        Case((g.normal(size=(4, 3)), g.normal(size=3)), label="a batch of 4 examples, 3 inputs"),
        Case((np.zeros(5), g.normal(size=5)), label="all-zero inputs"),
        Case((g.normal(size=(2, 5)) * 1e3, g.normal(size=5) * 1e-3), label="large inputs, small weights"),
    ]


@exercise("neuron", "ex02_bias", 1)
def _neuron_cases() -> list[Case]:
    g = _rng(102)
    return [
        Case((np.array([1.0, 2.0]), np.array([0.5, -0.25]), 1.5), label="one example, b = 1.5"),
        Case((g.normal(size=(5, 3)), g.normal(size=3), -2.0), label="a batch of 5, b = -2"),
        Case((np.zeros(3), g.normal(size=3), 0.75), label="zero inputs: only the bias remains"),
        Case((g.normal(size=(3, 4)), np.zeros(4), -0.3), label="zero weights"),
    ]


@exercise("boundary_line", "ex02_bias", 1)
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


@exercise("sigmoid", "ex03_activations", 1, no_warnings=True)
def _sigmoid_cases() -> list[Case]:
    return _z_cases(103)


@exercise("sigmoid_grad", "ex03_activations", 1, no_warnings=True)
def _sigmoid_grad_cases() -> list[Case]:
    return _z_cases(113)


@exercise("relu", "ex03_activations", 1)
def _relu_cases() -> list[Case]:
    return _z_cases(123)


@exercise("relu_grad", "ex03_activations", 1)
def _relu_grad_cases() -> list[Case]:
    return _z_cases(133)


@exercise("softmax", "ex03_activations", 2, no_warnings=True)
def _softmax_cases() -> list[Case]:
    g = _rng(104)
    return [
        Case((np.array([1.0, 2.0, 3.0]),), label="one vector of 3 scores"),
        Case((g.normal(size=(4, 3)),), label="a batch of 4 rows, 3 classes"),
        Case((np.zeros((2, 5)),), label="all-zero scores"),
        Case((np.array([[1000.0, 999.0, 0.0], [-1000.0, 0.0, 1.0]]),),
             label="huge scores, rows with different maxima"),
    ]


# ----------------------------------------------------------------------------- ex04
@exercise("dense_forward", "ex04_forward_propagation", 1)
def _dense_forward_cases() -> list[Case]:
    g = _rng(105)
    return [
        Case((g.normal(size=(4, 3)), g.normal(size=(3, 2)), g.normal(size=2)), label="m=4, 3 -> 2"),
        Case((g.normal(size=(1, 5)), g.normal(size=(5, 3)), g.normal(size=3)), label="one example, 5 -> 3"),
        Case((g.normal(size=(3, 3)), g.normal(size=(3, 3)), g.normal(size=3)), label="square W, 3 -> 3"),
        Case((np.zeros((2, 4)), g.normal(size=(4, 6)), g.normal(size=6)), label="zero inputs: Z = b"),
    ]


@exercise("count_params", "ex04_forward_propagation", 1)
def _count_params_cases() -> list[Case]:
    return [Case(([64, 32, 10],), label="[64, 32, 10]"), Case(([2, 1],), label="[2, 1]: one neuron"),
            Case(([3, 5, 4, 2],), label="[3, 5, 4, 2]"), Case(([784, 128, 10],), label="[784, 128, 10]")]


# ----------------------------------------------------------------------------- ex05
@exercise("mse", "ex05_losses", 1)
def _mse_cases() -> list[Case]:
    g = _rng(106)
    return [
        Case((np.array([1.0, 2.0, 3.0]), np.array([1.5, 2.0, 2.0])), label="3 predictions"),
        Case((g.normal(size=(4, 2)), g.normal(size=(4, 2))), label="(4, 2) outputs"),
        Case((np.zeros(3), np.zeros(3)), label="perfect predictions"),
        Case((np.array([1e3, -1e3]), np.array([0.0, 0.0])), label="large errors of both signs"),
    ]


@exercise("binary_cross_entropy", "ex05_losses", 2, no_warnings=True)
def _bce_cases() -> list[Case]:
    g = _rng(107)
    return [
        Case((np.array([0.9, 0.2, 0.6]), np.array([1.0, 0.0, 1.0])), label="3 predictions"),
        Case((g.uniform(0.05, 0.95, size=6), g.integers(0, 2, size=6).astype(float)), label="6 predictions"),
        Case((np.array([0.3, 0.7, 0.5]), np.zeros(3)), label="all labels 0"),
        Case((np.array([0.0, 1.0, 1.0, 0.0]), np.array([0.0, 1.0, 0.0, 1.0])), label="p exactly 0 and 1"),
    ]


@exercise("cross_entropy", "ex05_losses", 2, no_warnings=True)
def _ce_cases() -> list[Case]:
    g = _rng(108)
    return [
        Case((np.array([[2.0, 1.0, 0.1]]), np.array([0])), label="one example, 3 classes"),
        Case((g.normal(size=(5, 4)), g.integers(0, 4, size=5)), label="a batch of 5, 4 classes"),
        Case((np.zeros((3, 3)), np.array([0, 1, 2])), label="all-zero logits"),
        Case((np.array([[1000.0, 0.0, -1000.0], [0.0, 2.0, 0.0]]), np.array([1, 1])),
             label="huge logits, rows with different maxima"),
    ]


# ----------------------------------------------------------------------------- ex06
@exercise("neuron_grads", "ex06_chain_rule", 2)
def _neuron_grads_cases() -> list[Case]:
    g = _rng(109)
    return [
        Case((np.array([1.0, 2.0]), np.array([0.5, -0.5]), 0.1, 1.0), label="2 inputs, y = 1"),
        Case((g.normal(size=4), g.normal(size=4), -0.3, 0.0), label="4 inputs, y = 0"),
        Case((np.zeros(3), g.normal(size=3), 0.0, 1.0), label="zero inputs"),
        Case((g.normal(size=3), g.normal(size=3) * 5, 2.0, 0.0), label="a confident wrong neuron"),
        # z = -8 for a class-1 example: p - y is about -1, while the squared-error chain
        # 2 (p - y) p (1 - p) is about -0.0007 (it vanishes)
        Case((np.array([2.0, -1.0, 0.5]), np.array([-3.0, 2.0, 0.0]), 0.0, 1.0),
             label="confidently wrong: z = -8, y = 1"),
    ]


@exercise("numerical_gradient", "ex06_chain_rule", 2, rtol=1e-7, atol=1e-9, unchanged_args=True)
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
@exercise("gd_step", "ex07_gradient_descent", 1)
def _gd_step_cases() -> list[Case]:
    g = _rng(111)
    return [
        Case((np.array([1.0, -2.0]), 0.5, np.array([0.1, -0.3]), 0.2, 0.1), label="2 weights, lr = 0.1"),
        Case((g.normal(size=(3, 2)), g.normal(size=2), g.normal(size=(3, 2)), g.normal(size=2), 0.01),
             label="a (3, 2) layer, lr = 0.01"),
        Case((np.array([1.0, 2.0, 3.0]), 1.0, np.zeros(3), 0.0, 0.5), label="zero gradients"),
        Case((g.normal(size=4), -1.0, g.normal(size=4), 3.0, 2.0), label="lr = 2"),
    ]


@exercise("fit_line", "ex07_gradient_descent", 3, time_limit=20.0)
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


@exercise("adam_step", "ex07_gradient_descent", 2)
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
@exercise("dense_backward", "ex08_backprop_with_matrices", 3)
def _dense_backward_cases() -> list[Case]:
    g = _rng(114)
    return [
        Case((g.normal(size=(4, 2)), g.normal(size=(4, 3)), g.normal(size=(3, 2))), label="m=4, 3 -> 2"),
        Case((g.normal(size=(1, 3)), g.normal(size=(1, 5)), g.normal(size=(5, 3))), label="one example, 5 -> 3"),
        Case((g.normal(size=(3, 3)), g.normal(size=(3, 3)), g.normal(size=(3, 3))), label="square W"),
        Case((np.zeros((2, 4)), g.normal(size=(2, 3)), g.normal(size=(3, 4))), label="dZ = 0"),
    ]


def _net(W1, b1, W2, b2) -> dict:
    """A 2-layer network's params as float arrays (the dict `two_layer_grads` receives)."""
    return {k: np.asarray(v, dtype=np.float64) for k, v in (("W1", W1), ("b1", b1), ("W2", W2), ("b2", b2))}


@exercise("two_layer_grads", "ex08_backprop_with_matrices", 3, no_warnings=True, requires=("dense_backward",))
def _two_layer_grads_cases() -> list[Case]:
    g = _rng(117)
    one = _net(g.normal(size=(3, 4)), g.normal(size=4) * 0.5, g.normal(size=(4, 2)), g.normal(size=2) * 0.1)
    batch = _net(g.normal(size=(4, 5)), g.normal(size=5) * 0.5, g.normal(size=(5, 3)), g.normal(size=3) * 0.1)
    # exact numbers: Z1[0, 0] = 1 + 1 - 2 and Z1[0, 2] = 0.5 - 1 + 0.5 are exactly 0
    zeros = _net([[1.0, -0.5, 0.5], [0.5, 1.0, -0.5]], [-2.0, 0.0, 0.5],
                 [[0.8, -0.6, 0.3], [-0.4, 0.9, 0.5], [0.7, 0.2, -1.1]], [0.1, 0.0, -0.1])
    dead = _net(g.normal(size=(3, 4)), [0.2, -50.0, 0.1, 0.3], g.normal(size=(4, 2)), [0.0, 0.1])
    # logits up to 1500, rows with different maxima: exp overflows unless each row's max is subtracted
    huge = _net([[1.0, -1.0, 0.5], [0.5, 1.0, -1.0]], [0.0, 0.0, 0.2],
                [[800.0, -600.0, 0.0], [-400.0, 1000.0, 100.0], [0.0, 200.0, -1000.0]], [0.0, 0.0, 0.0])
    return [
        Case((g.normal(size=(1, 3)), np.array([1]), one), label="one example (m = 1): 3 inputs, 4 hidden units, 2 classes"),
        Case((g.normal(size=(8, 4)), np.array([0, 1, 2, 2, 1, 0, 1, 2]), batch),
             label="a batch of 8 with labels of every class: 4 inputs, 5 hidden units, 3 classes"),
        Case((np.array([[1.0, 2.0], [2.0, -1.0], [-1.0, 1.0]]), np.array([2, 0, 1]), zeros),
             label="hidden pre-activations exactly 0 (Z1[0, 0] and Z1[0, 2])"),
        Case((g.normal(size=(6, 3)), np.array([0, 1, 1, 0, 1, 0]), dead),
             label="a hidden unit that is off for every example (b1[1] = -50)"),
        Case((np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [-1.0, 0.5]]), np.array([0, 2, 1, 1]), huge),
             label="huge logits (up to 1500): a confident network, right and wrong"),
    ]


# ----------------------------------------------------------------------------- ex09
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
                grade={"X": X[n_train:], "labels": y[n_train:], "classes": int(y.max()) + 1,
                       "layers": 2})


@exercise("train_mlp", "ex09_training_a_network", 3, time_limit=60.0, accuracy=ACCURACY_SCALE,
          predict=analysis.net_labels)
def _train_mlp_cases() -> list[Case]:
    return [toy_case("moons", 200, 100, 1, 32, 0.5, 500),
            toy_case("blobs", 150, 100, 3, 16, 0.5, 300),
            toy_case("spirals", 300, 150, 2, 32, 0.5, 500)]


# ----------------------------------------------------------------------------- ex10
@exercise("init_std", "ex10_initialization_and_depth", 1)
def _init_std_cases() -> list[Case]:
    return [
        Case(("he", 256, 128), label="He, a layer 256 -> 128"),
        Case(("xavier", 256, 128), label="Xavier, a layer 256 -> 128"),
        Case(("he", 3, 100), label="He, a first layer 3 -> 100 (fewer inputs than units)"),
        Case(("xavier", 100, 10), label="Xavier, an output layer 100 -> 10"),
    ]


def deep_params(g: np.random.Generator, sizes: list[int]) -> dict:
    """Params W1, b1, ..., WL, bL of a dense net with these layer sizes: normal weights with
    He's std and non-zero normal biases (so a forgotten bias shows)."""
    params: dict = {}
    for l, (a, b) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        params[f"W{l}"] = g.normal(size=(a, b)) * np.sqrt(2.0 / a)
        params[f"b{l}"] = g.normal(size=b) * 0.5
    return params


@exercise("activation_stds", "ex10_initialization_and_depth", 2, unchanged_args=True)
def _activation_stds_cases() -> list[Case]:
    g = _rng(120)
    return [
        Case((g.normal(size=(5, 3)), deep_params(g, [3, 4, 2])),
             label="one hidden layer (L = 2), ReLU (the default): a list of 1 number"),
        Case((g.normal(size=(8, 6)), deep_params(g, [6, 5, 7, 4, 3]), "tanh"),
             label="three hidden layers (L = 4), tanh, a batch of 8"),
        Case((g.normal(size=(1, 4)), deep_params(g, [4, 6, 5, 2])), kwargs={"activation": "sigmoid"},
             label="a batch of 1 (std over its 6 entries), L = 3, sigmoid"),
        Case((g.normal(size=(10, 5)) * 2, deep_params(g, [5, 8, 8, 6, 3])), kwargs={"activation": "relu"},
             label="L = 4, ReLU, a batch of 10"),
    ]


# ----------------------------------------------------------------------------- ex11
def random_params(g: np.random.Generator, sizes: list[int], bias_scale: float = 0.5) -> dict:
    """A dense net's params W1, b1, ..., WL, bL with these layer sizes: normal weights (none
    exactly 0 or +-1, so w**2, |w| and w differ) and biases far from 0."""
    params: dict = {}
    for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        params[f"W{i}"] = g.normal(size=(a, b))
        params[f"b{i}"] = g.normal(size=b) * bias_scale + np.sign(g.normal(size=b)) * 0.5
    return params


def random_grads(g: np.random.Generator, params: dict) -> dict:
    """Gradients for `params`: a random array of each parameter's shape (biases too)."""
    return {k: g.normal(size=v.shape) * 0.3 for k, v in params.items()}


@exercise("l2_penalty", "ex11_generalization", 1, unchanged_args=True)
def _l2_penalty_cases() -> list[Case]:
    g = _rng(118)
    two = {"W1": np.array([[0.5, -1.5, 2.0], [-0.25, 3.0, -0.75]]), "b1": np.array([4.0, -3.0, 2.5]),
           "W2": np.array([[1.5, -2.0], [0.3, 0.7], [-1.2, 2.5]]), "b2": np.array([-5.0, 6.0])}
    return [
        Case((two, 0.1), label="2 layers: W1 (2, 3), W2 (3, 2), large biases; lam = 0.1"),
        Case((random_params(g, [4, 5, 3, 2]), 0.01), label="3 layers (W1, W2, W3), lam = 0.01"),
        Case((random_params(g, [3, 2]), 1.0), label="one layer (no hidden layer), lam = 1"),
        Case((random_params(g, [2, 4, 2]), 0.0), label="lam = 0: no penalty at all"),
    ]


@exercise("l2_grads", "ex11_generalization", 2, unchanged_args=True)
def _l2_grads_cases() -> list[Case]:
    g = _rng(119)
    two, three, zero = random_params(g, [2, 3, 2]), random_params(g, [4, 5, 3, 2]), random_params(g, [3, 4, 2])
    return [
        Case((random_grads(g, two), two, 0.1), label="2 layers, lam = 0.1"),
        Case((random_grads(g, three), three, 0.03), label="3 layers (W1, W2, W3), lam = 0.03"),
        Case(({k: np.zeros_like(v) for k, v in zero.items()}, zero, 0.5),
             label="all gradients 0: only the decay is left, lam = 0.5"),
        Case((random_grads(g, two), two, 0.0), label="lam = 0: the gradients as they are"),
    ]


def validation_curve(g: np.random.Generator, epochs: int) -> np.ndarray:
    """A validation-loss curve as training makes them: a fast fall, a slow rise, noise."""
    t = np.arange(epochs)
    return 0.45 + 1.2 * np.exp(-t / 12) + 0.0015 * t + 0.01 * g.normal(size=epochs)


@exercise("early_stopping_epoch", "ex11_generalization", 2, unchanged_args=True)
def _early_stopping_cases() -> list[Case]:
    curve = validation_curve(_rng(120), 300)
    return [
        Case(([1.0, 0.8, 0.7, 0.75, 0.8, 0.9, 1.0], 3), label="down, then up: training stops 3 epochs after the best"),
        Case(([1.0, 0.6, 0.9, 0.8, 0.7, 0.5, 0.7, 0.65, 0.8, 0.75, 0.45, 0.5, 0.55, 0.6, 0.3], 3),
             label="lower losses come later, after training has already stopped (0.8 and 0.7 fall again, "
                   "but stay above the best: no improvement)"),
        Case(([0.9, 0.5, 0.5, 0.6, 0.5, 0.7], 2), label="equal losses: an equal loss is not an improvement"),
        Case(([1.0, 1.1, 0.9, 0.95, 0.8, 0.85, 0.7, 0.75, 0.6, 0.62], 2),
             label="a zig-zag: every worse epoch is followed by a better one, so training never stops"),
        Case(([0.5, 0.6, 0.7, 0.8], 10), label="the first epoch is the best; the patience is longer than the run"),
        Case((curve, 20), label="a numpy array: 300 epochs of a real-looking curve, patience 20"),
    ]


# ----------------------------------------------------------------------------- ex12
@exercise("conv_output_shape", "ex12_convolution", 1)
def _conv_shape_cases() -> list[Case]:
    return [Case((28, 28, 3), label="28x28, 3x3"), Case((32, 24, 5, 1, 2), label="32x24, 5x5, padding 2"),
            Case((7, 9, 3, 2, 0), label="7x9, 3x3, stride 2"), Case((227, 227, 11, 4, 0), label="227x227, 11x11, stride 4"),
            Case((5, 6, 3, 2, 1), label="5x6, 3x3, stride 2, padding 1")]


@exercise("conv_param_count", "ex12_convolution", 1)
def _conv_count_cases() -> list[Case]:
    return [Case((3, 3, 1, 8), label="8 kernels 3x3 on 1 channel"), Case((11, 11, 3, 96), label="96 kernels 11x11 on RGB"),
            Case((5, 3, 16, 32), label="32 kernels 5x3 on 16 channels"), Case((1, 1, 64, 10), label="10 kernels 1x1 on 64 channels")]


@exercise("conv2d", "ex12_convolution", 2)
def _conv2d_cases() -> list[Case]:
    g = _rng(115)
    return [
        Case((g.normal(size=(1, 5, 5)), g.normal(size=(2, 1, 3, 3)), g.normal(size=2)), label="1 channel 5x5, 2 kernels 3x3"),
        Case((g.normal(size=(3, 6, 7)), g.normal(size=(4, 3, 2, 3)), g.normal(size=4)), label="3 channels 6x7, 4 kernels 2x3"),
        Case((g.normal(size=(2, 7, 6)), g.normal(size=(3, 2, 3, 3)), g.normal(size=3)), kwargs={"stride": 2, "padding": 1},
             label="stride 2, padding 1"),
        Case((np.zeros((1, 4, 4)), g.normal(size=(2, 1, 3, 3)), np.array([0.5, -1.0])), label="a zero image: only the bias"),
    ]


# ----------------------------------------------------------------------------- ex13
DIGITS_SCALE = 1 / 16
"""The input scale a digits net uses when its params record none (pixels 0-16 -> 0-1)."""


def digits_case(X_train, y_train, X_test, y_test, label: str) -> Case:
    """A train_digits case: train on (X_train, y_train); the grader's own forward pass
    with the returned params is measured on (X_test, y_test), kept in ``Case.grade``."""
    return Case((X_train, y_train), label=label,
                grade={"X": X_test, "labels": y_test, "classes": 10, "scale": DIGITS_SCALE})


def _digits_split(n_train: int, seed: int, label: str) -> Case:
    from ..data import load_digits

    X, y = load_digits("train")
    perm = _rng(seed).permutation(len(X))
    tr, te = perm[:n_train], perm[n_train:]
    return digits_case(X[tr], y[tr], X[te], y[te], label)


@exercise("train_digits", "ex13_capstone_digits", 5, time_limit=120.0, accuracy=ACCURACY_SCALE,
          predict=analysis.net_labels)
def _train_digits_cases() -> list[Case]:
    return [_digits_split(1000, 1, "train on 1000 training digits, test on the other 438"),
            _digits_split(1150, 2, "train on 1150 training digits, test on the other 288"),
            _digits_split(900, 3, "train on 900 training digits, test on the other 538")]


def digits_params(sizes: list[int], seed: int, scale: float | None) -> dict:
    """Random (He) params of a dense digits net with these layer sizes, the input scale
    recorded when given: an input for ``predict_digits``."""
    g = _rng(seed)
    params: dict = {}
    for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        params[f"W{i}"] = g.normal(size=(a, b)) * np.sqrt(2.0 / a)
        params[f"b{i}"] = g.normal(size=b) * 0.1
    if scale is not None:
        params["scale"] = scale
    return params


@exercise("predict_digits", "ex13_capstone_digits", 2)
def _predict_digits_cases() -> list[Case]:
    from ..data import load_digits

    X, _ = load_digits("train")
    return [
        Case((digits_params([64, 32, 10], 201, 1 / 16), X[:12]), label="64 -> 32 -> 10, scale 1/16, 12 images"),
        Case((digits_params([64, 16, 16, 10], 202, None), X[12:20]),
             label="two hidden layers, no scale recorded (1/16), 8 images"),
        Case((digits_params([64, 10], 203, 0.1), X[20:30]), label="no hidden layer, scale 0.1, 10 images"),
        Case((digits_params([64, 24, 10], 204, 1 / 16), X[30:31]), label="one image"),
    ]


# ----------------------------------------------------------------------------- ex14
WORD_PATTERN = r"[a-z']+"
"""The words of a sentence in ex14: ``re.findall(WORD_PATTERN, sentence.lower())``
(lower-case letters and apostrophes: "Don't!" -> ["don't"])."""


def sentiment_vocab(sentences: list[str]) -> dict[str, int]:
    """The vocabulary of ex14 for these sentences: every word (``WORD_PATTERN``) that
    occurs, in alphabetical order, word -> its column."""
    import re

    words = sorted({t for s in sentences for t in re.findall(WORD_PATTERN, s.lower())})
    return {word: j for j, word in enumerate(words)}


def sentiment_model() -> tuple[dict[str, int], np.ndarray, float]:
    """Lesson 14's model in ex14's terms: (vocab, w (V,), b) of the logistic regression
    the lesson trains (`fit_logistic`, lr 1.0, 500 steps) on the word counts of the
    course's training sentences (`nnlessons.data.bag_of_words`, whose words are those of
    ``WORD_PATTERN`` on these sentences: they have no apostrophes and no digits)."""
    from ..data import bag_of_words, load_sentiment
    from ..training import fit_logistic

    sentences, labels = load_sentiment("train")
    vocab = sentiment_vocab(sentences)
    X, _ = bag_of_words(sentences, list(vocab))
    w, b, _ = fit_logistic(X, labels, lr=1.0, steps=500)
    return vocab, w, float(b)


def _small_vocab() -> dict[str, int]:
    """Six words whose columns are NOT in the dict's order (so a column must come from
    ``vocab[word]``), one with an apostrophe."""
    return {"good": 2, "film": 0, "not": 3, "bad": 1, "don't": 4, "great": 5}


_EDGE_SENTENCES = ["I don't like it.", "Not bad, not bad at all.", "great great great"]


@exercise("bag_of_words", "ex14_words_and_weights", 2)
def _bag_of_words_cases() -> list[Case]:
    from ..data import load_sentiment

    sentences, _ = load_sentiment("train")
    vocab = sentiment_vocab(sentences)
    return [
        Case((["Good film, GOOD actors!"], _small_vocab()),
             label="one sentence: a word twice, upper case, punctuation, an unknown word"),
        Case((list(_EDGE_SENTENCES), _small_vocab()),
             label="3 sentences: an apostrophe (don't), repeated words, unknown words"),
        Case((["", "film", "Zebras dance quietly."], _small_vocab()),
             label="an empty sentence, and one of unknown words only"),
        Case((sentences[:6], vocab), label=f"6 course sentences, the training vocabulary ({len(vocab)} words)"),
    ]


@exercise("predict_sentiment", "ex14_words_and_weights", 1, requires=("bag_of_words",))
def _predict_sentiment_cases() -> list[Case]:
    from ..data import load_sentiment

    w = np.array([0.1, -2.0, 2.5, -1.0, -0.5, 1.5])        # film, bad, good, not, don't, great
    test, _ = load_sentiment("test")
    vocab, w_course, b_course = sentiment_model()
    return [
        Case((["Good film, GOOD actors!"], _small_vocab(), w, 0.4), label="one sentence, b = 0.4"),
        Case((list(_EDGE_SENTENCES), _small_vocab(), w, -0.7), label="3 sentences, b = -0.7"),
        Case((["", "zebra"], _small_vocab(), w, 1.2), label="no known words: only the bias, b = 1.2"),
        Case((test[:8], vocab, w_course, b_course),
             label="lesson 14's model on 8 test sentences"),
    ]
