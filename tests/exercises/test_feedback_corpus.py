"""How often the feedback names a learner's mistake, on two corpora of wrong answers
written as learners write them (tests/support/feedback_measure.py does the measuring):

- the development corpus (tests/support/dev_corpus.py), which the diagnosis engine was
  developed against: floors on the naming rates guard against regressions;
- the held-out corpus (tests/support/learner_corpus.py), written by someone who never saw
  the feedback code: measured, never tuned to, no floor on its naming rate.

On both, every failing case of every report shows expected vs got, or the error. The
exercises graded by accuracy (training a network) are left to ``bench/feedback.py``,
which measures everything and prints the rates.
"""
from __future__ import annotations

import pytest

from nnlessons.exercises import EXERCISES
import feedback_measure as fm
from dev_corpus import DEV_CORPUS


def _fast(corpus):
    return [e for e in corpus if e[0] in EXERCISES and EXERCISES[e[0]].accuracy is None]


@pytest.fixture(scope="module")
def dev():
    return fm.measure(_fast(DEV_CORPUS))


@pytest.fixture(scope="module")
def heldout():
    from learner_corpus import CORPUS

    return fm.measure(_fast(CORPUS))


def test_dev_corpus_has_five_wrong_answers_per_contract_function():
    from collections import Counter

    counts = Counter(e[0] for e in DEV_CORPUS)
    assert min(counts.values()) >= 5 and len(counts) >= 33, counts


def _assert_evidence(results):
    k = fm.rates(results)
    missing = [f"{r.function}/{r.family}" for r in results
               if (r.check_status != "passed" and not r.check_evidence)
               or (r.grader_status not in ("passed", "") and not r.grader_evidence)]
    assert not missing, f"no expected vs got or error shown: {missing}"
    assert k["check_evidence"] == k["check_wrong"] and k["grader_evidence"] == k["grader_wrong"]


def test_dev_corpus_every_report_shows_expected_vs_got(dev):
    _assert_evidence(dev)


def test_dev_corpus_naming_rates_do_not_regress(dev):
    k = fm.rates(dev)
    print("\n".join(fm.report_lines("development corpus (fast functions)", dev)))
    assert k["check_strict"] >= 0.8 * k["check_wrong"], fm.report_lines("dev", dev)
    assert k["grader_named"] >= 0.72 * k["grader_wrong"], fm.report_lines("dev", dev)
    assert not k["public_misses"], [f"{r.function}/{r.family}" for r in k["public_misses"]]


def test_heldout_corpus_every_report_shows_expected_vs_got(heldout):
    print("\n".join(fm.report_lines("held-out corpus (fast functions)", heldout)))
    _assert_evidence(heldout)


def test_grader_messages_never_show_hidden_inputs(heldout, dev):
    for r in heldout + dev:
        assert "input:" not in r.grader_text, f"{r.function}/{r.family}"
