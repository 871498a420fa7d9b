"""The attack suite: hostile, broken and odd submissions graded in ONE batch next to an
honest control student. For each: the expected status and points (never more than
earned); the batch completes; the control's grades equal a clean run's; the
submissions are unchanged and nothing is written outside the output folder.

Uses the stand-in course (tests/submissions/standin.py): ex03 = sigmoid (2 points),
relu (1), relu_grad (1), in that order; ex09 = conv_output_shape (1).
"""
from __future__ import annotations

import csv
import hashlib
import os
import tempfile
from pathlib import Path

import pytest
from nbformat.v4 import new_code_cell, new_notebook

from nnlessons.instructor.grading.batch import Options, grade_class
from submissions import nbmake, standin
from submissions.outputs import feedback_page

REPO = Path(__file__).resolve().parents[2]
EX03 = "ex03_activations"
NAMES = ["sigmoid", "relu", "relu_grad"]
OPTS = dict(jobs=1, timeout=6, memory_mb=600, progress=False)
BAD = {n: f"def {n}(z):\n    return np.asarray(z, dtype=float) * 0 + 7.0" for n in NAMES}
OK = {n: nbmake.CORRECT[n] for n in NAMES}
FULL = {"sigmoid": 2.0, "relu": 1.0, "relu_grad": 1.0}


def nb(sources=OK, extra_before=(), extra_after=(), **kw):
    """An ex03 notebook; extra cells (sources) before the function cells or at the end."""
    note = nbmake.build(EX03, sources, extra=[new_code_cell(s) for s in extra_after], **kw)
    for i, src in enumerate(extra_before):
        note.cells.insert(2 + i, new_code_cell(src))
    return note


def fn(name, body):
    """A function cell source: `def name(z):` + body (indented)."""
    return f"def {name}(z):\n" + "\n".join("    " + line for line in body.splitlines())


# expectation: exercise -> (allowed statuses, points)
def every(statuses, points=0.0):
    return {n: (set(statuses.split()), points if points != "full" else FULL[n]) for n in NAMES}


PASSED = every("passed", "full")
ZERO_FAIL = every("failed error", 0.0)


def attacks(paths: dict[str, str]) -> dict[str, tuple[list, dict]]:
    """student -> ([(file name, notebook or bytes)], {(notebook, exercise): (statuses, points)})."""
    ex03 = lambda e: {(EX03, k): v for k, v in e.items()}  # noqa: E731
    liar = ("class Liar:\n    def __eq__(self, other): return True\n    def __ne__(self, other): return False\n"
            "    def __array__(self, *a, **k): return np.zeros(4)\n    __hash__ = None\n")
    sub = "class Sub(np.ndarray):\n    def __eq__(self, other): return np.ones(self.shape, bool)\n"
    flt = "class F(float):\n    def __eq__(self, other): return True\n"
    patch_np = ("np.allclose = lambda *a, **k: True\nnp.isclose = lambda a, b, **k: np.ones(np.shape(a), bool)\n"
                "np.testing.assert_allclose = lambda *a, **k: None\nnp.array_equal = lambda *a, **k: True\n")
    reads = "[" + ", ".join(repr(p) for p in (paths["solution"], paths["gradebook"], paths["other"],
                                                paths["package_file"], "/etc/hostname")) + "]"
    probe = (f"import os, sys, socket\nleaks = []\nfor p in {reads}:\n    try:\n        open(p, 'rb').read(1)\n"
             "        leaks.append(p)\n    except OSError:\n        pass\n"
             "try:\n    os.listdir(" + repr(str(REPO)) + ")\n    leaks.append('repo')\nexcept OSError:\n    pass\n"
             "try:\n    socket.create_connection(('1.1.1.1', 53), timeout=1)\n    leaks.append('net')\nexcept OSError:\n    pass\n"
             "bad = [m for m in sys.modules if m.startswith('nnlessons.') and m.split('.')[-1] in "
             "('registry', 'hidden', 'references', 'report', 'activations', 'mistakes', 'compare', 'batch')]\n"
             "leaks += bad\nif os.environ.get('HOME', '') != os.getcwd(): leaks.append('env')\n"
             "return np.maximum(z, 0.0) if not leaks else np.asarray(z) * 0 + 7")
    writes = "\n".join(f"try:\n    open({p!r}, 'w').write('pwned')\nexcept OSError:\n    pass"
                       for p in paths["targets"])
    garbage = ("import os\nfor fd in range(3, 64):\n    try:\n        os.write(fd, b'\\x00\\x00\\x00\\x05hello')\n"
               "    except OSError:\n        pass")
    forged = ("import os, json\nfor fd in range(3, 64):\n    for m in ({'type': 'begin', 'exercise': 'sigmoid'}, "
              "{'type': 'result', 'exercise': 'sigmoid', 'outcomes': [{'status': 'ok', 'value': 1.0}] * 4}):\n"
              "        b = json.dumps(m).encode()\n        try:\n            os.write(fd, len(b).to_bytes(4, 'big') + b)\n"
              "        except OSError:\n            pass")
    stripped = nb()
    stripped.metadata = {}
    for c in stripped.cells:
        c.metadata = {}
        c["id"] = hashlib.sha1(c.source.encode()).hexdigest()[:8]
    reordered = nb()
    reordered.cells = list(reversed(reordered.cells))
    dup = nb({**OK, "sigmoid": BAD["sigmoid"]})
    dup.cells.insert(len(dup.cells) - 4, nbmake.exercise_cell("sigmoid", OK["sigmoid"]))
    dup.cells.append(new_code_cell(OK["sigmoid"]))
    deleted = nb({k: v for k, v in OK.items() if k != "relu"})
    tagged = nb()
    for c in tagged.cells:
        if c.metadata.get("nnlessons", {}).get("role") == "solution":
            c.metadata["nnlessons"]["role"] = "check"
    crash_relu = lambda body: ex03({**PASSED, "relu": ({"error"}, 0.0), "relu_grad": ({"error"}, 0.0)})  # noqa
    nb3 = b'{"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": [{"cells": []}]}'
    other = nbmake.build("ex12_convolution", nbmake.CORRECT)
    return {
        "monkeypatch_numpy": ([("ex03_activations.ipynb", nb(BAD, extra_before=[patch_np]))], ex03(ZERO_FAIL)),
        "eq_always_true": ([("ex03_activations.ipynb", nb({n: liar + fn(n, "return Liar()") for n in NAMES}))],
                           ex03(every("error failed"))),
        "array_subclass_lies": ([("ex03_activations.ipynb", nb({n: sub + fn(n, "return (np.asarray(z, float) * 0 + 7).view(Sub)")
                                                                for n in NAMES}))], ex03(ZERO_FAIL)),
        "float_subclass": ([("ex03_activations.ipynb", nb({n: flt + fn(n, "return F(7.0)") for n in NAMES}))],
                           ex03(every("error failed"))),
        "redefine_check_and_package": ([("ex03_activations.ipynb", nb(BAD, extra_after=[
            "def check(fn):\n    return True", "import sys, types\nimport nnlessons.exercises as E\nE.check = check\n"
            "m = types.ModuleType('fake')\nm.evaluate = lambda *a, **k: None\nm.compare = lambda *a, **k: True\n"
            "for name in ('nnlessons.exercises.report', 'nnlessons.exercises.compare', 'nnlessons.exercises.registry'):\n"
            "    sys.modules[name] = m"]))], ex03(ZERO_FAIL)),
        "import_references": ([("ex03_activations.ipynb", nb({
            "sigmoid": fn("sigmoid", "from nnlessons.activations import sigmoid as s\nreturn s(z)"),
            "relu": fn("relu", f"ns = {{}}\nexec(open({paths['package_file']!r}).read(), ns)\nreturn ns['relu'](z)"),
            "relu_grad": fn("relu_grad", "import importlib.util\nspec = importlib.util.spec_from_file_location('a', "
                            f"{paths['package_file']!r})\nm = importlib.util.module_from_spec(spec)\n"
                            "spec.loader.exec_module(m)\nreturn m.relu_grad(z)")},
            extra_before=["from nnlessons.exercises.references import *"]))], ex03(every("error"))),
        "probe_isolation": ([("ex03_activations.ipynb", nb({**OK, "relu": fn("relu", probe)}))], ex03(PASSED)),
        "write_outside": ([("ex03_activations.ipynb", nb(extra_before=[writes]))], ex03(PASSED)),
        "sys_exit_in_cell": ([("ex03_activations.ipynb", nb(extra_before=["import sys\nsys.exit(3)"]))], ex03(PASSED)),
        "sys_exit_in_function": ([("ex03_activations.ipynb", nb({**OK, "sigmoid": fn("sigmoid", "import sys\nsys.exit(0)")}))],
                                 ex03({**PASSED, "sigmoid": ({"error"}, 0.0)})),
        "os_exit": ([("ex03_activations.ipynb", nb({**OK, "relu": fn("relu", "import os\nos._exit(0)")}))], crash_relu(0)),
        # PID 1 of its namespace: its own SIGKILL is ignored, the function returns None
        "kill_self": ([("ex03_activations.ipynb", nb({**OK, "relu": fn("relu", "import os\nos.kill(os.getpid(), 9)")}))],
                      ex03({**PASSED, "relu": ({"error", "failed"}, 0.0)})),
        "segfault": ([("ex03_activations.ipynb", nb({**OK, "relu": fn("relu", "import ctypes\nreturn ctypes.string_at(0)")}))],
                     crash_relu(0)),
        "infinite_loop_function": ([("ex03_activations.ipynb", nb({**OK, "relu": fn("relu", "while True:\n    pass")}))],
                                   ex03({**PASSED, "relu": ({"timeout"}, 0.0)})),
        "unstoppable_loop": ([("ex03_activations.ipynb", nb({**OK, "relu": fn("relu", "while True:\n    try:\n        while True:\n"
                                                                                 "            pass\n    except BaseException:\n        pass")}))],
                             ex03({**PASSED, "relu": ({"timeout"}, 0.0), "relu_grad": ({"timeout"}, 0.0)})),
        "infinite_loop_cell": ([("ex03_activations.ipynb", nb(extra_before=["while True:\n    pass"]))], ex03(PASSED)),
        "fork_bomb": ([("ex03_activations.ipynb", nb({**OK, "relu_grad": fn("relu_grad", "import os\nos.fork()\nreturn z")},
                                                     extra_before=["import os\nwhile True:\n    os.fork()",
                                                                   "import subprocess\nsubprocess.run(['sh', '-c', ':(){ :|:& };:'])"]))],
                      ex03({**PASSED, "relu_grad": ({"error"}, 0.0)})),
        "memory_bomb": ([("ex03_activations.ipynb", nb({**OK, "sigmoid": fn("sigmoid", "big = np.ones((200000, 100000))\nreturn z")},
                                                       extra_before=["x = bytearray(50 * 2**30)", "keep = []\nwhile True:\n    keep.append(np.ones(2**24))"]))],
                        ex03({**PASSED, "sigmoid": ({"error"}, 0.0)})),
        "print_gigabytes": ([("ex03_activations.ipynb", nb({**OK, "relu": fn("relu", "print('y' * 50_000_000)\nreturn np.maximum(z, 0.0)")},
                                                           extra_before=["while True:\n    print('x' * 10**6)"]))], ex03(PASSED)),
        "huge_return": ([("ex03_activations.ipynb", nb({**OK, "relu": fn("relu", "return np.ones(2 * 10**6)")}))],
                        ex03({**PASSED, "relu": ({"error", "failed"}, 0.0)})),
        "garbage_on_fds": ([("ex03_activations.ipynb", nb(extra_before=[garbage]))], ex03(every("error"))),
        "forged_results": ([("ex03_activations.ipynb", nb(extra_before=[forged]))], ex03(every("error failed"))),
        "patched_encoder": ([("ex03_activations.ipynb", nb(extra_before=[
            "import json, builtins\njson.dumps = lambda *a, **k: '{}'\njson.JSONEncoder.encode = lambda *a: '{}'\n"
            "np.save = None\nnp.ascontiguousarray = None\nbuiltins.isinstance = lambda *a: False"]))], ex03(PASSED)),
        "deleted_cell": ([("ex03_activations.ipynb", deleted)], ex03({**PASSED, "relu": ({"missing"}, 0.0)})),
        "duplicated_cells": ([("ex03_activations.ipynb", dup)], ex03(PASSED)),
        "reordered_cells": ([("ex03_activations.ipynb", reordered)], ex03(PASSED)),
        "changed_metadata_and_ids": ([("ex03_activations.ipynb", stripped)], ex03(PASSED)),
        "solution_tagged_as_check": ([("ex03_activations.ipynb", tagged)], ex03(PASSED)),
        "malformed_json": ([("ex03_activations.ipynb", b'{"cells": [')], ex03(every("error"))),
        "wrong_nbformat": ([("ex03_activations.ipynb", nb3)], ex03(every("error"))),
        "empty_file": ([("ex03_activations.ipynb", b"")], ex03(every("error"))),
        "empty_notebook": ([("ex03_activations.ipynb", new_notebook())], ex03(every("missing"))),
        "other_exercise_set": ([("ex03_activations.ipynb", other)],
                               {("ex12_convolution", "conv_output_shape"): ({"passed"}, 1.0)}),
        "caf\\xe9": ([("ex03_activations.ipynb", nb())], ex03(PASSED)),
        "eve": ([("ex03_activations\udcff.ipynb", nb())], ex03(PASSED)),
    }


def _tree_hash(root: Path) -> dict[str, str]:
    out = {}
    for dirpath, _, files in os.walk(os.fsencode(root)):
        for f in files:
            p = os.path.join(dirpath, f)
            with open(p, "rb") as fh:
                out[os.fsdecode(p)] = hashlib.sha256(fh.read()).hexdigest()
    return out


def _scratch() -> set[str]:
    """The grader's scratch folders in the temporary folder (the batch gets a private one,
    so grading runs in other test workers do not show up here)."""
    return {p for p in os.listdir(tempfile.gettempdir()) if p.startswith("nnlessons-grade-")}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("attacks")
    subs, out = root / "subs", root / "out"
    control = nbmake.write(subs, "zz_control", "ex03_activations.ipynb", nb())
    (root / "solutions").mkdir()
    (root / "solutions" / "ex03_activations.ipynb").write_text("secret solution")
    targets = [str(root / "outside.txt"), str(out / "pwned.txt"), str(out / "gradebook.sqlite"),
               str(control), str(REPO / "solutions" / "pwned.txt"), str(REPO / "nnlessons" / "pwned.py"),
               str(root / "solutions" / "ex03_activations.ipynb"), "/tmp/nnlessons-pwned.txt"]
    paths = {"solution": str(root / "solutions" / "ex03_activations.ipynb"), "gradebook": str(out / "gradebook.sqlite"),
             "other": str(control), "package_file": str(REPO / "nnlessons" / "activations.py"), "targets": targets}
    table = attacks(paths)
    for student, (files, _) in table.items():
        for name, content in files:
            nbmake.write(subs, os.fsencode(student).replace(b"\\xe9", b"\xe9"), name, content)
    mallory = subs / "mallory"
    mallory.mkdir()
    (mallory / "ex03_activations.ipynb").symlink_to(control)
    out.mkdir()
    (out / "gradebook.sqlite").touch()  # exists before the batch, so a write attempt has a target
    private_tmp = root / "tmp"
    private_tmp.mkdir()
    outside_before = sorted(os.listdir(root))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(tempfile, "tempdir", str(private_tmp))
        before, scratch_before = _tree_hash(subs), _scratch()
        summary = grade_class(subs, out, Options(**OPTS), standin.course())
        scratch_after = _scratch()
    with open(out / "grades.csv", newline="", encoding="utf-8") as fh:
        rows = {(r["student"], r["notebook"], r["exercise"]): r for r in csv.DictReader(fh)}
    return dict(root=root, subs=subs, out=out, table=table, rows=rows, summary=summary, before=before,
                scratch_before=scratch_before, scratch_after=scratch_after, outside_before=outside_before,
                targets=targets)


def _expected_cases():
    table = attacks({"solution": "", "gradebook": "", "other": "", "package_file": "", "targets": []})
    return [(student, key) for student, (_, expect) in table.items() for key in expect]


@pytest.mark.parametrize("student,key", _expected_cases(), ids=lambda v: v if isinstance(v, str) else v[1])
def test_attack_gets_expected_status_and_points(batch, student, key):
    statuses, points = batch["table"][student][1][key]
    row = batch["rows"].get((student, *key))
    assert row is not None, f"no row for {student} {key}"
    assert row["status"] in statuses, row
    assert float(row["points"]) == pytest.approx(points), row
    assert float(row["points"]) <= float(row["max_points"])


def test_no_unexpected_rows_and_never_more_than_earned(batch):
    expected = {(s, *k) for s, (_, e) in batch["table"].items() for k in e}
    expected |= {("zz_control", EX03, n) for n in NAMES} | {("mallory", EX03, n) for n in NAMES}
    assert set(batch["rows"]) == expected
    for row in batch["rows"].values():
        assert 0 <= float(row["points"]) <= float(row["max_points"])


def test_symlinked_submission_is_refused(batch):
    for n in NAMES:
        row = batch["rows"][("mallory", EX03, n)]
        assert row["status"] == "error" and float(row["points"]) == 0 and "symbolic link" in row["message"]


def test_control_student_unaffected(batch, tmp_path):
    subs = tmp_path / "subs"
    nbmake.write(subs, "zz_control", "ex03_activations.ipynb", nb())
    grade_class(subs, tmp_path / "out", Options(**OPTS), standin.course())
    with open(tmp_path / "out" / "grades.csv", newline="", encoding="utf-8") as fh:
        clean = {(r["student"], r["notebook"], r["exercise"]): r for r in csv.DictReader(fh)}
    for key, row in clean.items():
        assert batch["rows"][key] == row and row["status"] == "passed"


def test_nothing_written_outside_the_output_folder(batch):
    assert _tree_hash(batch["subs"]) == batch["before"], "a submission file changed"
    assert sorted(os.listdir(batch["root"])) == batch["outside_before"]
    assert batch["scratch_after"] == batch["scratch_before"], "sandbox scratch folders left behind"
    assert (batch["root"] / "solutions" / "ex03_activations.ipynb").read_text() == "secret solution"
    for target in batch["targets"]:
        p = Path(target)
        assert not (p.exists() and p.name in ("pwned.txt", "pwned.py", "outside.txt", "nnlessons-pwned.txt"))
    assert (batch["out"] / "gradebook.sqlite").stat().st_size > 0
    assert not (batch["out"] / "pwned.txt").exists()


def test_batch_completed_and_reports_failures(batch):
    s = batch["summary"]
    assert s.graded + s.unreadable >= len(batch["table"])
    assert s.unreadable >= 4  # the symlink, malformed JSON, wrong nbformat, empty file
    assert sum(s.statuses.values()) == len(batch["rows"]) and "exercises: passed" in s.text()
    assert "graded" in s.text()


def test_non_utf8_names_have_feedback(batch):
    for student in (b"caf\xe9", b"eve"):
        assert feedback_page(batch["out"], student).exists()
