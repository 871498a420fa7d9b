"""Lesson 13 widget: browse digit images with each trained model's class probabilities.

`digit_browser(models, images, labels)`: an index slider picks an image; the figure
(`nnlessons.plots.vision.DigitProbabilities`) shows the image and, for each model, a bar
chart of its softmax probabilities for the ten classes. A checkbox restricts the slider
to the images some model gets wrong. ``digit_browser(params=params,
predict_digits=predict_digits)`` browses a network you trained (exercise 13) with your
``predict_digits`` giving its labels.
"""
from __future__ import annotations

import html
from collections.abc import Callable, Mapping

import ipywidgets as W
import numpy as np

from ..activations import softmax
from ..layers import mlp_forward
from ..plots.vision import DigitProbabilities
from .base import App, LiveFigureView
from .yours import YourCode

__all__ = ["digit_browser", "model_probabilities", "package_predict_digits", "BENCH", "YOURS"]

Model = Callable[[np.ndarray], np.ndarray]
YOUR_NET = "your network"
"""The name under which `digit_browser(params=...)` shows a network's probabilities."""


def _scores(params: dict, X: np.ndarray) -> np.ndarray:
    """The package's forward pass of exercise 13's params (W1, b1, ..., optional "scale",
    default 1/16) on images X (m, 8, 8): scores (m, 10)."""
    flat = np.asarray(X, dtype=np.float64).reshape(len(X), -1) * params.get("scale", 1 / 16)
    return mlp_forward(flat, {k: v for k, v in params.items() if k != "scale"})[0]


def package_predict_digits(params: dict, X: np.ndarray) -> np.ndarray:
    """Exercise 13's predict_digits from the package's forward pass: labels (m,) int."""
    return np.argmax(_scores(params, X), axis=1)


def _scored(probs: dict, given: dict, labels: np.ndarray) -> tuple[dict, np.ndarray]:
    """Each model's accuracy over the images (its labels: `given`'s, else its largest
    probability) and the images some model gets wrong."""
    right = {n: given.get(n, p.argmax(axis=1)) == labels for n, p in probs.items()}
    return {n: float(r.mean()) for n, r in right.items()}, np.flatnonzero(~np.all(list(right.values()), axis=0))


def _your_labels(yours: YourCode, params: dict | None, probs: dict, images: np.ndarray) -> dict:
    """{model name: labels (m,)} from your predict_digits on all images (one call), for the
    model of `params` (or the default MLP, "MLP"); {} when you gave none."""
    if not yours.given:
        return {}
    yours["predict_digits"].what = "images"
    name = YOUR_NET if YOUR_NET in probs else "MLP"
    if params is None or name not in probs:
        raise ValueError("predict_digits= needs the network it runs: pass params=your trained params "
                         "(e.g. digit_browser(params=params, predict_digits=predict_digits)).")
    return {name: np.asarray(yours["predict_digits"](params, images)).astype(np.int64).ravel()}


def model_probabilities(models: Mapping[str, Model], images: np.ndarray, labels: np.ndarray
                        ) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    """Check images (m, 8, 8) and labels (m,), and run every model once on all images.

    Returns (images float, labels int, {name: probabilities (m, 10)}); a ValueError
    says what is wrong with an input or a model's output."""
    images = np.asarray(images, dtype=np.float64)
    labels = np.asarray(labels).astype(np.int64)
    if images.ndim != 3 or images.shape[1:] != (8, 8) or labels.shape != images.shape[:1]:
        raise ValueError(f"images must be (m, 8, 8) and labels (m,); got {images.shape} and "
                         f"{labels.shape}. Pass the arrays load_digits returns (or a slice of them).")
    if not models:
        raise ValueError("models is empty: pass e.g. {'MLP': predict_proba}.")
    probs = {}
    for name, fn in models.items():
        probs[name] = p = np.asarray(fn(images), dtype=np.float64)
        if p.shape != (len(images), 10):
            raise ValueError(f"model {name!r} returned probabilities of shape {p.shape}; expected "
                             f"({len(images)}, 10): one row of 10 class probabilities per image.")
    return images, labels, probs


def digit_browser(models: Mapping[str, Model] | None = None, images: np.ndarray | None = None,
                  labels: np.ndarray | None = None, index: int = 0, *, params: dict | None = None,
                  predict_digits=None, train_digits=None) -> App:
    """Browse images (m, 8, 8) with labels (m,) and the class probabilities of each model.

    models: name -> ``predict_proba`` taking raw images (n, 8, 8) (pixels 0-16, as
    `load_digits` gives them) and returning probabilities (n, 10); each runs once, on
    all images, when the app is built. Default (for a quick look or a benchmark): a
    small MLP trained for a few epochs on the first 1000 training images, browsing the others.
    params: a dense ReLU net's params (exercise 13), shown as "your network" (the package's
    forward pass), beside `models`; or train_digits (your exercise function), trained on
    the first 1000 training images to give them (if it fails, a note says why).
    predict_digits: your exercise function (exercise 13), called once on all images with
    `params` (or the default MLP's): its labels are the network's predictions, accuracy and
    mistakes; a cross marks yours where it is not the package's (the largest bar), the
    title gives both and a line says so (`nnlessons.widgets.yours`).

    Controls: ``index`` (IntSlider: position in the list being browsed), ``mistakes``
    (Checkbox: browse only the images some model misclassifies). State also: ``note``.
    State: what the figure shows (``label``, ``probabilities`` {name: (10,)},
    ``predictions`` {name: int}, ``title``), ``image_index`` (index into ``images``),
    ``accuracy`` {name: float over all images}, ``wrong`` and ``browsing`` (the indices
    the slider walks through), ``yours`` (when you gave predict_digits: "status",
    "message", "differ" (images)). View ``"digit"``: the image and the probability bars.
    """
    params, note = (params, "") if train_digits is None else _your_network(train_digits)
    models, images, labels, params = _setup(models, images, labels, params)
    images, labels, probs = model_probabilities(models, images, labels)
    yours = YourCode(predict_digits=(predict_digits, package_predict_digits))
    given = _your_labels(yours, params, probs, images)
    accuracy, wrong = _scored(probs, given, labels)
    first = int(np.clip(index, 0, len(images) - 1))
    view = LiveFigureView(DigitProbabilities(images[first], labels[first], {n: p[first] for n, p in probs.items()},
                                             accuracy, index=first))
    slider = W.IntSlider(value=first, min=0, max=len(images) - 1, description="image #", continuous_update=True,
                         style={"description_width": "80px"}, layout=W.Layout(width="500px"))
    only_wrong = W.Checkbox(value=False, description=f"only the {len(wrong)} images some model gets wrong")
    app = App(W.VBox([W.HBox([slider, only_wrong]), W.HTML(note), yours.line, view.image]),
              {"index": slider, "mistakes": only_wrong},
              {"accuracy": accuracy, "wrong": wrong, "yours": yours.show(), "note": note}, {"digit": view})

    def update(_change=None) -> None:
        order = wrong if only_wrong.value and len(wrong) else np.arange(len(images))
        i = int(order[min(slider.value, len(order) - 1)])
        shown = view.show(image=images[i], label=labels[i], probabilities={n: p[i] for n, p in probs.items()},
                          index=i, predictions={n: labels_[i] for n, labels_ in given.items()})
        app.state.update(shown, image_index=i, browsing=order)

    def on_mistakes(_change) -> None:
        slider.max = len(wrong) - 1 if only_wrong.value and len(wrong) else len(images) - 1
        update()
    update()
    slider.observe(update, names="value")
    only_wrong.observe(on_mistakes, names="value")
    return app


TRAIN_LIMIT_S = 120.0
"""Seconds your train_digits may take in `digit_browser` (as in exercise 13's check)."""


def _your_network(train_digits) -> tuple[dict | None, str]:
    """Your train_digits's params, trained on the first 1000 training images (called as
    ``check`` calls it: on copies, under `TRAIN_LIMIT_S`), and "" ; or None and a note
    that says why the default network is browsed instead."""
    from ..data import load_digits
    from ..exercises.checker import call_once

    X, y = load_digits("train")
    out = call_once(train_digits, (X[:1000], y[:1000]), {}, TRAIN_LIMIT_S)
    if out.status == "ok" and isinstance(out.value, dict) and "W1" in out.value:
        return out.value, ""
    why = {"not_implemented": "is not written yet", "timeout": f"took over {TRAIN_LIMIT_S:g} s",
           "error": f"raised {(out.error or '').splitlines()[0] if out.error else 'an error'}"}.get(
        out.status, "did not return a params dict with W1, b1, ...")
    return None, (f"<b style='color:#D55E00'>!</b> Your train_digits {html.escape(why)}: the lesson's "
                  "small network is browsed instead.")


def _setup(models, images, labels, params):
    """The models, images, labels and params to browse: `params` adds "your network"
    (the package's softmax over its forward pass); nothing given: the default MLP (whose
    params are returned), over the default images."""
    if params is not None:
        mine = {YOUR_NET: lambda imgs: softmax(_scores(params, imgs))}
        if images is None or labels is None:
            from ..data import load_digits

            X, y = load_digits("train")
            images, labels = X[1000:], y[1000:]
        return {**(models or {}), **mine}, images, labels, params
    if models is None or images is None or labels is None:
        return _default_setup()
    return models, images, labels, None


def _default_setup():
    """A small MLP trained quickly on the first 1000 training images; browse the rest.
    Returns (models, images, labels, its params with the input scale)."""
    from ..data import load_digits
    from ..optim import Adam
    from ..training import MLP, train

    X, y = load_digits("train")
    flat = X.reshape(len(X), 64) / 16
    net = MLP([64, 32, 10], seed=0)
    train(net, flat[:1000], y[:1000], Adam(0.01), epochs=5, batch_size=50)
    return ({"MLP": lambda imgs: net.predict_proba(imgs.reshape(len(imgs), 64) / 16)}, X[1000:], y[1000:],
            {**net.params, "scale": 1 / 16})


BENCH = [
    ("digit_browser", "index", [1, 2, 3, 4, 5, 6]),
]
"""(builder, control, values) for bench/widgets.py: time a slider change -> updated figure."""

YOURS = {"digit_browser": {"predict_digits": {"controls": {}, "mistake": "no_relu"}}}
"""The learner's function the builder takes, by keyword (= exercise name): the control
values under which the widget draws it, and a known mistake that shows in what it draws
(for the tests and `bench/widgets.py`)."""
