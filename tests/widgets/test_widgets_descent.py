"""Headless tests of lesson 07's widget: learning-rate and step sliders drive the descent shown."""
import numpy as np
import pytest

import nnlessons.widgets.descent as descent
from nnlessons.data import make_line

START = (4.5, -1.5)


def _gd(lr, k, x, y):
    """k plain gradient-descent steps on MSE(w, b), written out here: the path (k + 1, 2)."""
    w, b = START
    path = [(w, b)]
    for _ in range(k):
        r = w * x + b - y
        w, b = w - lr * 2 * np.mean(r * x), b - lr * 2 * np.mean(r)
        path.append((w, b))
    return np.array(path)


@pytest.fixture()
def app():
    return descent.descent_app(lr=0.1, steps=40, start=START, n=30, seed=0)


def test_controls(app):
    assert app.controls["lr"].continuous_update and app.controls["step"].continuous_update
    assert app.controls["step"].max == 40


@pytest.mark.parametrize("lr, k", [(0.1, 7), (0.02, 30), (0.05, 0)])
def test_step_and_lr_set_the_path_drawn(app, lr, k):
    x, y = make_line(n=30, seed=0)
    before = app.views["figure"].png
    app.controls["lr"].value = lr
    app.controls["step"].value = k
    lr_shown = app.controls["lr"].value          # the log slider may round the value
    expected = _gd(lr_shown, k, x, y)
    np.testing.assert_allclose(app.state["path"], expected, rtol=1e-10, atol=1e-12)
    line = app.views["figure"].fig.axes[0].lines[2]    # [minimum star, start, path, now]
    np.testing.assert_allclose(np.column_stack(line.get_data()), expected, rtol=1e-10, atol=1e-12)
    w, b = expected[-1]
    assert app.state["loss"] == pytest.approx(np.mean((w * x + b - y) ** 2), rel=1e-10)
    assert app.state["text"] == f"step {k}: w = {w:.3g}, b = {b:.3g}, loss = {np.mean((w * x + b - y) ** 2):.3g}"
    assert app.views["figure"].png != before


def test_learning_rate_verdicts(app):
    x, y = make_line(n=30, seed=0)
    A = np.column_stack([x, np.ones_like(x)])
    lam_max = np.linalg.eigvalsh(2 * A.T @ A / len(x)).max()   # GD on a quadratic diverges for lr > 2 / lam_max
    app.controls["lr"].value = 0.005
    assert app.state["verdict"] == "too slow" and "too small" in app.state["readout"]
    app.controls["lr"].value = 0.1
    assert app.state["verdict"] == "good"
    app.controls["lr"].value = 1.1 * 2 / lam_max
    assert app.state["verdict"] == "diverging" and "diverging" in app.state["readout"]
    app.controls["play"].click()
    assert app.state["step"] == 40
    assert app.state["loss"] > app.state["losses"][0]


def test_optimizer_menu_changes_the_path(app):
    app.controls["step"].value = 10
    sgd = app.state["path"].copy()
    app.controls["optimizer"].value = "Adam"
    assert app.state["optimizer"] == "Adam"
    assert not np.allclose(app.state["path"], sgd)
    # Adam's first step moves each parameter by about lr (bias-corrected m / sqrt(v) = sign of the gradient)
    first = app.state["path"][1] - app.state["path"][0]
    np.testing.assert_allclose(np.abs(first), app.state["lr"], rtol=1e-6)
