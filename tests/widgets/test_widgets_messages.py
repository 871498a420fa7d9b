"""What a learner's move of a control costs in messages: the kernel answers with the new
picture, and does not first echo the value back to the page that set it."""
import importlib
from unittest import mock

import ipywidgets as W
import pytest
from bench_entries import ENTRIES, IDS

from nnlessons.widgets.base import App, no_echo


def _page_state(control, value) -> dict:
    """The state the page sends when the learner moves `control` to `value` (selection
    widgets send the option's index, the others the value)."""
    key = "index" if "index" in control.keys else "value"
    before = control.value
    control.value = value
    state = control.get_state(key)
    control.value = before
    return state


def _sent_while(action) -> list[tuple[W.Widget, dict]]:
    """Every message any widget sends while `action()` runs: (widget, message) each."""
    sent = []
    with mock.patch.object(W.Widget, "_send", lambda self, msg, buffers=None: sent.append((self, msg))):
        action()
    return sent


def _moved_by_the_page(control, value) -> list[tuple[W.Widget, dict]]:
    """Every message any widget sends while the page's update of `control` is handled."""
    state = _page_state(control, value)
    return _sent_while(lambda: control._handle_msg({"content": {"data": {"method": "update", "state": state}},
                                                    "buffers": []}))


@pytest.mark.parametrize("mod, builder, control, values", ENTRIES, ids=IDS)
def test_a_learners_move_sends_the_picture_without_an_echo(mod, builder, control, values):
    app = getattr(importlib.import_module(f"nnlessons.widgets.{mod}"), builder)()
    ctl = app.controls[control]
    sent = _moved_by_the_page(ctl, next(v for v in values if v != ctl.value))
    assert [m for _, m in sent if m["method"] == "echo_update"] == []
    images = {id(view.image) for view in app.views.values()}
    assert any(id(w) in images and ["value"] in m.get("buffer_paths", []) for w, m in sent), \
        "the new picture was not sent"


def test_a_plain_slider_still_echoes_and_no_echo_stops_it():
    slider = W.FloatSlider(value=0.0, min=-1, max=1)
    assert [m["method"] for _, m in _moved_by_the_page(slider, 0.5)] == ["echo_update"]
    no_echo(slider)
    assert _moved_by_the_page(slider, -0.5) == []
    assert slider.value == -0.5


def test_selection_controls_lose_the_echo_of_their_index():
    buttons = W.ToggleButtons(options=["a", "b", "c"])
    App(widget=buttons, controls={"which": buttons})
    assert _moved_by_the_page(buttons, "c") == []
    assert buttons.value == "c"


def test_a_value_the_kernel_sets_still_reaches_the_page():
    slider = W.FloatSlider(value=0.0, min=-1, max=1)
    App(widget=slider, controls={"w": slider})
    sent = _sent_while(lambda: setattr(slider, "value", 0.25))
    assert sent == [(slider, {"method": "update", "state": {"value": 0.25}, "buffer_paths": []})]
