"""Make core.npz: PyTorch (float64) reference values for the numeric core.

Run from the repository root with the dev environment (needs torch, which the
tests themselves never import):

    .venv/bin/python tests/core/torch_fixtures/make_core.py

Every array is stored under a flat key "<case>/<name>"; the tests load the npz and
compare nnlessons' results with these.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
OUT = Path(__file__).with_name("core.npz")


def t(a: np.ndarray, grad: bool = False) -> torch.Tensor:
    return torch.tensor(a, dtype=torch.float64, requires_grad=grad)


def n(x: torch.Tensor) -> np.ndarray:
    return x.detach().numpy().copy()


def value_and_grad(fn, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """fn's elementwise value at x and d fn / d x (via the sum of outputs)."""
    xt = t(x, grad=True)
    y = fn(xt)
    y.sum().backward()
    return n(y), n(xt.grad)


def activations(rng, out: dict) -> None:
    z = np.concatenate([rng.normal(0, 3, 40), [-1000.0, -50.0, -1e-3, 0.0, 1e-3, 50.0, 1000.0]])
    out["act/z"] = z
    for name, fn in {
        "sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu,
        "leaky_relu": lambda x: F.leaky_relu(x, 0.01), "leaky_relu_0.2": lambda x: F.leaky_relu(x, 0.2),
    }.items():
        out[f"act/{name}"], out[f"act/{name}_grad"] = value_and_grad(fn, z)
    zs = rng.normal(0, 5, (6, 5))
    zs[0] *= 300  # entries near 1e3
    out["softmax/z"] = zs
    out["softmax/last"] = n(torch.softmax(t(zs), dim=-1))
    out["softmax/axis0"] = n(torch.softmax(t(zs), dim=0))


def losses(rng, out: dict) -> None:
    y_pred, y_true = rng.normal(size=(7, 3)), rng.normal(size=(7, 3))
    yp = t(y_pred, True)
    loss = F.mse_loss(yp, t(y_true))
    loss.backward()
    out.update({"mse/y_pred": y_pred, "mse/y_true": y_true, "mse/loss": n(loss), "mse/grad": n(yp.grad)})

    p = rng.uniform(0.02, 0.98, size=(9,))
    y = (rng.uniform(size=9) < 0.5).astype(float)
    pt = t(p, True)
    loss = F.binary_cross_entropy(pt, t(y))
    loss.backward()
    out.update({"bce/p": p, "bce/y": y, "bce/loss": n(loss), "bce/grad": n(pt.grad)})

    for case, scale in (("ce", 2.0), ("ce_big", 400.0)):
        logits = rng.normal(0, scale, size=(8, 4))
        labels = rng.integers(0, 4, size=8)
        lt = t(logits, True)
        loss = F.cross_entropy(lt, torch.tensor(labels))
        loss.backward()
        out.update({f"{case}/logits": logits, f"{case}/labels": labels,
                    f"{case}/loss": n(loss), f"{case}/grad": n(lt.grad)})


def dense(rng, out: dict) -> None:
    X, W, b = rng.normal(size=(5, 4)), rng.normal(size=(4, 3)), rng.normal(size=3)
    dZ = rng.normal(size=(5, 3))
    Xt, Wt, bt = t(X, True), t(W, True), t(b, True)
    Z = Xt @ Wt + bt
    Z.backward(t(dZ))
    out.update({"dense/X": X, "dense/W": W, "dense/b": b, "dense/dZ": dZ, "dense/Z": n(Z),
                "dense/dX": n(Xt.grad), "dense/dW": n(Wt.grad), "dense/db": n(bt.grad)})


def mlp(rng, out: dict) -> None:
    """A 2-layer MLP (4 -> 6 -> 3) with each hidden activation, cross-entropy on top."""
    X = rng.normal(size=(10, 4))
    labels = rng.integers(0, 3, size=10)
    W1, b1 = rng.normal(size=(4, 6)) * 0.7, rng.normal(size=6) * 0.1
    W2, b2 = rng.normal(size=(6, 3)) * 0.7, rng.normal(size=3) * 0.1
    out.update({"mlp/X": X, "mlp/labels": labels, "mlp/W1": W1, "mlp/b1": b1, "mlp/W2": W2, "mlp/b2": b2})
    acts = {"relu": torch.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid,
            "leaky_relu": lambda x: F.leaky_relu(x, 0.01), "identity": lambda x: x}
    for name, fn in acts.items():
        ps = [t(a, True) for a in (W1, b1, W2, b2)]
        logits = fn(t(X) @ ps[0] + ps[1]) @ ps[2] + ps[3]
        loss = F.cross_entropy(logits, torch.tensor(labels))
        loss.backward()
        out[f"mlp_{name}/logits"] = n(logits)
        out[f"mlp_{name}/loss"] = n(loss)
        for key, p in zip(("W1", "b1", "W2", "b2"), ps):
            out[f"mlp_{name}/d{key}"] = n(p.grad)


def optimizers(rng, out: dict, steps: int = 6) -> None:
    """Several steps of each optimizer on two parameters with given gradients per step."""
    w0, b0 = rng.normal(size=(3, 2)), rng.normal(size=2)
    gw = rng.normal(size=(steps, 3, 2))
    gb = rng.normal(size=(steps, 2))
    gw[-1] *= 1e-3  # small gradients: Adam's eps matters
    out.update({"opt/w0": w0, "opt/b0": b0, "opt/gw": gw, "opt/gb": gb})
    makers = {
        "sgd": lambda ps: torch.optim.SGD(ps, lr=0.1),
        "momentum": lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9),
        "momentum_0.5": lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.5),
        "adam": lambda ps: torch.optim.Adam(ps, lr=1e-3),
        "adam_custom": lambda ps: torch.optim.Adam(ps, lr=0.05, betas=(0.8, 0.99), eps=1e-6),
    }
    for name, make in makers.items():
        w, b = t(w0, True), t(b0, True)
        opt = make([w, b])
        ws, bs = [], []
        for s in range(steps):
            w.grad, b.grad = t(gw[s]), t(gb[s])
            opt.step()
            ws.append(n(w))
            bs.append(n(b))
        out[f"opt_{name}/w"] = np.stack(ws)
        out[f"opt_{name}/b"] = np.stack(bs)


def main() -> None:
    rng = np.random.default_rng(20240601)
    out: dict[str, np.ndarray] = {}
    for part in (activations, losses, dense, mlp, optimizers):
        part(rng, out)
    out["meta/torch_version"] = np.array(torch.__version__)
    np.savez_compressed(OUT, **out)
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, {len(out)} arrays)")


if __name__ == "__main__":
    main()
