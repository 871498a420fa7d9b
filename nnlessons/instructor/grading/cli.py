"""The grader's subcommands: ``grade`` and ``export-gradescope`` (and the internal
``gradescope-run`` that the exported autograder calls)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .sandbox.policy import ALL, PROTECTIONS

__all__ = ["add_grade_parsers"]


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, got {text}")
    return value


def _grade(args: argparse.Namespace) -> int:
    from .batch import Options, SandboxRefused, grade_class
    from .text import printable

    opts = Options(jobs=args.jobs, timeout=args.timeout, memory_mb=args.memory, force=args.force,
                   progress=not args.quiet, allow_weaker_sandbox=tuple(args.allow_weaker_sandbox or ()))
    try:
        summary = grade_class(Path(args.submissions), Path(args.out), opts)
    except SandboxRefused as exc:
        print(printable(str(exc)), file=sys.stderr)
        return 2
    print(summary.text(), file=sys.stderr)
    print(printable(f"wrote {Path(args.out) / 'grades.csv'}, summary.csv, gradebook.sqlite, feedback/, gradescope/"))
    return 0


def _export_gradescope(args: argparse.Namespace) -> int:
    from .gradescope import build_autograder

    out = build_autograder(Path(args.out), allow_weaker=tuple(args.allow_weaker_sandbox or ()))
    print(f"wrote {out}: upload it as the autograder of a Gradescope programming assignment")
    return 0


def _gradescope_run(args: argparse.Namespace) -> int:
    from .gradescope import run_on_gradescope

    return run_on_gradescope(Path(args.submission), Path(args.results),
                             allow_weaker=tuple(args.allow_weaker_sandbox or ()))


def add_grade_parsers(subparsers) -> None:
    """Register ``grade``, ``export-gradescope`` and ``gradescope-run``."""
    grade = subparsers.add_parser(
        "grade", help="grade a class's submitted exercise notebooks",
        description="Grade every SUBMISSIONS/<student>/exNN_*.ipynb: each submission runs in its own "
                    "sandboxed process, its functions are called on hidden cases, and the results go to "
                    "DIR. A re-run skips submissions that did not change. The submissions are only read.",
        epilog="Limits: each hidden case is stopped after its exercise's time limit (once a case is "
               "stopped, that exercise's other cases are not run), and the whole submission after "
               "--timeout seconds. At the end a summary gives the counts "
               "(graded, skipped, unreadable), the exercise statuses, the class mean and which "
               "sandbox layers were on. Grading refuses to start (exit code 2) unless the sandbox confines "
               "the filesystem, isolates signals, cuts the network and filters syscalls; see "
               "docs/security.md.")
    grade.add_argument("submissions", metavar="SUBMISSIONS",
                       help="folder with one folder per student holding exNN_*.ipynb files")
    grade.add_argument("--out", required=True, metavar="DIR",
                       help="output folder: gradebook.sqlite, grades.csv, summary.csv, feedback/, gradescope/")
    grade.add_argument("--jobs", type=_positive_int, default=1, metavar="N",
                       help="submissions graded at once (default 1)")
    grade.add_argument("--timeout", type=_positive_float, default=None, metavar="SECONDS",
                       help="wall-clock limit for one submission, its cells and all its hidden cases "
                            "(default: 30 s + 6 x the per-case time limit of each exercise in the "
                            "notebook, at most 900 s)")
    grade.add_argument("--memory", type=_positive_int, default=1024, metavar="MB",
                       help="memory (address space) limit per submission (default 1024)")
    grade.add_argument("--force", action="store_true",
                       help="re-grade every submission, also those that did not change since the last run")
    grade.add_argument("--quiet", action="store_true", help="no progress bar")
    grade.add_argument("--allow-weaker-sandbox", action="append", choices=[*PROTECTIONS, ALL], metavar="PROTECTION",
                       help="grade even though the sandbox cannot give PROTECTION on this machine (one of "
                            f"{', '.join(PROTECTIONS)}, or {ALL}; repeat for several). Without it grading "
                            "refuses to start when one is missing; with it the summary says loudly what "
                            "was off. Read docs/security.md first")
    grade.set_defaults(func=_grade)

    export = subparsers.add_parser("export-gradescope", help="build a Gradescope autograder zip")
    export.add_argument("--out", default="autograder.zip", metavar="ZIP",
                        help="the zip to write (default autograder.zip)")
    export.add_argument("--allow-weaker-sandbox", action="append", choices=[*PROTECTIONS, ALL], metavar="PROTECTION",
                        help="let the autograder grade on Gradescope even though its machine lacks PROTECTION "
                             "(as for grade; written into run_autograder). Without it, a Gradescope machine "
                             "that cannot confine the code gives every student a 'not graded' message")
    export.set_defaults(func=_export_gradescope)

    run = subparsers.add_parser("gradescope-run", help="grade one submission inside a Gradescope autograder (run_autograder calls it)")
    run.add_argument("submission", help="folder with the learner's notebooks (/autograder/submission)")
    run.add_argument("results", help="results.json to write (/autograder/results/results.json)")
    run.add_argument("--allow-weaker-sandbox", action="append", choices=[*PROTECTIONS, ALL], metavar="PROTECTION",
                     help="as for grade")
    run.set_defaults(func=_gradescope_run)
