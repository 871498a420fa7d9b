"""Hidden cases are as demanding as the public ones: every known mistake that fails the
public cases fails the hidden ones too, and the extreme values the public cases test
are in every hidden draw."""
from __future__ import annotations

import numpy as np
import pytest

from nnlessons.exercises import EXERCISES
from nnlessons.exercises.checker import run_cases
from nnlessons.instructor.hidden import hidden_cases
from nnlessons.exercises.report import evaluate
from learner_support import heldout_available

MISTAKES = [(name, m) for name, ex in EXERCISES.items() for m in ex.mistakes]
SEEDS = (0, 1, 12345)



@pytest.mark.parametrize("name,mistake", MISTAKES, ids=[f"{n}-{m.name}" for n, m in MISTAKES])
def test_a_mistake_that_fails_the_public_cases_fails_the_hidden_ones(name, mistake):
    if name == "train_digits" and not heldout_available():
        pytest.skip("held-out digits not available")
    ex = EXERCISES[name]
    public = ex.public_cases()
    assert evaluate(ex, public, run_cases(mistake.fn, ex, public)).status != "passed"
    for seed in SEEDS[:1] if ex.accuracy else SEEDS:  # training is slow: one draw
        cases = hidden_cases(name, seed)
        rep = evaluate(ex, cases, run_cases(mistake.fn, ex, cases), reveal_inputs=False)
        assert rep.status != "passed", f"seed {seed}: {rep.to_text()}"


def _arrays(cases, i=0):
    return [np.asarray(c.args[i]) for c in cases]


@pytest.mark.parametrize("seed", range(20))
def test_hidden_cases_hold_the_public_cases_extremes(seed):
    for name in ("sigmoid", "sigmoid_grad", "relu", "relu_grad"):
        assert any(np.any(z <= -1000) and np.any(z >= 1000) for z in _arrays(hidden_cases(name, seed))), name
    for name in ("softmax", "cross_entropy"):
        assert any(np.max(z) >= 1000 for z in _arrays(hidden_cases(name, seed))), name
        assert any(z.ndim == 2 and np.ptp(z.max(axis=1)) >= 745 for z in _arrays(hidden_cases(name, seed))), \
            f"{name}: rows with very different maxima (a shift by the global max fails)"
    bce = hidden_cases("binary_cross_entropy", seed)
    assert any(np.any((c.args[0] == 0) & (c.args[1] == 1)) and np.any((c.args[0] == 1) & (c.args[1] == 0))
               for c in bce), "p exactly 0 and 1 with the other label"
    assert any(c.args[4] > 0 and c.args[3] == 1 for c in hidden_cases("conv_output_shape", seed))
    assert any(c.kwargs["padding"] > 0 and c.args[0].shape[0] > 1 for c in hidden_cases("conv2d", seed))
    assert any(c.args[0].shape[0] > 1 and c.args[2].shape[0] != c.args[2].shape[1]
               for c in hidden_cases("dense_backward", seed))
    grads = hidden_cases("two_layer_grads", seed)
    assert any(len(c.args[0]) == 1 for c in grads), "one example"
    assert any(len(c.args[0]) > 1 and set(c.args[1]) == set(range(c.args[2]["W2"].shape[1])) for c in grads), \
        "a batch with every class"
    hidden_z = [c.args[0] @ c.args[2]["W1"] + c.args[2]["b1"] for c in grads]
    assert any(np.any(z == 0) for z in hidden_z), "hidden pre-activations exactly 0"
    assert any(np.max(np.maximum(z, 0) @ c.args[2]["W2"] + c.args[2]["b2"]) >= 1000
               for z, c in zip(hidden_z, grads)), "logits of 1000 or more"


@pytest.mark.parametrize("seed", range(20))
def test_hidden_cases_hold_the_edges_of_ex11(seed):
    from nnlessons.training import early_stopping_epoch

    def weights(params):
        return [k for k in params if k.startswith("W")]

    penalty = hidden_cases("l2_penalty", seed)
    assert all(np.all(c.args[0][k] != 0) for c in penalty for k in c.args[0] if k.startswith("b")), "biases not 0"
    assert any(len(weights(c.args[0])) >= 3 and c.args[1] > 0 for c in penalty), "3 layers or more"
    grads = hidden_cases("l2_grads", seed)
    assert any(c.args[2] > 0 and np.any(c.args[0]["b1"] != 0) and len(weights(c.args[1])) >= 3 for c in grads)
    stops = hidden_cases("early_stopping_epoch", seed)
    kept = [early_stopping_epoch(*c.args) for c in stops]
    assert any(int(np.argmin(c.args[0])) > k for c, k in zip(stops, kept)), "a lower loss after the stop"
    assert any(list(c.args[0]).count(c.args[0][k]) > 1 for c, k in zip(stops, kept)), "equal losses"
    assert any(c.args[1] >= len(c.args[0]) and k == 0 for c, k in zip(stops, kept)), "first best, never stops"
    assert any(isinstance(c.args[0], np.ndarray) for c in stops) and any(type(c.args[0]) is list for c in stops)


@pytest.mark.parametrize("name", ["l2_penalty", "l2_grads", "early_stopping_epoch"])
def test_hidden_cases_name_the_same_ex11_mistake_as_the_public_ones(name):
    ex = EXERCISES[name]
    for seed in SEEDS:
        cases = hidden_cases(name, seed)
        for m in ex.mistakes:
            rep = evaluate(ex, cases, run_cases(m.fn, ex, cases), reveal_inputs=False)
            assert rep.mistake == m.name, f"seed {seed}, {m.name}: {rep.to_text()}"
