"""Exercise 8's self-check (the learner's own gradient check of dense_backward against
numerical gradients): for a stub, a right answer and typical wrong ones it prints one
clear line per gradient and never raises on a gradient of the wrong shape."""
from __future__ import annotations

import contextlib
import io
from pathlib import Path

import nbformat
import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]


def _selfcheck_source(folder: str) -> str:
    nb = nbformat.read(ROOT / folder / "ex08_backprop_with_matrices.ipynb", as_version=4)
    return next(c.source for c in nb.cells if c.get("id") == "gradcheck-dense_backward")


def _run(dense_backward, folder: str = "solutions") -> str:
    ns = {"np": np, "dense_backward": dense_backward}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(_selfcheck_source(folder), ns)
    return out.getvalue()


def _stub(dZ, X, W):
    raise NotImplementedError()


def _right(dZ, X, W):
    return dZ @ W.T, X.T @ dZ, dZ.sum(axis=0)


@pytest.mark.parametrize("folder", ["solutions", "exercises"])
def test_a_stub_reads_not_attempted(folder):
    assert "not attempted yet" in _run(_stub, folder)


def test_a_right_answer_is_right_three_times():
    lines = _run(_right).splitlines()
    assert [line.split(":")[0] for line in lines] == ["dX", "dW", "db"]
    assert all(line.endswith("right") for line in lines)


@pytest.mark.parametrize("wrong, name, says", [
    (lambda dZ, X, W: (dZ @ W.T, dZ.T @ X, dZ.sum(axis=0)), "dW", "WRONG shape (4, 3): it must have the shape of W, (3, 4)"),
    (lambda dZ, X, W: (dZ @ W.T, X.T @ dZ, np.sum(dZ)), "db", "WRONG shape ()"),
    (lambda dZ, X, W: (dZ @ W.T, X.T @ dZ, dZ.sum(axis=0, keepdims=True)), "db", "WRONG shape (1, 4)"),
    (lambda dZ, X, W: (dZ @ W.T, X.T @ dZ, dZ.mean(axis=0)), "db", "WRONG: look at this one again"),
    (lambda dZ, X, W: (dZ @ W.T, X.T @ dZ / len(X), dZ.sum(axis=0)), "dW", "WRONG: look at this one again"),
])
def test_a_wrong_gradient_is_named_and_the_others_stay_right(wrong, name, says):
    lines = dict(line.split(": ", 1) for line in _run(wrong).splitlines())
    assert says in lines.pop(name)
    assert all(v.endswith("right") for v in lines.values())


@pytest.mark.parametrize("returned, says", [(None, "returned None"), ({"dX": 0}, "returned a dict"),
                                            ((1, 2), "returned a tuple")])
def test_not_returning_three_arrays_says_how_to_return_them(returned, says):
    printed = _run(lambda dZ, X, W: returned)
    assert says in printed and "return dX, dW, db" in printed
