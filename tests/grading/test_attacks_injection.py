"""Attack class 6: nothing a student controls is interpreted by the instructor's tools.

Spreadsheet formulas in folder or file names are neutralised in the CSVs (the OWASP
rule: a cell starting with = + - @ tab or CR gets a leading quote), and no control
character (terminal escapes: clipboard writes, window titles, screen clears) reaches
what the grader prints.
"""
from __future__ import annotations

import csv
import re

import pytest

from nnlessons.instructor.grading.batch import Options, grade_class
from submissions import nbmake, standin
from submissions.attack import EX03, OPTS, notebook

FORMULAS = ["=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)"]
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _cells(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return [cell for row in csv.reader(fh) for cell in row]


@pytest.mark.parametrize("formula", FORMULAS)
def test_csv_cell_neutralises_formulas(formula):
    from nnlessons.instructor.grading.exports import csv_cell

    assert csv_cell(formula) == "'" + formula
    assert csv_cell("plain") == "plain" and csv_cell("\tx")[0] == "'"
    assert csv_cell("a\x1b]0;title\x07b") == "a]0;titleb"


def test_formulas_in_folder_and_file_names_are_escaped_in_both_csvs(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    for i, formula in enumerate(FORMULAS):
        nbmake.write(subs, formula.replace("/", "_"), f"{EX03}.ipynb", notebook())
        nbmake.write(subs, f"s{i}", formula.replace("/", "_") + ".ipynb", b"{}")
    grade_class(subs, out, Options(**OPTS), standin.course())
    for name in ("grades.csv", "summary.csv"):
        cells = _cells(out / name)
        bad = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
        assert not bad, f"{name}: {bad}"
        assert any(c.startswith("'=HYPERLINK") for c in cells)


def _forged_ready() -> str:
    msg = {"type": "ready", "protections": {"\x1b]52;c;cHduZWQ=\x07\x1b]0;pwned\x07\x1b[2J": "on"}}
    return ("import os, json\nb = json.dumps(" + repr(msg) + ").encode()\nfor fd in range(3, 64):\n"
            "    try:\n        os.write(fd, len(b).to_bytes(4, 'big') + b)\n    except OSError:\n        pass")


def test_no_terminal_escapes_reach_the_closing_summary(tmp_path, capsys):
    """From a folder name (screen clear and a fake summary), a file name (window
    title) and a forged ready message (clipboard write), through `grade`'s output."""
    from nnlessons.instructor.grading.__main__ import main

    subs, out = tmp_path / "subs", tmp_path / "out"
    evil = "\x1b[2J\x1b[Hgraded 40, all passed\x1b[8m"
    nbmake.write(subs, evil, f"{EX03}.ipynb", notebook())
    nbmake.write(subs, evil, "ex03_activations (copy).ipynb", notebook())
    nbmake.write(subs, "tom", "ex03\x1b]0;title\x07.ipynb", b"{}")
    nbmake.write(subs, "zed", f"{EX03}.ipynb", notebook(before=[_forged_ready()]))
    assert main(["grade", str(subs), "--out", str(out), "--timeout", "8", "--memory", "600", "--quiet"]) == 0
    printed = capsys.readouterr()
    for text in (printed.out, printed.err):
        assert not CONTROL.search(text), repr(CONTROL.findall(text))
    summary = grade_class(subs, out, Options(**{**OPTS, "force": True}), standin.course()).text()
    assert not CONTROL.search(summary.replace("\n", ""))
