"""``python -m nnlessons.instructor.grading grade SUBMISSIONS --out DIR`` (the grader on its own)."""
from __future__ import annotations

import argparse
import sys

from .cli import add_grade_parsers

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    """Parse the grader's own subcommands and run one."""
    parser = argparse.ArgumentParser(prog="python -m nnlessons.instructor.grading")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add_grade_parsers(sub)
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
