"""Lesson 08 widget: a small TensorFlow-Playground-like app, and its 2-D classifier figure.

`playground()` trains a one-hidden-layer MLP on a 2-D toy data set with full-batch
gradient descent: pick the data set, the number of hidden units, the activation and the
learning rate, press **Step** (one update) or **Train** (50 updates), and watch the
decision regions and the loss curve.

`ClassifierPlot` draws a 2-D classifier (class regions, data points, loss curve) and
can be updated in place; `classifier_figure` is its static version for a notebook.
"""
from __future__ import annotations

from collections.abc import Callable

import ipywidgets as W
import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ..data import make_circles, make_moons, make_spirals, make_xor
from ..optim import SGD
from ..plots.style import CLASS_COLORS, PALETTE, new_figure, style_axes
from ..training import MLP
from .base import App, FigureView

__all__ = ["DATASETS", "ClassifierPlot", "classifier_figure", "region_image", "playground", "BENCH"]

DATASETS: dict[str, Callable[[], tuple[np.ndarray, np.ndarray]]] = {
    "moons": lambda: make_moons(200, noise=0.15, seed=0),
    "circles": lambda: make_circles(200, noise=0.08, factor=0.45, seed=0),
    "xor": lambda: make_xor(200, noise=0.3, seed=0),
    "spirals (3 classes)": lambda: make_spirals(300, classes=3, noise=0.2, seed=0),
}
"""The playground's data sets: name -> a function returning (X (m, 2), y (m,))."""

_GRID = 56          # the decision regions are evaluated on a _GRID x _GRID grid
_WHITE = np.ones(3)


def _class_rgb(k: int) -> np.ndarray:
    return np.array([to_rgb(c) for c in CLASS_COLORS[:k]])


def region_image(proba: np.ndarray, k: int) -> np.ndarray:
    """Colour each grid point by its predicted class, paler where the network is unsure.

    proba (g, g, k) class probabilities -> RGB image (g, g, 3): the probability-weighted
    mix of the class colours, blended with white by the confidence
    ((max p - 1/k) / (1 - 1/k)), so the decision boundary shows as a pale band.
    """
    colors = _class_rgb(k)
    mix = proba @ colors                                          # (g, g, 3)
    conf = (proba.max(axis=-1) - 1.0 / k) / (1.0 - 1.0 / k)       # 0 on the boundary, 1 sure
    alpha = (0.15 + 0.5 * conf)[..., None]
    return (1 - alpha) * _WHITE + alpha * mix


class ClassifierPlot:
    """Two panels: class regions with the data points, and the loss curve.

    ``update(predict_proba, loss_history, title)`` re-evaluates the model on the grid and
    moves the artists (set_data / set_offsets / set_text); ``set_data(X, y)`` changes the
    points. ``fig`` is the Figure.
    """

    def __init__(self, X: np.ndarray, y: np.ndarray, width: float = 7.2, height: float = 3.2,
                 dpi: int = 80, with_loss: bool = True, grid: int = _GRID):
        self.n_grid = grid      # the regions are evaluated on a grid x grid lattice
        self.fig = new_figure(width, height, dpi=dpi)
        if with_loss:
            self.ax, self.ax_loss = self.fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.15]})
        else:
            self.ax, self.ax_loss = self.fig.add_subplot(), None
        self.image = self.ax.imshow(np.ones((grid, grid, 3)), origin="lower", extent=(0, 1, 0, 1),
                                    aspect="auto", interpolation="nearest", zorder=0)
        self.points = [self.ax.scatter([], [], s=14, color=CLASS_COLORS[c], edgecolors="white",
                                       linewidths=0.4, label=f"class {c}", zorder=2)
                       for c in range(len(CLASS_COLORS))]
        self.keys = [self.ax.text(0.98, 0.97 - 0.075 * c, f"\u25cf class {c}", color=CLASS_COLORS[c],
                                  fontsize=8, fontweight="bold", ha="right", va="top",
                                  transform=self.ax.transAxes, zorder=3,
                                  bbox=dict(boxstyle="square,pad=0.1", facecolor="white",
                                            edgecolor="none", alpha=0.7))
                     for c in range(len(CLASS_COLORS))]
        style_axes(self.ax, "", "input $x_1$", "input $x_2$", grid=False)
        self.ax.set_xticks([])      # positions matter, not coordinates; fewer texts draw faster
        self.ax.set_yticks([])
        self.title = self.ax.set_title("")
        if with_loss:
            (self.loss_line,) = self.ax_loss.plot([], [], color=PALETTE["vermillion"], linewidth=1.8)
            # one line, named by its title and y label: no legend needed (and one less to draw)
            style_axes(self.ax_loss, "Loss while training", "gradient-descent step",
                       "training loss (cross-entropy)", grid=False)
            self.ax_loss.xaxis.set_major_locator(MaxNLocator(4, integer=True))
            self.ax_loss.yaxis.set_major_locator(MaxNLocator(4))
            self.loss_title = self.ax_loss.title
        self.set_data(X, y)

    def set_data(self, X: np.ndarray, y: np.ndarray) -> None:
        """Show the points X (m, 2) with labels y (m,) and fit the axes (with a margin) to them."""
        X = np.asarray(X, dtype=np.float64)
        y = np.asarray(y)
        self.k = int(y.max()) + 1
        for c, sc in enumerate(self.points):
            sc.set_offsets(X[y == c] if c < self.k else np.empty((0, 2)))
            sc.set_visible(c < self.k)
        lo, hi = X.min(axis=0), X.max(axis=0)
        pad = 0.12 * (hi - lo)
        (x0, y0), (x1, y1) = lo - pad, hi + pad
        self.extent = (x0, x1, y0, y1)
        gx, gy = np.meshgrid(np.linspace(x0, x1, self.n_grid), np.linspace(y0, y1, self.n_grid))
        self.grid = np.column_stack([gx.ravel(), gy.ravel()])
        self.image.set_extent(self.extent)
        self.ax.set_xlim(x0, x1)
        self.ax.set_ylim(y0, y1)
        for c, key in enumerate(self.keys):   # colour key: plain texts, cheaper than a Legend
            key.set_visible(c < self.k)

    def update(self, predict_proba: Callable[[np.ndarray], np.ndarray],
               loss_history: list[float] | None = None, title: str = "") -> np.ndarray:
        """Redraw the regions from ``predict_proba`` (a (n, 2) -> (n, k) function) and the
        loss curve; returns the grid's probabilities (grid, grid, k)."""
        proba = predict_proba(self.grid).reshape(self.n_grid, self.n_grid, -1)
        self.image.set_data(region_image(proba, self.k))
        self.title.set_text(title)
        if self.ax_loss is not None:
            losses = np.asarray(loss_history or [], dtype=np.float64)
            steps = np.arange(len(losses))
            self.loss_line.set_data(steps, losses)
            self.ax_loss.set_xlim(0, max(10, len(losses)))
            finite = losses[np.isfinite(losses)]
            top = float(finite.max()) if finite.size else 1.0
            self.ax_loss.set_ylim(0, max(0.1, 1.05 * min(top, 5.0)))
            last = f"{losses[-1]:.3f}" if len(losses) else "-"
            self.loss_title.set_text(f"Loss while training (now {last})")
        return proba


def classifier_figure(model, X: np.ndarray, y: np.ndarray, loss_history: list[float] | None = None,
                      title: str = "Decision regions") -> Figure:
    """A static figure of a trained 2-D classifier: regions + points (+ the loss curve).

    model: anything with ``predict_proba(X (n, 2)) -> (n, k)``; X (m, 2); y (m,).
    """
    plot = ClassifierPlot(X, y, width=7.6 if loss_history is not None else 4.2, height=3.4,
                          dpi=90, with_loss=loss_history is not None, grid=150)   # a finer grid: drawn once
    plot.update(model.predict_proba, loss_history, title)
    return plot.fig


def playground(dataset: str = "moons", hidden: int = 8, activation: str = "relu", lr: float = 0.5,
               seed: int = 0) -> App:
    """A training playground for a one-hidden-layer network on 2-D data.

    Controls: ``dataset`` (Dropdown, see `DATASETS`), ``hidden`` (IntSlider, hidden
    units), ``activation`` (Dropdown: relu, tanh, sigmoid), ``lr`` (FloatLogSlider,
    learning rate), ``step`` (Button: one full-batch gradient-descent update),
    ``train`` (Button: 50 updates), ``reset`` (Button: new random weights).
    Changing the data set, the hidden units or the activation starts a new network.

    State: ``steps``, ``loss`` (current training loss), ``accuracy`` (training accuracy,
    0-1), ``loss_history``, ``model`` (the `MLP`), ``proba`` (grid probabilities shown),
    ``X``, ``y``. View ``"training"``: regions + loss curve.
    """
    if dataset not in DATASETS:
        raise ValueError(f"unknown dataset {dataset!r}: choose one of {', '.join(DATASETS)}.")
    style = {"description_width": "130px"}
    controls = {
        "dataset": W.Dropdown(options=list(DATASETS), value=dataset, description="data set",
                              style=style),
        "hidden": W.IntSlider(value=hidden, min=1, max=32, description="hidden units",
                              continuous_update=True, style=style),
        "activation": W.Dropdown(options=["relu", "tanh", "sigmoid"], value=activation,
                                 description="activation", style=style),
        "lr": W.FloatLogSlider(value=lr, base=10, min=-3, max=1, step=0.1, description="learning rate",
                               continuous_update=True, readout_format=".3f", style=style),
        "step": W.Button(description="Step (1 update)", button_style=""),
        "train": W.Button(description="Train (50 updates)", button_style="primary"),
        "reset": W.Button(description="Reset weights", button_style="warning"),
    }
    X, y = DATASETS[dataset]()
    plot = ClassifierPlot(X, y)
    state: dict = {"X": X, "y": y}
    view: FigureView | None = None
    info = W.HTML()
    counter = {"seed": seed}

    def new_network() -> None:
        X, y = state["X"], state["y"]
        k = int(y.max()) + 1
        init = "he" if controls["activation"].value == "relu" else "xavier"
        state["model"] = MLP([2, int(controls["hidden"].value), k],
                             activation=controls["activation"].value, init=init, seed=counter["seed"])
        state["steps"] = 0
        state["loss_history"] = [state["model"].loss_and_grads(X, y)[0]]

    def redraw() -> None:
        X, y, model = state["X"], state["y"], state["model"]
        loss = state["loss_history"][-1]
        acc = float(np.mean(model.predict(X) == y))
        state.update(loss=loss, accuracy=acc)
        h = controls["hidden"].value
        # two short lines: one long line would be wider than the panel and get cut off
        title = (f"2-{h}-{plot.k} {controls['activation'].value}, lr {controls['lr'].value:.3g}\n"
                 f"{state['steps']} steps, accuracy {100 * acc:.0f}%")
        state["proba"] = plot.update(model.predict_proba, state["loss_history"], title)
        state["title"] = title
        info.value = (f"<b>steps</b> {state['steps']} &nbsp; <b>loss</b> {loss:.4f} &nbsp; "
                      f"<b>training accuracy</b> {100 * acc:.1f}%"
                      + ("" if np.isfinite(loss) else
                         f" &nbsp; <b style='color:{PALETTE['vermillion']}'>the loss blew up: "
                         "lower the learning rate and press Reset</b>"))
        if view is not None:
            view.redraw()

    def run(n: int) -> None:
        X, y, model = state["X"], state["y"], state["model"]
        opt = SGD(float(controls["lr"].value))
        hist = state["loss_history"]          # hist[i] = the loss after i updates
        with np.errstate(over="ignore", invalid="ignore"):
            for i in range(n):
                loss, grads = model.loss_and_grads(X, y)
                if i > 0:
                    hist.append(loss)             # the loss after the previous update
                if not np.isfinite(loss):
                    break
                opt.step(model.params, grads)
                state["steps"] += 1
            else:
                hist.append(model.loss_and_grads(X, y)[0])
        redraw()

    def on_dataset(change) -> None:
        state["X"], state["y"] = DATASETS[change["new"]]()
        plot.set_data(state["X"], state["y"])
        new_network()
        redraw()

    def on_architecture(_change) -> None:
        new_network()
        redraw()

    def on_reset(_button) -> None:
        counter["seed"] += 1
        new_network()
        redraw()

    new_network()
    redraw()
    view = FigureView(plot.fig)
    controls["dataset"].observe(on_dataset, names="value")
    controls["hidden"].observe(on_architecture, names="value")
    controls["activation"].observe(on_architecture, names="value")
    controls["lr"].observe(lambda _c: redraw(), names="value")
    controls["step"].on_click(lambda _b: run(1))
    controls["train"].on_click(lambda _b: run(50))
    controls["reset"].on_click(on_reset)
    widget = W.VBox([
        W.HBox([W.VBox([controls["dataset"], controls["activation"]]),
                W.VBox([controls["hidden"], controls["lr"]])]),
        W.HBox([controls["step"], controls["train"], controls["reset"]]),
        info,
        view.image,
    ])
    return App(widget, controls, state, {"training": view})


BENCH = [
    ("playground", "hidden", [2, 4, 8, 16, 32]),
    ("playground", "lr", [0.01, 0.1, 0.3, 1.0, 3.0]),
]
"""(builder, control, values) for bench/widgets.py: time a slider change -> updated figure."""
