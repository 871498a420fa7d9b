"""What "a widget is wiring" means, as a check a widget test can call: the builder is short,
imports no private name from another package, and shows public `LiveFigure`s of
`nnlessons.plots` (the figure logic lives there, where a test can call ``update`` directly)."""
from __future__ import annotations

import ast
import inspect

from nnlessons.plots.live import LiveFigure

MAX_BUILDER_LINES = 55  # "no builder over ~50 lines", docstring included


def assert_is_wiring(module, app, builder_name: str) -> None:
    """`module`: a widget module; `app`: an App its builder `builder_name` returned."""
    tree = ast.parse(inspect.getsource(module))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and not (node.level == 1 and node.module in (None, "base")):
            private = [a.name for a in node.names if a.name.startswith("_")]
            assert not private, f"{module.__name__} imports private names {private} from {node.module}"
    builder = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == builder_name)
    lines = builder.end_lineno - builder.lineno + 1
    assert lines <= MAX_BUILDER_LINES, f"{builder_name} is {lines} lines long: move figure logic to plots"
    for name, view in app.views.items():
        live = view.live
        assert isinstance(live, LiveFigure), f"view {name!r} shows no LiveFigure"
        cls = type(live)
        assert cls.__module__.startswith("nnlessons.plots.") and not cls.__name__.startswith("_"), \
            f"view {name!r} shows {cls.__module__}.{cls.__name__}, not a public class of nnlessons.plots"
