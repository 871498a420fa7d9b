"""Unit tests of the grader's small pieces: notebook parsing rules, the channel, the
Landlock carve-out, names, decoding untrusted outcomes, the summary."""
from __future__ import annotations

import json
import os
import struct
from pathlib import Path

import numpy as np
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from nnlessons.exercises import wire
from nnlessons.grading import child
from nnlessons.grading.batch import Summary
from nnlessons.grading.channel import ChannelError, FrameReader, frame
from nnlessons.grading.confine import allowed_roots
from nnlessons.grading.exports import display_name, safe_filename
from nnlessons.grading.grade import case_seed, decode_outcome
from nnlessons.grading.notebook import NotebookError, match_notebook, parse, runnable_cells, strip_magics

KNOWN = {"ex03_activations": [], "ex09_convolution": []}


def test_magics_and_shell_lines_are_dropped():
    assert strip_magics("%matplotlib inline\nx = 1\n!pip install foo\n  %time y = 2") == "x = 1"
    assert strip_magics("%%timeit\nx = 1") == ""


def test_check_cells_skipped_but_function_cells_kept():
    nb = new_notebook(cells=[new_code_cell("import numpy as np"), new_code_cell("check(sigmoid)"),
                             new_code_cell("def f():\n    pass\ncheck(f)"),
                             new_code_cell("x = 1", metadata={"nnlessons": {"role": "check"}})])
    assert [src for _, src in runnable_cells(nb)] == ["import numpy as np", "def f():\n    pass\ncheck(f)"]
    assert [n for n, _ in runnable_cells(nb)] == [1, 3]


def test_notebook_matched_by_metadata_then_name():
    assert match_notebook({"nnlessons": {"notebook": "ex09_convolution"}}, Path("ex03_activations.ipynb"), KNOWN)[0] \
        == "ex09_convolution"
    assert match_notebook({"nnlessons": {"notebook": "ex99_fake"}}, Path("ex03_activations.ipynb"), KNOWN)[0] \
        == "ex03_activations"
    assert match_notebook({}, Path("ex03_activations (1).ipynb"), KNOWN)[0] == "ex03_activations"
    assert match_notebook({}, Path("homework.ipynb"), KNOWN)[0] is None


@pytest.mark.parametrize("data,reason", [
    (b"\xff\xfe", "not UTF-8"), (b"[1, 2]", "not a notebook"), (b'{"nbformat": 5, "cells": []}', "version 5"),
    (b'{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"source": 3}]}', "not valid nbformat 4"),
])
def test_broken_notebooks_say_why(data, reason):
    with pytest.raises(NotebookError, match=reason):
        parse(Path("ex03_activations.ipynb"), data, KNOWN)


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
    names = {safe_filename(n) for n in ("a b", "a_b", "a/b", "../x", weird)}
    assert len(names) == 5 and all("/" not in n and not n.startswith(".") for n in names)


@pytest.mark.parametrize("plain", [None, 3, {"status": "ok"}, {"status": "won"},
                                   {"status": "ok", "value": {"__nd__": "!!notbase64"}},
                                   {"status": "ok", "value": {"__pickle__": "x"}}])
def test_untrusted_outcomes_decode_to_errors(plain):
    assert decode_outcome(plain).status == "error"


def test_outcome_round_trip():
    plain = {"status": "ok", "value": wire.to_plain(np.arange(3.0)), "args_after": wire.to_plain(()),
             "seconds": 0.1, "warnings": ["RuntimeWarning: overflow"]}
    out = decode_outcome(plain)
    assert out.status == "ok" and np.array_equal(out.value, np.arange(3.0)) and out.warnings == ["RuntimeWarning: overflow"]


def test_child_encoder_matches_json_and_survives_patching(monkeypatch):
    msg = {"type": "x", "a": [1, 2.5, "é\n", None, True], "b": {"c": -3}}
    assert json.loads(child._encode_json(msg)) == msg
    monkeypatch.setattr(json, "dumps", lambda *a, **k: "{}")
    monkeypatch.setattr(np, "save", None)
    assert json.loads(child._encode_json(msg)) == msg
    assert np.array_equal(wire.from_plain(child._to_plain(np.arange(4))), np.arange(4))


def test_case_seed_is_stable_and_per_student():
    assert case_seed("ann", "ex03_activations") == case_seed("ann", "ex03_activations")
    assert case_seed("ann", "ex03_activations") != case_seed("bob", "ex03_activations")


def test_summary_names_protections_that_are_off():
    s = Summary(graded=3, skipped=1, failed=1, seconds=2.0,
                protections={"landlock filesystem": "off: Landlock unavailable", "resource limits": "on"})
    text = s.text()
    assert "graded 3, skipped 1 unchanged, failed 1" in text
    assert "protections OFF: landlock filesystem (off: Landlock unavailable)" in text
