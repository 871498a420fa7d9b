"""exercises/ is generated from solutions/: the stubbing, the cell conventions the grader
relies on, and that the committed exercises are exactly what generation gives."""
from __future__ import annotations

import ast
import copy
import re
from pathlib import Path

import nbformat
import pytest
from nbformat import v4

from nnlessons.instructor import authoring
from nnlessons.instructor.authoring import BEGIN, END, check_markers, make_exercise, strip_solutions
from nnlessons.cli import main as cli_main
from nnlessons.exercises.registry import EXERCISES, NOTEBOOKS

ROOT = Path(__file__).resolve().parents[2]
SOLUTIONS = ROOT / "solutions"
EXERCISES_DIR = ROOT / "exercises"
SOLUTION_PATHS = sorted(SOLUTIONS.glob("ex[0-9][0-9]_*.ipynb"))


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def _meta(cell) -> dict:
    return cell.get("metadata", {}).get("nnlessons", {})


# ------------------------------------------------------------------ strip_solutions
def test_strip_keeps_the_block_indentation_and_the_code_around_it():
    src = ("def f(x):\n"
           "    \"\"\"Doc.\"\"\"\n"
           "    ### BEGIN SOLUTION\n"
           "    y = x + 1\n"
           "    return y\n"
           "    ### END SOLUTION\n"
           "\n"
           "print('after')\n")
    out = strip_solutions(src)
    assert out == ("def f(x):\n"
                   "    \"\"\"Doc.\"\"\"\n"
                   "    # YOUR CODE HERE\n"
                   "    raise NotImplementedError()\n"
                   "\n"
                   "print('after')\n")


def test_strip_handles_several_blocks_at_different_depths_and_a_final_line_without_newline():
    src = ("def f(x):\n"
           "    ### BEGIN SOLUTION\n"
           "    return 2 * x\n"
           "    ### END SOLUTION\n"
           "\n"
           "class A:\n"
           "    def g(self):\n"
           "        ### BEGIN SOLUTION\n"
           "        return 'secret'\n"
           "        ### END SOLUTION")
    out = strip_solutions(src)
    assert "2 * x" not in out and "secret" not in out
    assert out.count("raise NotImplementedError()") == 2
    assert "    # YOUR CODE HERE\n    raise NotImplementedError()\n" in out
    assert out.endswith("        # YOUR CODE HERE\n        raise NotImplementedError()")
    ns: dict = {}
    exec(out, ns)  # the stubs are valid Python ...
    with pytest.raises(NotImplementedError):  # ... and raise when called
        ns["f"](1)
    with pytest.raises(NotImplementedError):
        ns["A"]().g()


def test_strip_leaves_a_cell_without_markers_unchanged():
    src = "import numpy as np\nx = np.arange(3)\n"
    assert strip_solutions(src) == src


@pytest.mark.parametrize("src, words", [
    (f"def f():\n    {BEGIN}\n    return 1\n", "unbalanced"),                      # no END
    (f"def f():\n    return 1\n    {END}\n", "unbalanced"),                          # no BEGIN
    (f"{END}\nx = 1\n{BEGIN}\n", "misplaced"),                                       # END before BEGIN
    (f"{BEGIN}\n{BEGIN}\nx = 1\n{END}\n{END}\n", "misplaced"),                       # nested
])
def test_strip_rejects_markers_that_do_not_pair_up_with_a_clear_error(src, words):
    with pytest.raises(ValueError, match=words) as info:
        strip_solutions(src)
    assert BEGIN in str(info.value) and END in str(info.value)


# ------------------------------------------------------------------ make_exercise
def _tiny_solution() -> nbformat.NotebookNode:
    nb = v4.new_notebook(metadata={"nnlessons": {"notebook": "ex01_weighted_sum"}})
    sol = v4.new_code_cell(f"def weighted_sum(x, w):\n    {BEGIN}\n    return x @ w\n    {END}",
                           id="ex-weighted_sum",
                           metadata={"nnlessons": {"exercise": "weighted_sum", "role": "solution"},
                                     "execution": {"iopub.status.busy": "2024-01-01"}},
                           execution_count=2,
                           outputs=[v4.new_output("stream", text="hi\n")])
    chk = v4.new_code_cell("check(weighted_sum)", id="check-weighted_sum",
                           metadata={"nnlessons": {"exercise": "weighted_sum", "role": "check"}},
                           execution_count=3,
                           outputs=[v4.new_output("execute_result", data={"text/plain": "passed"},
                                                  execution_count=3)])
    nb.cells = [v4.new_markdown_cell(f"# Title\n\nwrite `{BEGIN}`-free prose", id="intro"),
                v4.new_code_cell("import numpy as np\nfrom nnlessons.exercises import check", id="imports"),
                sol, chk]
    return nb


def test_make_exercise_stubs_answers_clears_outputs_and_keeps_ids_and_metadata():
    solution = _tiny_solution()
    before = copy.deepcopy(solution)
    ex = make_exercise(solution)
    assert solution == before, "make_exercise must not modify the solution notebook"
    assert [c.get("id") for c in ex.cells] == ["intro", "imports", "ex-weighted_sum", "check-weighted_sum"]
    assert ex.metadata["nnlessons"] == {"notebook": "ex01_weighted_sum"}
    assert ex.cells[0].source == solution.cells[0].source  # markdown untouched
    sol = ex.cells[2]
    assert "x @ w" not in sol.source and "raise NotImplementedError()" in sol.source
    assert sol.metadata == {"nnlessons": {"exercise": "weighted_sum", "role": "solution"}}  # no timings
    for cell in ex.cells[1:]:
        assert cell.outputs == [] and cell.execution_count is None
    assert ex.cells[3].metadata["nnlessons"] == {"exercise": "weighted_sum", "role": "check"}


def test_keep_check_outputs_keeps_only_the_check_cells_outputs():
    nb = _tiny_solution()
    authoring.keep_check_outputs(nb)
    sol, chk = nb.cells[2], nb.cells[3]
    assert sol.outputs == [] and sol.execution_count is None and "execution" not in sol.metadata
    assert chk.outputs[0]["data"]["text/plain"] == "passed" and chk.execution_count == 3


# ------------------------------------------------------------------ check_markers
def _drop(nb, cell_id):
    nb.cells = [c for c in nb.cells if c.get("id") != cell_id]
    return nb


def test_check_markers_accepts_every_solution_notebook():
    assert {p.stem for p in SOLUTION_PATHS} == set(NOTEBOOKS), "one solution notebook per exercise notebook"
    for path in SOLUTION_PATHS:
        check_markers(_read(path), path.stem)


@pytest.mark.parametrize("breakage, words", [
    (lambda nb: _drop(nb, "check-softmax"), r"'softmax' needs exactly 1 check cell.*found 0"),
    (lambda nb: _drop(nb, "ex-relu"), r"'relu' needs exactly 1 solution cell.*found 0"),
    (lambda nb: nb.metadata["nnlessons"].update(notebook="ex01_weighted_sum"), "must be 'ex03_activations'"),
])
def test_check_markers_names_what_is_missing(breakage, words):
    nb = _read(SOLUTIONS / "ex03_activations.ipynb")
    breakage(nb)
    with pytest.raises(ValueError, match=words):
        check_markers(nb, "ex03_activations")


def test_check_markers_wants_the_cell_ids_the_grader_uses():
    nb = _read(SOLUTIONS / "ex02_bias.ipynb")
    next(c for c in nb.cells if c.get("id") == "ex-neuron")["id"] = "something-else"
    with pytest.raises(ValueError, match="cell id 'ex-neuron'"):
        check_markers(nb, "ex02_bias")


def test_check_markers_wants_a_check_cell_for_each_exercise_of_the_capstone():
    nb = _read(SOLUTIONS / "ex13_capstone_digits.ipynb")
    check_markers(nb, "ex13_capstone_digits")
    _drop(nb, "check-predict_digits")
    with pytest.raises(ValueError, match="'predict_digits' needs exactly 1 check cell"):
        check_markers(nb, "ex13_capstone_digits")


def test_check_markers_rejects_an_unknown_notebook():
    with pytest.raises(ValueError, match="not an exercise notebook"):
        check_markers(_read(SOLUTIONS / "ex01_weighted_sum.ipynb"), "ex99_nothing")


def test_author_command_reports_a_folder_without_solutions(tmp_path, capsys):
    assert cli_main(["author", "--solutions", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    assert "no solution notebooks" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------ the solution notebooks
def _exercise_calls_at_top_level(source: str, names: set[str]) -> list[str]:
    """Exercise functions called outside any function definition in `source`."""
    found = []
    for stmt in ast.parse(source).body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(stmt):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names:
                found.append(node.func.id)
    return found


@pytest.mark.parametrize("path", SOLUTION_PATHS, ids=lambda p: p.stem)
def test_solution_notebook_follows_the_conventions_and_its_stored_checks_pass(path):
    nb = _read(path)
    names = set(EXERCISES)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "import numpy as np" in code[0].source and "from nnlessons.exercises import check" in code[0].source
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    for i, cell in enumerate(nb.cells):
        meta = _meta(cell)
        if meta.get("role") == "solution":
            name = meta["exercise"]
            assert nb.cells[i - 1].cell_type == "markdown", f"{name}: a task description comes first"
            fn = ast.parse(cell.source).body[0]
            assert isinstance(fn, ast.FunctionDef) and fn.name == name and ast.get_docstring(fn)
            begin = cell.source.index(BEGIN)
            assert cell.source[:begin].endswith("    "), "the markers sit inside the function body"
        elif meta.get("role") == "check" and "exercise" not in meta:   # a self-check (e.g. a gradient check)
            assert not re.search(r"^\s*(def|class)\s", cell.source, re.M), \
                f"{cell.get('id')}: a self-check defines no function (the grader skips it only then)"
        elif meta.get("role") == "check":
            name = meta["exercise"]
            assert cell.source.strip() == f"check({name})"
            text = "".join(o.get("data", {}).get("text/plain", "") + o.get("text", "") for o in cell.outputs)
            assert text.startswith(f"{name}: passed"), f"stored check of {name} did not pass:\n{text}"
        if cell.cell_type == "code" and meta.get("role") != "check":
            assert not _exercise_calls_at_top_level(cell.source, names), \
                f"{path.stem}: exercise functions may be called only in check cells ({cell.get('id')})"
        if cell.cell_type == "code":
            assert all(o["output_type"] != "error" for o in cell.outputs)


# ------------------------------------------------------------------ exercises/ is generated
def _comparable(nb: nbformat.NotebookNode):
    cells = [(c.get("id"), c.cell_type, c.source, dict(c.metadata), c.get("execution_count"),
              [dict(o) for o in c.get("outputs", [])]) for c in nb.cells]
    return cells, nb.metadata.get("nnlessons"), nb.metadata.get("kernelspec")


def test_generating_again_gives_the_committed_exercises(tmp_path):
    written = authoring.generate_exercises(SOLUTIONS, tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in EXERCISES_DIR.glob("*.ipynb")), \
        "exercises/ does not hold exactly the generated notebooks: run `make exercises`"
    for fresh in written:
        committed = _read(EXERCISES_DIR / fresh.name)
        new = _read(fresh)
        for a, b in zip(_comparable(new)[0], _comparable(committed)[0]):
            assert a == b, f"exercises/{fresh.name} differs from a fresh generation at cell {a[0]!r}: run `make exercises`"
        assert _comparable(new) == _comparable(committed), f"exercises/{fresh.name} is stale: run `make exercises`"


@pytest.mark.parametrize("path", sorted(EXERCISES_DIR.glob("ex*.ipynb")), ids=lambda p: p.stem)
def test_exercise_notebook_holds_stubs_only_and_its_checks_read_not_attempted(path):
    text = path.read_text(encoding="utf-8")
    assert BEGIN not in text and END not in text
    nb = _read(path)
    solution = _read(SOLUTIONS / path.name)
    assert [c.get("id") for c in nb.cells] == [c.get("id") for c in solution.cells]
    assert [_meta(c) for c in nb.cells] == [_meta(c) for c in solution.cells]
    n_stubs = 0
    for cell in nb.cells:
        role = _meta(cell).get("role")
        if cell.cell_type != "code":
            continue
        if role == "check":   # a check cell, or a self-check (printed text)
            out = "".join(o.get("data", {}).get("text/plain", "") + o.get("text", "") for o in cell.outputs)
            assert "not attempted yet" in out, f"{cell.id}: {out!r}"
        else:
            assert cell.outputs == [] and cell.execution_count is None
        if role == "solution":
            n_stubs += 1
            ns: dict = {}
            exec(cell.source, ns)
            fn = ns[_meta(cell)["exercise"]]
            with pytest.raises(NotImplementedError):
                fn(*([None] * fn.__code__.co_argcount))
            assert re.search(r"^    # YOUR CODE HERE\n    raise NotImplementedError\(\)$", cell.source, re.M)
    assert n_stubs == sum(1 for c in solution.cells if _meta(c).get("role") == "solution") >= 1
