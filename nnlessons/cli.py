"""The `nnlessons` command: author exercises, release the learner bundle, grade a class."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import has_instructor


def _author(args: argparse.Namespace) -> int:
    from .instructor.authoring import generate_exercises

    written = generate_exercises(Path(args.solutions), Path(args.out), execute_stubs=not args.no_execute)
    for path in written:
        print(f"wrote {path}")
    return 0


def _release(args: argparse.Namespace) -> int:
    from .instructor.release import build_release

    out = build_release(Path(args.root), Path(args.out))
    print(f"learner bundle written to {out}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argparse parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="nnlessons", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    if has_instructor():  # the instructor's commands: not in the learner bundle
        author = sub.add_parser("author", help="generate exercises/ from solutions/")
        author.add_argument("--solutions", default="solutions", help="folder of solution notebooks (default: solutions)")
        author.add_argument("--out", default="exercises", help="folder to write (default: exercises)")
        author.add_argument("--no-execute", action="store_true", help="write the stubs without running their checks")
        author.set_defaults(func=_author)
        release = sub.add_parser("release", help="write the learner bundle (no solutions, no hidden cases)")
        release.add_argument("--out", required=True, help="folder to write the bundle into (new, empty, or an earlier bundle)")
        release.add_argument("--root", default=".", help="the course repository (default: .)")
        release.set_defaults(func=_release)

        from .instructor.grading.cli import add_grade_parsers

        add_grade_parsers(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except (FileNotFoundError, FileExistsError, ValueError) as exc:
        print(f"nnlessons {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
