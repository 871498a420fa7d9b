"""Headless tests of lesson 09's playground: press its buttons, move its sliders."""
from __future__ import annotations

import html

import numpy as np
import pytest

from nnlessons.data import make_circles
from nnlessons.plots.classifier import classifier_figure, region_image
from nnlessons.widgets.playground import BENCH, DATASETS, HELD_OUT, playground


def _manual_step(X, y, p, lr):
    """One full-batch gradient-descent step of a 2-layer ReLU net, written out by hand."""
    m, k = len(X), p["W2"].shape[1]
    Z1 = X @ p["W1"] + p["b1"]
    A1 = np.maximum(Z1, 0)
    Z2 = A1 @ p["W2"] + p["b2"]
    E = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
    P = E / E.sum(axis=1, keepdims=True)
    loss = -np.mean(np.log(P[np.arange(m), y]))
    dZ2 = (P - np.eye(k)[y]) / m
    dZ1 = (dZ2 @ p["W2"].T) * (Z1 > 0)
    new = {"W2": p["W2"] - lr * A1.T @ dZ2, "b2": p["b2"] - lr * dZ2.sum(0),
           "W1": p["W1"] - lr * X.T @ dZ1, "b1": p["b1"] - lr * dZ1.sum(0)}
    return loss, new


def test_step_button_does_one_gradient_descent_update():
    app = playground(dataset="moons", hidden=6, activation="relu", lr=0.3)
    X, y = app.state["X"], app.state["y"]
    before = {k: v.copy() for k, v in app.state["model"].params.items()}
    png = app.views["training"].png
    loss0, expected = _manual_step(X, y, before, 0.3)
    assert app.state["loss_history"][0] == pytest.approx(loss0)
    app.controls["step"].click()
    assert app.state["steps"] == 1
    for key, value in expected.items():
        np.testing.assert_allclose(app.state["model"].params[key], value, rtol=1e-10, atol=1e-12)
    assert len(app.state["loss_history"]) == 2
    assert app.state["loss_history"][1] < loss0          # a small step lowers the loss
    assert app.views["training"].png != png


def test_train_button_trains_and_updates_what_is_shown():
    app = playground(dataset="moons", hidden=8, lr=0.5)
    acc0 = app.state["accuracy"]
    for _ in range(4):
        app.controls["train"].click()
    assert app.state["steps"] == 200
    hist = app.state["loss_history"]
    assert len(hist) == 201 and hist[-1] < 0.5 * hist[0]
    model, X, y = app.state["model"], app.state["X"], app.state["y"]
    acc = np.mean(np.argmax(np.maximum(X @ model.params["W1"] + model.params["b1"], 0)
                            @ model.params["W2"] + model.params["b2"], axis=1) == y)
    assert app.state["accuracy"] == pytest.approx(acc)
    assert acc > max(acc0, 0.85)
    # the loss curve shows the history, the title the accuracy
    fig = app.views["training"].fig
    line = fig.axes[1].lines[0]
    np.testing.assert_allclose(line.get_ydata(), hist)
    assert f"training {100 * acc:.0f}%" in fig.axes[0].get_title()
    assert f"{100 * acc:.1f}%" in app.widget.children[2].value


def _accuracy(model, X, y):
    p = model.params
    return np.mean(np.argmax(np.maximum(X @ p["W1"] + p["b1"], 0) @ p["W2"] + p["b2"], axis=1) == y)


def test_playground_trains_on_the_training_points_and_measures_the_held_out_ones():
    app = playground(dataset="moons", hidden=8, lr=0.5)
    X_all, y_all = DATASETS["moons"]()
    n = round((1 - HELD_OUT) * len(X_all))
    np.testing.assert_array_equal(app.state["X"], X_all[:n])
    np.testing.assert_array_equal(app.state["X_heldout"], X_all[n:])
    np.testing.assert_array_equal(app.state["y_heldout"], y_all[n:])
    before = {k: v.copy() for k, v in app.state["model"].params.items()}
    app.controls["step"].click()      # the update uses the training points only
    _, expected = _manual_step(X_all[:n], y_all[:n], before, 0.5)
    np.testing.assert_allclose(app.state["model"].params["W1"], expected["W1"], rtol=1e-10, atol=1e-12)
    for _ in range(3):
        app.controls["train"].click()
    model = app.state["model"]
    train_acc, held_acc = _accuracy(model, X_all[:n], y_all[:n]), _accuracy(model, X_all[n:], y_all[n:])
    assert app.state["accuracy"] == pytest.approx(train_acc)
    assert app.state["heldout_accuracy"] == pytest.approx(held_acc)
    # both numbers are shown, in the title and under the buttons
    assert f"held-out {100 * held_acc:.0f}%" in app.state["title"]
    assert f"held-out accuracy</b> {100 * held_acc:.1f}%" in app.widget.children[2].value
    # both curves are drawn, one value per update, in percent
    fig = app.views["training"].fig
    train_line, held_line = fig.axes[2].lines[:2]
    assert len(held_line.get_ydata()) == app.state["steps"] + 1 == 152
    assert held_line.get_ydata()[-1] == pytest.approx(100 * held_acc)
    assert train_line.get_ydata()[-1] == pytest.approx(100 * train_acc)
    # the held-out points are drawn, hollow, apart from the training points
    train_class1, held_class1 = fig.axes[0].lines[1], fig.axes[0].lines[4 + 1]
    np.testing.assert_allclose(train_class1.get_xydata(), X_all[:n][y_all[:n] == 1])
    np.testing.assert_allclose(held_class1.get_xydata(), X_all[n:][y_all[n:] == 1])
    assert held_class1.get_markerfacecolor() == "white" != train_class1.get_markerfacecolor()


def test_the_noisy_data_set_shows_a_gap_between_training_and_held_out_accuracy():
    app = playground(dataset="noisy moons, few points", hidden=32, lr=1.0)
    for _ in range(40):
        app.controls["train"].click()
    assert app.state["accuracy"] - app.state["heldout_accuracy"] > 0.1


def test_every_axis_of_the_playground_and_of_the_lesson_figure_has_tick_values():
    app = playground()
    lesson_figure = classifier_figure(app.state["model"], app.state["X"], app.state["y"], [0.7, 0.5, 0.4])
    lesson_figure.canvas.draw()
    for ax in [*app.views["training"].fig.axes, *lesson_figure.axes]:
        for axis in (ax.xaxis, ax.yaxis):
            labels = [t.get_text() for t in axis.get_ticklabels() if t.get_visible()]
            assert sum(bool(t) for t in labels) >= 3, (ax.get_xlabel(), ax.get_ylabel(), labels)


def test_region_image_shows_the_model_probabilities():
    app = playground(dataset="xor", hidden=4)
    app.controls["train"].click()
    fig = app.views["training"].fig
    img = np.asarray(fig.axes[0].images[0].get_array())
    proba = app.state["proba"]
    np.testing.assert_allclose(img, region_image(proba, 2))
    # where the network is sure of class 0 the colour is (a pale) class-0 blue, not orange
    i = np.unravel_index(np.argmax(proba[..., 0]), proba.shape[:2])
    r, g, b = img[i]
    assert b > r


def test_hidden_slider_and_activation_start_a_new_network():
    app = playground(hidden=8)
    app.controls["train"].click()
    png = app.views["training"].png
    app.controls["hidden"].value = 3
    assert app.state["steps"] == 0 and len(app.state["loss_history"]) == 1
    assert app.state["model"].params["W1"].shape == (2, 3)
    assert app.views["training"].png != png
    app.controls["activation"].value = "tanh"
    assert app.state["model"].activation == "tanh"
    assert "tanh" in app.state["readout"]


def test_dataset_dropdown_changes_the_points():
    app = playground()
    app.controls["dataset"].value = "circles"
    X, y = make_circles(200, noise=0.08, factor=0.45, seed=0)
    X, y = X[:140], y[:140]     # the first 70 % train
    np.testing.assert_array_equal(app.state["X"], X)
    offsets = app.views["training"].fig.axes[0].lines[1].get_xydata()
    np.testing.assert_allclose(offsets, X[y == 1])
    app.controls["dataset"].value = "spirals (3 classes)"
    assert app.state["model"].params["W2"].shape[1] == 3
    assert app.state["proba"].shape[-1] == 3


def test_learning_rate_slider_changes_the_step_size():
    a, b = playground(lr=0.1), playground(lr=0.1)
    b.controls["lr"].value = 1.0
    assert "learning rate</b> 1 " in b.state["readout"]
    a.controls["step"].click()
    b.controls["step"].click()
    w0 = playground(lr=0.1).state["model"].params["W2"]
    da = a.state["model"].params["W2"] - w0
    db = b.state["model"].params["W2"] - w0
    np.testing.assert_allclose(db, 10 * da, rtol=1e-9, atol=1e-14)


def test_reset_gives_new_weights_and_bad_dataset_is_explained():
    app = playground()
    w = app.state["model"].params["W1"].copy()
    app.controls["reset"].click()
    assert not np.allclose(app.state["model"].params["W1"], w)
    with pytest.raises(ValueError, match="choose one of"):
        playground(dataset="banana")


def test_bench_entries_and_controls():
    import nnlessons.widgets.playground as mod
    for builder, control, values in BENCH:
        app = getattr(mod, builder)()
        assert control in app.controls and len(values) >= 3
        assert getattr(app.controls[control], "continuous_update", True) is True
    assert set(DATASETS) >= {"moons", "circles", "xor"}


# ------------------------------------------------------------------ your two_layer_grads (exercise 08)
def _learner(name):
    import learner_code as lc

    return lc.right("two_layer_grads") if name == "right" else lc.mistake("two_layer_grads", name)


@pytest.fixture(autouse=True)
def _no_time_budget(monkeypatch):
    """A press of Train runs all its updates: on a machine busy with other tests, 50 calls
    of the learner's gradients can take longer than `TRAIN_BUDGET_S` and stop the run
    early. (The budget's own test sets it again, to 0.)"""
    import nnlessons.widgets.playground as pg

    monkeypatch.setattr(pg, "TRAIN_BUDGET_S", 3600.0)


def _train(app, presses=(("step", 1), ("train", 2))):
    for button, times in presses:
        for _ in range(times):
            app.controls[button].click()


def test_your_right_gradients_train_exactly_the_packages_network():
    today, yours = playground(), playground(two_layer_grads=_learner("right"))
    _train(today)
    _train(yours)
    assert yours.state["steps"] == today.state["steps"] == 101
    assert yours.state["loss_history"] == today.state["loss_history"]
    assert yours.views["training"].png == today.views["training"].png
    assert yours.state["parted"] is None and yours.state["yours"]["two_layer_grads"]["status"] == "same"


def test_your_wrong_gradients_train_and_the_packages_training_is_drawn_faint():
    today, yours = playground(), playground(two_layer_grads=_learner("no_relu_mask"))
    assert yours.state["parted"] == 0                 # seen before any update: the ✗ at step 0
    plot = yours.views["training"].live
    assert plot.parted_mark.get_visible() and plot.parted_text.get_visible()
    _train(today)
    _train(yours)
    assert yours.state["loss_history"] != today.state["loss_history"]   # yours trained the network
    xs, faint = plot.package_line.get_data()
    assert list(xs) == list(range(0, 102)) and plot.package_line.get_visible()
    np.testing.assert_allclose(faint, today.state["loss_history"], rtol=1e-12)  # the package's: today's run
    line = html.unescape(yours.widget.children[3].value)
    assert "first differed from the package's at update 0" in line and "went back through the ReLU" in line


def test_the_mark_is_at_the_first_update_whose_gradients_differ():
    right = _learner("right")
    calls = []

    def two_layer_grads(X, y, params):     # from its third call on (counted after the build), twice too large
        calls.append(1)
        grads = right(X, y, params)
        return grads if len(calls) < 3 else {k: 2 * v for k, v in grads.items()}

    app = playground(two_layer_grads=two_layer_grads)
    calls.clear()                          # check()'s own cases and the look-ahead at step 0
    app.controls["step"].click()           # update 0: the look-ahead's gradients, no new call
    for _ in range(4):                     # updates 1, 2 (calls 1, 2: right), 3 (call 3: wrong), 4
        app.controls["step"].click()
    assert app.state["parted"] == 3 and app.state["steps"] == 5
    plot = app.views["training"].live
    (x,), (y,) = plot.parted_mark.get_data()
    assert x == app.state["parted"] and y == app.state["loss_history"][x]


def test_with_tanh_your_function_is_not_used_and_the_line_says_why():
    calls = []
    right = _learner("right")

    def two_layer_grads(X, y, params):
        calls.append(1)
        return right(X, y, params)

    today = playground(activation="tanh")
    yours = playground(activation="tanh", two_layer_grads=two_layer_grads)
    calls.clear()
    _train(today, (("train", 1),))
    _train(yours, (("train", 1),))
    assert not calls and yours.views["training"].png == today.views["training"].png
    assert "trains only with activation relu" in html.unescape(yours.widget.children[3].value)
    yours.controls["activation"].value = "relu"
    assert yours.state["yours"]["two_layer_grads"]["status"] == "same"


def test_a_raising_function_leaves_the_packages_training():
    import learner_code as lc

    today, yours = playground(), playground(two_layer_grads=lc.raising("two_layer_grads"))
    _train(today)
    _train(yours)
    assert yours.views["training"].png == today.views["training"].png
    assert yours.state["yours"]["two_layer_grads"]["status"] == "error"
    assert "Until it works, the package's gradients train this network" in html.unescape(yours.widget.children[3].value)


def test_a_slow_function_gets_fewer_updates_per_press_and_says_so(monkeypatch):
    import nnlessons.widgets.playground as pg

    monkeypatch.setattr(pg, "TRAIN_BUDGET_S", 0.0)      # as if every call took the whole budget
    app = playground(two_layer_grads=_learner("right"))
    app.controls["train"].click()
    assert app.state["steps"] == 1
    assert "so this press of Train ran 1 of 50 updates" in html.unescape(app.widget.children[3].value)
    app.controls["step"].click()                        # Step: always one update
    assert app.state["steps"] == 2
