"""Figures for the first lessons (00-03): one neuron, weighted sums, biases, activations.

Every public function returns a matplotlib `Figure` built without pyplot (see
`nnlessons.plots.style`). The lesson widgets in `nnlessons.widgets` draw the same
figures through the private ``_..._parts`` builders, which also hand back the artists
a widget updates in place (set_data, set_height, set_text, ...).
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Polygon

from ..activations import (
    identity, identity_grad, leaky_relu, leaky_relu_grad, relu, relu_grad, sigmoid,
    sigmoid_grad, softmax, step, step_grad, tanh, tanh_grad,
)
from .style import CLASS_COLORS, PALETTE, new_figure, style_axes

__all__ = [
    "neuron_response", "contribution_bars", "decision_line", "bias_free_search",
    "activation_curves", "activation_tangent", "saturation", "softmax_bars",
    "stacked_linear_layers", "ACTIVATION_CHOICES",
]

LEAKY_ALPHA = 0.1
"""Leaky ReLU slope for negative z used in the figures (0.1 so the leak is visible;
`nnlessons.activations.leaky_relu` defaults to PyTorch's 0.01)."""


def _leaky(z):
    return leaky_relu(z, alpha=LEAKY_ALPHA)


def _leaky_grad(z):
    return leaky_relu_grad(z, alpha=LEAKY_ALPHA)


ACTIVATION_CHOICES: dict[str, tuple[str, Any, Any]] = {
    "sigmoid": ("sigmoid", sigmoid, sigmoid_grad),
    "tanh": ("tanh", tanh, tanh_grad),
    "relu": ("ReLU", relu, relu_grad),
    "leaky_relu": (f"leaky ReLU (α = {LEAKY_ALPHA})", _leaky, _leaky_grad),
    "step": ("step", step, step_grad),
    "identity": ("identity (no activation)", identity, identity_grad),
}
"""Activations the lesson figures and the activation widget offer:
name -> (label, f, f'), f and f' elementwise on numpy arrays."""


def _activation(name: str):
    try:
        return ACTIVATION_CHOICES[name]
    except KeyError:
        raise ValueError(
            f"unknown activation {name!r}: choose one of {', '.join(ACTIVATION_CHOICES)}"
        ) from None


# --------------------------------------------------------------------------- 00: one neuron
def _neuron_response_parts(w: float, b: float, x0: float, xlim: tuple[float, float] = (-5.0, 5.0),
                           zlim: float = 20.0, dpi: int = 80) -> tuple[Figure, dict[str, Any]]:
    """The one-input neuron figure and its artists (lines, markers, texts)."""
    xs = np.linspace(xlim[0], xlim[1], 201)
    fig = new_figure(7.6, 3.0, dpi=dpi)
    ax_z, ax_a = fig.subplots(1, 2)
    style_axes(ax_z, "weighted sum  z = w·x + b", "input x", "z")
    style_axes(ax_a, "after a sigmoid  a = σ(z)", "input x", "output a = σ(w·x + b)")
    for ax in (ax_z, ax_a):
        ax.axhline(0, color=PALETTE["grey"], lw=0.8)
        ax.axvline(0, color=PALETTE["grey"], lw=0.8)
        ax.set_xlim(*xlim)
    ax_z.set_ylim(-zlim, zlim)
    ax_a.set_ylim(-0.05, 1.05)
    ax_a.axhline(0.5, color=PALETTE["grey"], lw=0.8, ls=":")
    z = w * xs + b
    (z_line,) = ax_z.plot(xs, z, color=PALETTE["blue"], lw=2, label="z = w·x + b")
    (a_line,) = ax_a.plot(xs, sigmoid(z), color=PALETTE["orange"], lw=2, label="σ(w·x + b)")
    z0 = w * x0 + b
    (z_pt,) = ax_z.plot([x0], [z0], "o", color=PALETTE["vermillion"], ms=8, label="your input x")
    (a_pt,) = ax_a.plot([x0], [float(sigmoid(z0))], "o", color=PALETTE["vermillion"], ms=8,
                        label="your input x")
    ax_z.legend(loc="upper left", fontsize=8)
    ax_a.legend(loc="upper left", fontsize=8)
    z_txt = ax_z.text(0.97, 0.04, "", transform=ax_z.transAxes, ha="right", va="bottom", fontsize=9,
                      bbox=dict(boxstyle="round", fc="white", ec=PALETTE["grey"]))
    a_txt = ax_a.text(0.97, 0.04, "", transform=ax_a.transAxes, ha="right", va="bottom", fontsize=9,
                      bbox=dict(boxstyle="round", fc="white", ec=PALETTE["grey"]))
    parts = dict(xs=xs, z_line=z_line, a_line=a_line, z_pt=z_pt, a_pt=a_pt, z_txt=z_txt, a_txt=a_txt)
    _update_neuron_response(parts, w, b, x0)
    return fig, parts


def _update_neuron_response(parts: dict[str, Any], w: float, b: float, x0: float) -> dict[str, Any]:
    """Move the artists of `_neuron_response_parts` to (w, b, x0); return what is shown."""
    xs = parts["xs"]
    z = w * xs + b
    a = sigmoid(z)
    z0 = w * x0 + b
    a0 = float(sigmoid(z0))
    parts["z_line"].set_ydata(z)
    parts["a_line"].set_ydata(a)
    parts["z_pt"].set_data([x0], [z0])
    parts["a_pt"].set_data([x0], [a0])
    parts["z_txt"].set_text(f"z = {w:.2f}·{x0:.2f} + {b:.2f} = {z0:.2f}")
    parts["a_txt"].set_text(f"a = σ({z0:.2f}) = {a0:.3f}")
    return dict(z=z0, a=a0, z_curve=(xs, z), a_curve=(xs, a))


def neuron_response(w: float = 1.0, b: float = 0.0, x: float = 1.0,
                    xlim: tuple[float, float] = (-5.0, 5.0)) -> Figure:
    """A one-input neuron: z = w*x + b against x (left), and a = sigmoid(z) (right).

    w, b: the weight and bias (floats); x: the input marked on both curves;
    xlim: the range of inputs drawn.
    """
    fig, _ = _neuron_response_parts(float(w), float(b), float(x), xlim, dpi=100)
    return fig
