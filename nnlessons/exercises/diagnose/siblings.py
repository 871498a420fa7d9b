"""Is the learner's output another function of the course on the same inputs? Another
activation, the function instead of its derivative, the loss instead of its gradient, a
softmax over the wrong axis. The catalogue is the core modules' functions (they ship in the
learner bundle, so `check` says the same there); nothing here names an exercise."""
from __future__ import annotations

import inspect
from functools import lru_cache

import numpy as np

from .context import Ctx, close, quiet
from .finding import Finding

__all__ = ["catalogue", "match"]


def _softplus(z):
    return np.logaddexp(0.0, np.asarray(z, float))


def _softmax_all(z):
    z = np.asarray(z, float)
    e = np.exp(z - np.max(z))
    return e / np.sum(e)


def _mae(a, b):
    return float(np.mean(np.abs(np.asarray(a, float) - np.asarray(b, float))))


@lru_cache(maxsize=1)
def catalogue() -> tuple:
    """``(name, fn, what it is)`` of the functions a learner may have computed instead."""
    from ... import activations as A, losses as L, neuron as N

    items = [
        ("identity", A.identity, "the input itself, unchanged"),
        ("step", A.step, "1 where z > 0 and 0 elsewhere (the step function, also ReLU's derivative)"),
        ("sigmoid", A.sigmoid, "1 / (1 + exp(-z)), between 0 and 1"),
        ("sigmoid_grad", A.sigmoid_grad, "the sigmoid's derivative s * (1 - s)"),
        ("tanh", A.tanh, "between -1 and 1"),
        ("tanh_grad", A.tanh_grad, "tanh's derivative 1 - tanh(z)**2"),
        ("relu", A.relu, "max(0, z)"),
        ("relu_grad", A.relu_grad, "ReLU's derivative: 1 where z > 0, else 0"),
        ("leaky_relu", A.leaky_relu, "the leaky ReLU (0.01 z for z < 0)"),
        ("softplus", _softplus, "softplus log(1 + exp(z)), a smooth ReLU"),
        ("softmax", A.softmax, "the softmax over each row"),
        ("softmax over axis 0", lambda z: A.softmax(z, axis=0), "the softmax down each COLUMN (axis 0)"),
        ("softmax over the whole array", _softmax_all, "a softmax over ALL the entries at once (one sum for "
         "everything)"),
        ("mse", L.mse, "the mean squared error"),
        ("mse_grad", L.mse_grad, "the gradient of the mean squared error"),
        ("mean absolute error", _mae, "the mean absolute error"),
        ("binary_cross_entropy", L.binary_cross_entropy, "the binary cross-entropy"),
        ("binary_cross_entropy_grad", L.binary_cross_entropy_grad, "the gradient of the binary cross-entropy"),
        ("cross_entropy", L.cross_entropy, "the cross-entropy"),
        ("cross_entropy_grad", L.cross_entropy_grad, "the gradient of the cross-entropy"),
        ("weighted_sum", N.weighted_sum, "the weighted sum x . w"),
    ]
    return tuple(items)


def _arity_ok(fn, n: int) -> bool:
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return True
    params = list(sig.parameters.values())
    if any(p.kind == p.VAR_POSITIONAL for p in params):
        return True
    required = [p for p in params if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return len(required) <= n <= len(params)


def _words(ex_name: str, name: str, what: str, args: str) -> tuple[str, str]:
    base = name.split(" ")[0]
    call = f"{name}({args})" if name.isidentifier() else name
    if name == ex_name + "_grad":
        return "derivative_instead", (f"your output is {call}, the DERIVATIVE, but {ex_name} asks for the "
                                      f"function itself (not its gradient)")
    if ex_name == name + "_grad" or ex_name == base + "_grad":
        return "function_instead", (f"your output is {call} itself, not its derivative: {ex_name} is the "
                                    f"derivative of {name} ({what} is the function)")
    if ex_name == base:
        return "variant", f"your output is {what}: {ex_name} is the same function along another axis or form"
    return "other", f"your output equals {call} ({what}): another function than {ex_name}"


def constant(args) -> bool:
    """Every array input holds one value only (zeros...): many functions agree there by chance."""
    arrays = [a for a in args if isinstance(a, np.ndarray) and a.dtype.kind == "f"]
    return bool(arrays) and all(np.unique(a).size <= 1 for a in arrays)


def saturated(args) -> bool:
    """Every entry 0 or far from 0 (|z| >= 30, where activations are flat): a match there is
    weaker evidence."""
    arrays = [a for a in args if isinstance(a, np.ndarray) and a.dtype.kind == "f"]
    return bool(arrays) and all(np.all((a == 0) | (np.abs(a) >= 30)) for a in arrays)


def match(ctx: Ctx, i: int, got) -> list[Finding]:
    """Every catalogue function (and other exercise's reference) whose output on case `i`
    equals the learner's; none on saturated inputs (`saturated`)."""
    case = ctx.cases[i]
    found: list[Finding] = []
    if case.kwargs:
        return found
    args = case.args
    if constant(args):
        return found
    argnames = ", ".join(n for n, _ in ctx.inputs(case))
    for name, fn, what in catalogue():  # the core functions only: they ship, so check says the same everywhere
        if name == ctx.ex.name or not _arity_ok(fn, len(args)):
            continue
        try:
            value = quiet(fn, *[np.copy(a) if isinstance(a, np.ndarray) else a for a in args])
        except Exception:  # noqa: BLE001 (a function that does not take these inputs)
            continue
        try:
            if close(value, ctx.expected(i), *ctx.tol()):
                continue  # the same as the answer here: says nothing
        except Exception:  # noqa: BLE001
            continue
        if close(value, got, *ctx.tol()):
            key, words = _words(ctx.ex.name, name, what, argnames)
            found.append(Finding(f"sibling:{name}", _sentence(words), kind="sibling", whole=True))
    if found:
        return found
    if len(args) == 1 and isinstance(args[0], np.ndarray) and args[0].dtype.kind == "f":
        for name, fn, what in catalogue():
            try:
                value = quiet(fn, -args[0])
            except Exception:  # noqa: BLE001
                continue
            if not close(value, ctx.expected(i), *ctx.tol()) and close(value, got, *ctx.tol()):
                z = argnames
                found.append(Finding(f"sibling:{name}(-z)", f"Your output equals {name}(-{z}) ({what}, at -{z}): a "
                                     "sign is flipped inside (e.g. 1 - s where s * (1 - s) belongs, or exp(z) where "
                                     "exp(-z) belongs).", kind="sibling", whole=True))
                break
    return found


def _sentence(words: str) -> str:
    """Words as a sentence: a capital first letter unless it starts with a name."""
    first = words.split(" ")[0].rstrip(":,")
    keep = first.isidentifier() and first not in ("the", "your", "one")  # a name keeps its case
    return (words if keep else words[0].upper() + words[1:]) + ("" if words.endswith(".") else ".")
