"""A learner's functions to plug into the lesson widgets (``activation_app(sigmoid=...)``),
for the widget tests and ``bench/widgets.py``: the right one as the solutions notebook
writes it, a known mistake (the answer key's, renamed as the learner names it), one that
raises, one that loops and one that returns the wrong shape.

The widgets' ``YOURS`` tables say which keyword each builder takes, under which control
values it is drawn, and which known mistake shows on what it draws.
"""
from __future__ import annotations

import functools
import importlib
import pkgutil
import types
from pathlib import Path

import nbformat
import numpy as np

ROOT = Path(__file__).resolve().parents[2]


@functools.cache
def _solutions() -> dict[str, dict]:
    """Every exercise's solution notebook run as a learner's would be (its import cell and
    its solution cells, in order): exercise name -> the notebook's namespace."""
    spaces: dict[str, dict] = {}
    for path in sorted((ROOT / "solutions").glob("ex*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        ns: dict = {"__name__": "__main__"}
        exec(compile(code[0].source, f"<{path.stem} imports>", "exec"), ns)  # noqa: S102 (our solutions)
        names = []
        for c in code:
            meta = c.metadata.get("nnlessons", {})
            if meta.get("role") == "solution":
                exec(compile(c.source, f"<{path.stem} {meta['exercise']}>", "exec"), ns)  # noqa: S102
                names.append(meta["exercise"])
        spaces.update({n: ns for n in names})
    return spaces


def right(name: str):
    """The learner's right function `name` (the solutions notebook's, not the package's)."""
    return _solutions()[name][name]


def mistake(name: str, mistake_name: str):
    """Known mistake `mistake_name` of exercise `name` as the learner's function `name`."""
    from nnlessons.exercises import EXERCISES

    found = {m.name: m for m in EXERCISES[name].mistakes}
    if mistake_name not in found:
        raise KeyError(f"{name} has no known mistake {mistake_name!r}; it has {sorted(found)}")
    return renamed(found[mistake_name].fn, name)


def hint(name: str, mistake_name: str) -> str:
    """The hint `check` shows for that known mistake."""
    from nnlessons.exercises import EXERCISES

    return next(m.hint for m in EXERCISES[name].mistakes if m.name == mistake_name)


def renamed(fn, name: str):
    """`fn` under the learner's name (so `check` knows which exercise it is)."""
    @functools.wraps(fn)
    def learner(*args, **kwargs):
        return fn(*args, **kwargs)

    learner.__name__ = learner.__qualname__ = name
    return learner


def raising(name: str):
    """A learner's `name` with a bug that raises on every input."""
    def learner(*args, **kwargs):
        values = [1, 2, 3]
        return values[len(args) + 10]  # IndexError, as a slip of an index does

    learner.__name__ = learner.__qualname__ = name
    return learner


def looping(name: str):
    """A learner's `name` that never returns."""
    def learner(*args, **kwargs):
        while True:
            pass

    learner.__name__ = learner.__qualname__ = name
    return learner


def wrong_shape(name: str):
    """A learner's `name` that returns the right values flattened and with one more (a
    shape no widget can draw)."""
    good = right(name)

    def learner(*args, **kwargs):
        return np.append(np.ravel(np.asarray(good(*args, **kwargs), dtype=float)), 0.0)

    learner.__name__ = learner.__qualname__ = name
    return learner


def yours_tables() -> list[tuple[types.ModuleType, str, str, dict]]:
    """(widget module, builder name, keyword, its spec) for every ``YOURS`` entry of the
    lesson widget modules; spec: ``{"controls": {...}, "mistake": name}``."""
    import nnlessons.widgets as widgets

    rows = []
    for info in pkgutil.iter_modules(widgets.__path__):
        mod = importlib.import_module(f"nnlessons.widgets.{info.name}")
        for builder, keywords in getattr(mod, "YOURS", {}).items():
            rows += [(mod, builder, kw, spec) for kw, spec in keywords.items()]
    return rows
