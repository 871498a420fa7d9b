"""Benchmark the numeric core against PyTorch (CPU, float64, same thread count).

    .venv/bin/python bench/core.py [--threads N] [--repeats R]

Prints one line per benchmark,
``name: ours X ms, torch Y ms, ratio Z.ZZx (target <= 3x)`` (medians over R runs), then
the wall time for the from-scratch 64-64-10 MLP to reach >= 97 % held-out accuracy on
the digits. Not a test: it measures, it does not assert.
"""
from __future__ import annotations

import argparse
import os
import sys

ARGS = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ARGS.add_argument("--threads", type=int, default=1, help="BLAS / torch threads for both (default 1)")
ARGS.add_argument("--repeats", type=int, default=21, help="timed runs per benchmark (median)")
OPTS = ARGS.parse_args()
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = str(OPTS.threads)      # before numpy / torch load their BLAS

import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
try:
    import torch  # noqa: E402
    import torch.nn.functional as F  # noqa: E402
except ModuleNotFoundError:
    sys.exit("bench/core.py compares with PyTorch, which the course does not depend on: install "
             "the CPU build into the venv first (`make bench` does: pip install torch==2.13.0).")

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from nnlessons.conv import conv2d_backward, conv2d_forward  # noqa: E402
from nnlessons.data import load_digits  # noqa: E402
from nnlessons.layers import init_params, mlp_backward, mlp_forward  # noqa: E402
from nnlessons.losses import cross_entropy, cross_entropy_grad  # noqa: E402
from nnlessons.optim import Adam  # noqa: E402

torch.set_num_threads(OPTS.threads)
torch.set_default_dtype(torch.float64)
TARGET = 3.0
SIZES = [64, 64, 10]
BATCH, LR = 32, 1e-3


def median_ms(ours, theirs, repeats: int = OPTS.repeats, warmup: int = 3) -> tuple[float, float]:
    """Median wall times (ms) of two functions, runs interleaved so both see the same load."""
    for _ in range(warmup):
        ours()
        theirs()
    times: tuple[list, list] = ([], [])
    for _ in range(repeats):
        for fn, ts in ((ours, times[0]), (theirs, times[1])):
            t0 = time.perf_counter()
            fn()
            ts.append(time.perf_counter() - t0)
    return 1e3 * float(np.median(times[0])), 1e3 * float(np.median(times[1]))


def report(name: str, ours: float, theirs: float) -> None:
    print(f"{name}: ours {ours:.3f} ms, torch {theirs:.3f} ms, ratio {ours / theirs:.2f}x "
          f"(target <= {TARGET:g}x)", flush=True)


# ---------------------------------------------------------------- convolution
def bench_conv(name: str, x_shape: tuple, n_filters: int, k: int = 3, padding: int = 1) -> None:
    rng = np.random.default_rng(0)
    X = rng.standard_normal(x_shape)
    W = rng.standard_normal((n_filters, x_shape[1], k, k)) * 0.1
    b = rng.standard_normal(n_filters)
    Y, _ = conv2d_forward(X, W, b, padding=padding)
    dY = rng.standard_normal(Y.shape)

    def ours():
        _, cache = conv2d_forward(X, W, b, padding=padding)
        conv2d_backward(dY, cache)

    Xt, Wt, bt = (torch.tensor(a, requires_grad=True) for a in (X, W, b))
    dYt = torch.tensor(dY)

    def theirs():
        Xt.grad = Wt.grad = bt.grad = None
        F.conv2d(Xt, Wt, bt, padding=padding).backward(dYt)

    report(name, *median_ms(ours, theirs))


# ------------------------------------------------------------------------ MLP
def digits(split: str) -> tuple[np.ndarray, np.ndarray]:
    images, labels = load_digits(split)
    return images.reshape(len(images), 64) / 16.0, labels


def epoch_batches(n: int, epoch: int) -> list[np.ndarray]:
    order = np.random.default_rng(1000 + epoch).permutation(n)
    return [order[i:i + BATCH] for i in range(0, n, BATCH)]


def ours_epoch(params: dict, opt: Adam, X: np.ndarray, y: np.ndarray, batches: list) -> float:
    loss = 0.0
    for idx in batches:
        logits, caches = mlp_forward(X[idx], params)
        loss = cross_entropy(logits, y[idx])
        opt.step(params, mlp_backward(cross_entropy_grad(logits, y[idx]), caches))
    return loss


def torch_model(params: dict) -> torch.nn.Module:
    model = torch.nn.Sequential(torch.nn.Linear(64, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10))
    with torch.no_grad():                     # same starting weights (torch stores W transposed)
        model[0].weight.copy_(torch.tensor(params["W1"].T))
        model[0].bias.copy_(torch.tensor(params["b1"]))
        model[2].weight.copy_(torch.tensor(params["W2"].T))
        model[2].bias.copy_(torch.tensor(params["b2"]))
    return model


def torch_epoch(model, opt, Xt: torch.Tensor, yt: torch.Tensor, batches: list) -> float:
    loss = torch.zeros(())
    for idx in batches:
        it = torch.from_numpy(idx)
        opt.zero_grad()
        loss = F.cross_entropy(model(Xt[it]), yt[it])
        loss.backward()
        opt.step()
    return float(loss.detach())


def bench_mlp_epoch() -> None:
    X, y = digits("train")
    batches = epoch_batches(len(X), 0)
    params = init_params(SIZES, "he", seed=0)
    opt = Adam(LR)
    model = torch_model(params)
    topt = torch.optim.Adam(model.parameters(), lr=LR)
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
    ours, theirs = median_ms(lambda: ours_epoch(params, opt, X, y, batches),
                             lambda: torch_epoch(model, topt, Xt, yt, batches),
                             repeats=max(5, OPTS.repeats // 3))
    report(f"mlp 64-64-10 epoch (Adam, batch {BATCH}, {len(X)} digits)", ours, theirs)


def time_to_accuracy(goal: float = 0.97, max_epochs: int = 300) -> None:
    try:
        X_test, y_test = digits("test")
    except (FileNotFoundError, ValueError) as e:
        print(f"mlp 64-64-10 to >= {goal:.0%} held-out accuracy: skipped, no held-out digits ({e})")
        return
    X, y = digits("train")
    params = init_params(SIZES, "he", seed=0)
    opt = Adam(LR)
    t0 = time.perf_counter()
    acc, epoch = 0.0, 0
    for epoch in range(1, max_epochs + 1):
        ours_epoch(params, opt, X, y, epoch_batches(len(X), epoch))
        acc = float(np.mean(mlp_forward(X_test, params)[0].argmax(axis=1) == y_test))
        if acc >= goal:
            break
    wall = time.perf_counter() - t0
    verdict = "reached" if acc >= goal else "NOT reached"
    print(f"mlp 64-64-10 to >= {goal:.0%} held-out accuracy: {verdict} after {epoch} epochs, "
          f"{wall * 1e3:.0f} ms wall, test accuracy {acc:.3f} ({len(X_test)} held-out digits)")


def main() -> None:
    print(f"threads {OPTS.threads}, numpy {np.__version__}, torch {torch.__version__}, "
          f"median of {OPTS.repeats} runs", flush=True)
    bench_conv("conv2d fwd+bwd (64,1,8,8) -> 8 filters 3x3 pad 1", (64, 1, 8, 8), 8)
    bench_conv("conv2d fwd+bwd (32,3,32,32) -> 16 filters 3x3 pad 1", (32, 3, 32, 32), 16)
    bench_mlp_epoch()
    time_to_accuracy()


if __name__ == "__main__":
    main()
