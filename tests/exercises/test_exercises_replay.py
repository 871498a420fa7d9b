"""The learner bundle's replay tables (`nnlessons.exercises.replay`): recorded outcomes
of the references and known mistakes on the public cases give exactly the reports the
real code gives, and any other input is refused."""
from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from nnlessons.exercises import EXERCISES, replay
from nnlessons.instructor import record
from nnlessons.exercises.checker import run_cases
from nnlessons.exercises.report import evaluate
from nnlessons.exercises.spec import Fn
from wrong_answers import WRONG_ANSWERS
from learner_support import define

TABLES = json.loads(record.dumps(record.record()))  # through JSON, as the bundle reads them
R, MISTAKES = replay.load(TABLES)


def _replayed(ex):
    return dataclasses.replace(ex, reference=R[ex.name], mistakes=MISTAKES[ex.name])


def _same_report(ex, fn):
    cases = ex.public_cases()
    outcomes = run_cases(fn, ex, cases)
    real, again = evaluate(ex, cases, outcomes), evaluate(_replayed(ex), cases, outcomes)
    assert again.to_dict() == real.to_dict(), f"replayed:\n{again.to_text()}\nreal:\n{real.to_text()}"
    return real


def test_the_tables_replace_every_reference_function_and_mistake():
    assert set(MISTAKES) == set(EXERCISES) == set(R)
    for name, ex in EXERCISES.items():
        assert [m.name for m in MISTAKES[name]] == [m.name for m in ex.mistakes]
        assert [m.hint for m in MISTAKES[name]] == [m.hint for m in ex.mistakes]
        assert [m.detect for m in MISTAKES[name]] == [m.detect for m in ex.mistakes]
        assert all(isinstance(m.fn, replay.Replay) for m in MISTAKES[name])
        assert isinstance(R[name], replay.Replay)
    # the accuracy-graded exercises record nothing: trained weights would be an answer
    for name in ("train_digits", "train_mlp"):
        assert TABLES["exercises"][name]["calls"] == {}
        assert all(m["calls"] == {} for m in TABLES["exercises"][name]["mistakes"])


ARGS = [(n, m.name) for n, ex in EXERCISES.items() if n != "train_digits" for m in ex.mistakes]


@pytest.mark.parametrize("name,mistake", ARGS, ids=[f"{n}-{m}" for n, m in ARGS])
def test_a_known_mistake_gets_the_same_report(name, mistake):
    ex = EXERCISES[name]
    m = next(m for m in ex.mistakes if m.name == mistake)
    assert _same_report(ex, m.fn).mistake == mistake


@pytest.mark.parametrize("name", [n for n in EXERCISES if n != "train_digits"])
def test_the_reference_and_a_stub_get_the_same_report(name):
    ex = EXERCISES[name]
    assert _same_report(ex, ex.reference).status == "passed"
    stub, ns = define(f"def {name}(*args, **kwargs):\n    raise NotImplementedError()\n", name)
    assert _same_report(ex, stub).status == "not_attempted"


WRONG = [w for w in WRONG_ANSWERS if w[0] != "train_digits"]


@pytest.mark.parametrize("name,src,status,expect", WRONG, ids=[f"{w[0]}-{i}" for i, w in enumerate(WRONG)])
def test_a_typical_wrong_answer_gets_the_same_report(name, src, status, expect):
    fn, ns = define(src, name)
    _same_report(EXERCISES[name], fn)


def test_replay_refuses_other_inputs_and_keeps_signatures():
    import inspect

    with pytest.raises(replay.UnknownInputs, match="only knows the public cases"):
        R["conv_output_shape"](30, 30, 3)
    assert str(inspect.signature(R["conv_output_shape"])) == "(h, w, k, stride=1, padding=0)"
    assert R["conv_output_shape"](28, 28, 3) == (26, 26)
    mistake = MISTAKES["conv_output_shape"][0]
    assert mistake.fn(28, 28, 3) == (25, 25)


def test_replay_restores_warnings_exceptions_and_changed_arguments():
    import warnings

    naive = next(m for m in MISTAKES["sigmoid"] if m.name == "naive_overflow")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        naive.fn(np.array([-1000.0, -30.0, 30.0, 1000.0]))
    assert any("overflow" in str(w.message) for w in caught)
    x = np.array([0.5, -1.0, 2.0])
    not_restored = next(m for m in MISTAKES["numerical_gradient"] if m.name == "x_not_restored")
    not_restored.fn(Fn("lambda x: np.sum(x ** 3)").build(), x)
    assert not np.array_equal(x, [0.5, -1.0, 2.0])
    relu = next(m for m in MISTAKES["relu"] if m.name == "max_reduces")
    out = relu.fn(np.array([-2.0, -0.5, 0.0, 0.5, 2.0]))  # a reduction: one number
    assert np.ndim(out) == 0


def test_call_key_depends_on_values_dtypes_shapes_and_function_sources():
    a = np.arange(4.0)
    k = replay.call_key((a,), {})
    assert k == replay.call_key((a.copy(),), {})
    assert k != replay.call_key((a.reshape(2, 2),), {})
    assert k != replay.call_key((a.astype(np.float32),), {})
    assert k != replay.call_key((a,), {"eps": 1e-5})
    f, g = Fn("lambda x: x"), Fn("lambda x: -x")
    assert replay.call_key((f.build(),), {}) == replay.call_key((f,), {}) != replay.call_key((g.build(),), {})
    with pytest.raises(replay.UnknownInputs):
        replay.call_key((lambda x: x,), {})


def test_a_detect_rule_must_live_in_analysis(monkeypatch):
    from nnlessons.exercises.spec import Mistake

    ex = EXERCISES["train_mlp"]
    odd = dataclasses.replace(ex, mistakes=[Mistake("odd", ex.reference, "hint", detect=lambda c, o: True)])
    with pytest.raises(ValueError, match="analysis"):
        record.record({"train_mlp": odd})
