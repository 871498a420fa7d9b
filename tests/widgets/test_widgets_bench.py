"""Every lesson widget's BENCH entries (what bench/widgets.py times) name a real control
whose every listed value changes what the learner sees."""
import importlib

import pytest
from bench_entries import ENTRIES, IDS, MODULES


def _pictures(app) -> tuple[bytes, ...]:
    return tuple(view.png for view in app.views.values())


def test_every_lesson_widget_has_bench_entries():
    assert {mod for mod, *_ in ENTRIES} == set(MODULES)


@pytest.mark.parametrize("mod, builder, control, values", ENTRIES, ids=IDS)
def test_bench_entry_moves_its_control(mod, builder, control, values):
    app = getattr(importlib.import_module(f"nnlessons.widgets.{mod}"), builder)()
    widget = app.controls[control]
    assert getattr(widget, "continuous_update", True), f"{control} should update while dragged"
    assert len(values) >= 3
    seen = [_pictures(app)]
    for v in values:
        if widget.value == v:
            continue
        widget.value = v
        assert widget.value == pytest.approx(v) if isinstance(v, float) else widget.value == v
        seen.append(_pictures(app))
        assert seen[-1] != seen[-2], f"setting {control} = {v!r} did not change the figure"
