"""Benchmark: how often the feedback NAMES a learner's mistake (check and the grader).

Measures the development corpus (tests/support/dev_corpus.py) and the held-out corpus
(tests/support/learner_corpus.py, written without seeing the feedback code) with
tests/support/feedback_measure.py: for every wrong answer of a function in the course
table, `check`'s report on the public cases and the grader's message on one student's
hidden cases (with the sandbox's probe phase run in this process), matched against the
entry's words. Prints the shares named and the share that shows expected vs got (or the
error); ``-v`` lists the entries not named. Never asserts (tests/exercises/
test_feedback_corpus.py does).

    OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/feedback.py [-v] [dev|heldout]
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "support")]

import feedback_measure as fm  # noqa: E402


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    which = [a for a in argv if not a.startswith("-")] or ["dev", "heldout"]
    for name in which:
        if name == "dev":
            from dev_corpus import DEV_CORPUS as corpus
        else:
            from learner_corpus import CORPUS as corpus
        start = time.monotonic()
        results = fm.measure(corpus)
        print("\n".join(fm.report_lines(f"{name} corpus", results)), f"({time.monotonic() - start:.0f} s)")
        if verbose:
            for r in results:
                if (r.check_status != "passed" and not r.check_strict) or \
                        (r.grader_status not in ("passed", "") and not r.grader_named):
                    print(f"  not named: {r.function}/{r.family} (check {'named' if r.check_strict else '-'}, "
                          f"grader {'named' if r.grader_named else '-'})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
