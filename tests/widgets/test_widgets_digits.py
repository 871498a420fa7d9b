"""Headless tests of lesson 10's digit browser: move the slider, read the bars."""
from __future__ import annotations

import numpy as np
import pytest

from nnlessons.data import load_digits
from nnlessons.widgets.digits import BENCH, digit_browser


def _softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


@pytest.fixture(scope="module")
def data():
    X, y = load_digits("train")
    X, y = X[:60], y[:60]
    W = np.random.default_rng(0).standard_normal((64, 10)) * 0.05
    fake_a = lambda imgs: _softmax(imgs.reshape(len(imgs), 64) @ W)               # noqa: E731
    onehot = lambda imgs: np.eye(10)[y[:len(imgs)]] * 0.9 + 0.01                  # noqa: E731
    return X, y, {"A": fake_a, "perfect": onehot}, W


def test_bars_show_each_models_probabilities(data):
    X, y, models, W = data
    app = digit_browser(models, X, y)
    png = app.views["digit"].png
    app.controls["index"].value = 7
    expected = _softmax(X[7].reshape(1, 64) @ W)[0]
    np.testing.assert_allclose(app.state["probabilities"]["A"], expected)
    ax_bar = app.views["digit"].fig.axes[1]
    heights = [r.get_height() for r in ax_bar.containers[0]]
    np.testing.assert_allclose(heights, expected)
    heights_p = [r.get_height() for r in ax_bar.containers[1]]
    np.testing.assert_allclose(heights_p, np.eye(10)[y[7]] * 0.9 + 0.01)
    assert app.state["predictions"] == {"A": int(expected.argmax()), "perfect": int(y[7])}
    assert app.state["label"] == y[7] and app.state["image_index"] == 7
    np.testing.assert_array_equal(app.views["digit"].fig.axes[0].images[0].get_array(), X[7])
    assert f"a {y[7]}" in app.views["digit"].fig.axes[0].get_title()
    assert app.views["digit"].png != png


def test_accuracy_and_mistakes_filter(data):
    X, y, models, W = data
    app = digit_browser(models, X, y)
    pred_a = _softmax(X.reshape(len(X), 64) @ W).argmax(axis=1)
    assert app.state["accuracy"]["A"] == pytest.approx(np.mean(pred_a == y))
    assert app.state["accuracy"]["perfect"] == 1.0
    wrong = np.flatnonzero(pred_a != y)
    assert len(wrong) > 0
    app.controls["mistakes"].value = True
    assert app.controls["index"].max == len(wrong) - 1
    app.controls["index"].value = len(wrong) - 1
    assert app.state["image_index"] == wrong[-1]
    assert app.state["predictions"]["A"] != app.state["label"]
    assert "\u2717" in app.views["digit"].fig.axes[1].get_title()
    app.controls["mistakes"].value = False
    assert app.controls["index"].max == len(X) - 1


def test_bad_inputs_are_explained(data):
    X, y, models, _ = data
    with pytest.raises(ValueError, match=r"\(m, 8, 8\)"):
        digit_browser(models, X.reshape(len(X), 64), y)
    with pytest.raises(ValueError, match="10 class probabilities"):
        digit_browser({"bad": lambda imgs: np.zeros((len(imgs), 3))}, X, y)


def test_default_app_and_bench():
    import nnlessons.widgets.digits as mod
    for builder, control, values in BENCH:
        app = getattr(mod, builder)()
        assert control in app.controls and app.controls[control].continuous_update
        before = app.views["digit"].png
        app.controls[control].value = values[0]
        assert app.views["digit"].png != before
        assert app.state["accuracy"]["MLP"] > 0.8


def test_the_figure_is_a_live_figure_and_blitting_shows_a_full_render(data):
    from blit_support import blitted_equals_full_render

    from nnlessons.plots.live import LiveFigure
    from nnlessons.plots.vision import DigitProbabilities

    X, y, models, _ = data
    app = digit_browser(models, X, y)
    assert isinstance(app.views["digit"].live, DigitProbabilities)
    assert isinstance(app.views["digit"].live, LiveFigure)
    app.controls["mistakes"].value = True
    app.controls["index"].value = 2
    assert blitted_equals_full_render(app.views["digit"])


def test_digit_probabilities_update_returns_what_it_shows():
    from nnlessons.plots.vision import DigitProbabilities

    p = np.full(10, 0.02)
    p[3] = 0.82
    live = DigitProbabilities(np.zeros((8, 8)), 5, {"net": p}, {"net": 0.9})
    shown = live.update(np.eye(8) * 16, 3, {"net": p}, index=12)
    assert shown["predictions"] == {"net": 3} and shown["label"] == 3
    assert "\u2717" not in shown["title"] and "net: 3 (82%)" in shown["title"]
    assert live.true_marker.get_x() == pytest.approx(2.5)
    shown = live.update(np.eye(8) * 16, 7, {"net": p})
    assert shown["title"].endswith("\u2717")
    with pytest.raises(ValueError, match="empty"):
        DigitProbabilities(np.zeros((8, 8)), 0, {})


# ------------------------------------------------------------- lesson 13's static figures
def test_feature_maps_after_relu_promise_no_blue():
    """ReLU feature maps are never negative: the title must not promise a blue for them."""
    from nnlessons.plots.vision import feature_maps

    maps = np.random.default_rng(0).normal(size=(4, 8, 8))
    assert "blue" in feature_maps(maps)._suptitle.get_text()
    relu = feature_maps(np.maximum(maps, 0))._suptitle.get_text()
    assert "blue" not in relu and "never negative" in relu


def test_feature_maps_name_a_dead_filter_and_how_often_each_is_zero():
    from nnlessons.plots.vision import feature_maps

    maps = np.abs(np.random.default_rng(1).normal(size=(3, 8, 8)))
    maps[1] = 0.0
    fig = feature_maps(maps, zero_fraction=[0.37, 1.0, 0.5])
    labels = [ax.get_xlabel() for ax in fig.axes[:3]]
    assert labels[1].startswith("DEAD") and "100%" in labels[1]
    assert "37%" in labels[0] and "DEAD" not in labels[0] + labels[2]
    with pytest.raises(ValueError, match="one number per map"):
        feature_maps(maps, zero_fraction=[0.5])


def test_training_curves_mark_the_early_stop_on_both_panels():
    from nnlessons.plots.vision import training_curves

    val_acc = [0.8, 0.9, 0.95, 0.93]
    fig = training_curves([1.0, 0.5, 0.3, 0.2], [1.1, 0.6, 0.5, 0.55], [0.8, 0.92, 0.97, 0.99], val_acc,
                          stop_epoch=3)
    ax_loss, ax_acc = fig.axes
    assert ax_loss.get_yscale() == "log"
    for ax in (ax_loss, ax_acc):
        stops = [ln for ln in ax.lines if ln.get_label().startswith("early stop")]
        assert len(stops) == 1 and list(stops[0].get_xdata()) == [3, 3]
    np.testing.assert_allclose(ax_acc.lines[1].get_ydata(), 100 * np.array(val_acc))
    assert "95.0%" in ax_acc.texts[0].get_text()


# ------------------------------------------------------------ the learner's functions
def test_the_learners_labels_are_shown_with_the_packages_beside(data):
    X, y, _, _ = data
    from learner_code import mistake
    from nnlessons.exercises.course import digits_params

    params = digits_params([64, 16, 10], 5, 1 / 16)
    app = digit_browser(images=X, labels=y, params=params, predict_digits=mistake("predict_digits", "no_relu"))
    yours_labels = mistake("predict_digits", "no_relu")(params, X)
    assert app.state["accuracy"]["your network"] == pytest.approx(np.mean(yours_labels == y))
    differ = np.flatnonzero(yours_labels != _argmax(params, X))
    assert app.state["yours"]["predict_digits"]["differ"] == len(differ) > 0
    app.controls["index"].value = int(differ[0])
    live = app.views["digit"].live
    cross, triangle = live.marks["your network"]
    assert app.state["predictions"]["your network"] == yours_labels[differ[0]]
    assert cross.get_visible() and triangle.get_visible()
    assert cross.get_xdata()[0] == pytest.approx(yours_labels[differ[0]])
    assert f"[package's: {_argmax(params, X)[differ[0]]}]" in app.state["title"]


def _argmax(params, X):
    from nnlessons.widgets.digits import package_predict_digits

    return package_predict_digits(params, X)


def test_a_train_digits_not_written_yet_is_said_and_the_default_network_browsed():
    def train_digits(X_train, y_train):
        raise NotImplementedError()

    app = digit_browser(train_digits=train_digits)
    assert "train_digits is not written yet" in app.state["note"]
    assert list(app.state["accuracy"]) == ["MLP"]


def test_predict_digits_needs_the_network_it_runs(data):
    X, y, models, _ = data
    from learner_code import right

    with pytest.raises(ValueError, match="pass params=your trained params"):
        digit_browser(models, X, y, predict_digits=right("predict_digits"))
