"""Unit tests of the grader's small pieces: notebook parsing rules, the channel, the
Landlock carve-out, names, decoding untrusted outcomes, the summary."""
from __future__ import annotations

import base64
import csv
import io
import json
import math
import os
import struct
from pathlib import Path

import numpy as np
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from nnlessons.exercises import wire
from nnlessons.instructor.grading.sandbox import child
from nnlessons.instructor.grading.batch import Summary
from nnlessons.instructor.grading.sandbox.channel import ChannelError, FrameReader, frame
from nnlessons.instructor.grading.sandbox.confine import allowed_roots
from nnlessons.exercises.spec import Case
from nnlessons.instructor.grading.exports import GRADES_COLUMNS, display_name, grades_csv, safe_filename
from nnlessons.instructor.grading.grade import case_seed, decode_outcome, encode_case, with_hint
from nnlessons.instructor.grading.notebook import NotebookError, match_notebook, parse, runnable_cells, strip_magics

KNOWN = {"ex03_activations": [], "ex12_convolution": []}


def test_magics_and_shell_lines_are_dropped():
    assert strip_magics("%matplotlib inline\nx = 1\n!pip install foo\n  %time y = 2") == "x = 1"
    assert strip_magics("%%timeit\nx = 1") == ""


def test_check_cells_skipped_but_function_cells_kept():
    nb = new_notebook(cells=[new_code_cell("import numpy as np"), new_code_cell("check(sigmoid)"),
                             new_code_cell("def f():\n    pass\ncheck(f)"),
                             new_code_cell("x = 1", metadata={"nnlessons": {"role": "check"}})])
    assert [src for _, src in runnable_cells(nb)] == ["import numpy as np", "def f():\n    pass\ncheck(f)"]
    assert [n for n, _ in runnable_cells(nb)] == [1, 3]


def test_your_code_in_action_cells_are_not_run_by_the_grader():
    widget = {"nnlessons": {"role": "widget"}}
    nb = new_notebook(cells=[new_code_cell("def sigmoid(z):\n    return z"),
                             new_code_cell("from nnlessons.widgets import activation_app\n\n"
                                           "activation_app(sigmoid=sigmoid)", metadata=widget),
                             new_code_cell("def relu(z):\n    return z", metadata=widget)])
    # the widget cell is skipped; a function a learner defines in such a cell still counts
    assert [n for n, _ in runnable_cells(nb)] == [1, 3]


def test_notebook_matched_by_metadata_then_name():
    assert match_notebook({"nnlessons": {"notebook": "ex12_convolution"}}, Path("ex03_activations.ipynb"), KNOWN) \
        == "ex12_convolution"
    assert match_notebook({"nnlessons": {"notebook": "ex99_fake"}}, Path("ex03_activations.ipynb"), KNOWN) \
        == "ex03_activations"
    assert match_notebook({}, Path("ex03_activations (1).ipynb"), KNOWN) == "ex03_activations"
    assert match_notebook({}, Path("homework.ipynb"), KNOWN) is None


def test_a_notebook_without_cells_or_metadata_has_nothing_to_run():
    sub = parse(Path("ex03_activations.ipynb"), b'{"nbformat": 4, "nbformat_minor": 5}', KNOWN)
    assert sub.notebook == "ex03_activations" and sub.cells == []


@pytest.mark.parametrize("data,reason", [
    (b"\xff\xfe", "not UTF-8"), (b"[1, 2]", "not a notebook"), (b'{"nbformat": 5, "cells": []}', "version 5"),
    (b'{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"source": 3}]}', "cell 1 is malformed"),
    (b'{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "source": ["a", 1]}]}',
     "cell 1 is malformed"),
    (b'{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [7]}', "cell 1 is malformed"),
])
def test_broken_notebooks_say_why(data, reason):
    with pytest.raises(NotebookError, match=reason):
        parse(Path("ex03_activations.ipynb"), data, KNOWN)


@pytest.mark.parametrize("data,where", [
    (b'{"cells": ["abc', "Unterminated string starting at line 1 column 12"),
    (b'{"cells": [', "Expecting value at line 1 column 12"),
    (b'{\n  "cells" []}', "Expecting ':' delimiter at line 2 column 11"),
])
def test_malformed_json_says_where_and_what_to_do(data, where):
    with pytest.raises(NotebookError) as info:
        parse(Path("ex03_activations.ipynb"), data, KNOWN)
    msg = str(info.value)
    assert f"the file is not valid JSON: {where};" in msg and "at at" not in msg
    assert "re-download the notebook" in msg and "JupyterLab" in msg


def test_empty_file_says_it_is_empty():
    with pytest.raises(NotebookError, match="the file is empty; re-download"):
        parse(Path("ex03_activations.ipynb"), b" \n", KNOWN)


def test_frame_reader_splits_caps_and_rejects_junk():
    msgs = frame(json.dumps({"type": "a"}).encode()) + frame(json.dumps({"type": "b"}).encode())
    reader = FrameReader(1000)
    assert reader.feed(msgs[:5]) == [] and [m["type"] for m in reader.feed(msgs[5:])] == ["a", "b"]
    with pytest.raises(ChannelError, match="more than"):
        FrameReader(10).feed(b"x" * 11)
    with pytest.raises(ChannelError):
        FrameReader(100).feed(struct.pack(">I", 3) + b"abc")
    with pytest.raises(ChannelError, match="without a type"):
        FrameReader(100).feed(frame(b"[1]"))


def test_allowed_roots_carve_out_forbidden_paths(tmp_path):
    for d in ("site/numpy", "site/nnlessons", "site/other", "repo/.venv/lib"):
        (tmp_path / d).mkdir(parents=True)
    roots = allowed_roots([tmp_path / "site", tmp_path / "repo" / ".venv" / "lib"],
                          [tmp_path / "site" / "nnlessons", tmp_path / "repo" / "solutions"])
    assert set(roots) == {tmp_path / "site/numpy", tmp_path / "site/other", tmp_path / "repo/.venv/lib"}
    assert allowed_roots([tmp_path / "site" / "nnlessons" / "x"], [tmp_path / "site" / "nnlessons"]) == []


def test_names_from_any_bytes_are_safe_and_distinct():
    weird = os.fsdecode(b"caf\xe9")
    assert display_name(weird) == "caf\\xe9"
    names = {safe_filename(display_name(n), os.fsencode(n).hex()) for n in ("a b", "a_b", "a/b", "../x", weird)}
    assert len(names) == 5 and all("/" not in n and not n.startswith(".") for n in names)


@pytest.mark.parametrize("plain", [None, 3, {"status": "ok"}, {"status": "won"},
                                   {"status": "ok", "value": {"__nd__": "!!notbase64"}},
                                   {"status": "ok", "value": {"__pickle__": "x"}}])
def test_untrusted_outcomes_decode_to_errors(plain):
    assert decode_outcome(plain).status == "error"


@pytest.mark.parametrize("value", [np.arange(6.0).reshape(2, 3), np.asfortranarray(np.ones((3, 2))),
                                   np.arange(10)[::3], np.array(2.5), np.float32(1.5), np.int64(-7),
                                   np.array([True, False]), np.zeros((0, 4)), np.array([1 + 2j]),
                                   np.arange(4, dtype=">i4"), np.zeros((2, 1, 3), dtype=np.uint8)])
def test_arrays_cross_the_wire_exactly(value):
    back = wire.from_plain(json.loads(json.dumps(wire.to_plain(value))))
    assert type(back) is type(value) and back.dtype == value.dtype
    assert np.shape(back) == np.shape(value) and np.array_equal(back, value)
    if isinstance(back, np.ndarray):
        back[...] = 0  # a decoded array is the learner's own copy: writable


def test_bool_bytes_other_than_0_and_1_decode_as_numpy_own_bools():
    """(so that the bytes of a decoded array, e.g. a hash of them, are those of the bools it shows)"""
    forged = {**wire.to_plain(np.array([True, False, True])), "__nd__": base64.b64encode(b"\x02\x00\xff").decode()}
    got = wire.from_plain(forged)
    assert got.dtype == bool and got.tobytes() == np.array([True, False, True]).tobytes()


GOOD = wire.to_plain(np.arange(6.0).reshape(2, 3))


@pytest.mark.parametrize("change", [
    {"dtype": "O"}, {"dtype": "<U8"}, {"dtype": "V8"}, {"dtype": "<f3"}, {"dtype": "<f8, <i8"}, {"dtype": 8},
    {"dtype": None}, {"shape": [3, 3]}, {"shape": [2, -3]}, {"shape": [2.0, 3]}, {"shape": "2,3"},
    {"shape": [1] * 33}, {"shape": [0, 2**70]}, {"__nd__": "!!notbase64"}, {"__nd__": GOOD["__nd__"][:-4]}])
def test_malformed_arrays_are_refused_on_decode(change):
    with pytest.raises(wire.WireError):
        wire.from_plain({**GOOD, **change})


def test_outcome_round_trip():
    plain = {"status": "ok", "value": wire.to_plain(np.arange(3.0)), "args_after": wire.to_plain(()),
             "seconds": 0.1, "warnings": ["RuntimeWarning: overflow"]}
    out = decode_outcome(plain)
    assert out.status == "ok" and np.array_equal(out.value, np.arange(3.0)) and out.warnings == ["RuntimeWarning: overflow"]


def test_child_encoder_matches_json_and_survives_patching(monkeypatch):
    msg = {"type": "x", "a": [1, 2.5, "é\n", None, True], "b": {"c": -3}}
    assert json.loads(child._encode_json(msg)) == msg
    monkeypatch.setattr(json, "dumps", lambda *a, **k: "{}")
    for name in ("save", "load", "frombuffer", "dtype", "ascontiguousarray", "uint8"):
        monkeypatch.setattr(np, name, None)
    monkeypatch.setattr(math, "prod", None)
    assert json.loads(child._encode_json(msg)) == msg
    monkeypatch.undo()
    assert np.array_equal(wire.from_plain(child._to_plain(np.arange(4))), np.arange(4))
    sent = wire.to_plain((np.arange(4.0), np.int8(3), np.array([True, False])))
    for name in ("save", "load", "frombuffer", "dtype", "ascontiguousarray", "uint8"):
        monkeypatch.setattr(np, name, None)
    monkeypatch.setattr(math, "prod", None)
    got = child._from_plain(sent)  # a case decoded after learner code patched numpy and math
    monkeypatch.undo()
    assert np.array_equal(got[0], np.arange(4.0)) and got[1] == 3 and got[1].dtype == np.int8
    assert got[2].dtype == bool and got[2].tolist() == [True, False]


def test_case_seed_is_stable_and_per_student():
    assert case_seed("ann", "ex03_activations") == case_seed("ann", "ex03_activations")
    assert case_seed("ann", "ex03_activations") != case_seed("bob", "ex03_activations")


def test_summary_names_layers_that_are_off_and_weaker_protections():
    s = Summary(graded=3, skipped=1, unreadable=1, seconds=2.0,
                protections={"landlock": "off: Landlock unavailable", "mount": "on", "seccomp": "on"})
    text = s.text()
    assert "graded 3, skipped 1 unchanged, unreadable 1" in text and "failed" not in text
    assert "sandbox layers OFF: landlock (Landlock unavailable)" in text and "WEAKER" not in text
    s.weaker = ["signals"]
    assert "WEAKER SANDBOX: graded WITHOUT signals protection (allowed by --allow-weaker-sandbox signals)" \
        in s.text()


def test_summary_counts_statuses_and_class_mean():
    rows = [{"student": "ann", "status": "passed", "points": 2.0, "max_points": 2.0},
            {"student": "ann", "status": "timeout", "points": 0.0, "max_points": 1.0},
            {"student": "bob", "status": "partial", "points": 1.0, "max_points": 2.0},
            {"student": "bob", "status": "error", "points": 0.0, "max_points": 1.0}]
    s = Summary(graded=2, stopped=1, seconds=1.0)
    s.tally(rows)
    assert s.statuses == {"passed": 1, "partial": 1, "failed": 0, "not_attempted": 0, "error": 1,
                          "timeout": 1, "missing": 0}
    assert (s.students, s.mean_points, s.mean_max_points) == (2, 1.5, 3.0)
    lines = s.text().splitlines()
    assert lines[0].startswith("graded 2 (1 stopped before the end), skipped 0 unchanged, unreadable 0")
    assert lines[1] == ("exercises: passed 1, partial 1, failed 0, not attempted 0, error 1, "
                        "timeout 1, missing 0")
    assert lines[2] == "class: 2 students, mean 1.5 of 3 points (50%)"


def _looping(z):
    while True:
        pass


def test_child_skips_the_cases_after_one_times_out():
    """Like `check`: a loop costs one time limit, not one per case; the report's shape."""
    cases = [encode_case(Case((float(i),))) for i in range(3)]
    outs = child.run_cases(_looping, cases, 0.2)
    fine = child.run_cases(lambda z: z + 1, cases, 5.0)
    assert [o["status"] for o in outs] == ["timeout"] * 3
    assert outs[0]["error"] == "stopped after 0.2 s (the time limit for one case)"
    assert [o["error"] for o in outs[1:]] == ["not run: an earlier case was stopped after 0.2 s"] * 2
    assert [decode_outcome(o).status for o in outs] == ["timeout"] * 3
    assert [o["status"] for o in fine] == ["ok"] * 3


def test_message_gets_the_hint_on_one_line():
    assert with_hint("1 of 3 cases passed", None) == "1 of 3 cases passed"
    assert with_hint("1 of 3 cases passed", "") == "1 of 3 cases passed"
    assert with_hint("wrong", "Hint: use np.maximum,\n not abs") == "wrong. Hint: use np.maximum, not abs"
    assert with_hint("wrong.", "use abs") == "wrong. Hint: use abs"


def test_grades_csv_quotes_commas_quotes_and_newlines():
    msg = 'got 1, expected "2"\nsecond line Hint: a, b'
    row = {"student": "a,b", "notebook": "ex03", "exercise": "relu", "points": 0.5, "max_points": 1.0,
           "status": "partial", "message": msg}
    back = list(csv.DictReader(io.StringIO(grades_csv([row]))))
    assert len(back) == 1 and list(back[0]) == GRADES_COLUMNS
    assert back[0]["message"] == msg and back[0]["student"] == "a,b"
