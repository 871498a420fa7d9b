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

from nnlessons.exercises import NOTEBOOKS

from nnlessons.instructor.authoring import BEGIN, END
from nnlessons.cli import main as cli_main
from nnlessons.instructor.release import MARKER, build_release

ROOT = Path(__file__).resolve().parents[2]
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
    assert not [r for r in rel if r.startswith("nnlessons/instructor")]
    assert not [r for r in rel if r.split("/")[0] in ("solutions", "tests", "bench", "dist", ".venv")]
    assert not [r for r in rel if "__pycache__" in r or r.endswith(".pyc")]
    for path in _files(bundle):
        assert "hidden_cases" not in _text(path), f"{path.relative_to(bundle)} mentions the hidden-case generator"


INSTRUCTOR_DIR = ROOT / "nnlessons" / "instructor"
# Lines of references.py / mistakes.py that are boilerplate, not answers: they are also in
# the core modules that ship (and lesson 07 teaches the gradient-descent update).
GENERIC_LINES = {
    'with np.errstate(all="ignore"):', "rng = np.random.default_rng(seed)",
    "X = np.asarray(X, dtype=np.float64)", "x = np.asarray(x, dtype=np.float64)",
    "y = np.asarray(y, dtype=np.float64)", "padding: int = 0) -> np.ndarray:",
    "w, b = w - lr * dw, b - lr * db",
}


def answer_code_lines() -> set[str]:
    """The code lines (30+ characters, stripped; not imports, comments, docstrings or hint
    strings) of the reference and known-mistake modules."""
    import ast

    lines = set()
    for name in ("references.py", "mistakes.py"):
        src = (INSTRUCTOR_DIR / name).read_text(encoding="utf-8")
        docs = set()
        for node in ast.walk(ast.parse(src)):
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                docs |= set(range(node.lineno, node.end_lineno + 1))
        lines |= {s for i, ln in enumerate(src.splitlines(), 1) if (s := ln.strip()) and len(s) >= 30
                  and i not in docs and not s.startswith(("#", "from ", "import ", '"', "'"))}
    return lines - GENERIC_LINES


def test_bundle_has_no_reference_or_mistake_code(bundle):
    lines = answer_code_lines()
    assert len(lines) >= 100 and "m = beta1 * m + (1.0 - beta1) * dw" in lines
    assert not (bundle / "nnlessons/instructor").exists()
    leaks = [f"{path.relative_to(bundle)}: {ln}" for path in _files(bundle) for ln in lines if ln in _text(path)]
    assert not leaks, "reference or mistake code found in the learner bundle:\n" + "\n".join(leaks)
    tables = json.loads((bundle / "nnlessons/exercises/expected.json").read_text())  # plain JSON data
    assert tables["format"] == 2 and set(tables["exercises"]) >= {"weighted_sum", "train_digits"}
    assert (bundle / "nnlessons/exercises/analysis.py").is_file()


def test_bundle_holds_the_lessons_exercises_package_and_setup_files(bundle):
    for name in ("README.md", "Makefile", "environment.yml", "pyproject.toml", "nnlessons/__init__.py",
                 "nnlessons/exercises/checker.py", "nnlessons/data/digits_train.npz"):
        assert (bundle / name).is_file(), name
    lessons = {p.name for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert "00_start_here.ipynb" in lessons
    assert {p.name for p in (bundle / "notebooks").glob("*.ipynb")} == lessons
    exercises = {p.name for p in (ROOT / "exercises").glob("ex*.ipynb")}
    assert exercises == {f"{stem}.ipynb" for stem in NOTEBOOKS}
    assert {p.name for p in (bundle / "exercises").glob("*.ipynb")} == exercises
    assert "make lab" in (bundle / "README.md").read_text()
    assert "lab:" in (bundle / "Makefile").read_text()


# ------------------------------------------------------------------ it runs from the bundle
# In this checkout the course is pip-installed in editable mode: its import hook would
# quietly supply any module the bundle lacks (e.g. nnlessons.instructor.grading) from the repository.
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
    for private in ("nnlessons.instructor.grading", "nnlessons.instructor.hidden", "nnlessons.instructor.authoring"):
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
    assert sorted(result["missing"]) == ["nnlessons.instructor.authoring", "nnlessons.instructor.grading",
                                         "nnlessons.instructor.hidden"]
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


# ------------------------------------------------------------------ check in the bundle, as in the repo
LEARNERS = {
    "conv_output_shape right": ("conv_output_shape", "def conv_output_shape(h, w, k, stride=1, padding=0):\n"
                                "    return (h + 2 * padding - k) // stride + 1, (w + 2 * padding - k) // stride + 1\n"),
    "conv_output_shape without +1": ("conv_output_shape", "def conv_output_shape(h, w, k, stride=1, padding=0):\n"
                                     "    return (h + 2 * padding - k) // stride, (w + 2 * padding - k) // stride\n"),
    "sigmoid right": ("sigmoid", "def sigmoid(z):\n    return np.exp(-np.logaddexp(0, -z))\n"),
    "sigmoid exp(z)": ("sigmoid", "def sigmoid(z):\n    return 1 / (1 + np.exp(z))\n"),
    "sigmoid naive": ("sigmoid", "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n"),
    "numerical_gradient right": ("numerical_gradient", "def numerical_gradient(f, x, eps=1e-6):\n"
                                 "    g = np.zeros_like(x)\n    for i in np.ndindex(x.shape):\n        old = x[i]\n"
                                 "        x[i] = old + eps\n        fp = f(x)\n        x[i] = old - eps\n"
                                 "        fm = f(x)\n        x[i] = old\n        g[i] = (fp - fm) / (2 * eps)\n"
                                 "    return g\n"),
    "numerical_gradient x not restored": ("numerical_gradient", "def numerical_gradient(f, x, eps=1e-6):\n"
                                          "    g = np.zeros_like(x)\n    for i in np.ndindex(x.shape):\n"
                                          "        x[i] += eps\n        fp = f(x)\n        x[i] -= 2 * eps\n"
                                          "        fm = f(x)\n        g[i] = (fp - fm) / (2 * eps)\n    return g\n"),
    "adam_step without bias correction": ("adam_step", "def adam_step(w, dw, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):\n"
                                          "    m = beta1 * m + (1 - beta1) * dw\n    v = beta2 * v + (1 - beta2) * dw ** 2\n"
                                          "    return w - lr * m / (np.sqrt(v) + eps), m, v\n"),
    "weighted_sum stub": ("weighted_sum", "def weighted_sum(x, w):\n    # YOUR CODE HERE\n    raise NotImplementedError()\n"),
    "train_digits nearest neighbour": ("train_digits", "def train_digits(X_train, y_train):\n"
                                       "    return {'X': X_train.reshape(len(X_train), -1).astype(float), 'y': y_train}\n"),
    "train_digits untrained": ("train_digits", "def train_digits(X_train, y_train):\n"
                               "    g = np.random.default_rng(0)\n"
                               "    return {'W1': g.normal(size=(64, 10)) * 0.1, 'b1': np.zeros(10)}\n"),
}

CHECK_IN_BUNDLE = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    import numpy as np
    import nnlessons
    assert Path(nnlessons.__file__).resolve().is_relative_to(Path(sys.argv[1]).resolve())
    from nnlessons import has_instructor
    from nnlessons.exercises import check
    assert not has_instructor()
    out = {}
    for label, (name, src) in json.loads(sys.argv[2]).items():
        ns = {"np": np}
        exec(compile(src, "<learner>", "exec"), ns)
        rep = check(ns[name])
        out[label] = [rep.status, rep.mistake, rep.to_text()]
    print(json.dumps(out))
""")


def _check_in_repo(name: str, src: str) -> list:
    import numpy as np

    from nnlessons.exercises import check

    ns = {"np": np}
    exec(compile(src, "<learner>", "exec"), ns)  # noqa: S102 (the test's own learner code)
    rep = check(ns[name])
    return [rep.status, rep.mistake, rep.to_text()]


def test_check_in_the_bundle_says_exactly_what_it_says_in_the_repo(bundle, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NNLESSONS_HELDOUT")}
    (tmp_path / "sitecustomize.py").write_text(ISOLATE)
    env["PYTHONPATH"] = os.pathsep.join([str(bundle), str(tmp_path)])
    proc = subprocess.run([sys.executable, "-c", CHECK_IN_BUNDLE, str(bundle), json.dumps(LEARNERS)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    expect = {
        "conv_output_shape right": ("passed", None), "conv_output_shape without +1": ("failed", "no_plus_one"),
        "sigmoid right": ("passed", None), "sigmoid exp(z)": ("partial", "exp_sign"),
        "sigmoid naive": ("partial", "naive_overflow"), "numerical_gradient right": ("passed", None),
        "numerical_gradient x not restored": ("partial", "x_not_restored"),
        "adam_step without bias correction": ("partial", "no_bias_correction"),
        "weighted_sum stub": ("not_attempted", None), "train_digits nearest neighbour": ("failed", None),
        "train_digits untrained": ("failed", "not_trained"),
    }
    for label, (name, src) in LEARNERS.items():
        status, mistake, text = got[label]
        assert (status, mistake) == expect[label], f"{label}:\n{text}"
        assert [status, mistake, text] == _check_in_repo(name, src), label
    assert "not attempted yet" in got["weighted_sum stub"][2]
    assert "Hint: It looks like the +1 is missing" in got["conv_output_shape without +1"][2]


WIDGET_IN_BUNDLE = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    import numpy as np
    import nnlessons
    assert Path(nnlessons.__file__).resolve().is_relative_to(Path(sys.argv[1]).resolve())
    from nnlessons import has_instructor
    from nnlessons.widgets.activations import activation_app
    assert not has_instructor()
    ns = {"np": np}
    exec(compile(sys.argv[2], "<learner>", "exec"), ns)
    app = activation_app(sigmoid=ns["sigmoid"])
    print(json.dumps(app.state["yours"]))
""")


def test_your_code_in_the_widget_names_the_mistake_in_the_bundle_as_in_the_repo(bundle, tmp_path):
    from nnlessons.widgets.activations import activation_app

    wrong = "def sigmoid(z):\n    return 1 / (1 + np.exp(z))\n"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NNLESSONS_HELDOUT")}
    (tmp_path / "sitecustomize.py").write_text(ISOLATE)
    env["PYTHONPATH"] = os.pathsep.join([str(bundle), str(tmp_path)])
    env["MPLBACKEND"] = "Agg"
    proc = subprocess.run([sys.executable, "-c", WIDGET_IN_BUNDLE, str(bundle), wrong],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    ns: dict = {}
    import numpy as np

    ns["np"] = np
    exec(compile(wrong, "<learner>", "exec"), ns)  # noqa: S102 (the test's own learner code)
    assert got == activation_app(sigmoid=ns["sigmoid"]).state["yours"]
    assert got["sigmoid"]["status"] == "differs" and "exp(z) was used instead of exp(-z)" in got["sigmoid"]["message"]
