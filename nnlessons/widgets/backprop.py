"""Lesson 08's widget: pick an entry (i, j) of a layer's weight matrix and watch its
gradient add up over the batch, dW[i, j] = Σ_k X[k, i] · dZ[k, j]; with a learner's
``dense_backward`` (exercise 08), its dW and db are drawn, beside the right ones where
they differ."""
from __future__ import annotations

import ipywidgets as W
import numpy as np

from .. import layers
from ..plots.backprop import WeightGradientSum
from .base import App, LiveFigureView
from .yours import YourCode
from .yours_parts import YourParts

__all__ = ["weight_gradient_app", "random_batch", "package_dense_backward", "BENCH", "YOURS"]


def random_batch(rng: np.random.Generator, m: int, n_in: int, n_out: int) -> tuple[np.ndarray, np.ndarray]:
    """A batch X (m, n_in) in [-2, 2] and an upstream gradient dZ (m, n_out) in [-1, 1],
    rounded to one decimal so the products can be checked by hand."""
    return (np.round(rng.uniform(-2, 2, size=(m, n_in)), 1),
            np.round(rng.uniform(-1, 1, size=(m, n_out)), 1))


def package_dense_backward(dZ: np.ndarray, X: np.ndarray, W: np.ndarray):
    """The package's `layers.dense_backward` with the exercise's signature: dZ (m, n_out),
    X (m, n_in), W (n_in, n_out) -> (dX (m, n_in), dW (n_in, n_out), db (n_out,))."""
    cache = layers.DenseCache(np.asarray(X, float), np.asarray(W, float))  # what dense_forward keeps
    dX, dW, db = layers.dense_backward(dZ, cache)
    return dX, dW, db


def _weights(n_in: int, n_out: int) -> np.ndarray:
    """The layer's W (n_in, n_out): dense_backward needs it for dX, which the widget does not draw."""
    return np.round(np.random.default_rng(0).uniform(-1, 1, size=(n_in, n_out)), 1)


def _magnitude(v: float) -> str:
    """|v| with the decimals the figure shows for a product of two one-decimal numbers:
    two at most, trailing zeros dropped but one kept ('0.25', '0.6', '1.0')."""
    s = f"{abs(round(float(v), 2)):.2f}".rstrip("0")
    return s + "0" if s.endswith(".") else s


def _signed(v: float) -> str:
    """'0.25' or '−0.25' (a real minus sign, as in the figure; never '−0.0')."""
    return f"{'−' if round(float(v), 2) < 0 else ''}{_magnitude(v)}"


def _readout(shown: dict) -> str:
    """The sum written out term by term, and the bias's gradient beside it (HTML), with
    the numbers written as in the figure (the learner's dW[i, j] and db[j] where they differ)."""
    i, j = shown["i"], shown["j"]
    first, *rest = np.round(shown["products"], 2)
    terms = _signed(first) + "".join(f" {'−' if p < 0 else '+'} {_magnitude(p)}" for p in rest)
    yours_W = (f" (your dense_backward gives dW[{i}, {j}] = {_signed(shown['dW'][i, j])})"
               if shown["dW_differs"][i, j] else "")
    right_b = shown["right_db"][j]
    yours_b = f" (your dense_backward gives {_signed(shown['db_j'])})" if shown["db_differs"][j] else ""
    return (f"dW[{i}, {j}] = Σ<sub>k</sub> X[k, {i}] · dZ[k, {j}] = {terms} = <b>{_signed(shown['total'])}</b>: "
            f"the dot product of column {i} of X with column {j} of dZ, which is entry ({i}, {j}) of "
            f"X<sup>T</sup> dZ{yours_W}.<br>The bias works the same way with an input that is always 1: "
            f"db[{j}] = Σ<sub>k</sub> 1 · dZ[k, {j}] = <b>{_signed(right_b)}</b>{yours_b}.")


def weight_gradient_app(m: int = 4, n_in: int = 3, n_out: int = 2, seed: int = 3, *,
                        dense_backward=None) -> App:
    """Choose an entry (i, j) of W (n_in, n_out); see column i of X (m, n_in), column j of
    dZ (m, n_out), their m products and the sum that is dW[i, j].

    dense_backward: your exercise function (exercise 08), dense_backward(dZ, X, W) ->
    (dX, dW, db), called once per batch: the figure draws its dW (and the readout its db),
    with the right numbers in grey where yours differ, and a line that says so.
    controls: "i", "j" (IntSliders), "new" (a button: another random batch, see `random_batch`).
    state: what `WeightGradientSum.update` returns ("i", "j", "products", "total", "dW",
    "db", "db_j", "text", ...), plus "X", "dZ", "readout" (the text under the sliders) and
    "yours" (when you gave dense_backward: "status", "message", "differ").
    views: "figure".
    """
    yours = YourCode(dense_backward=(dense_backward, package_dense_backward))
    theirs = YourParts.within(yours, "dense_backward", (1, 2), shown="in grey")
    weights = _weights(n_in, n_out)
    backward = (lambda X, dZ: theirs.pick(theirs(dZ, X, weights))) if yours.given else None
    rng = np.random.default_rng(seed)
    data = dict(zip(("X", "dZ"), random_batch(rng, m, n_in, n_out)))
    style = {"description_width": "150px"}
    controls = {
        "i": W.IntSlider(0, min=0, max=n_in - 1, description="i: input (row of W)", style=style,
                         continuous_update=True),
        "j": W.IntSlider(0, min=0, max=n_out - 1, description="j: unit (column of W)", style=style,
                         continuous_update=True),
        "new": W.Button(description="New batch", tooltip="draw another X and dZ"),
    }
    view = LiveFigureView(WeightGradientSum(data["X"], data["dZ"], backward=backward))
    readout = W.HTML()
    app = App(widget=None, controls=controls, views={"figure": view})

    def update(_change=None, **new_batch) -> None:
        shown = view.show(i=int(controls["i"].value), j=int(controls["j"].value), **new_batch)
        app.state.update(shown, X=data["X"], dZ=data["dZ"], readout=_readout(shown), yours=yours.show())
        readout.value = app.state["readout"]

    def new_batch(_button=None) -> None:
        data["X"], data["dZ"] = random_batch(rng, m, n_in, n_out)
        update(X=data["X"], dZ=data["dZ"])

    controls["i"].observe(update, names="value")
    controls["j"].observe(update, names="value")
    controls["new"].on_click(new_batch)
    app.widget = W.VBox([W.HBox([W.VBox([controls["i"], controls["j"]]), controls["new"]]), yours.line, readout,
                         view.image])
    update()
    return app


BENCH = [("weight_gradient_app", "i", [1, 2, 0, 2, 1]),
         ("weight_gradient_app", "j", [1, 0, 1, 0, 1])]

YOURS = {"weight_gradient_app": {"dense_backward": {"controls": {}, "mistake": "db_mean"}}}
"""The learner's function the builder takes (keyword = exercise name), the control values
under which it is drawn and a known mistake that shows in what is drawn."""
