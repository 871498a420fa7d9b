"""Headless tests of lesson 08's widget (one entry of dW adding up over the batch) and figures."""
import io

import numpy as np
import pytest
from PIL import Image

from nnlessons.plots.backprop import (WeightGradientSum, relu_backward, shared_weight_graph,
                                      two_layer_backward_graph)
from nnlessons.widgets.backprop import random_batch, weight_gradient_app


@pytest.fixture()
def app():
    return weight_gradient_app(m=4, n_in=3, n_out=2, seed=3)


def test_controls_cover_every_entry_of_W(app):
    i, j = app.controls["i"], app.controls["j"]
    assert (i.min, i.max, j.min, j.max) == (0, 2, 0, 1)
    assert i.continuous_update and j.continuous_update
    assert "input" in i.description and "unit" in j.description


@pytest.mark.parametrize("i,j", [(1, 0), (2, 1), (0, 1)])
def test_an_entry_is_the_sum_of_its_products(app, i, j):
    before = app.views["figure"].png
    app.controls["i"].value, app.controls["j"].value = i, j
    X, dZ, s = app.state["X"], app.state["dZ"], app.state
    assert (s["i"], s["j"]) == (i, j)
    np.testing.assert_allclose(s["products"], X[:, i] * dZ[:, j])
    assert s["total"] == pytest.approx((X.T @ dZ)[i, j])
    np.testing.assert_allclose(s["dW"], X.T @ dZ)
    assert s["db_j"] == pytest.approx(dZ[:, j].sum())
    shown_sum, shown_entry = s["text"].removeprefix("sum = ").split(" = ")
    assert shown_entry == f"dW[{i}, {j}]"
    assert float(shown_sum.replace("−", "-")) == pytest.approx(s["total"], abs=0.005)
    assert f"<b>{shown_sum}</b>" in s["readout"] and f"column {i} of X" in s["readout"]
    assert app.views["figure"].png != before


def test_the_text_writes_the_sum_with_the_figures_numbers(app):
    for i, j in [(0, 0), (2, 1), (1, 0)]:
        app.controls["i"].value, app.controls["j"].value = i, j
        shown = [t.get_text().split(" = ")[-1] for t in app.views["figure"].live.products]
        terms = app.state["readout"].split(" = ")[2]            # "0.17 + 0.15 + 0.04 − 0.6"
        signs = ["+" if not v.startswith("−") else "−" for v in shown[1:]]
        assert terms == shown[0] + "".join(f" {sg} {v.lstrip('−')}" for sg, v in zip(signs, shown[1:]))


def test_the_figure_outlines_the_chosen_columns_and_shows_each_product(app):
    app.controls["i"].value, app.controls["j"].value = 2, 1
    live = app.views["figure"].live
    X, dZ = app.state["X"], app.state["dZ"]
    assert live.box_X.get_x() == live.x_X + 2 and live.box_dZ.get_x() == live.x_dZ + 1
    assert live.box_dW.get_xy() == (live.x_dW + 1, 2)
    for k, text in enumerate(live.products):
        shown = text.get_text().replace("−", "-").replace("(", "").replace(")", "")
        a, rest = shown.split(" × ")
        b, p = rest.split(" = ")
        assert (float(a), float(b)) == (X[k, 2], dZ[k, 1])
        assert float(p) == pytest.approx(X[k, 2] * dZ[k, 1], abs=0.005)


def test_new_batch_redraws_the_numbers(app):
    old_X, before = app.state["X"].copy(), app.views["figure"].png
    app.controls["new"].click()
    X, dZ = app.state["X"], app.state["dZ"]
    assert X.shape == old_X.shape and not np.array_equal(X, old_X)
    np.testing.assert_allclose(app.state["dW"], X.T @ dZ)
    live = app.views["figure"].live
    assert [t.get_text() for t in live.t_X[:3]] == [f"{v:.1f}".replace("-", "−") for v in X[0]]
    assert app.views["figure"].png != before


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def test_blitted_image_equals_a_full_render_after_a_new_batch(app):
    app.controls["new"].click()
    app.controls["i"].value = 2
    view = app.views["figure"]
    blitted = _pixels(view.png)
    for a in view.animated:
        a.set_animated(False)
    view.fig.canvas.draw()
    full = np.asarray(view.fig.canvas.buffer_rgba())[..., :3].astype(int)
    assert blitted.shape == full.shape
    assert np.mean(np.abs(blitted - full) > 8) < 0.002


def test_random_batch_is_rounded_and_seeded():
    X, dZ = random_batch(np.random.default_rng(0), 5, 3, 2)
    assert X.shape == (5, 3) and dZ.shape == (5, 2)
    np.testing.assert_array_equal(X, np.round(X, 1))
    assert np.abs(X).max() <= 2 and np.abs(dZ).max() <= 1
    X2, _ = random_batch(np.random.default_rng(0), 5, 3, 2)
    np.testing.assert_array_equal(X, X2)


def test_live_figure_rejects_mismatched_batches_and_entries():
    with pytest.raises(ValueError, match="one row per example"):
        WeightGradientSum(np.zeros((4, 3)), np.zeros((5, 2)))
    live = WeightGradientSum(np.ones((2, 2)), np.ones((2, 3)))
    with pytest.raises(ValueError, match="outside W's shape"):
        live.update(i=2, j=0)
    assert live.update(i=1, j=2)["total"] == 2.0


def test_relu_backward_blocks_the_gradient_where_z_is_not_positive():
    Z = np.array([[1.0, 0.0, -2.0], [-0.5, 3.0, 0.25]])
    dA = np.array([[0.1, 0.2, 0.3], [0.4, -0.5, 0.6]])
    fig = relu_backward(Z, dA, layer="1")
    mask_ax, dz_ax = fig.axes[1], fig.axes[3]
    assert dz_ax.get_title() == "dZ1 = dA1 ⊙ mask" and mask_ax.get_title() == "mask 1[Z1 > 0]"
    assert [t.get_text() for t in mask_ax.texts] == ["1", "0", "0", "0", "1", "1"]
    assert [t.get_text() for t in dz_ax.texts] == ["0.10", "0", "0", "0", "−0.50", "0.60"]
    with pytest.raises(ValueError, match="same shape"):
        relu_backward(Z, dA[:, :2])


def test_two_layer_graph_names_every_gradient_with_its_shape():
    fig = two_layer_backward_graph(n=3, h=5, k=2)
    texts = {t.get_text() for t in fig.axes[0].texts}
    for formula in ("dW1 = Xᵀ dZ1", "dW2 = A1ᵀ dZ2", "dA1 = dZ2 W2ᵀ", "dZ1 = dA1 ⊙ 1[Z1 > 0]",
                    "dZ2 = (P − Y) / m"):
        assert formula in texts
    assert {"(3, 5)", "(5, 2)", "(5,)", "(m, 5)"} <= texts


def test_numbers_are_shown_with_the_decimals_they_need():
    X = np.array([[1.0, 2.0], [-1.0, 0.5]])
    dZ = np.array([[0.5, -0.55], [-0.125, -0.2]])
    live = WeightGradientSum(X, dZ, i=1, j=0)
    assert [t.get_text() for t in live.t_dZ] == ["0.5", "−0.55", "−0.125", "−0.2"]
    assert live.products[1].get_text() == "0.5 × (−0.125) = −0.0625"
    assert live.sum_text.get_text() == "sum = 0.9375 = dW[1, 0]"


def test_shared_weight_graph_shows_autograds_gradient_as_the_sum_of_the_shares():
    from nnlessons.autograd import Value

    x, y, w0, b0 = (2.0, -1.0), (1.0, 0.0), 0.5, 0.1
    w, b = Value(w0), Value(b0)
    loss = ((w * x[0] + b - y[0]) ** 2 + (w * x[1] + b - y[1]) ** 2) / 2
    loss.backward()
    texts = [t.get_text() for t in shared_weight_graph(x, y, w0, b0).axes[0].texts]
    grad_text = next(t for t in texts if t.startswith("∂L/∂w"))
    assert grad_text == f"∂L/∂w = 0.20 + 0.40\n= {w.grad:.2f}"


# ------------------------------------------------------------------ your dense_backward (exercise 08)
def _dense_backward(dW=lambda X, dZ: X.T @ dZ, db=lambda dZ: dZ.sum(axis=0), dX=lambda dZ, W: dZ @ W.T):
    def dense_backward(dZ, X, W):  # a learner's, with one of its parts swapped
        return dX(dZ, W), dW(X, dZ), db(dZ)
    return dense_backward


def test_your_dW_is_drawn_with_the_right_numbers_in_grey_where_it_differs():
    app = weight_gradient_app(dense_backward=_dense_backward(dW=lambda X, dZ: X.T @ dZ / len(X)))
    app.controls["i"].value = 1
    live, s = app.views["figure"].live, app.state
    np.testing.assert_allclose(s["dW"], s["X"].T @ s["dZ"] / 4)       # yours is drawn
    assert s["dW_differs"].sum() >= 5             # all but a dW entry within the tolerance of 0
    assert [t.get_text() for t in live.t_dW] == [_signed_text(v) for v in s["dW"].ravel()]
    crossed = [t.get_visible() for t in live.t_cross]
    assert crossed == list(s["dW_differs"].ravel())
    shown_right = [t.get_text() for t, on in zip(live.t_right, crossed) if on]
    assert shown_right and all(t.get_visible() for t, on in zip(live.t_right, crossed) if on)
    assert "your dW differs" in live.note.get_text() and s["text"].startswith(f"sum = {_signed_text(s['total'])} ≠ your")
    assert "your dense_backward gives dW[1, 0]" in s["readout"]
    assert "divided by len(X)" in s["yours"]["dense_backward"]["message"]


def _signed_text(v):
    s = f"{abs(round(v, 2)):.2f}".rstrip("0").rstrip(".")
    return ("−" if round(v, 2) < 0 else "") + s


def test_your_db_is_said_in_the_figure_and_the_readout_when_it_differs():
    app = weight_gradient_app(dense_backward=_dense_backward(db=lambda dZ: dZ.mean(axis=0)))
    s, live = app.state, app.views["figure"].live
    assert not s["dW_differs"].any() and s["db_differs"].all()
    assert not any(t.get_visible() for t in live.t_cross)
    assert "your db = " in live.note.get_text() and "the right db = " in live.note.get_text()
    assert "(your dense_backward gives" in s["readout"]


def test_your_dX_is_not_drawn_so_a_wrong_one_is_same_here_and_named():
    today = weight_gradient_app()
    app = weight_gradient_app(dense_backward=_dense_backward(dX=lambda dZ, W: 2 * dZ @ W.T))
    said = app.state["yours"]["dense_backward"]
    assert said["status"] == "same"
    assert "Elsewhere it does not" in said["message"]
    assert app.views["figure"].png == today.views["figure"].png


def test_your_dW_of_the_wrong_shape_is_said_and_the_right_one_drawn():
    today = weight_gradient_app()
    app = weight_gradient_app(dense_backward=_dense_backward(dW=lambda X, dZ: dZ.T @ X))
    said = app.state["yours"]["dense_backward"]
    assert said["status"] == "unusable" and "cannot draw" in said["message"]
    assert "looks transposed" in said["message"]
    assert app.views["figure"].png == today.views["figure"].png
    app.controls["i"].value = today.controls["i"].value = 2        # still live
    assert app.views["figure"].png == today.views["figure"].png


def test_your_function_is_called_once_per_batch_not_per_entry():
    calls = []

    def dense_backward(dZ, X, W):
        calls.append(1)
        return dZ @ W.T, X.T @ dZ, dZ.sum(axis=0)

    app = weight_gradient_app(dense_backward=dense_backward)
    built = len(calls)            # one call for the batch, and check's cases once (the line's diagnosis)
    for i, j in [(1, 0), (2, 1), (0, 1)]:
        app.controls["i"].value, app.controls["j"].value = i, j
    assert len(calls) == built
    app.controls["new"].click()
    assert len(calls) == built + 1 and app.state["yours"]["dense_backward"]["status"] == "same"
