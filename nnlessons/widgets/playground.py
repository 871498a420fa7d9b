"""Lesson 09 widget: a small TensorFlow-Playground-like app.

`playground()` trains a one-hidden-layer MLP on the training part of a 2-D toy data set
with full-batch gradient descent: pick the data set, the number of hidden units, the
activation and the learning rate, press **Step** (one update) or **Train** (50 updates),
and watch the decision regions, the loss curve, and the accuracy on the training points
next to the accuracy on held-out points the network never trains on.

With a learner's ``two_layer_grads`` (exercise 08), the learner's gradients train the
network (when it has ReLU hidden units, what the exercise computes); at every update they
are compared with the package's, and from the first update where they differ the
package's training of the same network is drawn faint beside the learner's.

`TrainingRun` is the training (data split, network, history); the figure is
`nnlessons.plots.classifier.ClassifierPlot`; the builder only wires them to the controls.
"""
from __future__ import annotations

import copy
import html
import time
from collections.abc import Callable

import ipywidgets as W
import numpy as np

from .. import layers, losses
from ..data import make_circles, make_moons, make_spirals, make_xor
from ..losses import cross_entropy
from ..optim import SGD
from ..plots.classifier import ClassifierPlot
from ..plots.classifier import classifier_figure, region_image  # noqa: F401 (they lived here: old imports work)
from ..plots.style import PALETTE
from ..training import MLP
from .base import App, LiveFigureView
from .yours import BUDGET_S, YourCode
from .yours_parts import YourParts

__all__ = ["DATASETS", "HELD_OUT", "TRAIN_BUDGET_S", "TrainingRun", "package_two_layer_grads", "playground",
           "BENCH", "YOURS"]

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

TRAIN_BUDGET_S = 0.5
"""Seconds one press of Train may spend in a learner's gradients: a slow two_layer_grads
gets fewer updates per press (the line says how many), not a frozen playground."""

Gradients = Callable[[np.ndarray, np.ndarray, dict], tuple[dict, bool]]
"""(X, y, params) -> (the gradients to step with, whether they differ from the package's)."""


def package_two_layer_grads(X: np.ndarray, y: np.ndarray, params: dict) -> dict:
    """The package's gradients of a ReLU network with one hidden layer (exercise 08's
    signature): X (m, n), y (m,), params W1 (n, h), b1 (h,), W2 (h, k), b2 (k,) ->
    {"W1", "b1", "W2", "b2"}, each of its parameter's shape."""
    logits, caches = layers.mlp_forward(X, params, "relu")
    return layers.mlp_backward(losses.cross_entropy_grad(logits, y), caches)


class TrainingRun:
    """A one-hidden-layer network trained by full-batch gradient descent on the training part
    of a data set; after every update it records the training loss and the accuracy on the
    training points and on the held-out points.

    ``data``: (X (n, 2), y (n,), X_heldout, y_heldout); ``model``: the `MLP`; ``steps``;
    ``loss``, ``train_acc``, ``heldout_acc``: lists, entry i = after i updates.
    ``grads``: optional `Gradients` (a learner's), used instead of the package's backward
    pass when the network has ReLU hidden units (`yours`). ``parted``: the first update
    whose gradients differed from the package's (None while they agree); from there
    ``package_loss`` is the loss of the same network trained with the package's gradients.
    """

    def __init__(self, dataset: str = "moons", hidden: int = 8, activation: str = "relu", seed: int = 0,
                 grads: Gradients | None = None):
        self.seed, self.grads = seed, grads
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
        self.parted, self.package, self.package_loss, self._ahead = None, None, [], None
        self._record()

    @property
    def yours(self) -> bool:
        """Whether the learner's gradients train this network (given, and ReLU hidden units)."""
        return self.grads is not None and self.model.activation == "relu"

    def look_ahead(self) -> None:
        """Compute the learner's gradients for the next update now (they are kept for it), so
        a difference shows before any training."""
        if self.yours and self._ahead is None:
            self._ahead = (self.steps, *self.grads(*self.data[:2], self.model.params))
            if self._ahead[2]:
                self._part()

    def _part(self) -> None:
        if self.parted is None:
            self.parted, self.package, self.package_loss = self.steps, copy.deepcopy(self.model), list(self.loss)

    def _gradients(self, X: np.ndarray, y: np.ndarray) -> dict:
        if not self.yours:
            return self.model.loss_and_grads(X, y)[1]
        if self._ahead is not None and self._ahead[0] == self.steps:
            grads, differs = self._ahead[1:]
        else:
            grads, differs = self.grads(X, y, self.model.params)
        self._ahead = None
        if differs:
            self._part()
        return grads

    def _record(self) -> None:
        X, y, Xh, yh = self.data
        logits = self.model.logits(X)
        self.loss.append(float(cross_entropy(logits, y)))
        self.train_acc.append(float(np.mean(np.argmax(logits, axis=1) == y)))
        self.heldout_acc.append(float(np.mean(self.model.predict(Xh) == yh)))

    def train(self, n: int, lr: float, budget: float | None = None) -> int:
        """`n` gradient-descent updates with learning rate `lr` (stops if the loss blows up,
        or once the learner's gradients took `budget` seconds); returns how many were made."""
        X, y = self.data[:2]
        opt = SGD(float(lr))
        start, spent = self.steps, 0.0
        with np.errstate(over="ignore", invalid="ignore"):
            while self.steps - start < n and np.isfinite(self.loss[-1]):
                if budget is not None and spent > budget:
                    break
                t = time.perf_counter()
                grads = self._gradients(X, y)
                spent += time.perf_counter() - t
                opt.step(self.model.params, grads)
                if self.package is not None:      # the same network, trained with the package's gradients
                    opt.step(self.package.params, self.package.loss_and_grads(X, y)[1])
                    self.package_loss.append(float(cross_entropy(self.package.logits(X), y)))
                self.steps += 1
                self._record()
        return self.steps - start

    def state(self) -> dict:
        """The numbers a test reads: steps, the last loss and accuracies, the history, the data."""
        X, y, Xh, yh = self.data
        return dict(steps=self.steps, parted=self.parted, loss=self.loss[-1], accuracy=self.train_acc[-1],
                    heldout_accuracy=self.heldout_acc[-1], loss_history=self.loss, model=self.model,
                    X=X, y=y, X_heldout=Xh, y_heldout=yh)

    def shown(self, title: str) -> dict:
        """What the figure shows now (the arguments of `ClassifierPlot.update`)."""
        return dict(predict_proba=self.model.predict_proba, loss=self.loss, train_acc=self.train_acc,
                    heldout_acc=self.heldout_acc, title=title, data=self.data, package_loss=self.package_loss,
                    parted=self.parted)


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


def _your_gradients(two_layer_grads, yours: YourCode) -> tuple[YourParts, Gradients | None]:
    """The learner's two_layer_grads compared on its four gradients, as the run's `Gradients`."""
    fn = YourParts.within(yours, "two_layer_grads", ("W1", "b1", "W2", "b2"), what="gradient entries",
                          shown="at the current weights")
    return fn, ((lambda X, y, params: (fn(X, y, params), fn.last.status == "differs")) if fn.given else None)


def _your_line(run: TrainingRun, fn: YourParts, yours: YourCode, asked: int = 0, done: int = 0) -> dict:
    """Refresh the line over the figure (how the learner's gradients compare, what trains the
    network); the state for ``app.state["yours"]``."""
    if not fn.given:
        return {}
    if not run.yours:
        yours.show([])
        yours.line.value = (f"<div>Your two_layer_grads computes the gradients of a network with ReLU hidden "
                            f"units, so it trains only with activation relu: with {run.model.activation}, the "
                            "package's gradients train this network.</div>")
        return {}
    state = yours.show(["two_layer_grads"])
    notes = []
    if run.parted is not None:
        notes.append(f"Training follows your gradients; they first differed from the package's at update "
                     f"{run.parted} (✗ on the loss curve), and the package's training from there is drawn faint.")
    if fn.last is not None and not fn.last.yours:
        notes.append("Until it works, the package's gradients train this network.")
    if done < asked:
        notes.append(f"Your two_layer_grads takes {1000 * fn.seconds:.0f} ms a call, so this press of Train ran "
                     f"{done} of {asked} updates: press it again for more.")
    yours.line.value += "".join(f"<div style='margin:2px 0'>{html.escape(n)}</div>" for n in notes)
    return state


def playground(dataset: str = "moons", hidden: int = 8, activation: str = "relu", lr: float = 0.5,
               seed: int = 0, *, two_layer_grads=None) -> App:
    """A training playground for a one-hidden-layer network on 2-D data.

    Controls: ``dataset`` (Dropdown, see `DATASETS`), ``hidden`` (IntSlider), ``activation``
    (Dropdown: relu, tanh, sigmoid), ``lr`` (FloatLogSlider, learning rate), ``step``
    (Button: one update), ``train`` (Button: 50 updates), ``reset`` (Button: new random
    weights). Changing the data set, the hidden units or the activation starts a new network.
    two_layer_grads: your exercise function (exercise 08), two_layer_grads(X, y, params) ->
    {"W1": dW1, ...}: it trains the network when the activation is relu (what it computes),
    compared at every update with the package's; from the first update where they differ,
    the package's training is drawn faint beside yours (see `TrainingRun`). A slow one gets
    fewer updates per press of Train (`TRAIN_BUDGET_S`).
    State: ``steps``, ``loss``, ``accuracy`` (training, 0-1), ``heldout_accuracy``,
    ``loss_history``, ``model``, ``proba`` (grid probabilities shown), ``title``, ``readout``
    (the HTML line above the figure), ``X``, ``y`` (training points), ``X_heldout``,
    ``y_heldout``, ``parted`` (the first update whose gradients differed), ``yours``. View ``"training"``.
    """
    yours = YourCode(two_layer_grads=(two_layer_grads, package_two_layer_grads))
    fn, grads = _your_gradients(two_layer_grads, yours)
    run = TrainingRun(dataset, hidden, activation, seed, grads=grads)
    controls = _controls(dataset, hidden, activation, lr)
    view = LiveFigureView(ClassifierPlot(*run.data))
    info = W.HTML()
    app = App(None, controls, {}, {"training": view})

    def readout(_change=None) -> None:      # the learning rate shows here only, not in the figure
        app.state["readout"] = info.value = _readout(app.state, run.model, float(controls["lr"].value))

    def show(asked: int = 0, done: int = 0) -> None:
        app.state.update(view.show(**run.shown(_title(run))), **run.state(), yours=_your_line(run, fn, yours, asked, done))
        readout()

    def restart(_change=None, dataset: str | None = None, reseed: bool = False) -> None:
        run.restart(controls["hidden"].value, controls["activation"].value, dataset, reseed)
        if fn.seconds <= BUDGET_S:   # a fast function is compared before any update; a slow one at the first
            run.look_ahead()
        show()

    def train(n: int) -> None:
        show(n, run.train(n, controls["lr"].value, TRAIN_BUDGET_S if run.yours else None))

    controls["dataset"].observe(lambda change: restart(dataset=change["new"]), names="value")
    for name in ("hidden", "activation"):
        controls[name].observe(restart, names="value")
    controls["lr"].observe(readout, names="value")
    controls["step"].on_click(lambda _b: train(1))
    controls["train"].on_click(lambda _b: train(50))
    controls["reset"].on_click(lambda _b: restart(reseed=True))
    app.widget = W.VBox([W.HBox([W.VBox([controls["dataset"], controls["activation"]]),
                                 W.VBox([controls["hidden"], controls["lr"]])]),
                         W.HBox([controls["step"], controls["train"], controls["reset"]]), info, yours.line,
                         view.image])
    restart()
    return app


BENCH = [
    ("playground", "hidden", [2, 4, 8, 16, 32]),
    ("playground", "dataset", list(DATASETS)),
]
"""(builder, control, values) for bench/widgets.py: time a control change -> updated figure.
(The learning rate changes only the readout above the figure, not the figure.)"""

YOURS = {"playground": {"two_layer_grads": {"controls": {}, "mistake": "no_relu_mask"}}}
"""The learner's function the builder takes (keyword = exercise name), the control values
under which it is used (activation relu, the default) and a known mistake that shows."""
