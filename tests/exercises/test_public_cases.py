"""The public cases catch what grading catches.

- every known mistake fails at least one public case;
- every wrong answer of the development corpus that fails a student's hidden cases fails
  at least one public case too (a learner whose check passes is not surprised at grading);
- every exercise's public cases hold the inputs that separate its classic errors, read
  from the cases themselves (no table per exercise): a batch of one and of many, a
  non-square matrix, z = 0 exactly for an elementwise function, the extremes (+-1000, or a
  probability of exactly 0 and 1) where numerical stability is graded, and rows with
  different maxima where huge scores are;
- the development corpus is kept apart from the known mistakes: no entry gives a known
  mistake's outputs on the public cases.
"""
from __future__ import annotations

import numpy as np
import pytest

from nnlessons.exercises import EXERCISES
from nnlessons.exercises.checker import run_cases
from nnlessons.exercises.compare import same_output
from nnlessons.exercises.report import evaluate
from nnlessons.instructor.grading.grade import case_seed
from nnlessons.instructor.hidden import hidden_cases
from dev_corpus import DEV_CORPUS
from learner_support import define

MISTAKES = [(name, m) for name, ex in EXERCISES.items() for m in ex.mistakes]
EXACT = [name for name, ex in EXERCISES.items() if ex.accuracy is None]
CORPUS = [e for e in DEV_CORPUS if e[0] in EXERCISES and EXERCISES[e[0]].accuracy is None]
STUDENTS = ("ada", "ben", "chen")


@pytest.mark.parametrize("name,mistake", MISTAKES, ids=[f"{n}-{m.name}" for n, m in MISTAKES])
def test_every_known_mistake_fails_a_public_case(name, mistake):
    ex = EXERCISES[name]
    cases = ex.public_cases()
    rep = evaluate(ex, cases, run_cases(mistake.fn, ex, cases))
    assert rep.status != "passed", rep.to_text()


@pytest.mark.parametrize("entry", CORPUS, ids=[f"{e[0]}-{e[2]}-{i}" for i, e in enumerate(CORPUS)])
def test_what_grading_catches_the_public_check_catches(entry):
    name, src, family, _ = entry
    ex = EXERCISES[name]
    fn, _ = define(src, name)
    public = ex.public_cases()
    caught = evaluate(ex, public, run_cases(fn, ex, public)).status != "passed"
    for student in STUDENTS:
        cases = hidden_cases(name, case_seed(student, ex.notebook))
        fn, _ = define(src, name)
        if evaluate(ex, cases, run_cases(fn, ex, cases), reveal_inputs=False).status != "passed":
            assert caught, f"{name}/{family} fails {student}'s hidden cases but passes the public check"


# ----------------------------------------------------------- the separating inputs
def _arrays(case):
    out = []
    for v in (*case.args, *case.kwargs.values()):
        if isinstance(v, np.ndarray) and v.dtype.kind == "f":
            out.append(v)
        elif isinstance(v, dict):
            out += [a for a in v.values() if isinstance(a, np.ndarray) and a.dtype.kind == "f"]
    return out


def _elementwise(ex) -> bool:
    """One array in, an array of the same shape out (an activation or its derivative)."""
    case = ex.public_cases()[0]
    if len(case.args) != 1 or not isinstance(case.args[0], np.ndarray):
        return False
    out = ex.reference(np.copy(case.args[0]))
    return isinstance(out, np.ndarray) and out.shape == case.args[0].shape


@pytest.mark.parametrize("name", EXACT)
def test_public_cases_hold_the_separating_inputs(name):
    ex = EXERCISES[name]
    cases = ex.public_cases()
    batched = [c for c in cases if any(a.ndim == 2 for a in _arrays(c))]
    if batched:  # a batch of one and of many; a matrix that is not square
        direct = [[a for a in c.args if isinstance(a, np.ndarray) and a.dtype.kind == "f"][:1] for c in cases]
        firsts = {a.shape[0] for d in direct for a in d if a.ndim >= 1}
        if firsts:  # (a function of weight dicts alone, such as l2_penalty, takes no batch)
            singles = any(a.ndim == 1 for d in direct for a in d) or 1 in firsts
            assert singles and max(firsts) > 1, f"{name}: no single example or no batch of several"
        assert any(a.ndim == 2 and a.shape[0] != a.shape[1] for c in cases for a in _arrays(c)), \
            f"{name}: every 2-D input is square (a transposed matrix would pass)"
    if _elementwise(ex):
        assert any(np.any(c.args[0] == 0) for c in cases), f"{name}: no z = 0 exactly"
    if ex.no_warnings:  # numerical stability is graded: the extremes are there
        extreme = any(np.max(np.abs(a)) >= 1000 for c in cases for a in _arrays(c))
        edges = any(np.any(a == 0) and np.any(a == 1) and a.min() >= 0 and a.max() <= 1
                    for c in cases for a in _arrays(c))
        assert extreme or edges, f"{name}: no +-1000 (or probabilities exactly 0 and 1)"
    huge = [a for c in cases for a in _arrays(c) if a.ndim == 2 and np.max(np.abs(a)) >= 1000]
    if huge and ex.no_warnings:  # a shift by the global max instead of each row's: rows with different maxima
        assert any(np.ptp(a.max(axis=1)) >= 745 for a in huge), f"{name}: huge rows share their maximum"


# ------------------------------------------------ the development corpus stands apart
@pytest.mark.parametrize("entry", CORPUS, ids=[f"{e[0]}-{e[2]}-{i}" for i, e in enumerate(CORPUS)])
def test_dev_corpus_entries_are_not_known_mistakes(entry):
    name, src, family, _ = entry
    ex = EXERCISES[name]
    cases = ex.public_cases()
    fn, _ = define(src, name)
    mine = run_cases(fn, ex, cases)
    for m in ex.mistakes:
        theirs = run_cases(m.fn, ex, cases)
        same = all(a.status == b.status and (a.status != "ok" or same_output(a.value, b.value))
                   for a, b in zip(mine, theirs))
        assert not same, f"{name}/{family} gives the outputs of the known mistake {m.name}"
