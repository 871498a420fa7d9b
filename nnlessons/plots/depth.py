"""Figures for lesson 10 (initialization and depth): how the spread of the activations and of
the gradients changes layer by layer in a deep network, for each initial scale and activation.

`depth_run(scale, activation)` runs one forward and one backward pass through a net of 10
hidden layers (100 units each, a linear output over 10 classes) on a batch of random inputs
and measures, per layer, the standard deviation of the activations and of the weight
gradients dW. `DepthSignals` (a `LiveFigure`) draws one run: each layer's activations as a
histogram, the std of the activations per layer and the std of dW per layer (log scales);
the lesson's widget moves it between settings. `spread_by_layer` compares the four scales.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable, NamedTuple

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FixedLocator, NullLocator
from matplotlib.transforms import offset_copy

from ..activations import get_activation
from ..layers import init_params, mlp_backward, mlp_forward
from ..losses import cross_entropy_grad
from .beside import Beside, differing
from .live import LiveFigure
from .style import PALETTE, new_figure, style_axes

__all__ = ["INIT_SCALES", "DEPTH_ACTIVATIONS", "DEPTH", "WIDTH", "scaled_init", "DepthRun", "scheme_std",
           "layer_stds", "depth_inputs", "hidden_stds", "depth_run", "depth_verdicts", "short_number", "DepthSignals", "depth_signals", "spread_by_layer"]

INIT_SCALES: dict[str, tuple[str, str, float]] = {
    "0.1x": ("0.1 × He", "he", 0.1),
    "xavier": ("Xavier", "xavier", 1.0),
    "he": ("He", "he", 1.0),
    "3x": ("3 × He", "he", 3.0),
}
"""The initial scales the lesson compares: key -> (label, `init_params` scheme, factor on its
weights). He's std is sqrt(2 / n_in), Xavier's sqrt(2 / (n_in + n_out))."""

DEPTH_ACTIVATIONS: dict[str, tuple[str, tuple[float, float]]] = {
    "relu": ("ReLU", (0.0, 3.0)),
    "tanh": ("tanh", (-1.0, 1.0)),
    "sigmoid": ("sigmoid", (0.0, 1.0)),
}
"""Activation -> (label, the range of activation values the histograms show)."""

DEPTH, WIDTH, BATCH, CLASSES, BINS = 10, 100, 256, 10, 40
"""The lesson's net: DEPTH hidden layers of WIDTH units, a linear output over CLASSES
classes, one batch of BATCH random inputs (standard normal); histograms of BINS bins."""

ACT_COLOR, GRAD_COLOR = PALETTE["green"], PALETTE["purple"]   # forward signal, backward signal
SCALE_COLORS = {"0.1x": PALETTE["blue"], "xavier": PALETTE["orange"], "he": PALETTE["black"],
                "3x": PALETTE["vermillion"]}
ACT_YLIM, GRAD_YLIM = (1e-12, 1e6), (1e-18, 1e5)
"""Fixed log ranges of the std plots: they hold every setting, so the settings compare."""


def _check(scale: str, activation: str) -> None:
    if scale not in INIT_SCALES:
        raise ValueError(f"unknown scale {scale!r}: choose one of {', '.join(INIT_SCALES)}")
    if activation not in DEPTH_ACTIVATIONS:
        raise ValueError(f"unknown activation {activation!r}: choose one of {', '.join(DEPTH_ACTIVATIONS)}")


def scaled_init(sizes: list[int], scale: str, seed: int = 0) -> dict[str, np.ndarray]:
    """`init_params(sizes, scheme, seed)` with every weight matrix multiplied by the scale's
    factor (see `INIT_SCALES`): "0.1x" is He's weights times 0.1, "3x" times 3."""
    _check(scale, "relu")
    _, scheme, factor = INIT_SCALES[scale]
    params = init_params(sizes, scheme, seed)
    return {k: v * factor if k.startswith("W") else v for k, v in params.items()}


class DepthRun(NamedTuple):
    """One forward and backward pass of the lesson's deep net (see `depth_run`).

    act_std (DEPTH,): the std of each hidden layer's activations A_l (over all m x n entries).
    act_mean (DEPTH,): their mean.
    grad_std (DEPTH + 1,): the std of each dW_l, the output layer's last.
    hist (DEPTH, BINS): each layer's histogram over the activation's range, scaled so its
        tallest bar is 1 (values beyond the range counted in the edge bins; ReLU's exact zeros
        left out); edges (BINS + 1,): the bin edges.
    beyond (DEPTH,): the share of each layer's (drawn) values beyond the range.
    zeros (DEPTH,): the share of activations exactly 0.
    flat (DEPTH,): the share of units whose slope f'(z) is under 5% of the activation's
        largest slope (saturated tanh or sigmoid units; switched-off ReLUs).
    example_std (DEPTH,): how much a unit's activation changes from one example to another:
        the std over the batch of each unit, averaged over the units.
    """

    scale: str
    activation: str
    act_std: np.ndarray
    act_mean: np.ndarray
    grad_std: np.ndarray
    hist: np.ndarray
    edges: np.ndarray
    beyond: np.ndarray
    zeros: np.ndarray
    flat: np.ndarray
    example_std: np.ndarray


def _histogram(a: np.ndarray, activation: str) -> tuple[np.ndarray, np.ndarray, float]:
    lo, hi = DEPTH_ACTIVATIONS[activation][1]
    values = a[a != 0] if activation == "relu" else a.ravel()
    edges = np.linspace(lo, hi, BINS + 1)
    if values.size == 0:
        return np.zeros(BINS), edges, 0.0
    beyond = float(np.mean((values < lo) | (values > hi)))
    counts, _ = np.histogram(np.clip(values, lo, hi), bins=edges)
    return counts / max(counts.max(), 1), edges, beyond


SIZES = [WIDTH] * (DEPTH + 1) + [CLASSES]
"""The lesson's net's layer sizes, inputs first."""


def scheme_std(scheme: str, fan_in: int, fan_out: int) -> float:
    """The std of `init_params`' normal weights for a layer fan_in -> fan_out: "he"
    sqrt(2 / fan_in), "xavier" sqrt(2 / (fan_in + fan_out)) (exercise 10's ``init_std``)."""
    if scheme not in ("he", "xavier"):
        raise ValueError(f"no initial std for scheme {scheme!r} (the lesson's are 'he' and 'xavier')")
    n = fan_in if scheme == "he" else fan_in + fan_out      # as `init_params` draws them
    return float(np.sqrt(2.0 / n))


def layer_stds(scale: str, init: Callable[[str, int, int], float] = scheme_std) -> tuple[float, ...]:
    """The std of each layer's initial weights for this scale, before its factor (see
    `INIT_SCALES`): ``init(scheme, fan_in, fan_out)`` per layer, DEPTH + 1 floats."""
    _check(scale, "relu")
    scheme = INIT_SCALES[scale][1]
    return tuple(float(init(scheme, a, b)) for a, b in zip(SIZES[:-1], SIZES[1:]))


@lru_cache(maxsize=None)
def depth_inputs(scale: str = "he", seed: int = 0,
                 stds: tuple[float, ...] | None = None) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    """What `depth_run` feeds the lesson's net: a batch X (BATCH, WIDTH) of standard-normal
    inputs, its labels y (BATCH,) among CLASSES classes, and the params W1, b1, ..., bL of
    the net (weights from `scaled_init`, biases 0). stds: the std of each layer's weights
    before the scale's factor (DEPTH + 1 floats, e.g. `layer_stds` of a learner's
    ``init_std``; None: the scheme's), the same normal draws. Cached (the arrays are read-only)."""
    _check(scale, "relu")
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((BATCH, WIDTH))
    y = rng.integers(0, CLASSES, BATCH)
    if stds is None:
        params = scaled_init(SIZES, scale, seed + 1)
    else:
        draws, factor = np.random.default_rng(seed + 1), INIT_SCALES[scale][2]   # init_params' draws
        params = {}
        for l, (a, b) in enumerate(zip(SIZES[:-1], SIZES[1:]), start=1):
            params[f"W{l}"] = draws.standard_normal((a, b)) * stds[l - 1] * factor
            params[f"b{l}"] = np.zeros(b)
    for a in (X, y, *params.values()):
        a.setflags(write=False)
    return X, y, params


def hidden_stds(X: np.ndarray, params: dict[str, np.ndarray], activation: str = "relu") -> list[float]:
    """The std (over all m x n entries) of each hidden layer's activations A_1, ..., A_{L-1}
    in a forward pass of X (m, n_0) through the dense net W1, b1, ..., WL, bL (the last
    layer, the linear output, left out): a list of L - 1 floats (exercise 10's
    ``activation_stds``)."""
    with np.errstate(over="ignore", under="ignore"):
        _, caches = mlp_forward(np.asarray(X, dtype=np.float64), params, activation)
    return [float(caches[l].dense.X.std()) for l in range(1, len(caches))]   # as `depth_run` measures A_l


@lru_cache(maxsize=None)
def depth_run(scale: str = "he", activation: str = "relu", seed: int = 0,
              stds: tuple[float, ...] | None = None) -> DepthRun:
    """Run the lesson's deep net once forward and once backward and measure every layer.

    A batch X (BATCH, WIDTH) of standard-normal inputs with random labels among CLASSES
    classes; weights from `scaled_init` (biases 0); the hidden layers apply `activation`,
    the output is linear; the gradients are those of the mean cross-entropy; stds: the
    weights' std per layer (see `depth_inputs`). Cached (the arrays are read-only).
    """
    _check(scale, activation)
    X, y, params = depth_inputs(scale, seed, stds)
    with np.errstate(over="ignore", under="ignore"):
        logits, caches = mlp_forward(X, params, activation)
        grads = mlp_backward(cross_entropy_grad(logits, y), caches)
    acts = [caches[l].dense.X for l in range(1, DEPTH + 1)]      # layer l + 1's input is A_l
    slope = get_activation(activation)[1]
    top = float(slope(np.array(0.0))) if activation != "relu" else 1.0
    hists = [_histogram(a, activation) for a in acts]
    run = DepthRun(
        scale, activation,
        act_std=np.array([a.std() for a in acts]),
        act_mean=np.array([a.mean() for a in acts]),
        grad_std=np.array([grads[f"W{l}"].std() for l in range(1, DEPTH + 2)]),
        hist=np.array([h for h, _, _ in hists]), edges=hists[0][1],
        beyond=np.array([b for _, _, b in hists]),
        zeros=np.array([np.mean(a == 0) for a in acts]),
        flat=np.array([np.mean(slope(caches[l - 1].Z) < 0.05 * top) for l in range(1, DEPTH + 1)]),
        example_std=np.array([a.std(axis=0).mean() for a in acts]),
    )
    for a in run[2:]:
        a.setflags(write=False)
    return run


def short_number(v: float) -> str:
    """A positive size in a few characters: '0.83', '63', '4.2e4', '7.1e-11'."""
    v = float(v)
    if v == 0 or 0.01 <= abs(v) < 100:
        return f"{v:.2g}"
    mantissa, exponent = f"{v:.1e}".split("e")
    return f"{mantissa}e{int(exponent)}"


def depth_verdicts(run: DepthRun) -> dict[str, str]:
    """What a run shows, in words: ``signal`` (the activations from layer 1 to the last) and
    ``gradient`` (dW from the last hidden layer back to the first). Each is a short verdict,
    a colon, then the numbers behind it."""
    first, last = run.act_std[0], run.act_std[-1]
    ratio = last / first
    span = f"from {short_number(first)} (layer 1) to {short_number(last)} (layer {DEPTH})"
    if run.activation != "relu" and run.flat[-1] > 0.5:
        signal = (f"saturate: {run.flat[-1]:.0%} of layer {DEPTH}'s values sit where {run.activation} is flat "
                  f"(its slope under 1/20 of its largest)")
    elif ratio < 1e-3:
        signal = f"vanish: their std falls {span}"
    elif ratio > 1e3:
        signal = f"explode: their std grows {span}"
    elif run.example_std[-1] < 0.1 * last:
        # most of the spread is between units, each nearly constant over the batch
        signal = (f"keep their size but forget the input: std {short_number(last)} at layer {DEPTH}, yet each "
                  f"unit gives almost the same value for every example (it varies by {short_number(run.example_std[-1])})")
    elif ratio < 0.5:
        signal = f"shrink: their std falls {span}"
    else:
        signal = f"keep their size: their std goes {span}"
    hidden = run.grad_std[:DEPTH]
    g_first, g_last = hidden[0], hidden[-1]
    back = f"from {short_number(g_last)} (layer {DEPTH}) to {short_number(g_first)} (layer 1)"
    if hidden.max() < 1e-6:
        gradient = f"vanish: tiny in every layer (about {short_number(np.median(hidden))})"
    elif hidden.min() > 10:
        gradient = f"explode: huge in every layer (about {short_number(np.median(hidden))})"
    elif g_first / g_last < 0.1:
        gradient = f"vanish: they shrink on the way back, {back}"
    elif g_first / g_last > 10:
        gradient = f"explode: they grow on the way back, {back}"
    else:
        gradient = f"keep their size: about the same in every layer, {back}"
    return {"signal": signal, "gradient": gradient}


HIST_TITLE = "each layer's activations, one histogram per layer\n(values beyond the range piled at its edge)"
"""The histograms' title: the same for every activation (a changing title would cost a full redraw)."""


def _value_label(activation: str) -> str:
    """The histograms' x label: the activation's output, and what its histograms leave out."""
    label, (lo, hi) = DEPTH_ACTIVATIONS[activation]
    if activation == "relu":
        return f"{label}'s output (its exact zeros, about half, left out)"
    return f"{label}'s output (between {lo:g} and {hi:g})".replace("-", "−")


def _log_axis(ax, lo: float, hi: float) -> None:
    ax.set_yscale("log")
    ax.set_ylim(lo, hi)
    ax.yaxis.set_major_locator(FixedLocator([10.0 ** k for k in range(int(np.log10(lo)), int(np.log10(hi)) + 1, 3)]))
    ax.yaxis.set_minor_locator(NullLocator())


class DepthSignals(LiveFigure):
    """One run of the deep net, three panels: left, each hidden layer's activations as a
    histogram (layer 1 on top), with its std written beside it; top right, the std of the
    activations per layer; bottom right, the std of the weight gradients dW per layer
    (both on fixed log scales, so settings compare).

    labels: write each layer's std beside its histogram and the verdicts as the figure's title.
    A widget that shows the verdicts in its own text leaves them out: every text drawn costs
    time on each update. The histograms' x label (which names the activation and what its
    histograms leave out) is drawn in either case, and follows the activation.

    stds: a function like `hidden_stds` (``(X, params, activation) -> DEPTH floats``, e.g. a
    learner's ``activation_stds`` wrapped by ``nnlessons.widgets.yours``) whose values the
    activations' std line draws, on the run's own inputs (`depth_inputs`); where they part
    from the run's, the run's are drawn faint beside them and the learner's marked
    (`nnlessons.plots.beside.Beside`). Default: the run's own.

    init: a function like `scheme_std` (``(scheme, fan_in, fan_out) -> std``, e.g. a learner's
    ``init_std`` wrapped by ``nnlessons.widgets.yours``) that sets each layer's initial
    weights. Where its stds part from the scheme's, the run drawn (histograms, both std lines,
    the verdicts) is the net with those weights, the package's std lines faint beside it and
    marked where they part. Default: the scheme's.

    ``update(scale, activation)`` returns ``scale``, ``activation``, ``act_std`` (DEPTH,) (as drawn),
    ``act_std_differ`` and ``grad_std_differ`` (how many part from the package's run),
    ``grad_std`` (DEPTH + 1,), ``hist`` (DEPTH, BINS) and ``edges`` as drawn, the texts
    ``ticks`` and ``value_label`` under the histograms and ``std_texts`` beside them (empty
    without labels), ``headline`` and the verdicts
    ``signal`` and ``gradient``.
    """

    def __init__(self, scale: str = "he", activation: str = "relu", labels: bool = True, dpi: int = 80,
                 stds: Callable[[np.ndarray, dict, str], Any] | None = None,
                 init: Callable[[str, int, int], float] | None = None):
        _check(scale, activation)
        self.labels, self.stds, self.init = labels, stds, init
        self.fig = fig = new_figure(9.6, 4.9 if labels else 4.5, dpi=dpi)
        grid = fig.add_gridspec(2, 2, width_ratios=[1.05, 1.0])
        self.ax_h = ax_h = fig.add_subplot(grid[:, 0])
        self.ax_a = ax_a = fig.add_subplot(grid[0, 1])
        self.ax_g = ax_g = fig.add_subplot(grid[1, 1])
        offsets = DEPTH - 1 - np.arange(DEPTH)           # layer 1 on top
        self.offsets = offsets
        # the x label names the activation, so it is a moving text, put where matplotlib puts an x
        # label (under the tick labels); the invisible axis label keeps the room for the longest one
        longest = max((_value_label(a) for a in DEPTH_ACTIVATIONS), key=len)
        style_axes(ax_h, HIST_TITLE, longest, "")
        ax_h.xaxis.label.set_color("none")
        ax_h.title.set_fontsize(10)
        ax_h.grid(False)
        ax_h.set_ylim(-0.15, DEPTH)
        # the x axis runs over [0, 1], the activation's range mapped onto it, so that switching
        # the activation changes only the bars and three tick texts, never the axes
        ticks = np.linspace(0, 1, 5)
        ax_h.set_xlim(-0.03, 1.03)
        ax_h.set_xticks(ticks, ["0"] * 5)            # placeholders that keep the labels' room
        ax_h.tick_params(axis="x", labelcolor="none")
        tick = ax_h.xaxis.get_major_ticks()[0]
        below = offset_copy(ax_h.get_xaxis_transform(), fig, y=-(tick.get_tick_padding() + tick.get_pad()),
                            units="points")                  # where matplotlib puts tick labels
        self.tick_texts = [ax_h.text(x, 0, "", transform=below, ha="center", va="top",
                                     fontsize=tick.label1.get_fontsize()) for x in ticks[::2]]
        under = offset_copy(ax_h.get_xaxis_transform(), fig, units="points",
                            y=-(tick.get_tick_padding() + tick.get_pad() + 1.2 * tick.label1.get_fontsize()
                                + ax_h.xaxis.labelpad))
        self.value_label = ax_h.text(0.5, 0, "", transform=under, ha="center", va="top",
                                     fontsize=ax_h.xaxis.label.get_fontsize())
        ax_h.set_yticks(offsets + 0.4, [f"layer {l}" for l in range(1, DEPTH + 1)])
        ax_h.tick_params(axis="y", length=0)
        for off in offsets:
            ax_h.axhline(off, color=PALETTE["grey"], lw=0.6)
        edges = np.linspace(0, 1, BINS + 1)
        self.bars = [ax_h.stairs(np.full(BINS, off), edges, baseline=off, fill=True, color=ACT_COLOR,
                                 alpha=0.85, lw=0) for off in offsets]
        self.std_texts = [ax_h.text(1.02, off + 0.4, "", transform=ax_h.get_yaxis_transform(), ha="left",
                                    va="center", fontsize=8, color=PALETTE["black"])
                          for off in (offsets if labels else [])]

        layers = np.arange(1, DEPTH + 1)
        style_axes(ax_a, "activations: std per layer (log scale)", "", "std of $A_l$")
        _log_axis(ax_a, *ACT_YLIM)
        ax_a.set_xlim(0.5, DEPTH + 1.5)
        ax_a.set_xticks(layers)
        ax_a.axhline(1.0, color=PALETTE["grey"], ls=":", lw=1.2)
        ax_a.text(DEPTH + 1.4, 1.0, "input's std", fontsize=7, color=PALETTE["grey"], ha="right", va="bottom")
        (self.act_line,) = ax_a.plot(layers, np.ones(DEPTH), "-o", color=ACT_COLOR, lw=2, ms=4)
        self.beside = Beside(ax_a, self.act_line)     # the run's stds, faint, where `stds` parts from them

        style_axes(ax_g, "gradients: std of $dW_l$ per layer (log scale)", "layer $l$", "std of $dW_l$")
        _log_axis(ax_g, *GRAD_YLIM)
        ax_g.set_xlim(0.5, DEPTH + 1.5)
        ax_g.set_xticks(np.arange(1, DEPTH + 2), [str(l) for l in layers] + ["out"])
        (self.grad_line,) = ax_g.plot(np.arange(1, DEPTH + 2), np.ones(DEPTH + 1), "-o", color=GRAD_COLOR,
                                      lw=2, ms=4)
        self.beside_grad = Beside(ax_g, self.grad_line)   # the package's dW stds, faint, under another init
        self.headline = fig.suptitle(" ", fontsize=11) if labels else None
        self.activation = None
        self.animated = [*self.bars, *self.std_texts, *self.tick_texts, self.value_label, self.act_line,
                         self.grad_line, *self.beside.artists, *self.beside_grad.artists]
        if labels:
            self.animated.append(self.headline)
        self.update(scale=scale, activation=activation)

    def _set_activation(self, activation: str) -> None:
        lo, hi = DEPTH_ACTIVATIONS[activation][1]
        for text, x in zip(self.tick_texts, np.linspace(lo, hi, len(self.tick_texts))):
            text.set_text(f"{x:g}".replace("-", "−"))
        self.value_label.set_text(_value_label(activation))
        self.activation = activation

    def _weights(self, scale: str) -> tuple[float, ...] | None:
        """The weights' stds per layer from `init`, or None when they are the scheme's."""
        if self.init is None:
            return None
        stds = layer_stds(scale, self.init)
        return stds if differing(stds, layer_stds(scale)).any() else None

    def _stds(self, scale: str, activation: str, run: DepthRun, package: DepthRun,
              weights: tuple | None) -> tuple[np.ndarray, int]:
        """The activations' stds to draw, (DEPTH,), and how many part from the package's run
        (those drawn faint beside them): `run`'s own without `stds`."""
        got = run.act_std.copy()
        if self.stds is not None:
            X, _, params = depth_inputs(scale, 0, weights)
            got = np.asarray(self.stds(X, params, activation), dtype=float).reshape(DEPTH)
        return got, self.beside.show(np.arange(1, DEPTH + 1), got, package.act_std)

    def update(self, scale: str, activation: str) -> dict[str, Any]:
        """Show the run of `scale` and `activation` (see `depth_run`)."""
        weights = self._weights(scale)
        package = depth_run(scale, activation)
        run = package if weights is None else depth_run(scale, activation, 0, weights)
        if activation != self.activation:
            self._set_activation(activation)
        lo, hi = DEPTH_ACTIVATIONS[activation][1]
        edges = (run.edges - lo) / (hi - lo)               # the x axis holds the range as [0, 1]
        for off, bar, h in zip(self.offsets, self.bars, run.hist):
            bar.set_data(off + 0.85 * h, edges, baseline=off)
        act_std, differ = self._stds(scale, activation, run, package, weights)
        grad_differ = self.beside_grad.show(np.arange(1, DEPTH + 2), run.grad_std, package.grad_std)
        for text, s in zip(self.std_texts, act_std):
            text.set_text(f"std {short_number(s)}")
        self.act_line.set_ydata(act_std)
        self.grad_line.set_ydata(run.grad_std)
        verdicts = depth_verdicts(run)
        headline = (f"{INIT_SCALES[scale][0]} init, {DEPTH_ACTIVATIONS[activation][0]}: the activations "
                    f"{verdicts['signal'].split(':')[0]}, the gradients {verdicts['gradient'].split(':')[0]}")
        if self.labels:
            self.headline.set_text(headline)
        return dict(scale=scale, activation=activation, act_std=act_std, act_std_differ=differ,
                    grad_std_differ=grad_differ,
                    grad_std=run.grad_std.copy(), hist=run.hist.copy(), edges=run.edges.copy(),
                    ticks=[t.get_text() for t in self.tick_texts], value_label=self.value_label.get_text(),
                    std_texts=[t.get_text() for t in self.std_texts], headline=headline, **verdicts)


def depth_signals(scale: str = "he", activation: str = "relu") -> Figure:
    """The static version of `DepthSignals` for one setting."""
    return DepthSignals(scale, activation, dpi=90).fig


def spread_by_layer(activation: str = "relu", predicted: bool = True) -> Figure:
    """The std of the activations (left) and of dW (right) per layer, one line per initial
    scale (log scales). With ``predicted`` and ReLU, dashed lines give what the variance
    formula predicts: layer 1's std multiplied by sqrt(n_in Var(w) / 2) per layer."""
    _check("he", activation)
    fig = new_figure(9.6, 3.7, dpi=90)
    ax_a, ax_g = fig.subplots(1, 2)
    label = DEPTH_ACTIVATIONS[activation][0]
    style_axes(ax_a, f"activations ({label}): std per layer", "layer $l$", "std of $A_l$ (log scale)")
    style_axes(ax_g, f"gradients ({label}): std of $dW_l$ per layer", "layer $l$", "std of $dW_l$ (log scale)")
    _log_axis(ax_a, *ACT_YLIM)
    _log_axis(ax_g, *GRAD_YLIM)
    layers = np.arange(1, DEPTH + 1)
    for scale, (name, scheme, factor) in INIT_SCALES.items():
        run = depth_run(scale, activation)
        color = SCALE_COLORS[scale]
        ax_a.plot(layers, run.act_std, "-o", color=color, lw=2, ms=4, label=name)
        ax_g.plot(np.arange(1, DEPTH + 2), run.grad_std, "-o", color=color, lw=2, ms=4, label=name)
        if predicted and activation == "relu":
            var_w = factor ** 2 * (2 / WIDTH if scheme == "he" else 2 / (2 * WIDTH))
            gain = np.sqrt(WIDTH * var_w / 2)
            ax_a.plot(layers, run.act_std[0] * gain ** (layers - 1), ls=(0, (3, 2)), color=PALETTE["grey"],
                      lw=1.4, zorder=3)   # on top of the measured line, in a colour that shows on each
    ax_a.set_xticks(layers)
    ax_g.set_xticks(np.arange(1, DEPTH + 2), [str(l) for l in layers] + ["out"])
    ax_a.axhline(1.0, color=PALETTE["grey"], ls=":", lw=1.2, label="input's std")
    handles, labels = ax_a.get_legend_handles_labels()
    if predicted and activation == "relu":
        handles.append(Line2D([], [], color=PALETTE["grey"], ls=(0, (3, 2)), lw=1.4))
        labels.append("predicted: × g per layer")
    ax_a.legend(handles, labels, fontsize=8, loc="lower left", ncol=2, framealpha=0.9)
    ax_g.legend(fontsize=8, loc="center", ncol=2, framealpha=0.9)
    return fig
