"""Tests of nnlessons.training: gradients against finite differences, and the loop."""
from __future__ import annotations

import numpy as np
import pytest

from nnlessons.data import make_moons
from nnlessons.optim import SGD, Adam
from nnlessons.losses import cross_entropy
from nnlessons.training import (MLP, History, SmallCNN, accuracy, early_stopping_epoch, l2_grads,
                                l2_penalty, loss_and_accuracy, train)


def _numeric(model, X, y, key, eps=1e-6):
    p = model.params[key]
    g = np.zeros_like(p)
    for idx in np.ndindex(p.shape):
        old = p[idx]
        p[idx] = old + eps
        up = model.loss_and_grads(X, y)[0]
        p[idx] = old - eps
        down = model.loss_and_grads(X, y)[0]
        p[idx] = old
        g[idx] = (up - down) / (2 * eps)
    return g


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid"])
def test_mlp_gradients_match_finite_differences(activation):
    rng = np.random.default_rng(1)
    X, y = rng.standard_normal((7, 3)), rng.integers(0, 3, 7)
    model = MLP([3, 5, 3], activation=activation, init="xavier", seed=2)
    _, grads = model.loss_and_grads(X, y)
    for key in model.params:
        np.testing.assert_allclose(grads[key], _numeric(model, X, y, key), rtol=1e-5, atol=1e-8)


def test_cnn_gradients_match_finite_differences():
    rng = np.random.default_rng(3)
    X, y = rng.standard_normal((3, 2, 4, 6)), np.array([0, 2, 1])
    model = SmallCNN(in_shape=(2, 4, 6), filters=3, n_classes=3, seed=4)
    _, grads = model.loss_and_grads(X, y)
    assert grads["bc"].shape == (3,)          # one bias per filter
    for key in model.params:
        np.testing.assert_allclose(grads[key], _numeric(model, X, y, key), rtol=1e-5, atol=1e-8)


def test_train_lowers_the_loss_and_records_history():
    X, y = make_moons(200, noise=0.1, seed=0)
    model = MLP([2, 16, 2], seed=0)
    loss0 = model.loss_and_grads(X, y)[0]
    hist = train(model, X, y, Adam(0.02), epochs=40, batch_size=32, X_val=X[:50], y_val=y[:50])
    assert isinstance(hist, History)
    assert len(hist.epoch_loss) == 40 and len(hist.val_acc) == 40
    assert len(hist.step_loss) == 40 * 7                  # ceil(200 / 32) batches per epoch
    assert hist.epoch_loss[-1] < 0.3 * loss0
    assert hist.train_acc[-1] == pytest.approx(accuracy(model, X, y))
    assert accuracy(model, X, y) > 0.95


def test_full_batch_train_is_plain_gradient_descent():
    X, y = make_moons(50, seed=1)
    a, b = MLP([2, 4, 2], seed=5), MLP([2, 4, 2], seed=5)
    train(a, X, y, SGD(0.1), epochs=3)                    # batch_size=None: full batch
    for _ in range(3):
        _, g = b.loss_and_grads(X, y)
        for k in b.params:
            b.params[k] -= 0.1 * g[k]
    for k in a.params:
        np.testing.assert_allclose(a.params[k], b.params[k], rtol=1e-12)


def test_zero_initialisation_keeps_hidden_units_identical():
    X, y = make_moons(100, seed=0)
    model = MLP([2, 5, 2], activation="sigmoid", init="zeros")
    train(model, X, y, SGD(1.0), epochs=50)
    W1 = model.params["W1"]
    assert np.abs(W1).max() > 0                           # it did learn something ...
    np.testing.assert_allclose(W1, W1[:, :1].repeat(5, axis=1), rtol=1e-10)   # ... all alike


def test_errors_say_what_to_do():
    model = SmallCNN()
    with pytest.raises(ValueError, match=r"images\[:, None\] / 16"):
        model.predict(np.zeros((2, 8, 8)))
    with pytest.raises(ValueError, match="even"):
        SmallCNN(in_shape=(1, 7, 7))
    with pytest.raises(ValueError, match="one label per example"):
        train(MLP([2, 2]), np.zeros((4, 2)), np.zeros(3, int), SGD(0.1))
    with pytest.raises(ValueError, match="batch_size"):
        train(MLP([2, 2]), np.zeros((4, 2)), np.zeros(4, int), SGD(0.1), batch_size=0)
    with pytest.raises(ValueError, match="weight_decay must be a number >= 0"):
        train(MLP([2, 2]), np.zeros((4, 2)), np.zeros(4, int), SGD(0.1), weight_decay=-0.1)


def test_weight_decay_adds_lambda_W_to_the_weights_gradients_only():
    X, y = make_moons(40, noise=0.2, seed=2)
    a, b = MLP([2, 6, 5, 2], seed=3), MLP([2, 6, 5, 2], seed=3)
    for k in ("b1", "b2", "b3"):                          # biases far from 0: a decay would show
        a.params[k] += 1.0
        b.params[k] += 1.0
    train(a, X, y, SGD(0.2), epochs=4, weight_decay=0.5)
    for _ in range(4):
        _, g = b.loss_and_grads(X, y)
        for k in b.params:
            decay = 0.5 * b.params[k] if k.startswith("W") else 0.0
            b.params[k] -= 0.2 * (g[k] + decay)
    for k in a.params:
        np.testing.assert_allclose(a.params[k], b.params[k], rtol=1e-12, atol=1e-15)


def test_l2_penalty_sums_the_squared_weights_only():
    params = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([5.0, 5.0]), "W2": np.array([[3.0], [0.5]]),
              "b2": np.array([-7.0])}
    assert l2_penalty(params, 0.1) == pytest.approx(0.05 * (1 + 4 + 9 + 0.25))
    assert l2_penalty(params, 0.0) == 0.0


@pytest.mark.parametrize("losses,patience,kept", [
    ([1.0, 0.8, 0.7, 0.75, 0.8, 0.9, 1.0], 3, 2),       # stops at epoch 5, keeps the best
    ([1.0, 0.6, 0.65, 0.7, 0.62, 0.5, 0.4], 3, 1),      # the later minimum comes too late
    ([0.9, 0.5, 0.5, 0.6, 0.5, 0.7], 2, 1),             # an equal loss is no improvement
    ([2.0, 1.5, 1.2, 1.3, 1.1, 1.15], 10, 4),           # never stops: the best of the run
    ([0.5, 0.6, 0.7, 0.8], 2, 0),                       # the first epoch is the best
])
def test_early_stopping_epoch(losses, patience, kept):
    assert early_stopping_epoch(losses, patience) == kept
    assert early_stopping_epoch(np.array(losses), patience) == kept


def test_l2_grads_is_a_new_dict_and_leaves_its_inputs_alone():
    params = {"W1": np.ones((2, 3)), "b1": np.full(3, 2.0), "W2": -np.ones((3, 2)), "b2": np.full(2, 3.0)}
    grads = {k: np.full_like(v, 0.5) for k, v in params.items()}
    before = {k: v.copy() for k, v in grads.items()}, {k: v.copy() for k, v in params.items()}
    out = l2_grads(grads, params, 0.1)
    assert out is not grads and set(out) == set(grads)
    np.testing.assert_allclose(out["W1"], 0.6)
    np.testing.assert_allclose(out["W2"], 0.4)
    np.testing.assert_array_equal(out["b1"], 0.5)
    np.testing.assert_array_equal(out["b2"], 0.5)
    for k in grads:
        np.testing.assert_array_equal(grads[k], before[0][k])
        np.testing.assert_array_equal(params[k], before[1][k])


def test_weight_decay_shrinks_the_weights():
    X, y = make_moons(30, noise=0.25, seed=3)
    plain, decayed = MLP([2, 16, 2], seed=0), MLP([2, 16, 2], seed=0)
    train(plain, X, y, SGD(0.3), epochs=300)
    train(decayed, X, y, SGD(0.3), epochs=300, weight_decay=0.05)
    for k in ("W1", "W2"):
        assert np.linalg.norm(decayed.params[k]) < 0.7 * np.linalg.norm(plain.params[k])


def test_validation_loss_is_the_cross_entropy_after_each_epoch():
    X, y = make_moons(60, noise=0.2, seed=4)
    X_val, y_val = make_moons(40, noise=0.2, seed=5)
    model = MLP([2, 8, 2], seed=1)
    hist = train(model, X, y, SGD(0.5), epochs=5, X_val=X_val, y_val=y_val)
    assert len(hist.val_loss) == len(hist.val_acc) == 5
    assert hist.val_loss[-1] == pytest.approx(cross_entropy(model.logits(X_val), y_val), rel=1e-12)
    assert hist.val_acc[-1] == pytest.approx(accuracy(model, X_val, y_val))
    assert loss_and_accuracy(model, X_val, y_val) == pytest.approx((hist.val_loss[-1], hist.val_acc[-1]))
    assert train(MLP([2, 8, 2]), X, y, SGD(0.5), epochs=2).val_loss == []
