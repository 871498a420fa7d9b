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
