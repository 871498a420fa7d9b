"""Yours is a function of the expected value, or the other way round: a transform too many
(exp, log, sqrt, square, abs, an activation, 1 - x, 1 / x, an angle), a step missing at the
end (the pre-activation returned), another activation of the same scores, or (for one
number) a scalar input times a transform of what it should multiply."""
from __future__ import annotations

import numpy as np

from ..context import arr, quiet
from ..finding import Finding
from .pair import Pair, close

__all__ = ["missing_step", "other_activation", "scaled_transforms", "transformed"]

_TRANSFORMS = [
    ("exp", np.exp, "exp of"), ("log", np.log, "the log of"), ("sqrt", np.sqrt, "the square root of"),
    ("square", np.square, "the square of"), ("abs", np.abs, "the absolute value of"),
    ("sigmoid", lambda x: 1 / (1 + np.exp(-x)), "a sigmoid applied to"),
    ("relu", lambda x: np.maximum(x, 0), "a ReLU applied to"), ("tanh", np.tanh, "tanh of"),
    ("one_minus", lambda x: 1 - x, "1 minus"), ("reciprocal", lambda x: 1 / x, "1 divided by"),
    ("angle_degrees", lambda x: np.degrees(np.arctan(x)), "the angle in degrees, np.degrees(np.arctan(...)), of"),
    ("angle", np.arctan, "the angle in radians, np.arctan(...), of"),
]
"""(id, function, words) of the transforms a slip applies once too often (or leaves out)."""

_FIX = {
    "exp": "an exp too many", "log": "a log where none belongs (or a missing exp)",
    "sqrt": "a square root too many (a mean or sum of SQUARES is not rooted; a norm is the root of one)", "square": "squared once too often",
    "abs": "an absolute value that throws the sign away", "sigmoid": "an activation applied that does not belong here",
    "relu": "an activation applied that does not belong here", "tanh": "an activation that does not belong here",
    "one_minus": "1 - ... where the value itself belongs", "reciprocal": "inverted (1/x)",
    "angle_degrees": "a slope is the ratio itself (rise over run), not the angle of the line",
    "angle": "a slope is the ratio itself (rise over run), not the angle of the line",
}

_INVERSE = {"sigmoid": "yours are the logits, the values before the sigmoid",
            "relu": "yours keep the negative values a ReLU would set to 0", "tanh": "yours are the values before tanh",
            "exp": "yours are the LOG of the expected values", "log": "yours are exp of the expected values",
            "sqrt": "yours are the squares of the expected values", "square": "yours are their square roots"}

_PRE = {"sigmoid": "the sigmoid", "relu": "the ReLU", "tanh": "tanh", "exp": "exp", "log": "the log",
        "sqrt": "the square root", "square": "the square"}


def _softmax_all(z: np.ndarray) -> np.ndarray:
    """A softmax over every value of `z` at once (same shape)."""
    e = np.exp(z - z.max())
    return e / e.sum()


_ACTIVATIONS = [
    ("sigmoid", lambda z: 1 / (1 + np.exp(-z)), lambda a: np.log(a) - np.log1p(-a), (0.0, 1.0)),
    ("tanh", np.tanh, np.arctanh, (-1.0, 1.0)),
]
_OTHERS = [("sigmoid", lambda z: 1 / (1 + np.exp(-z))), ("tanh", np.tanh), ("relu", lambda z: np.maximum(z, 0)),
           ("exp", np.exp), ("softmax over all the values", _softmax_all)]


def scaled_transforms(p: Pair) -> list[Finding]:
    """One number that is a scalar input (or half or twice it) times something: yours is the
    same factor times a transform of that something (lam / 2 * sqrt(S) where lam / 2 * S)."""
    if not p.single:
        return []
    out = []
    for name, v in p.inputs():
        a = arr(v)
        if a is None or a.ndim != 0 or a.dtype.kind != "f" or float(a) in (0.0, 1.0, -1.0):
            continue
        for k, how in ((1.0, name), (0.5, f"{name} / 2"), (2.0, f"2 * {name}")):
            c = k * float(a)
            se, sg = p.ef / c, p.gf / c
            for key, f, words in _TRANSFORMS:
                if key not in ("sqrt", "square", "abs", "log", "exp"):
                    continue
                fe = quiet(f, se)
                if np.all(np.isfinite(fe)) and not p.close(fe, se) and p.close(sg, fe):
                    out.append(Finding(f"transform:{key}", f"{p.pre}your value is {how} times {words} what {how} "
                                       f"should multiply: {_FIX[key]}", kind="transform"))
    return out


def other_activation(p: Pair) -> list[Finding]:
    """The expected values are an activation of some z (a sigmoid's probabilities), and yours
    are ANOTHER function of the same z: the right scores through the wrong activation."""
    ef, gf, tol = p.ef, p.gf, p.tol
    out = []
    for name, f, inverse, (lo, hi) in _ACTIVATIONS:
        if ef.size < 2 or not np.all((ef > lo) & (ef < hi)) or np.unique(ef).size < 2:
            continue
        z = quiet(inverse, ef)
        if not np.all(np.isfinite(z)) or not close(quiet(f, z), ef, *tol):
            continue
        for other, g in _OTHERS:
            if other == name:
                continue
            v = quiet(g, z)
            if np.all(np.isfinite(v)) and close(v, gf, *tol) and not close(v, ef, *tol):
                out.append(Finding(f"activation:{other}", f"{p.pre}your values are {other} of the same scores z "
                                   f"that the expected {name}(z) is made of: the scores are right, but {other} is "
                                   f"applied where {name} belongs", kind="transform"))
        break
    return out


def transformed(p: Pair) -> list[Finding]:
    """Yours = f(expected): a transform applied once too often."""
    out = []
    for key, f, words in _TRANSFORMS:
        fe = quiet(f, p.ef)
        if np.all(np.isfinite(fe)) and not p.close(fe, p.ef) and p.close(p.gf, fe):
            out.append(Finding(f"transform:{key}", f"{p.pre}your values are {words} the expected ones: "
                               f"{_FIX[key]}", kind="transform"))
    return out


def missing_step(p: Pair) -> list[Finding]:
    """Expected = f(yours): the last step (an activation, exp, log...) is missing."""
    if np.unique(p.gf).size <= 3:  # a few levels are no pre-activation
        return []
    out = []
    for key, f, words in _TRANSFORMS:
        fg = quiet(f, p.gf)
        if key in _PRE and np.all(np.isfinite(fg)) and not p.close(fg, p.gf) and p.close(fg, p.ef):
            out.append(Finding(f"before:{key}", f"{p.pre}the expected values are {words} yours ({_INVERSE[key]}): "
                               f"{_PRE[key]} is missing at the end; you return the values before it (e.g. the "
                               f"pre-activation z instead of the activation): apply {_PRE[key]}", kind="transform"))
    return out
