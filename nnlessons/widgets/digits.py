"""Lesson 10 widget: browse digit images with each trained model's class probabilities.

`digit_browser(models, images, labels)`: an index slider picks an image; the figure
shows the image and, for each model, a bar chart of its softmax probabilities for the
ten classes. A checkbox restricts the slider to the images some model gets wrong.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping

import ipywidgets as W
import numpy as np

from ..plots.style import CYCLE, PALETTE, new_figure, style_axes
from .base import App, FigureView

__all__ = ["digit_browser", "BENCH"]


def digit_browser(models: Mapping[str, Callable[[np.ndarray], np.ndarray]] | None = None,
                  images: np.ndarray | None = None, labels: np.ndarray | None = None,
                  index: int = 0) -> App:
    """Browse images (m, 8, 8) with labels (m,) and the class probabilities of each model.

    models: name -> ``predict_proba`` taking raw images (n, 8, 8) (pixels 0-16, as
    `load_digits` gives them) and returning probabilities (n, 10). They are evaluated
    once, on all images, when the app is built. Default (for a quick look or a
    benchmark): a small MLP trained for a few epochs on the first 1000 training images,
    browsing the others.

    Controls: ``index`` (IntSlider: position in the list being browsed), ``mistakes``
    (Checkbox: browse only the images some model misclassifies).
    State: ``image_index`` (index into ``images``), ``label``, ``probabilities``
    {name: (10,)}, ``predictions`` {name: int}, ``accuracy`` {name: float over all
    images}, ``browsing`` (the indices the slider walks through).
    View ``"digit"``: the image and the probability bars.
    """
    if models is None or images is None or labels is None:
        models, images, labels = _default_setup()
    images = np.asarray(images, dtype=np.float64)
    labels = np.asarray(labels).astype(np.int64)
    if images.ndim != 3 or images.shape[1:] != (8, 8) or labels.shape != images.shape[:1]:
        raise ValueError(f"images must be (m, 8, 8) and labels (m,); got {images.shape} and "
                         f"{labels.shape}. Pass the arrays load_digits returns (or a slice of them).")
    if not models:
        raise ValueError("models is empty: pass e.g. {'MLP': predict_proba}.")
    probs = {}
    for name, fn in models.items():
        p = np.asarray(fn(images), dtype=np.float64)
        if p.shape != (len(images), 10):
            raise ValueError(f"model {name!r} returned probabilities of shape {p.shape}; expected "
                             f"({len(images)}, 10): one row of 10 class probabilities per image.")
        probs[name] = p
    preds = {n: p.argmax(axis=1) for n, p in probs.items()}
    accuracy = {n: float(np.mean(pr == labels)) for n, pr in preds.items()}
    wrong = np.flatnonzero(np.any([pr != labels for pr in preds.values()], axis=0))

    controls = {
        "index": W.IntSlider(value=index, min=0, max=len(images) - 1, description="image #",
                             continuous_update=True, style={"description_width": "80px"},
                             layout=W.Layout(width="500px")),
        "mistakes": W.Checkbox(value=False, description=f"only the {len(wrong)} images some model gets wrong"),
    }
    names = list(probs)
    k = len(names)
    fig = new_figure(7.2, 2.9, dpi=80)
    ax_img, ax_bar = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 2.2]})
    img_art = ax_img.imshow(np.zeros((8, 8)), cmap="gray_r", vmin=0, vmax=16)
    ax_img.set_xticks([])
    ax_img.set_yticks([])
    ax_img.set_xlabel("8x8 pixels")
    img_title = ax_img.set_title("")
    width = 0.8 / k
    bars = {}
    for j, name in enumerate(names):
        x = np.arange(10) - 0.4 + width * (j + 0.5)
        bars[name] = ax_bar.bar(x, np.zeros(10), width=width * 0.95, color=CYCLE[j % len(CYCLE)],
                                label=f"{name} ({100 * accuracy[name]:.1f}% right)")
    true_marker = ax_bar.axvspan(-0.5, 0.5, color=PALETTE["green"], alpha=0.15, zorder=0,
                                 label="true class")
    style_axes(ax_bar, "", "class (digit)", "probability (softmax)", grid=False)
    ax_bar.set_xticks(range(10))
    ax_bar.set_xlim(-0.6, 9.6)
    ax_bar.set_ylim(0, 1.32)            # headroom above 1 for the legend
    ax_bar.set_yticks([0, 0.5, 1])
    ax_bar.axhline(1.0, color=PALETTE["grey"], linewidth=0.6)
    ax_bar.legend(loc="upper center", fontsize=8, ncols=k + 1, frameon=False)
    bar_title = ax_bar.set_title("")
    state: dict = {"accuracy": accuracy, "wrong": wrong}
    view: FigureView | None = None

    def browsing() -> np.ndarray:
        return wrong if controls["mistakes"].value and len(wrong) else np.arange(len(images))

    def update(_change=None) -> None:
        order = browsing()
        pos = min(int(controls["index"].value), len(order) - 1)
        i = int(order[pos])
        img_art.set_data(images[i])
        img_title.set_text(f"image {i}: a {labels[i]}")
        true_marker.set_x(labels[i] - 0.5)
        parts = []
        for name in names:
            for bar, h in zip(bars[name], probs[name][i]):
                bar.set_height(h)
            pred = int(preds[name][i])
            parts.append(f"{name}: {pred} ({100 * probs[name][i, pred]:.0f}%)"
                         + ("" if pred == labels[i] else " \u2717"))
        bar_title.set_text("   ".join(parts))
        state.update(image_index=i, label=int(labels[i]), browsing=order,
                     probabilities={n: probs[n][i].copy() for n in names},
                     predictions={n: int(preds[n][i]) for n in names})
        if view is not None:
            view.redraw()

    def on_mistakes(_change) -> None:
        order = browsing()
        s = controls["index"]
        if s.value > len(order) - 1:
            s.value = 0                  # triggers update()
        s.max = len(order) - 1
        update()

    update()
    view = FigureView(fig)
    controls["index"].observe(update, names="value")
    controls["mistakes"].observe(on_mistakes, names="value")
    widget = W.VBox([W.HBox([controls["index"], controls["mistakes"]]), view.image])
    return App(widget, controls, state, {"digit": view})


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
