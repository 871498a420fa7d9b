"""Optimizers: how the gradients update the weights and biases.

Each optimizer's ``step(params, grads)`` updates the arrays of the ``params`` dict
IN PLACE (like PyTorch's ``optimizer.step()``), key by key: a key in ``grads`` must
be in ``params``, with the same shape; a parameter without a gradient is left alone.
The update rules are exactly PyTorch's:

- `SGD(lr)`:                   p <- p - lr * g
- `Momentum(lr, beta)`:        buf <- beta * buf + g (buf = g on the first step); p <- p - lr * buf
                               (``torch.optim.SGD(lr=lr, momentum=beta)``)
- `Adam(lr, beta1, beta2, eps)`: m <- beta1 m + (1 - beta1) g;  v <- beta2 v + (1 - beta2) g**2;
                               p <- p - lr / (1 - beta1**t) * m / (sqrt(v) / sqrt(1 - beta2**t) + eps)
                               (``torch.optim.Adam`` with default options; t counts from 1)
"""
from __future__ import annotations

import math

import numpy as np

__all__ = ["Optimizer", "SGD", "Momentum", "Adam"]


class Optimizer:
    """Base class: checks the dicts, then calls ``_update(key, p, g)`` for each gradient."""

    def __init__(self, lr: float) -> None:
        if not (isinstance(lr, (int, float, np.floating)) and math.isfinite(lr) and lr > 0):
            raise ValueError(f"lr must be a positive number (e.g. 0.1), got {lr!r}")
        self.lr = float(lr)
        self.state: dict[str, dict] = {}

    def step(self, params: dict[str, np.ndarray], grads: dict[str, np.ndarray]) -> None:
        """Update every ``params[k]`` that has a ``grads[k]``, in place. Returns None."""
        for k, g in grads.items():
            if k not in params:
                raise KeyError(
                    f"grads has {k!r} but params does not (params has {sorted(params)}): "
                    "pass the same dict the gradients were computed for"
                )
            p = params[k]
            if not isinstance(p, np.ndarray) or p.dtype.kind != "f":
                raise TypeError(
                    f"params[{k!r}] must be a float numpy array to be updated in place, "
                    f"got {type(p).__name__}{'' if not isinstance(p, np.ndarray) else ' of dtype ' + str(p.dtype)}"
                )
            g = np.asarray(g, dtype=p.dtype)
            if g.shape != p.shape:
                raise ValueError(
                    f"grads[{k!r}] has shape {g.shape} but params[{k!r}] has shape {p.shape}: "
                    "a gradient has its parameter's shape"
                )
            self._update(k, p, g)

    def _update(self, key: str, p: np.ndarray, g: np.ndarray) -> None:  # pragma: no cover
        raise NotImplementedError

    def __repr__(self) -> str:
        opts = ", ".join(f"{k}={v!r}" for k, v in vars(self).items() if k != "state")
        return f"{type(self).__name__}({opts})"


class SGD(Optimizer):
    """Plain gradient descent: p <- p - lr * g."""

    def __init__(self, lr: float) -> None:
        super().__init__(lr)

    def _update(self, key: str, p: np.ndarray, g: np.ndarray) -> None:
        p -= self.lr * g


class Momentum(Optimizer):
    """SGD with (heavy-ball) momentum, as ``torch.optim.SGD(lr, momentum=beta)``:
    buf <- beta * buf + g (buf = g on the first step); p <- p - lr * buf."""

    def __init__(self, lr: float, beta: float = 0.9) -> None:
        super().__init__(lr)
        if not 0.0 <= beta < 1.0:
            raise ValueError(f"beta must be in [0, 1), e.g. 0.9; got {beta!r}")
        self.beta = float(beta)

    def _update(self, key: str, p: np.ndarray, g: np.ndarray) -> None:
        st = self.state.get(key)
        if st is None:
            buf = g.copy()
            self.state[key] = {"buf": buf}
        else:
            buf = st["buf"]
            buf *= self.beta
            buf += g
        p -= self.lr * buf


class Adam(Optimizer):
    """Adam with bias correction, as ``torch.optim.Adam`` with default options.

    m <- beta1 m + (1 - beta1) g;  v <- beta2 v + (1 - beta2) g**2;  t <- t + 1
    p <- p - lr / (1 - beta1**t) * m / (sqrt(v) / sqrt(1 - beta2**t) + eps)
    """

    def __init__(self, lr: float = 1e-3, beta1: float = 0.9, beta2: float = 0.999,
                 eps: float = 1e-8) -> None:
        super().__init__(lr)
        for name, b in (("beta1", beta1), ("beta2", beta2)):
            if not 0.0 <= b < 1.0:
                raise ValueError(f"{name} must be in [0, 1), got {b!r}")
        if not eps > 0:
            raise ValueError(f"eps must be positive (e.g. 1e-8), got {eps!r}")
        self.beta1, self.beta2, self.eps = float(beta1), float(beta2), float(eps)

    def _update(self, key: str, p: np.ndarray, g: np.ndarray) -> None:
        st = self.state.get(key)
        if st is None:
            st = self.state[key] = {"t": 0, "m": np.zeros_like(p), "v": np.zeros_like(p)}
        st["t"] += 1
        t, m, v = st["t"], st["m"], st["v"]
        m *= self.beta1
        m += (1.0 - self.beta1) * g
        v *= self.beta2
        v += (1.0 - self.beta2) * (g * g)
        bc1 = 1.0 - self.beta1 ** t
        bc2 = 1.0 - self.beta2 ** t
        denom = np.sqrt(v) / math.sqrt(bc2) + self.eps
        p -= (self.lr / bc1) * (m / denom)
