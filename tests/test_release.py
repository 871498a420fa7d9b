"""The learner bundle (`nnlessons release`): everything a learner needs, nothing that
gives answers away, and it runs on its own."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest

from nnlessons.authoring import BEGIN, END
from nnlessons.cli import main as cli_main
from nnlessons.release import MARKER, build_release

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "solutions"
_BLOCK = re.compile(rf"{re.escape(BEGIN)}[^\n]*\n(.*?)^[ \t]*{re.escape(END)}", re.S | re.M)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("release") / "learner"
    assert cli_main(["release", "--root", str(ROOT), "--out", str(out)]) == 0
    return out


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")


def answer_lines() -> set[str]:
    """The solution notebooks' answer lines (between the markers, stripped) of 25+ characters."""
    lines = set()
    for path in SOLUTIONS.glob("ex[0-9][0-9]_*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                for block in _BLOCK.findall(cell.source):
                    lines |= {ln.strip() for ln in block.splitlines() if len(ln.strip()) >= 25}
    return lines


# ------------------------------------------------------------------ nothing that gives answers away
def test_answer_lines_are_found_at_all():
    lines = answer_lines()
    assert len(lines) >= 30, "the solution notebooks should hold answers to look for"
    assert any("np.sum(window * kernels[n])" in ln for ln in lines)


def test_bundle_has_no_solution_markers_and_no_answer_lines(bundle):
    lines = answer_lines()
    leaks = []
    for path in _files(bundle):
        text = _text(path)
        assert BEGIN not in text, f"{path.relative_to(bundle)} holds a solution marker"
        leaks += [f"{path.relative_to(bundle)}: {ln}" for ln in lines if ln in text]
    assert not leaks, "solution lines found in the learner bundle:\n" + "\n".join(leaks)


def test_bundle_has_no_hidden_cases_grader_heldout_digits_solutions_or_tests(bundle):
    rel = [p.relative_to(bundle).as_posix() for p in bundle.rglob("*")]
    assert not [r for r in rel if r.endswith("hidden.py")]
    assert not [r for r in rel if "digits_test" in r or "make_digits" in r]
    assert not [r for r in rel if r.startswith("nnlessons/grading")]
    assert not [r for r in rel if r.split("/")[0] in ("solutions", "tests", "bench", "dist", ".venv")]
    assert not [r for r in rel if "__pycache__" in r or r.endswith(".pyc")]
    for path in _files(bundle):
        assert "hidden_cases" not in _text(path), f"{path.relative_to(bundle)} mentions the hidden-case generator"


def test_bundle_holds_the_lessons_exercises_package_and_setup_files(bundle):
    for name in ("README.md", "Makefile", "environment.yml", "pyproject.toml", "nnlessons/__init__.py",
                 "nnlessons/exercises/check.py", "nnlessons/data/digits_train.npz"):
        assert (bundle / name).is_file(), name
    lessons = {p.name for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert "00_start_here.ipynb" in lessons
    assert {p.name for p in (bundle / "notebooks").glob("*.ipynb")} == lessons
    exercises = {p.name for p in (ROOT / "exercises").glob("ex*.ipynb")}
    assert len(exercises) == 10
    assert {p.name for p in (bundle / "exercises").glob("*.ipynb")} == exercises
    assert "make lab" in (bundle / "README.md").read_text()
    assert "lab:" in (bundle / "Makefile").read_text()


# ------------------------------------------------------------------ it runs from the bundle
# In this checkout the course is pip-installed in editable mode: its import hook would
# quietly supply any module the bundle lacks (e.g. nnlessons.grading) from the repository.
# A learner has no such hook, so the bundle runs without it (here and in its kernels).
ISOLATE = textwrap.dedent("""
    import sys
    sys.meta_path[:] = [f for f in sys.meta_path if "__editable__" not in getattr(f, "__module__", "")]
    sys.path_hooks[:] = [h for h in sys.path_hooks if "__editable__" not in getattr(h, "__module__", "")]
    sys.path_importer_cache.clear()
""")

RUN_FROM_BUNDLE = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    import nbformat
    from nbclient import NotebookClient

    assert "sitecustomize" in sys.modules, "the isolation did not load"
    assert not [f for f in sys.meta_path if "__editable__" in getattr(f, "__module__", "")]
    bundle = Path(sys.argv[1]).resolve()
    import nnlessons
    assert Path(nnlessons.__file__).resolve().is_relative_to(bundle), nnlessons.__file__

    from nnlessons.exercises import check
    def weighted_sum(x, w):
        # YOUR CODE HERE
        raise NotImplementedError()
    stub_report = str(check(weighted_sum))

    missing = []
    for private in ("nnlessons.grading", "nnlessons.exercises.hidden", "nnlessons.authoring"):
        try:
            __import__(private)
        except ImportError:
            missing.append(private)

    probe = ("import nnlessons, os, sys; print(os.path.realpath(nnlessons.__file__)); "
             "print('sitecustomize' in sys.modules)")
    runs = {}
    for rel in sys.argv[2:]:
        path = bundle / rel
        nb = nbformat.read(path, as_version=4)
        nb.cells.append(nbformat.v4.new_code_cell(probe))
        NotebookClient(nb, timeout=120, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        checks = ["".join(o.get("data", {}).get("text/plain", "") for o in c.outputs) for c in nb.cells
                  if c.get("metadata", {}).get("nnlessons", {}).get("role") == "check"]
        errors = [o.get("ename") for c in nb.cells if c.cell_type == "code" for o in c.outputs
                  if o.get("output_type") == "error"]
        package, isolated = nb.cells[-1].outputs[0]["text"].split()
        runs[rel] = {"package": package, "isolated": isolated, "checks": checks, "errors": errors}
    print(json.dumps({"stub": stub_report, "missing": missing, "runs": runs}))
""")


def test_lessons_and_exercises_run_from_the_bundle_with_its_own_package(bundle, tmp_path):
    notebooks = ["notebooks/00_start_here.ipynb", "exercises/ex01_weighted_sum.ipynb",
                 "exercises/ex03_activations.ipynb"]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NNLESSONS_HELDOUT")}
    isolate = tmp_path / "isolate"
    isolate.mkdir()
    (isolate / "sitecustomize.py").write_text(ISOLATE)
    env["PYTHONPATH"] = os.pathsep.join([str(bundle), str(isolate)])
    env["MPLBACKEND"] = "Agg"
    proc = subprocess.run([sys.executable, "-c", RUN_FROM_BUNDLE, str(bundle), *notebooks],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])

    assert "not attempted yet" in result["stub"]
    assert "Traceback" not in result["stub"]
    assert sorted(result["missing"]) == ["nnlessons.authoring", "nnlessons.exercises.hidden", "nnlessons.grading"]
    for rel in notebooks:
        run = result["runs"][rel]
        assert Path(run["package"]).is_relative_to(bundle.resolve()), f"{rel} imported {run['package']}"
        assert run["isolated"] == "True", f"{rel}: the kernel did not load the isolation"
        assert run["errors"] == [], f"{rel} raised {run['errors']}"
    for rel in notebooks[1:]:
        checks = result["runs"][rel]["checks"]
        assert checks and all("not attempted yet" in c for c in checks), checks


# ------------------------------------------------------------------ what the command refuses
def test_release_refuses_a_foreign_non_empty_folder_and_leaves_it_alone(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    with pytest.raises(FileExistsError, match="not empty"):
        build_release(ROOT, out)
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def test_release_replaces_an_earlier_bundle(bundle, tmp_path):
    out = tmp_path / "copy"
    shutil.copytree(bundle, out)
    (out / "stale.txt").write_text("from an old release")
    assert (out / MARKER).is_file()
    build_release(ROOT, out)
    assert not (out / "stale.txt").exists() and (out / "exercises" / "ex01_weighted_sum.ipynb").is_file()


def test_release_refuses_to_write_over_the_repository():
    with pytest.raises(ValueError, match="would contain the course repository"):
        build_release(ROOT, ROOT)


def _fake_root(tmp_path: Path) -> Path:
    """A course root sharing the repo's files, with its own solutions/ and exercises/."""
    root = tmp_path / "course"
    root.mkdir()
    for name in ("notebooks", "nnlessons", "environment.yml", "pyproject.toml"):
        (root / name).symlink_to(ROOT / name)
    shutil.copytree(SOLUTIONS, root / "solutions", ignore=shutil.ignore_patterns("data"))
    shutil.copytree(ROOT / "exercises", root / "exercises")
    return root


def test_release_refuses_exercises_that_are_out_of_date(tmp_path):
    root = _fake_root(tmp_path)
    path = root / "solutions" / "ex02_bias.ipynb"
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if c.get("id") == "ex-neuron")
    cell.source = cell.source.replace('"""Weighted sum plus bias', '"""The weighted sum plus the bias')
    nbformat.write(nb, path)
    with pytest.raises(ValueError, match="ex02_bias.ipynb is out of date"):
        build_release(root, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_release_refuses_an_exercise_notebook_holding_a_solution(tmp_path):
    root = _fake_root(tmp_path)
    shutil.copy(SOLUTIONS / "ex05_losses.ipynb", root / "exercises" / "ex05_losses.ipynb")
    with pytest.raises(ValueError, match="contains '### BEGIN SOLUTION'"):
        build_release(root, tmp_path / "out")
