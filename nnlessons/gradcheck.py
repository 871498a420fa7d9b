"""Gradient checking: compare an analytic gradient with central finite differences.

    df/dx_i ~ (f(x + eps e_i) - f(x - eps e_i)) / (2 eps)

If backprop is right, the relative error between the two is tiny (about 1e-8 or
less in float64 for smooth functions); a bug usually shows as an error near 1.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

__all__ = ["numerical_gradient", "rel_error", "gradcheck"]

TINY = 1e-300


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """Central-difference gradient of a scalar function ``f`` at the array ``x``.

    x: a float64 array of any shape; f(x) must return a number. Each element of x is
    nudged in place by +eps and -eps in turn (so f may close over x itself, e.g. a
    weight matrix inside a network) and restored to its exact original value.
    Returns an array of x's shape: the estimate of df/dx.
    """
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        raise TypeError(
            "x must be a float64 numpy array (it is nudged in place); "
            f"got {type(x).__name__}{'' if not isinstance(x, np.ndarray) else ' of dtype ' + str(x.dtype)}: "
            "convert it with np.asarray(x, dtype=float) first"
        )
    if not x.flags.writeable:
        raise ValueError("x is read-only but must be nudged in place: pass a writeable copy, x.copy()")
    if not eps > 0:
        raise ValueError(f"eps must be positive, e.g. 1e-6; got {eps!r}")
    grad = np.empty(x.shape, dtype=np.float64)
    xf, gf = x.flat, grad.reshape(-1)  # x.flat writes through even when x is a strided view
    for i in range(x.size):
        old = xf[i]
        try:
            xf[i] = old + eps
            fp = float(f(x))
            xf[i] = old - eps
            fm = float(f(x))
        finally:
            xf[i] = old
        gf[i] = (fp - fm) / (2.0 * eps)
    return grad


def rel_error(a: np.ndarray, b: np.ndarray) -> float:
    """Max over elements of |a - b| / max(|a| + |b|, tiny): 0 for equal arrays, at most 1.

    a, b: arrays of the same shape (or scalars). Returns a float.
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"cannot compare shapes {a.shape} and {b.shape}: the gradients must have the same shape")
    if a.size == 0:
        return 0.0
    num = np.abs(a - b)
    den = np.maximum(np.abs(a) + np.abs(b), TINY)
    return float(np.max(num / den))


def gradcheck(f: Callable[[np.ndarray], float], x: np.ndarray, analytic_grad: np.ndarray,
              eps: float = 1e-6, tol: float = 1e-6) -> tuple[bool, float]:
    """Check ``analytic_grad`` (x's shape) against `numerical_gradient` of f at x.

    Returns (ok, err): err is `rel_error` between the two, ok is err <= tol.
    """
    num = numerical_gradient(f, x, eps)
    analytic_grad = np.asarray(analytic_grad, dtype=np.float64)
    if analytic_grad.shape != x.shape:
        raise ValueError(
            f"analytic_grad has shape {analytic_grad.shape} but x has shape {x.shape}: "
            "a gradient has the shape of what it is the gradient with respect to"
        )
    err = rel_error(analytic_grad, num)
    return err <= tol, err
