"""Your code in the widget: every lesson widget that draws something an exercise asks for
takes the learner's function (a keyword named like the exercise) and

- with the learner's right function draws exactly today's picture and says they agree;
- with a known mistake draws the divergence (the picture changes) and names the mistake
  as ``check`` does;
- with a function that raises, loops or returns the wrong shape shows a message, draws
  the package's function alone (today's picture) and keeps its controls live.

The widget modules' ``YOURS`` tables list the keywords (see tests/support/learner_code.py).
"""
import importlib

import numpy as np
import pytest

import learner_code as lc
from nnlessons.widgets import yours as Y

REQUIRED = {  # builder -> the keywords the course promises (docs/learner-guide.md)
    "weighted_sum_app": {"weighted_sum"},
    "bias_app": {"neuron"},
    "activation_app": {"sigmoid", "sigmoid_grad", "relu", "relu_grad"},
    "xor_network_app": {"dense_forward"},
    "line_fit_app": {"mse"},
    "graph_stepper_app": {"neuron_grads"},
    "descent_app": {"gd_step", "adam_step"},
    "weight_gradient_app": {"dense_backward"},
    "playground": {"two_layer_grads"},
    "depth_app": {"activation_stds"},
    "weight_decay_app": {"l2_grads"},
    "kernel_editor": {"conv2d"},
    "conv_calculator": {"conv_output_shape", "conv_param_count"},
    "sentence_explorer": {"predict_sentiment"},
    "digit_browser": {"predict_digits"},
}
ROWS = lc.yours_tables()
IDS = [f"{b}.{kw}" for _, b, kw, _ in ROWS]


def _returns_one_array(kw: str) -> bool:
    """Whether the exercise returns one array (a wrong shape of it is drawable nonsense);
    a number, a tuple or a dict has no such wrong shape."""
    from nnlessons.exercises import EXERCISES

    ex = EXERCISES[kw]
    return all(isinstance(ex.reference(*c.args, **c.kwargs), np.ndarray) for c in ex.public_cases())


ARRAY_ROWS = [row for row in ROWS if _returns_one_array(row[2])]


def _pictures(app) -> tuple[bytes, ...]:
    return tuple(view.png for view in app.views.values())


def _bench_moves(mod, builder: str) -> list[tuple[str, object]]:
    return [(control, v) for b, control, values in mod.BENCH if b == builder for v in values]


def _today_and_yours(mod, builder: str, kw: str, fn, spec: dict):
    """The widget as it is and with the learner's `fn` for `kw`, both set to the spec's controls."""
    build = getattr(mod, builder)
    today, yours = build(), build(**{kw: fn})
    for app in (today, yours):
        _drive(app, spec["controls"])
    return today, yours


def _drive(app, controls: dict) -> None:
    for name, value in controls.items():
        app.controls[name].value = value


def test_every_promised_keyword_is_taken():
    taken: dict = {}
    for _, builder, kw, _ in ROWS:
        taken.setdefault(builder, set()).add(kw)
    missing = {b: sorted(kws - taken.get(b, set())) for b, kws in REQUIRED.items() if kws - taken.get(b, set())}
    assert not missing, f"widget builders that do not yet take the learner's functions: {missing}"


@pytest.mark.parametrize("mod, builder, kw, spec", ROWS, ids=IDS)
def test_the_right_function_draws_todays_picture(mod, builder, kw, spec):
    today, yours = _today_and_yours(mod, builder, kw, lc.right(kw), spec)
    assert _pictures(yours) == _pictures(today)
    assert yours.state["yours"][kw]["status"] == "same", yours.state["yours"][kw]["message"]
    assert "matches" in yours.state["yours"][kw]["message"]
    for control, value in _bench_moves(mod, builder):
        today.controls[control].value = value
        yours.controls[control].value = value
        assert _pictures(yours) == _pictures(today), f"{control} = {value!r}"


@pytest.mark.parametrize("mod, builder, kw, spec", ROWS, ids=IDS)
def test_a_known_mistake_is_drawn_and_named(mod, builder, kw, spec):
    today, yours = _today_and_yours(mod, builder, kw, lc.mistake(kw, spec["mistake"]), spec)
    said = yours.state["yours"][kw]
    assert said["status"] == "differs", said["message"]
    assert said["differ"] > 0
    assert lc.hint(kw, spec["mistake"])[:60] in said["message"], said["message"]
    assert _pictures(yours) != _pictures(today), "the divergence is not drawn"
    assert said["message"] in _text(yours), "the line under the controls does not say it"


@pytest.mark.parametrize("mod, builder, kw, spec", ROWS, ids=IDS)
def test_a_raising_function_leaves_the_widget_working(mod, builder, kw, spec):
    today, yours = _today_and_yours(mod, builder, kw, lc.raising(kw), spec)
    said = yours.state["yours"][kw]
    assert said["status"] == "error"
    assert "IndexError" in said["message"] and "drawn instead" in said["message"]
    assert _pictures(yours) == _pictures(today), "the package's function should be drawn alone"
    for control, value in _bench_moves(mod, builder):  # the controls stay live
        today.controls[control].value = value
        yours.controls[control].value = value
        assert _pictures(yours) == _pictures(today)


@pytest.mark.parametrize("mod, builder, kw, spec", ARRAY_ROWS, ids=[f"{b}.{kw}" for _, b, kw, _ in ARRAY_ROWS])
def test_a_wrong_shape_is_said_not_drawn(mod, builder, kw, spec):
    today, yours = _today_and_yours(mod, builder, kw, lc.wrong_shape(kw), spec)
    said = yours.state["yours"][kw]
    assert said["status"] == "unusable", said["message"]
    assert "cannot draw" in said["message"]
    assert _pictures(yours) == _pictures(today)


def test_a_looping_function_is_stopped_once_and_the_widget_goes_on(monkeypatch):
    monkeypatch.setattr(Y, "FIRST_LIMIT_S", 0.2)
    from nnlessons.widgets.activations import activation_app

    today, yours = activation_app(), activation_app(sigmoid=lc.looping("sigmoid"))
    said = yours.state["yours"]["sigmoid"]
    assert said["status"] == "timeout" and "did not return within 0.2 s" in said["message"]
    assert _pictures(yours) == _pictures(today)
    for w in (0.5, 1.5, 2.5):  # not called again: each update is immediate
        today.controls["w"].value = yours.controls["w"].value = w
        assert _pictures(yours) == _pictures(today)
        assert yours.state["yours"]["sigmoid"]["status"] == "timeout"


def test_a_slow_function_asks_for_fewer_points():
    fast = Y.YourFunction("sigmoid", lc.right("sigmoid"), lc.right("sigmoid"))
    assert fast.points(401) == 401  # the package's own (not given): always every point
    slow = Y.YourFunction("sigmoid", lc.right("sigmoid"), lc.right("sigmoid").__call__)
    slow(np.linspace(-5, 5, 401))
    slow.seconds = 10 * Y.BUDGET_S  # as if that call over 401 points took 10x the budget
    assert 16 <= slow.points(401) <= 41
    slow.seconds = Y.BUDGET_S / 2
    assert slow.points(401) == 401


def test_a_slow_learner_function_lowers_the_activation_curves_resolution(monkeypatch):
    from nnlessons.widgets.activations import activation_app

    def sigmoid(z):  # a learner's loop: right, but slow
        out = np.empty_like(z)
        for i, v in enumerate(z):
            out[i] = 1 / (1 + np.exp(-v))
        return out

    monkeypatch.setattr(Y, "BUDGET_S", 1e-6)  # any call is over this budget
    app = activation_app(sigmoid=sigmoid)
    app.controls["w"].value = 2.0  # the second update knows how long the first took
    xs, _ = app.state["f_curve"]
    assert 16 <= len(xs) < 401
    assert app.state["yours"]["sigmoid"]["status"] == "same"


def test_a_function_that_is_not_callable_is_refused_with_the_fix():
    from nnlessons.widgets.activations import activation_app

    with pytest.raises(TypeError, match=r"sigmoid= takes your function \(e.g. sigmoid=sigmoid\)"):
        activation_app(sigmoid=np.zeros(3))


def test_a_stub_says_it_is_not_written_yet():
    from nnlessons.widgets.activations import activation_app

    def sigmoid(z):
        raise NotImplementedError()

    app = activation_app(sigmoid=sigmoid)
    assert app.state["yours"]["sigmoid"]["status"] == "not_written"
    assert "not written yet" in app.state["yours"]["sigmoid"]["message"]


def _text(app) -> str:
    """The text of every HTML widget in the app (where the line is shown), unescaped."""
    import html

    import ipywidgets as W

    out, stack = [], [app.widget]
    while stack:
        w = stack.pop()
        if isinstance(w, W.HTML):
            out.append(html.unescape(w.value))
        stack.extend(getattr(w, "children", ()))
    return "\n".join(out)


def test_yours_tables_name_real_controls_and_mistakes():
    for mod, builder, kw, spec in ROWS:
        app = getattr(mod, builder)()
        assert set(spec["controls"]) <= set(app.controls), (builder, kw)
        lc.hint(kw, spec["mistake"])  # raises for an unknown mistake
        assert importlib.import_module(mod.__name__) is mod


def test_tuples_and_dicts_are_compared_part_by_part():
    expected = (np.array([1.0, 2.0]), 3.0)
    assert Y.differing_values(expected, (np.array([1.0, 2.5]), 3.0)).tolist() == [False, True, False]
    assert Y.differing_values(expected, (np.array([1.0, 2.0, 0.0]), 3.0)) is None  # a part of another shape
    assert Y.differing_values(expected, [np.array([1.0, 2.0]), 3.0]).tolist() == [False] * 3  # a list for a tuple
    grads = {"W1": np.ones((2, 2)), "b1": np.zeros(2)}
    got = {"b1": np.zeros(2), "W1": np.array([[1.0, 1.0], [1.0, 0.0]])}
    assert Y.differing_values(grads, got).tolist() == [False, False, False, True, False, False]
    assert Y.differing_values(grads, {"W1": np.ones((2, 2))}) is None  # a key missing


def test_quick_calls_say_why_they_gave_no_value():
    fn = Y.YourFunction("relu", lc.raising("relu"), np.abs)
    with pytest.raises(Y.Unusable, match="raised IndexError"):
        fn.quick(np.ones(3))
    ok = Y.YourFunction("relu", lc.right("relu"), np.abs)
    assert ok.quick(np.array([-1.0, 2.0])).tolist() == [0.0, 2.0] and ok.last is None  # not compared


def test_a_quick_call_that_loops_is_stopped_once(monkeypatch):
    monkeypatch.setattr(Y, "FIRST_LIMIT_S", 0.1)
    fn = Y.YourFunction("relu", lc.looping("relu"), np.abs)
    with pytest.raises(Y.Unusable, match="did not return within 0.1 s"):
        fn.quick(np.ones(3))
    calls = fn.calls
    with pytest.raises(Y.Unusable, match="not called again"):
        fn.quick(np.ones(3))
    assert fn.calls == calls and fn(np.ones(3)).tolist() == [1.0, 1.0, 1.0] and fn.last.status == "timeout"
