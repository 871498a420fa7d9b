"""Typical learner wrong answers (tests/wrong_answers.py) and what `check` says for each."""
from __future__ import annotations

import collections

import pytest

from nnlessons.exercises import EXERCISES, check
from wrong_answers import WRONG_ANSWERS
from learner_support import define



def test_at_least_three_wrong_answers_per_exercise():
    wrong = collections.Counter(name for name, _, status, _ in WRONG_ANSWERS if status != "passed")
    assert set(wrong) == set(EXERCISES)
    assert min(wrong.values()) >= 3, wrong


@pytest.mark.parametrize("name,src,status,expect", WRONG_ANSWERS,
                         ids=[f"{w[0]}-{i}" for i, w in enumerate(WRONG_ANSWERS)])
def test_check_says(name, src, status, expect):
    fn, ns = define(src, name)
    rep = check(fn)
    text = rep.to_text()
    assert rep.status == status, text
    if expect.startswith("mistake:"):
        assert rep.mistake == expect.split(":", 1)[1], text
        assert rep.hint in text
    else:
        assert expect in text, text
    if status != "passed":
        assert rep.points < rep.max_points
        assert "wrong output" not in text.lower()
