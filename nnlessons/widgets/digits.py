"""Lesson 13 widget: browse digit images with each trained model's class probabilities.

`digit_browser(models, images, labels)`: an index slider picks an image; the figure
(`nnlessons.plots.vision.DigitProbabilities`) shows the image and, for each model, a bar
chart of its softmax probabilities for the ten classes. A checkbox restricts the slider
to the images some model gets wrong.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping

import ipywidgets as W
import numpy as np

from ..plots.vision import DigitProbabilities
from .base import App, LiveFigureView

__all__ = ["digit_browser", "model_probabilities", "BENCH"]

Model = Callable[[np.ndarray], np.ndarray]


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
                  labels: np.ndarray | None = None, index: int = 0) -> App:
    """Browse images (m, 8, 8) with labels (m,) and the class probabilities of each model.

    models: name -> ``predict_proba`` taking raw images (n, 8, 8) (pixels 0-16, as
    `load_digits` gives them) and returning probabilities (n, 10); each runs once, on
    all images, when the app is built. Default (for a quick look or a benchmark): a
    small MLP trained for a few epochs on the first 1000 training images, browsing the others.

    Controls: ``index`` (IntSlider: position in the list being browsed), ``mistakes``
    (Checkbox: browse only the images some model misclassifies).
    State: what the figure shows (``label``, ``probabilities`` {name: (10,)},
    ``predictions`` {name: int}, ``title``), ``image_index`` (index into ``images``),
    ``accuracy`` {name: float over all images}, ``wrong`` and ``browsing`` (the indices
    the slider walks through). View ``"digit"``: the image and the probability bars.
    """
    if models is None or images is None or labels is None:
        models, images, labels = _default_setup()
    images, labels, probs = model_probabilities(models, images, labels)
    right = {n: p.argmax(axis=1) == labels for n, p in probs.items()}
    wrong = np.flatnonzero(~np.all(list(right.values()), axis=0))
    accuracy = {n: float(r.mean()) for n, r in right.items()}
    first = int(np.clip(index, 0, len(images) - 1))
    view = LiveFigureView(DigitProbabilities(images[first], labels[first], {n: p[first] for n, p in probs.items()},
                                             accuracy, index=first))
    slider = W.IntSlider(value=first, min=0, max=len(images) - 1, description="image #",
                         continuous_update=True, style={"description_width": "80px"},
                         layout=W.Layout(width="500px"))
    only_wrong = W.Checkbox(value=False, description=f"only the {len(wrong)} images some model gets wrong")
    app = App(W.VBox([W.HBox([slider, only_wrong]), view.image]), {"index": slider, "mistakes": only_wrong},
              {"accuracy": accuracy, "wrong": wrong}, {"digit": view})

    def update(_change=None) -> None:
        order = wrong if only_wrong.value and len(wrong) else np.arange(len(images))
        i = int(order[min(slider.value, len(order) - 1)])
        shown = view.show(image=images[i], label=labels[i], probabilities={n: p[i] for n, p in probs.items()},
                          index=i)
        app.state.update(shown, image_index=i, browsing=order)

    def on_mistakes(_change) -> None:
        slider.max = len(wrong) - 1 if only_wrong.value and len(wrong) else len(images) - 1
        update()

    update()
    slider.observe(update, names="value")
    only_wrong.observe(on_mistakes, names="value")
    return app


def _default_setup():
    """A small MLP trained quickly on the first 1000 training images; browse the rest."""
    from ..data import load_digits
    from ..optim import Adam
    from ..training import MLP, train

    X, y = load_digits("train")
    flat = X.reshape(len(X), 64) / 16
    net = MLP([64, 32, 10], seed=0)
    train(net, flat[:1000], y[:1000], Adam(0.01), epochs=5, batch_size=50)
    return {"MLP": lambda imgs: net.predict_proba(imgs.reshape(len(imgs), 64) / 16)}, X[1000:], y[1000:]


BENCH = [
    ("digit_browser", "index", [1, 2, 3, 4, 5, 6]),
]
"""(builder, control, values) for bench/widgets.py: time a slider change -> updated figure."""
