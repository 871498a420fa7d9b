"""Attack class 5: two students never share one identity or one output file.

A student is their folder name's raw bytes; two names shown the same way are both
refused with an error row; every output file name carries a hash of the raw name.
"""
from __future__ import annotations

import hashlib
import json
import re

from nnlessons.instructor.grading.batch import Options, grade_class
from submissions import nbmake, standin
from submissions.attack import EX03, NAMES, OPTS, notebook, read_rows

WRONG = {n: nbmake.WRONG[n] for n in NAMES}


def test_a_folder_named_like_an_escaped_name_is_refused_with_the_real_one(tmp_path):
    """b"caf\\xe9" is shown as ``caf\\xe9``; a folder literally named ``caf\\xe9`` must not
    replace that student's grade: both are refused, each with an error row."""
    subs, out = tmp_path / "subs", tmp_path / "out"
    nbmake.write(subs, b"caf\xe9", f"{EX03}.ipynb", notebook())
    nbmake.write(subs, "caf\\xe9", f"{EX03}.ipynb", notebook(WRONG))
    grade_class(subs, out, Options(**OPTS), standin.course())
    rows = [r for k, r in read_rows(out).items() if k[0] == "caf\\xe9"]
    assert rows and all(r["status"] == "error" and float(r["points"]) == 0 for r in rows), rows
    assert all("same name" in r["message"] for r in rows)
    pages = list((out / "feedback").glob("*.html"))
    assert len(pages) == 2, pages  # one page per raw name, each saying why


def test_a_safe_looking_name_cannot_take_another_students_files(tmp_path):
    """A name that is already "safe" but equals another student's derived file name."""
    subs, out = tmp_path / "subs", tmp_path / "out"
    legacy = "a_b-" + hashlib.sha256("a b".encode()).hexdigest()[:8]  # what "a b" used to become
    nbmake.write(subs, "a b", f"{EX03}.ipynb", notebook())
    nbmake.write(subs, legacy, f"{EX03}.ipynb", notebook(WRONG))
    grade_class(subs, out, Options(**OPTS), standin.course())
    pages = {p: p.read_text(encoding="utf-8") for p in (out / "feedback").glob("*.html")}
    results = {p: json.loads(p.read_text()) for p in (out / "gradescope").glob("*/results.json")}
    assert len(pages) == 2 and len(results) == 2
    scores = sorted(r["score"] for r in results.values())
    assert scores[0] < 4 and scores[1] == 4  # each student has their own results
    for page in pages.values():
        assert ("Feedback for a b<" in page) != (f"Feedback for {legacy}<" in page)


def test_file_names_always_carry_a_hash_of_the_raw_name(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    for name in ("alice", "Alice", b"caf\xe9", ".. x"):
        nbmake.write(subs, name, f"{EX03}.ipynb", notebook())
    grade_class(subs, out, Options(**OPTS), standin.course())
    names = sorted(p.stem for p in (out / "feedback").glob("*.html"))
    assert len(names) == 4
    for raw in (b"alice", b"Alice", b"caf\xe9"):
        digest = hashlib.sha256(raw).hexdigest()[:12]
        assert sum(digest in n for n in names) == 1, (raw, names)
    assert all(re.fullmatch(r"[\w.-]+-[0-9a-f]{12}", n) for n in names), names


def test_two_files_shown_the_same_way_are_both_refused(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    nbmake.write(subs, "eve", b"ex03_activations\xe9.ipynb".decode("utf-8", "surrogateescape"), notebook())
    nbmake.write(subs, "eve", "ex03_activations\\xe9.ipynb", notebook(WRONG))
    grade_class(subs, out, Options(**OPTS), standin.course())
    rows = [r for k, r in read_rows(out).items() if k[0] == "eve"]
    assert rows and all(r["status"] == "error" and "same name" in r["message"] for r in rows), rows
