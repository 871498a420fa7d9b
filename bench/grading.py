"""Benchmark: the nnlessons grader against nbgrader's ``autograde`` on the same class.

Builds 40 submissions (20 students x ex03 + ex12; a mix of correct, partly wrong and
stub notebooks), grades them with ``nnlessons grade --jobs 2``, then grades the
equivalent nbgrader assignment (the same learner code in nbgrader solution cells, one
test cell per exercise asserting the same outputs on inputs drawn from the course's
hidden-case generator) with ``nbgrader autograde``. Prints notebooks/second for each
and the ratio (target: at least 50x).

Ours is timed in this process (the package imported, its modules byte-compiled as
``make`` installs them), from the call to the closing summary: the first grade of the
process, so it includes loading the course and starting the sandbox. nbgrader's time is
its ``autograde`` command's.

nbgrader is never a dependency: it is installed for the benchmark only, into its own
virtualenv (default /tmp/nnlessons-bench-nbgrader; ``--nbgrader-venv``). If it cannot
be installed, the benchmark says so and prints the nnlessons figure alone.

    .venv/bin/python bench/grading.py [--students 20] [--jobs 2]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import numpy as np
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "support")]

from nnlessons.instructor.grading.batch import Options, grade_class  # noqa: E402
from nnlessons.instructor.grading.course import default_course  # noqa: E402
from submissions import nbmake, real  # noqa: E402

KINDS = ["correct", "correct", "partly wrong", "stub"]


def learner_sources(nb: str, i: int) -> dict[str, str]:
    """Student i's function sources for notebook `nb` (correct / partly wrong / stub)."""
    kind = KINDS[i % len(KINDS)]
    if kind == "partly wrong":
        return real.sources(nb, "correct", wrong=tuple(real.NOTEBOOKS[nb][::2]))
    return real.sources(nb, kind)


def build_nnlessons_class(subs: Path, students: int) -> int:
    """SUBMISSIONS/<student>/exNN_*.ipynb; returns the number of notebooks."""
    for i in range(students):
        for nb in real.NOTEBOOKS:
            nbmake.write(subs, f"student{i:03d}", f"{nb}.ipynb",
                         nbmake.build(nb, learner_sources(nb, i), real=True))
    return students * len(real.NOTEBOOKS)


# ------------------------------------------------------------------------- nbgrader
def _literal(x) -> str:
    if isinstance(x, np.ndarray):
        return f"np.array({json.dumps(x.tolist())}, dtype={str(x.dtype)!r})"
    if isinstance(x, tuple):
        return "(" + "".join(_literal(v) + ", " for v in x) + ")"
    if isinstance(x, (np.integer, np.floating)):
        return repr(x.item())
    return repr(x)


def test_cell_source(name: str) -> str:
    """Asserts for `name` on the course's hidden inputs, expected values inlined."""
    course = default_course()
    ex = course.exercises[name]
    lines = ["import numpy as np"]
    for case in course.hidden_cases(name, 12345):
        expected = ex.reference(*case.args, **case.kwargs)
        call = f"{name}(*{_literal(tuple(case.args))}, **{case.kwargs!r})"
        lines.append(f"np.testing.assert_allclose(np.asarray({call}, dtype=float), "
                     f"np.asarray({_literal(expected if not isinstance(expected, tuple) else np.array(expected))}, "
                     "dtype=float), rtol=1e-6, atol=1e-9)")
    return "\n".join(lines)


def nbgrader_notebook(nb: str, sources: dict[str, str], tests: dict[str, str]):
    """An nbgrader notebook: a solution cell and a graded test cell per exercise."""
    course = default_course()
    cells = [new_markdown_cell(f"# {nb}"), new_code_cell("import numpy as np")]
    for name in real.NOTEBOOKS[nb]:
        sol = new_code_cell(sources[name])
        sol.metadata["nbgrader"] = {"solution": True, "grade": False, "locked": False,
                                    "grade_id": f"sol_{name}", "schema_version": 3}
        test = new_code_cell(tests[name])
        test.metadata["nbgrader"] = {"solution": False, "grade": True, "locked": True,
                                     "grade_id": f"test_{name}", "points": course.exercises[name].points,
                                     "schema_version": 3}
        cells += [new_markdown_cell(f"## {name}"), sol, test]
    note = new_notebook(cells=cells)
    note.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return note


def build_nbgrader_course(course_dir: Path, students: int) -> int:
    """source/ps1 (instructor), submitted/<student>/ps1 (learners)."""
    tests = {n: test_cell_source(n) for names in real.NOTEBOOKS.values() for n in names}
    (course_dir / "source" / "ps1").mkdir(parents=True)
    for nb in real.NOTEBOOKS:
        nbformat.write(nbgrader_notebook(nb, real.sources(nb, "correct"), tests),
                       course_dir / "source" / "ps1" / f"{nb}.ipynb")
        for i in range(students):
            d = course_dir / "submitted" / f"student{i:03d}" / "ps1"
            d.mkdir(parents=True, exist_ok=True)
            nbformat.write(nbgrader_notebook(nb, learner_sources(nb, i), tests), d / f"{nb}.ipynb")
    (course_dir / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        f"c.CourseDirectory.root = {str(course_dir)!r}\n"
        "c.CourseDirectory.course_id = 'bench'\n"
        "c.Execute.timeout = 60\n")
    return students * len(real.NOTEBOOKS)


def ensure_nbgrader(venv: Path) -> Path | None:
    """The nbgrader executable in `venv`, installing it there if needed (None on failure)."""
    exe = venv / "bin" / "nbgrader"
    if exe.exists():
        return exe
    print(f"installing nbgrader into {venv} (benchmark only) ...", file=sys.stderr)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "nbgrader", "numpy", "ipykernel"],
                       check=True, timeout=1800)
    except (subprocess.SubprocessError, OSError) as exc:
        print(f"nbgrader could not be installed: {exc}", file=sys.stderr)
        return None
    return exe if exe.exists() else None


def run_nbgrader(exe: Path, course_dir: Path) -> float:
    """Seconds for ``nbgrader autograde`` of the whole class (after generate_assignment)."""
    env = {**os.environ, "PATH": f"{exe.parent}:{os.environ.get('PATH', '')}", "OPENBLAS_NUM_THREADS": "1"}
    env.pop("JUPYTER_PATH", None)
    subprocess.run([str(exe), "generate_assignment", "ps1", "--force"], cwd=course_dir, env=env, check=True,
                   capture_output=True)
    start = time.perf_counter()
    done = subprocess.run([str(exe), "autograde", "ps1", "--create", "--force"], cwd=course_dir, env=env,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"nbgrader autograde failed:\n{done.stderr[-3000:]}")
    graded = list((course_dir / "autograded").glob("*/ps1/*.ipynb"))
    print(f"nbgrader autograded {len(graded)} notebooks", file=sys.stderr)
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=20, help="students (x2 notebooks; default 20 -> 40)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--nbgrader-venv", default=os.path.join(tempfile.gettempdir(), "nnlessons-bench-nbgrader"))
    parser.add_argument("--skip-nbgrader", action="store_true")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="nnlessons-bench-"))
    try:
        n = build_nnlessons_class(work / "subs", args.students)
        start = time.perf_counter()
        summary = grade_class(work / "subs", work / "out", Options(jobs=args.jobs, timeout=60, progress=False))
        ours = time.perf_counter() - start
        print(f"nnlessons grade --jobs {args.jobs}: {n} notebooks in {ours:.2f} s = {n / ours:.1f} notebooks/s "
              f"(graded {summary.graded}, unreadable {summary.unreadable}, stopped {summary.stopped})")
        exe = None if args.skip_nbgrader else ensure_nbgrader(Path(args.nbgrader_venv))
        if exe is None:
            print("nbgrader: not measured (not installed)")
            return 0
        m = build_nbgrader_course(work / "nbgrader", args.students)
        theirs = run_nbgrader(exe, work / "nbgrader")
        print(f"nbgrader autograde: {m} notebooks in {theirs:.2f} s = {m / theirs:.2f} notebooks/s")
        print(f"ratio: {(n / ours) / (m / theirs):.1f}x nbgrader's throughput (target >= 50x)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
