"""Lesson 09 widget: a small TensorFlow-Playground-like app.

`playground()` trains a one-hidden-layer MLP on the training part of a 2-D toy data set
with full-batch gradient descent: pick the data set, the number of hidden units, the
activation and the learning rate, press **Step** (one update) or **Train** (50 updates),
and watch the decision regions, the loss curve, and the accuracy on the training points
next to the accuracy on held-out points the network never trains on.

`TrainingRun` is the training (data split, network, history); the figure is
`nnlessons.plots.classifier.ClassifierPlot`; the builder only wires them to the controls.
"""
from __future__ import annotations

from collections.abc import Callable

import ipywidgets as W
import numpy as np

from ..data import make_circles, make_moons, make_spirals, make_xor
from ..losses import cross_entropy
from ..optim import SGD
from ..plots.classifier import ClassifierPlot
from ..plots.classifier import classifier_figure, region_image  # noqa: F401 (they lived here: old imports work)
from ..plots.style import PALETTE
from ..training import MLP
from .base import App, LiveFigureView

__all__ = ["DATASETS", "HELD_OUT", "TrainingRun", "playground", "BENCH"]

DATASETS: dict[str, Callable[[], tuple[np.ndarray, np.ndarray]]] = {
    "moons": lambda: make_moons(200, noise=0.15, seed=0),
    "circles": lambda: make_circles(200, noise=0.08, factor=0.45, seed=0),
    "xor": lambda: make_xor(200, noise=0.3, seed=0),
    "spirals (3 classes)": lambda: make_spirals(300, classes=3, noise=0.2, seed=0),
    "noisy moons, few points": lambda: make_moons(120, noise=0.4, seed=0),
}
"""The playground's data sets: name -> a function returning (X (m, 2), y (m,)), shuffled."""

HELD_OUT = 0.3
"""The fraction of each data set kept aside (the last points): never trained on, only measured."""


class TrainingRun:
    """A one-hidden-layer network trained by full-batch gradient descent on the training part
    of a data set; after every update it records the training loss and the accuracy on the
    training points and on the held-out points.

    ``data``: (X (n, 2), y (n,), X_heldout, y_heldout); ``model``: the `MLP`; ``steps``;
    ``loss``, ``train_acc``, ``heldout_acc``: lists, entry i = after i updates.
    """

    def __init__(self, dataset: str = "moons", hidden: int = 8, activation: str = "relu", seed: int = 0):
        self.seed = seed
        self.load(dataset)
        self.restart(hidden, activation)

    def load(self, dataset: str) -> None:
        """Split the data set `dataset`: the first 70 % of its points train, the rest are held out."""
        if dataset not in DATASETS:
            raise ValueError(f"unknown dataset {dataset!r}: choose one of {', '.join(DATASETS)}.")
        X, y = DATASETS[dataset]()
        n = int(round((1 - HELD_OUT) * len(X)))
        self.data = (X[:n], y[:n], X[n:], y[n:])

    def restart(self, hidden: int, activation: str, dataset: str | None = None, reseed: bool = False) -> None:
        """A new network with random weights (He for ReLU, Xavier otherwise), seeded by ``seed``
        (the next seed with `reseed`), on the data set `dataset` if given."""
        if dataset is not None:
            self.load(dataset)
        self.seed += bool(reseed)
        k = int(max(self.data[1].max(), self.data[3].max())) + 1
        init = "he" if activation == "relu" else "xavier"
        self.model = MLP([2, int(hidden), k], activation=activation, init=init, seed=self.seed)
        self.steps = 0
        self.loss, self.train_acc, self.heldout_acc = [], [], []
        self._record()

    def _record(self) -> None:
        X, y, Xh, yh = self.data
        logits = self.model.logits(X)
        self.loss.append(float(cross_entropy(logits, y)))
        self.train_acc.append(float(np.mean(np.argmax(logits, axis=1) == y)))
        self.heldout_acc.append(float(np.mean(self.model.predict(Xh) == yh)))

    def train(self, n: int, lr: float) -> None:
        """`n` gradient-descent updates with learning rate `lr` (stops if the loss blows up)."""
        X, y = self.data[:2]
        opt = SGD(float(lr))
        with np.errstate(over="ignore", invalid="ignore"):
            for _ in range(n):
                if not np.isfinite(self.loss[-1]):
                    break
                _, grads = self.model.loss_and_grads(X, y)
                opt.step(self.model.params, grads)
                self.steps += 1
                self._record()

    def state(self) -> dict:
        """The numbers a test reads: steps, the last loss and accuracies, the history, the data."""
        X, y, Xh, yh = self.data
        return dict(steps=self.steps, loss=self.loss[-1], accuracy=self.train_acc[-1],
                    heldout_accuracy=self.heldout_acc[-1], loss_history=self.loss, model=self.model,
                    X=X, y=y, X_heldout=Xh, y_heldout=yh)

    def shown(self, title: str) -> dict:
        """What the figure shows now (the arguments of `ClassifierPlot.update`)."""
        return dict(predict_proba=self.model.predict_proba, loss=self.loss, train_acc=self.train_acc,
                    heldout_acc=self.heldout_acc, title=title, data=self.data)


def _controls(dataset: str, hidden: int, activation: str, lr: float) -> dict:
    style = {"description_width": "130px"}
    return {
        "dataset": W.Dropdown(options=list(DATASETS), value=dataset, description="data set", style=style),
        "hidden": W.IntSlider(value=hidden, min=1, max=32, description="hidden units",
                              continuous_update=True, style=style),
        "activation": W.Dropdown(options=["relu", "tanh", "sigmoid"], value=activation,
                                 description="activation", style=style),
        "lr": W.FloatLogSlider(value=lr, base=10, min=-3, max=1, step=0.1, description="learning rate",
                               continuous_update=True, readout_format=".3f", style=style),
        "step": W.Button(description="Step (1 update)"),
        "train": W.Button(description="Train (50 updates)", button_style="primary"),
        "reset": W.Button(description="Reset weights", button_style="warning"),
    }


def _title(run: TrainingRun) -> str:
    # short: redrawn at every update (the controls show the network and the learning rate)
    return (f"{run.steps} steps: training {100 * run.train_acc[-1]:.0f}%, "
            f"held-out {100 * run.heldout_acc[-1]:.0f}%")


def _readout(state: dict, model: MLP, lr: float) -> str:
    sizes = "-".join(map(str, model.layer_sizes))
    text = (f"<b>network</b> {sizes} {model.activation}, <b>learning rate</b> {lr:.3g} &nbsp; "
            f"<b>steps</b> {state['steps']} &nbsp; <b>loss</b> {state['loss']:.4f} &nbsp; "
            f"<b>training accuracy</b> {100 * state['accuracy']:.1f}% &nbsp; "
            f"<b>held-out accuracy</b> {100 * state['heldout_accuracy']:.1f}%")
    if not np.isfinite(state["loss"]):
        text += (f" &nbsp; <b style='color:{PALETTE['vermillion']}'>the loss blew up: "
                 "lower the learning rate and press Reset</b>")
    return text


def playground(dataset: str = "moons", hidden: int = 8, activation: str = "relu", lr: float = 0.5,
               seed: int = 0) -> App:
    """A training playground for a one-hidden-layer network on 2-D data.

    Controls: ``dataset`` (Dropdown, see `DATASETS`), ``hidden`` (IntSlider), ``activation``
    (Dropdown: relu, tanh, sigmoid), ``lr`` (FloatLogSlider, learning rate), ``step``
    (Button: one update), ``train`` (Button: 50 updates), ``reset`` (Button: new random
    weights). Changing the data set, the hidden units or the activation starts a new network.
    State: ``steps``, ``loss``, ``accuracy`` (training, 0-1), ``heldout_accuracy``,
    ``loss_history``, ``model``, ``proba`` (grid probabilities shown), ``title``, ``readout``
    (the HTML line above the figure), ``X``, ``y`` (training points), ``X_heldout``,
    ``y_heldout``. View ``"training"``.
    """
    run = TrainingRun(dataset, hidden, activation, seed)
    controls = _controls(dataset, hidden, activation, lr)
    view = LiveFigureView(ClassifierPlot(*run.data))
    info = W.HTML()
    app = App(None, controls, {}, {"training": view})

    def readout(_change=None) -> None:      # the learning rate shows here only, not in the figure
        app.state["readout"] = info.value = _readout(app.state, run.model, float(controls["lr"].value))

    def show() -> None:
        app.state.update(view.show(**run.shown(_title(run))), **run.state())
        readout()

    def restart(_change=None, dataset: str | None = None, reseed: bool = False) -> None:
        run.restart(controls["hidden"].value, controls["activation"].value, dataset, reseed)
        show()

    def train(n: int) -> None:
        run.train(n, controls["lr"].value)
        show()

    controls["dataset"].observe(lambda change: restart(dataset=change["new"]), names="value")
    for name in ("hidden", "activation"):
        controls[name].observe(restart, names="value")
    controls["lr"].observe(readout, names="value")
    controls["step"].on_click(lambda _b: train(1))
    controls["train"].on_click(lambda _b: train(50))
    controls["reset"].on_click(lambda _b: restart(reseed=True))
    app.widget = W.VBox([W.HBox([W.VBox([controls["dataset"], controls["activation"]]),
                                 W.VBox([controls["hidden"], controls["lr"]])]),
                         W.HBox([controls["step"], controls["train"], controls["reset"]]), info, view.image])
    show()
    return app


BENCH = [
    ("playground", "hidden", [2, 4, 8, 16, 32]),
    ("playground", "dataset", list(DATASETS)),
]
"""(builder, control, values) for bench/widgets.py: time a control change -> updated figure.
(The learning rate changes only the readout above the figure, not the figure.)"""
