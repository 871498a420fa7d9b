"""Make conv.npz: PyTorch (float64) reference values for nnlessons.conv and nnlessons.autograd.

Run from the repository root with the dev environment (needs torch, which the tests
themselves never import):

    .venv/bin/python tests/core/torch_fixtures/make_conv.py

Keys are flat "<case>/<name>":
- ``conv/<i>/{X,W,b,dY,Y,dX,dW,db,stride,padding}``: F.conv2d forward and the gradients
  of sum(Y * dY) w.r.t. input, weight and bias;
- ``pool/<i>/{X,size,dY,Y,dX}``: F.max_pool2d(X, size) (tie-free random inputs);
- ``expr/<i>/{source,names,inputs,value,grads}``: a scalar expression written with the
  methods Value and torch.Tensor share (+ - * / **, exp, log, tanh, sigmoid, relu), its
  value and the gradient w.r.t. each named input.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

OUT = Path(__file__).with_name("conv.npz")

# (m, C, H, W), (N, kh, kw), stride, padding
CONV_CASES = [
    ((2, 1, 8, 8), (3, 3, 3), 1, 1),      # digits-sized, "same" padding
    ((2, 3, 7, 6), (4, 3, 3), 1, 0),      # multi-channel, non-square input
    ((2, 2, 9, 8), (3, 2, 3), 2, 1),      # non-square kernel, stride 2
    ((1, 3, 11, 11), (2, 5, 5), 2, 2),    # big kernel, stride 2, padding 2
    ((3, 4, 6, 6), (5, 1, 1), 1, 0),      # 1x1 kernels mix channels
    ((2, 2, 10, 9), (2, 4, 2), 2, 0),     # stride leaves a remainder that is dropped
    ((1, 1, 5, 5), (1, 5, 5), 1, 2),      # kernel as large as the input
    ((2, 3, 6, 7), (2, 3, 3), 2, 2),      # padding > needed, stride 2
]
POOL_CASES = [((2, 3, 8, 8), 2), ((2, 2, 9, 7), 2), ((1, 2, 9, 9), 3), ((1, 1, 4, 6), 1)]
# every operation of Value appears in at least one expression
EXPRESSIONS = [
    ("(a * b + c).tanh()", {"a": 0.7, "b": -1.3, "c": 0.4}),
    ("(a * 2 + 1).exp() / (a ** 2 + 1)", {"a": 0.3}),
    ("((a - b) ** 2).log() - (a / b).sigmoid() * a.relu()", {"a": 1.5, "b": -0.5}),
    ("-a + 3 - b * a - 2 / a + (b ** 0.5)", {"a": 1.7, "b": 2.2}),
    ("(a * b).relu() + (a - b).relu() * c - (c ** -2)", {"a": -1.1, "b": 0.9, "c": 1.3}),
    ("a * a * a + a.exp() * a - (1 - a).sigmoid()", {"a": -0.6}),
    ("(w1 * x1 + w2 * x2 + b).sigmoid().log() * -1", {"w1": 0.5, "x1": 2.0, "w2": -1.5, "x2": 0.3, "b": 0.1}),
]


def conv_cases(rng: np.random.Generator, out: dict) -> None:
    for i, (xs, (n, kh, kw), s, p) in enumerate(CONV_CASES):
        X = rng.standard_normal(xs)
        W = rng.standard_normal((n, xs[1], kh, kw))
        b = rng.standard_normal(n)
        Xt, Wt, bt = (torch.tensor(a, requires_grad=True) for a in (X, W, b))
        Y = F.conv2d(Xt, Wt, bt, stride=s, padding=p)
        dY = rng.standard_normal(tuple(Y.shape))
        Y.backward(torch.tensor(dY))
        out.update({f"conv/{i}/X": X, f"conv/{i}/W": W, f"conv/{i}/b": b, f"conv/{i}/dY": dY,
                    f"conv/{i}/Y": Y.detach().numpy(), f"conv/{i}/dX": Xt.grad.numpy(),
                    f"conv/{i}/dW": Wt.grad.numpy(), f"conv/{i}/db": bt.grad.numpy(),
                    f"conv/{i}/stride": np.array(s), f"conv/{i}/padding": np.array(p)})


def pool_cases(rng: np.random.Generator, out: dict) -> None:
    for i, (xs, size) in enumerate(POOL_CASES):
        X = rng.permutation(np.prod(xs)).reshape(xs) / 10.0 - 3.0   # distinct values: no ties
        Xt = torch.tensor(X, requires_grad=True)
        Y = F.max_pool2d(Xt, size)
        dY = rng.standard_normal(tuple(Y.shape))
        Y.backward(torch.tensor(dY))
        out.update({f"pool/{i}/X": X, f"pool/{i}/size": np.array(size), f"pool/{i}/dY": dY,
                    f"pool/{i}/Y": Y.detach().numpy(), f"pool/{i}/dX": Xt.grad.numpy()})


def expressions(out: dict) -> None:
    for i, (source, inputs) in enumerate(EXPRESSIONS):
        leaves = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in inputs.items()}
        y = eval(source, {}, dict(leaves))  # our own fixed strings
        y.backward()
        names = list(inputs)
        out.update({f"expr/{i}/source": np.array(source), f"expr/{i}/names": np.array(names),
                    f"expr/{i}/inputs": np.array([inputs[k] for k in names]),
                    f"expr/{i}/value": np.array(y.item()),
                    f"expr/{i}/grads": np.array([leaves[k].grad.item() for k in names])})


def main() -> None:
    torch.set_num_threads(1)
    rng = np.random.default_rng(20240603)
    out: dict[str, np.ndarray] = {"meta/torch_version": np.array(torch.__version__)}
    conv_cases(rng, out)
    pool_cases(rng, out)
    expressions(out)
    np.savez_compressed(OUT, **out)
    print(f"wrote {OUT} ({OUT.stat().st_size / 1024:.0f} KB, {len(out)} arrays)")


if __name__ == "__main__":
    main()
