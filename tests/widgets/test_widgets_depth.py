"""Headless tests of lesson 10's widget (initial scale and activation of a 10-layer net) and
of its figures: what they show is the net's own forward and backward pass, recomputed here
with plain numpy."""
import numpy as np
import pytest

from nnlessons.plots.depth import (ACT_YLIM, BATCH, CLASSES, DEPTH, DEPTH_ACTIVATIONS, GRAD_YLIM, INIT_SCALES,
                                   WIDTH, depth_run, depth_signals, spread_by_layer)
from nnlessons.widgets.depth import depth_app

F = {"relu": (lambda z: np.maximum(z, 0), lambda z: (z > 0).astype(float)),
     "tanh": (np.tanh, lambda z: 1 - np.tanh(z) ** 2),
     "sigmoid": (lambda z: 1 / (1 + np.exp(-z)), lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2)}
STD = {"0.1x": lambda a, b: 0.1 * np.sqrt(2 / a), "xavier": lambda a, b: np.sqrt(2 / (a + b)),
       "he": lambda a, b: np.sqrt(2 / a), "3x": lambda a, b: 3 * np.sqrt(2 / a)}


def _by_hand(scale, activation, seed=0):
    """The lesson's net, written out: the same draws, forward, softmax cross-entropy, backward."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((BATCH, WIDTH))
    y = rng.integers(0, CLASSES, BATCH)
    sizes = [WIDTH] * (DEPTH + 1) + [CLASSES]
    w_rng = np.random.default_rng(seed + 1)
    Ws = [w_rng.standard_normal((a, b)) * STD[scale](a, b) for a, b in zip(sizes[:-1], sizes[1:])]
    f, df = F[activation]
    A, As, Zs = X, [X], []
    for l, W in enumerate(Ws, start=1):
        Z = A @ W
        Zs.append(Z)
        A = f(Z) if l <= DEPTH else Z
        As.append(A)
    P = np.exp(A - A.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    dZ = (P - np.eye(CLASSES)[y]) / BATCH
    dWs = []
    for l in range(len(Ws), 0, -1):
        dWs.append(As[l - 1].T @ dZ)
        if l > 1:
            dZ = (dZ @ Ws[l - 1].T) * df(Zs[l - 2])
    return np.array([a.std() for a in As[1:DEPTH + 1]]), np.array([d.std() for d in dWs[::-1]])


def _set(app, **values):
    for k, v in values.items():
        app.controls[k].value = v
    return app


def test_controls_offer_the_four_scales_and_three_activations():
    app = depth_app()
    assert app.controls["scale"].value == "he" and app.controls["activation"].value == "relu"
    assert [v for _, v in app.controls["scale"].options] == ["0.1x", "xavier", "he", "3x"]
    assert [label for label, _ in app.controls["scale"].options] == ["0.1 × He", "Xavier", "He", "3 × He"]
    assert [v for _, v in app.controls["activation"].options] == ["relu", "tanh", "sigmoid"]


@pytest.mark.parametrize("scale, activation", [("he", "relu"), ("xavier", "relu"), ("0.1x", "tanh"),
                                               ("3x", "sigmoid"), ("he", "sigmoid")])
def test_the_shown_sizes_are_those_of_an_independent_forward_and_backward_pass(scale, activation):
    app = _set(depth_app(), scale=scale, activation=activation)
    act_std, grad_std = _by_hand(scale, activation)
    np.testing.assert_allclose(app.state["act_std"], act_std, rtol=1e-9)
    np.testing.assert_allclose(app.state["grad_std"], grad_std, rtol=1e-9)
    assert app.state["act_std"].shape == (DEPTH,) and app.state["grad_std"].shape == (DEPTH + 1,)


def test_relu_vanishes_with_a_small_scale_and_explodes_with_a_large_one():
    app = _set(depth_app(), scale="0.1x")
    assert app.state["act_std"][-1] < 1e-9 and app.state["signal"].startswith("vanish")
    assert app.state["grad_std"].max() < 1e-9 and app.state["gradient"].startswith("vanish")
    app.controls["scale"].value = "3x"
    assert app.state["act_std"][-1] > 1e3 and app.state["signal"].startswith("explode")
    assert app.state["grad_std"].min() > 10 and app.state["gradient"].startswith("explode")
    app.controls["scale"].value = "he"
    ratio = app.state["act_std"][-1] / app.state["act_std"][0]
    assert 0.5 < ratio < 2 and app.state["signal"].startswith("keep their size")
    assert "vanish" not in app.state["readout"] and "explode" not in app.state["readout"]


@pytest.mark.parametrize("scale", list(INIT_SCALES))
def test_relu_multiplies_the_std_by_the_formulas_gain_per_layer(scale):
    """Var(z) = n_in Var(w) E[a^2] and E[relu(z)^2] = Var(z) / 2: the std is multiplied by
    sqrt(n_in Var(w) / 2) per layer (1 for He, 1/sqrt(2) for Xavier, 0.1 and 3)."""
    std = depth_run(scale, "relu").act_std
    measured = (std[-1] / std[0]) ** (1 / (DEPTH - 1))
    gain = np.sqrt(WIDTH * STD[scale](WIDTH, WIDTH) ** 2 / 2)
    assert measured == pytest.approx(gain, rel=0.06)


def test_sigmoid_with_he_keeps_its_activations_but_its_gradients_vanish():
    app = _set(depth_app(), activation="sigmoid")
    assert app.state["act_std"][-1] > 0.1                      # the question of the lesson: no
    g = app.state["grad_std"]
    assert g[0] < 1e-3 * g[DEPTH - 1] and app.state["gradient"].startswith("vanish")
    assert "forget the input" in app.state["signal"]
    assert depth_run("he", "sigmoid").example_std[-1] < 1e-3


def test_tanh_with_a_large_scale_saturates():
    app = _set(depth_app(), activation="tanh", scale="3x")
    assert app.state["signal"].startswith("saturate")
    hist = app.state["hist"][-1]
    assert hist[0] == 1.0 or hist[-1] == 1.0                  # the tallest bars at -1 or 1
    assert hist[len(hist) // 2] < 0.1


def test_the_figure_draws_the_state():
    app = _set(depth_app(), scale="xavier", activation="sigmoid")
    view = app.views["depth"]
    live = view.live
    np.testing.assert_allclose(live.act_line.get_ydata(), app.state["act_std"])
    np.testing.assert_allclose(live.grad_line.get_ydata(), app.state["grad_std"])
    for off, bar, h in zip(live.offsets, live.bars, app.state["hist"]):
        values, edges, baseline = bar.get_data()
        assert baseline == off
        np.testing.assert_allclose(values, off + 0.85 * h)
        np.testing.assert_allclose(edges, app.state["edges"])       # sigmoid's range is [0, 1] already
    assert app.state["ticks"] == ["0", "0.5", "1"]
    app.controls["activation"].value = "tanh"
    assert app.state["ticks"] == ["−1", "0", "1"]
    _, edges, _ = live.bars[0].get_data()
    np.testing.assert_allclose(edges, (app.state["edges"] + 1) / 2)  # [-1, 1] drawn over [0, 1]
    assert app.state["headline"] in app.state["readout"]


@pytest.mark.parametrize("start", ["relu", "sigmoid"])
def test_the_histograms_name_the_activation_shown_and_only_relus_zeros(start):
    app = depth_app(activation=start)
    live = app.views["depth"].live
    assert "ReLU" not in live.ax_h.get_title() and "zeros" not in live.ax_h.get_title()   # fits every activation
    for activation in ["tanh", "relu", "sigmoid", "relu"]:
        app.controls["activation"].value = activation
        label = app.state["value_label"]
        assert label.startswith(DEPTH_ACTIVATIONS[activation][0] + "'s output") and "\n" not in label, label
        assert ("zeros" in label) == (activation == "relu"), label
        assert live.value_label.get_text() == label
        assert not live.background_stale                            # a moving text: no full redraw


def test_sigmoid_forgets_the_input_at_every_scale_but_tiny_ones_keep_relu_and_tanh_informative():
    """The verdict says 'forget the input' when each unit of layer 10 barely varies over the
    batch, compared with the layer's spread, whatever the scale (3 × He too)."""
    app = depth_app(activation="sigmoid")
    for scale in ["xavier", "he", "3x"]:
        app.controls["scale"].value = scale
        assert "forget the input" in app.state["signal"], scale
    for activation in ["relu", "tanh"]:
        app.controls["activation"].value = activation
        for scale in ["xavier", "he"]:
            app.controls["scale"].value = scale
            assert "forget" not in app.state["signal"], (activation, scale)


def test_relu_histograms_leave_the_exact_zeros_out():
    run = depth_run("he", "relu")
    assert np.all((run.zeros > 0.35) & (run.zeros < 0.65))           # about half the units are off
    # drawn with them, the bin at 0 would be some 20 times taller than its neighbour
    assert run.edges[0] == 0.0 and np.all(run.hist[:, 0] < 2 * run.hist[:, 1])


def test_every_setting_fits_the_fixed_log_ranges():
    for scale in INIT_SCALES:
        for activation in DEPTH_ACTIVATIONS:
            run = depth_run(scale, activation)
            assert ACT_YLIM[0] < run.act_std.min() and run.act_std.max() < ACT_YLIM[1], (scale, activation)
            assert GRAD_YLIM[0] < run.grad_std.min() and run.grad_std.max() < GRAD_YLIM[1], (scale, activation)


def test_each_button_changes_the_picture_without_redrawing_the_axes():
    app = depth_app()
    view = app.views["depth"]
    seen = {view.png}
    for name, value in [("scale", "0.1x"), ("activation", "tanh"), ("scale", "3x"), ("activation", "sigmoid")]:
        app.controls[name].value = value
        assert view.png not in seen, (name, value)
        seen.add(view.png)
        assert not view.live.background_stale


def test_static_figures_have_titles_and_labels():
    fig = depth_signals("0.1x", "relu")
    assert "0.1 × He init, ReLU: the activations vanish" in fig._suptitle.get_text()
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert fig.axes[0].get_title() and any(t.startswith("ReLU's output") for t in texts)
    fig = depth_signals("he", "sigmoid")
    assert "sigmoid's output (between 0 and 1)" in [t.get_text() for t in fig.axes[0].texts]
    fig = spread_by_layer("relu")
    for ax in fig.axes:
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == [
        "0.1 × He", "Xavier", "He", "3 × He", "input's std", "predicted: × g per layer"]
    assert [t.get_text() for t in fig.axes[1].get_legend().get_texts()] == ["0.1 × He", "Xavier", "He", "3 × He"]


def test_unknown_scale_or_activation_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="choose one of 0.1x, xavier, he, 3x"):
        depth_app(scale="huge")
    with pytest.raises(ValueError, match="choose one of relu, tanh, sigmoid"):
        depth_app(activation="swish")


def test_the_widget_is_wiring():
    from widget_wiring import assert_is_wiring
    import nnlessons.widgets.depth as mod
    assert_is_wiring(mod, depth_app(), "depth_app")


# ---------------------------------------------------------------- the learner's activation_stds
def test_the_learners_stds_are_drawn_with_the_packages_faint_where_they_part():
    import learner_code as lc

    app = _set(depth_app(activation_stds=lc.mistake("activation_stds", "variance")), scale="xavier")
    act_std, _ = _by_hand("xavier", "relu")
    np.testing.assert_allclose(app.state["act_std"], act_std ** 2, rtol=1e-9)   # the learner's variances, drawn
    figure = app.views["depth"].live
    np.testing.assert_allclose(figure.act_line.get_ydata(), act_std ** 2, rtol=1e-9)
    assert figure.beside.faint.get_visible() and figure.beside.marks.get_visible()
    np.testing.assert_allclose(figure.beside.faint.get_ydata(), act_std, rtol=1e-9)   # the package's, faint
    assert app.state["act_std_differ"] == app.state["yours"]["activation_stds"]["differ"] > 0
    assert "of 10 layers drawn" in app.state["yours"]["activation_stds"]["message"]
    app.controls["scale"].value = "he"   # a right answer on another setting would hide them: still wrong here
    assert figure.beside.faint.get_visible()


def test_one_number_too_many_is_said_and_the_packages_stds_drawn():
    import learner_code as lc

    today = depth_app()
    app = depth_app(activation_stds=lc.mistake("activation_stds", "includes_output"))
    said = app.state["yours"]["activation_stds"]
    assert said["status"] == "unusable" and "cannot draw" in said["message"]
    assert "one number too many" in said["message"]
    assert app.views["depth"].png == today.views["depth"].png


def test_the_learners_function_runs_once_per_setting():
    import learner_code as lc

    calls = []

    def activation_stds(X, params, activation="relu"):
        if len(X) == BATCH:  # the widget's net (check's own cases are smaller)
            calls.append(activation)
        return lc.right("activation_stds")(X, params, activation)

    app = depth_app(activation_stds=activation_stds)
    for scale in ("3x", "he", "3x", "he"):
        app.controls["scale"].value = scale
    app.controls["activation"].value = "tanh"
    assert calls == ["relu", "relu", "tanh"]  # he/relu, 3x/relu, he/tanh: each once
    assert app.state["yours"]["activation_stds"]["status"] == "same"


def test_the_learners_init_std_sets_the_weights_of_the_net_drawn():
    import learner_code as lc

    app = depth_app(init_std=lc.mistake("init_std", "he_for_both"))
    today = depth_app()
    assert app.views["depth"].png == today.views["depth"].png   # He's weights: the mistake does not show
    for a in (app, today):
        a.controls["scale"].value = "xavier"
    he_act, he_grad = _by_hand("he", "relu")
    np.testing.assert_allclose(app.state["act_std"], he_act, rtol=1e-9)     # Xavier's drawn as He's
    np.testing.assert_allclose(app.state["grad_std"], he_grad, rtol=1e-9)
    assert app.state["signal"].startswith("keep their size") and today.state["signal"].startswith("shrink")
    figure = app.views["depth"].live
    np.testing.assert_allclose(figure.beside_grad.faint.get_ydata(), _by_hand("xavier", "relu")[1], rtol=1e-9)
    assert app.state["yours"]["init_std"]["status"] == "differs"
    assert "Xavier's std comes out as He's" in app.state["yours"]["init_std"]["message"]


def test_both_functions_together_draw_the_learners_stds_of_the_learners_net():
    import learner_code as lc

    app = depth_app(init_std=lc.mistake("init_std", "variance"),
                    activation_stds=lc.mistake("activation_stds", "variance"))
    act_std = np.array(app.views["depth"].live.act_line.get_ydata())
    assert act_std[-1] < 1e-15   # the variances of a net whose weights' stds are He's variances
    assert {k: v["status"] for k, v in app.state["yours"].items()} == {"activation_stds": "differs",
                                                                       "init_std": "differs"}
