"""Headless tests of lesson 11's figures and widget: the weight-decay slider shows the
training of that lambda (its boundary, its weights' sizes, its loss curves and the epoch
early stopping keeps), and the static figures draw what they say."""
import numpy as np
import pytest

import nnlessons.plots.generalization as G
import nnlessons.widgets.generalization as widget
from nnlessons.activations import softmax
from nnlessons.layers import mlp_forward
from nnlessons.optim import SGD
from nnlessons.training import MLP, early_stopping_epoch, train
from blit_support import blitted_equals_full_render


def _proba(params):
    return lambda X: softmax(mlp_forward(X, params)[0])


@pytest.fixture(scope="module")
def data():
    return G.noisy_moons_split()


@pytest.fixture(scope="module")
def small_runs(data):
    """Short trainings of a small net: quick, and enough to tell the lambdas apart."""
    return {lam: G.decay_run(*data, lam, epochs=60, sizes=(2, 16, 2)) for lam in (0.0, 0.03, 0.3)}


@pytest.fixture(scope="module")
def app():
    return widget.weight_decay_app()


def test_the_split_is_30_training_and_200_validation_points_of_noisy_moons(data):
    X, y, X_val, y_val = data
    assert X.shape == (30, 2) and X_val.shape == (200, 2) and set(y) == set(y_val) == {0, 1}
    assert not np.any(np.all(np.isclose(X[:, None], X_val[None]), axis=-1))   # no point in both


def test_decay_run_is_train_with_weight_decay(data):
    X, y, X_val, y_val = data
    run = G.decay_run(X, y, X_val, y_val, 0.05, epochs=20, lr=0.3, sizes=(2, 8, 2), seed=4)
    model = MLP([2, 8, 2], seed=4)
    hist = train(model, X, y, SGD(0.3), epochs=20, X_val=X_val, y_val=y_val, weight_decay=0.05)
    np.testing.assert_allclose(run.val_loss, hist.val_loss, rtol=1e-12)
    np.testing.assert_allclose(run.train_loss, hist.epoch_loss, rtol=1e-12)
    for k in model.params:
        np.testing.assert_allclose(run.params[k], model.params[k], rtol=1e-12)
    assert run.val_acc == hist.val_acc[-1] and run.lam == 0.05
    with pytest.raises(ValueError, match="validation"):
        G.as_run(0.0, model, train(model, X, y, SGD(0.1), epochs=1))


def test_weight_norms_are_the_square_roots_of_the_sums_of_squares():
    params = {"W1": np.array([[3.0, 4.0]]), "b1": np.array([100.0, 1.0]), "W2": np.array([[1.0], [-2.0]]),
              "b2": np.array([5.0])}
    assert G.weight_norms(params) == pytest.approx({"W1": 5.0, "W2": np.sqrt(5.0)})


def test_the_slider_shows_the_training_of_each_lambda(app):
    runs = {lam: widget._lesson_run(lam) for lam in widget.LAMS}
    view = app.views["figure"]
    seen = []
    for lam in widget.LAMS:
        app.controls["lam"].value = lam
        run = runs[lam]
        state = app.state
        assert state["lam"] == lam and state["norms"] == G.weight_norms(run.params)
        assert state["val_loss"] == run.val_loss[-1] and state["train_loss"] == run.train_loss[-1]
        kept = early_stopping_epoch(run.val_loss, 50)
        assert state["kept"] == kept and state["kept_val_loss"] == run.val_loss[kept]
        live = view.live
        np.testing.assert_array_equal(live.val_line.get_ydata(), run.val_loss)
        np.testing.assert_array_equal(live.train_line.get_ydata(), run.train_loss)
        assert list(live.kept_line.get_xdata()) == [kept, kept]
        assert [b.get_height() for b in live.bars] == list(state["norms"].values())
        assert view.png not in seen
        seen.append(view.png)
        assert f"λ = {lam:g}" in state["readout"] or (lam == 0 and "no decay" in state["readout"])
        assert f"{100 * run.val_acc:.0f}% right" in state["readout"] and f"keep epoch {kept}" in state["readout"]
    assert blitted_equals_full_render(view)


def test_the_boundary_drawn_is_where_both_classes_are_equally_likely(app):
    app.controls["lam"].value = 0.01
    bx, by = app.state["boundary"]
    points = np.column_stack([bx, by])
    points = points[np.all(np.isfinite(points), axis=1)]
    assert len(points) > 20
    p = _proba(widget._lesson_run(0.01).params)(points)[:, 1]
    np.testing.assert_allclose(p, 0.5, atol=0.02)     # on the grid's scale: linear interpolation


def test_more_decay_means_smaller_weights_a_higher_training_loss_and_fewer_wiggles(app):
    sizes, train_losses = [], []
    for lam in widget.LAMS:
        app.controls["lam"].value = lam
        sizes.append(sum(v ** 2 for v in app.state["norms"].values()))
        train_losses.append(app.state["train_loss"])
    assert all(a > b for a, b in zip(sizes, sizes[1:])), sizes
    assert all(a < b for a, b in zip(train_losses, train_losses[1:])), train_losses
    # the lesson's story: no decay overfits (validation loss far above its best), 0.01 does not
    none, some = widget._lesson_run(0.0), widget._lesson_run(0.01)
    assert none.val_loss[-1] > 2 * none.val_loss.min() and some.val_loss[-1] < 0.8 * none.val_loss.min()
    assert none.train_loss[-1] < some.train_loss[-1]


def test_a_lambda_that_is_not_on_the_slider_is_refused(data, small_runs):
    with pytest.raises(ValueError, match="not on the slider"):
        widget.weight_decay_app(lam=0.5)
    live = G.WeightDecayFigure(*data, small_runs)
    with pytest.raises(ValueError, match="no training with lambda = 0.2"):
        live.update(lam=0.2)
    with pytest.raises(ValueError, match="runs is empty"):
        G.WeightDecayFigure(*data, {})


def test_given_runs_are_not_trained_again(data, small_runs, monkeypatch):
    trained = []
    monkeypatch.setattr(widget, "decay_run", lambda *a, **k: trained.append(a[-1]) or small_runs[0.03])
    app = widget.weight_decay_app(lams=(0.0, 0.03, 0.3), data=data, runs={0.0: small_runs[0.0], 0.3: small_runs[0.3]})
    assert trained == [0.03]
    app.controls["lam"].value = 0.3
    assert app.state["norms"] == G.weight_norms(small_runs[0.3].params)


def test_boundaries_draws_one_panel_per_model_and_marks_the_origin(data, small_runs):
    X, y, X_val, y_val = data
    models = {"none": _proba(small_runs[0.0].params), "decay": _proba(small_runs[0.3].params), "points": None}
    fig = G.boundaries(models, X, y, X_val, y_val, mark_origin=True)
    axes = fig.axes
    assert len(axes) == 3
    assert "training" in axes[0].get_title() and "validation" in axes[0].get_title()
    assert axes[2].get_title() == "points" and not axes[2].images
    for ax in axes:
        x0, x1 = ax.get_xlim()
        y0, y1 = ax.get_ylim()
        assert x0 < 0 < x1 and y0 < 0 < y1
        assert any(list(line.get_xdata()) == [0] and line.get_marker() == "+" for line in ax.lines)
    acc = np.mean(np.argmax(models["none"](X), axis=1) == y)
    assert f"training {100 * acc:.0f}%" in axes[0].get_title()


def test_loss_curves_mark_the_kept_and_the_stopping_epochs(small_runs):
    run = small_runs[0.0]
    fig = G.loss_curves(run.train_loss, run.val_loss, kept=20, stopped=30)
    ax = fig.axes[0]
    np.testing.assert_array_equal(ax.lines[1].get_ydata(), run.val_loss)
    verticals = {line.get_label(): line.get_xdata()[0] for line in ax.lines if line.get_label().startswith(("early", "and"))}
    assert verticals == {"early stopping stops: epoch 30": 30, "and keeps epoch 20": 20}


# ---------------------------------------------------------------- the learner's l2_grads
def test_a_wrong_l2_grads_trains_its_own_run_drawn_beside_the_packages():
    import learner_code as lc

    from nnlessons.widgets.generalization import weight_decay_app

    today = weight_decay_app(lam=0.1)
    app = weight_decay_app(lam=0.1, l2_grads=lc.mistake("l2_grads", "biases_decayed"))
    said = app.state["yours"]["l2_grads"]
    assert said["status"] == "differs" and "bias gradients changed" in said["message"]
    assert app.state["differ"] > 0 and app.state["norms"] != today.state["norms"]
    figure = app.views["figure"].live
    assert figure.faint_line.get_visible() and figure.beside_val.faint.get_visible()
    app.controls["lam"].value = 0.0   # lam * b = 0: the same training as the package's, nothing extra drawn
    assert app.state["yours"]["l2_grads"]["status"] == "same"
    assert not figure.faint_line.get_visible() and not figure.bar_marks.get_visible()
    assert app.views["figure"].png == _moved(today, 0.0).views["figure"].png


def _moved(app, lam):
    app.controls["lam"].value = lam
    return app


def test_a_slow_l2_grads_trains_fewer_epochs_and_says_so(monkeypatch):
    import learner_code as lc

    import nnlessons.widgets.generalization as G

    monkeypatch.setattr(G, "YOUR_RUN_S", 0.0)   # every learner's run is cut after its first chunk
    app = G.weight_decay_app(lam=0.03, l2_grads=lc.mistake("l2_grads", "factor_two"))
    assert app.state["epochs"] == 25
    assert "drawn for its first 25 of 1000 epochs" in app.state["yours"]["l2_grads"]["message"]
    assert len(app.views["figure"].live.beside_val.faint.get_xdata()) == 25   # the package's to the same epoch


def test_a_right_l2_grads_is_called_once_per_lambda():
    import learner_code as lc

    from nnlessons.widgets.generalization import weight_decay_app

    calls = []

    def l2_grads(grads, params, lam):
        if params["W1"].shape == (2, 64):   # the widget's net (check's own cases are smaller)
            calls.append(lam)
        return lc.right("l2_grads")(grads, params, lam)

    app = weight_decay_app(l2_grads=l2_grads)
    for lam in (0.01, 0.0, 0.01, 0.3):
        app.controls["lam"].value = lam
    assert calls == [0.0, 0.01, 0.3] and app.state["yours"]["l2_grads"]["status"] == "same"
