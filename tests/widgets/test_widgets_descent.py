"""Headless tests of lesson 07's widget: learning-rate and step sliders drive the descent shown."""
import numpy as np
import pytest

import nnlessons.widgets.descent as descent
from nnlessons.data import make_line
from nnlessons.plots.learning import ARROW_SCALE, PATH_STYLE

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
    assert app.state["verdict"] == "too slow" and "too slow" in app.state["readout"]
    app.controls["lr"].value = 0.1
    assert app.state["verdict"] == "converged"
    app.controls["lr"].value = 1.1 * 2 / lam_max
    assert app.state["verdict"] == "diverging" and "diverging" in app.state["readout"]
    app.controls["play"].click()
    assert app.state["step"] == 40
    assert app.state["loss"] > app.state["losses"][0]


def _optimizer_path(opt, lr, steps, x, y):
    """The whole path (steps + 1, 2) and losses of `opt`, written out here (PyTorch's rules)."""
    w = np.array(START, dtype=float)
    m, v, buf = np.zeros(2), np.zeros(2), None
    path = [w.copy()]
    for t in range(1, steps + 1):
        r = w[0] * x + w[1] - y
        g = np.array([2 * np.mean(r * x), 2 * np.mean(r)])
        if opt == "SGD":
            w = w - lr * g
        elif opt == "Momentum":
            buf = g if buf is None else 0.9 * buf + g
            w = w - lr * buf
        else:
            m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g * g
            w = w - lr / (1 - 0.9 ** t) * m / (np.sqrt(v) / np.sqrt(1 - 0.999 ** t) + 1e-8)
        path.append(w.copy())
        if not np.all(np.isfinite(w)) or np.abs(w).max() > 1e6:
            break
    path = np.array(path)
    return path, np.mean((path[:, :1] * x + path[:, 1:] - y) ** 2, axis=1)


LRS = [0.004, 0.01, 0.02, 0.04, 0.07, 0.1, 0.15, 0.22, 0.27, 0.3, 0.35]


@pytest.mark.parametrize("opt", ["SGD", "Momentum", "Adam"])
def test_the_verdict_agrees_with_the_whole_path(opt):
    """For every optimizer and a grid of learning rates, the verdict says what the path
    and the loss curve show (judged here from the path alone)."""
    app = descent.descent_app(steps=50)
    x, y = make_line(n=30, seed=0)
    A = np.column_stack([x, np.ones_like(x)])
    w_star = np.linalg.lstsq(A, y, rcond=None)[0]
    best = np.mean((A @ w_star - y) ** 2)
    app.controls["optimizer"].value = opt
    seen = set()
    for lr in LRS:
        app.controls["lr"].value = lr
        path, losses = _optimizer_path(opt, app.controls["lr"].value, 50, x, y)
        verdict = app.state["verdict"]
        seen.add(verdict)
        where = f"{opt} at lr {lr}: {verdict}"
        if verdict == "diverging":
            assert len(losses) < 51 or losses[-1] > losses[0], where
            continue
        assert len(losses) == 51 and losses[-1] < losses[0], where
        at_best = losses[-5:] <= 1.02 * best                    # the curve lies on the dotted line
        d = path - w_star
        swings = max(int(np.sum(np.diff(np.sign(d[:, k])) != 0)) for k in (0, 1))
        rose = bool(np.any(np.diff(losses) > 1e-12))
        if verdict == "converged":
            assert at_best.all(), where
        elif verdict == "too slow":
            assert not at_best.all() and not rose and swings <= 1, where
        else:
            assert verdict == "oscillating", where
            assert not at_best.all() and (rose or swings >= 2), where
            assert losses[-1] > losses.min() or swings >= 2, where
    assert "converged" in seen or opt != "SGD"
    assert seen <= {"converged", "oscillating", "too slow", "diverging"}


@pytest.mark.parametrize("opt, lr, verdict", [
    ("Adam", 0.1, "oscillating"),        # reaches 0.224 (best 0.219) at step 32, then overshoots
    ("Adam", 0.01, "too slow"),
    ("Momentum", 0.3, "oscillating"),
    ("SGD", 0.1, "converged"),
    ("SGD", 0.005, "too slow"),
    ("SGD", 0.3, "diverging"),
])
def test_known_runs(opt, lr, verdict):
    app = descent.descent_app(steps=50)
    app.controls["optimizer"].value = opt
    app.controls["lr"].value = lr
    assert app.state["verdict"] == verdict
    assert verdict in app.state["readout"]


def test_momentum_draws_its_velocity(app):
    x, y = make_line(n=30, seed=0)
    app.controls["optimizer"].value = "Momentum"
    app.controls["lr"].value = 0.05
    app.controls["step"].value = 12
    lr = app.controls["lr"].value
    path, _ = _optimizer_path("Momentum", lr, 12, x, y)
    velocity = (path[-2] - path[-1]) / lr                     # w_k = w_(k-1) - lr v_k
    start, end = app.state["velocity_arrow"]
    np.testing.assert_allclose(start, path[-1], rtol=1e-9)
    np.testing.assert_allclose(np.subtract(end, start), -ARROW_SCALE * lr * 0.9 * velocity, rtol=1e-6, atol=1e-12)
    live = app.views["figure"].live
    assert live.v_arrow.get_visible() and live.g_arrow.get_visible()
    before = app.views["figure"].png
    app.controls["step"].value = 13
    assert app.views["figure"].png != before
    app.controls["optimizer"].value = "SGD"
    assert app.state["velocity_arrow"] is None and not live.v_arrow.get_visible()


def test_paths_are_told_apart_and_the_star_stays_visible(app):
    sgd, adam = PATH_STYLE["SGD"], PATH_STYLE["Adam"]
    assert sgd["color"] != adam["color"] and sgd["marker"] != adam["marker"] and sgd["ls"] != adam["ls"]
    for opt in ("SGD", "Adam"):
        app.controls["optimizer"].value = opt
        app.controls["lr"].value = 0.1
        app.controls["step"].value = 40                      # SGD sits on the minimum by now
        view = app.views["figure"]
        star = view.fig.axes[0].lines[0]
        assert star.get_marker() == "*"
        px, py = view.fig.axes[0].transData.transform(np.column_stack(star.get_data()))[0]
        rgba = np.asarray(view.fig.canvas.buffer_rgba())
        h = rgba.shape[0]
        centre = rgba[int(round(h - py)), int(round(px)), :3] / 255
        np.testing.assert_allclose(centre, (0xF0 / 255, 0xE4 / 255, 0x42 / 255), atol=0.08,
                                   err_msg=f"the star is covered by the {opt} path")
        line = view.fig.axes[0].lines[2]
        assert line.get_color() == PATH_STYLE[opt]["color"]


def test_optimizer_menu_changes_the_path(app):
    app.controls["step"].value = 10
    sgd = app.state["path"].copy()
    app.controls["optimizer"].value = "Adam"
    assert app.state["optimizer"] == "Adam"
    assert not np.allclose(app.state["path"], sgd)
    # Adam's first step moves each parameter by about lr (bias-corrected m / sqrt(v) = sign of the gradient)
    first = app.state["path"][1] - app.state["path"][0]
    np.testing.assert_allclose(np.abs(first), app.state["lr"], rtol=1e-6)


# ----------------------------------------------------------------------------- the learner's steps
def test_a_sign_flipped_gd_step_climbs_and_the_verdict_says_so():
    def gd_step(w, b, dw, db, lr):  # uphill
        return w + lr * dw, b + lr * db

    today, app = descent.descent_app(), descent.descent_app(gd_step=gd_step)
    assert today.state["verdict"] == "converged"
    losses = app.state["losses"][np.isfinite(app.state["losses"])]
    assert np.all(np.diff(losses) > 0), "each step of the learner's path should raise the loss"
    assert app.state["verdict"] == "diverging" and app.state["verdict_text"].startswith("diverging")
    assert app.state["label"].startswith("your SGD") and app.state["parted"] > 0
    assert app.state["yours"]["gd_step"]["status"] == "differs"


def test_the_learners_steps_are_the_path_drawn_one_call_a_step():
    calls = []

    def gd_step(w, b, dw, db, lr):  # right, and counted
        calls.append(lr)
        return w - lr * dw, b - lr * db

    app = descent.descent_app(steps=40, gd_step=gd_step)
    x, y = make_line(n=30, seed=0)
    np.testing.assert_allclose(app.state["path"], _gd(0.1, 20, x, y), rtol=1e-9)
    assert app.state["parted"] == 0 and app.state["label"].startswith("SGD")
    calls.clear()  # (check's own calls, for the line, are made once)
    app.controls["lr"].value = 0.05
    assert calls == [0.05] * 40
    app.controls["step"].value = 30  # the run is cached: no new calls
    assert len(calls) == 40


def test_momentum_has_no_exercise_so_its_path_is_the_packages():
    def gd_step(w, b, dw, db, lr):
        return w + lr * dw, b + lr * db

    today, app = descent.descent_app(), descent.descent_app(gd_step=gd_step)
    for a in (today, app):
        a.controls["optimizer"].value = "Momentum"
    assert app.views["figure"].png == today.views["figure"].png
    assert app.state["yours"] == {}


def test_an_adam_step_without_bias_correction_takes_another_path():
    def adam_step(w, dw, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        m = beta1 * m + (1 - beta1) * dw
        v = beta2 * v + (1 - beta2) * dw ** 2
        return w - lr * m / (np.sqrt(v) + eps), m, v

    app = descent.descent_app(adam_step=adam_step)
    app.controls["optimizer"].value = "Adam"
    assert app.state["parted"] > 0 and app.state["label"].startswith("your Adam")
    assert "bias correction" in app.state["yours"]["adam_step"]["message"]


def test_a_step_that_gives_nan_is_said_to_be_nan_not_an_overshoot():
    def adam_step(w, dw, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):  # t - 1: 0/0 at the first step
        m = beta1 * m + (1 - beta1) * dw
        v = beta2 * v + (1 - beta2) * dw ** 2
        return w - lr * (m / (1 - beta1 ** (t - 1))) / (np.sqrt(v / (1 - beta2 ** (t - 1))) + eps), m, v

    app = descent.descent_app(adam_step=adam_step)
    app.controls["optimizer"].value = "Adam"
    assert app.state["verdict_text"].startswith("stopped at step 1: w or b became nan")
    assert app.state["label"].endswith("nan, not an overshoot")
    assert "stopped at step 1, nan" in app.state["text"]


def test_a_path_that_leaves_the_contour_plot_says_so():
    def gd_step(w, b, dw, db, lr):  # dw where db belongs: b runs off below the plot
        return w - lr * dw, b - lr * dw

    app = descent.descent_app(gd_step=gd_step)
    app.controls["step"].value = 30
    assert app.state["text"].endswith("(off this plot)")
    assert "(off this plot)" not in descent.descent_app().state["text"]
