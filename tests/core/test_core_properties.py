"""Property tests (hypothesis) for the numeric core: extreme inputs stay finite and
warning-free, probabilities stay probabilities, gradients have the right shapes.

"Warning-free" means: no numpy overflow / divide / invalid floating-point event and no
Python warning. Underflow to 0 (e.g. sigmoid(-1000) == 0.0) is the correctly rounded
result and numpy ignores it by default, so it is allowed.
"""
import warnings
from contextlib import contextmanager

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from nnlessons import activations as A
from nnlessons import layers as La
from nnlessons import losses as L

SETTINGS = settings(max_examples=50, deadline=None)
big = st.floats(-1000.0, 1000.0, allow_nan=False, allow_infinity=False)
prob = st.one_of(st.sampled_from([0.0, 1.0]), st.floats(0.0, 1.0))


@contextmanager
def strict():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", divide="raise", invalid="raise", under="ignore"):
            yield


def zs(min_dims=0):
    return arrays(np.float64, array_shapes(min_dims=min_dims, max_dims=3, max_side=6), elements=big)


@SETTINGS
@given(zs())
def test_elementwise_activations_finite_with_right_shape(z):
    with strict():
        for name, (fn, grad) in A.ACTIVATIONS.items():
            for f in (fn, grad):
                out = f(z)
                assert out.shape == z.shape, name
                assert np.isfinite(out).all(), name


@SETTINGS
@given(zs())
def test_sigmoid_tanh_ranges_and_symmetry(z):
    with strict():
        s = A.sigmoid(z)
        assert ((0.0 <= s) & (s <= 1.0)).all()
        np.testing.assert_allclose(s + A.sigmoid(-z), 1.0, atol=1e-15)
        g = A.sigmoid_grad(z)
        assert ((0.0 <= g) & (g <= 0.25)).all()
        t = A.tanh(z)
        assert ((-1.0 <= t) & (t <= 1.0)).all()
        assert ((0.0 <= A.tanh_grad(z)) & (A.tanh_grad(z) <= 1.0)).all()


@SETTINGS
@given(zs())
def test_relu_family(z):
    with strict():
        r = A.relu(z)
        assert (r >= 0).all()
        np.testing.assert_array_equal(r - A.relu(-z), z)  # relu(z) - relu(-z) = z
        np.testing.assert_array_equal(A.relu_grad(z), (z > 0).astype(float))
        lr = A.leaky_relu(z, alpha=0.1)
        np.testing.assert_allclose(lr, np.where(z > 0, z, 0.1 * z))
        assert set(np.unique(A.leaky_relu_grad(z, alpha=0.1))) <= {0.1, 1.0}


@SETTINGS
@given(zs(min_dims=1), st.data())
def test_softmax_is_a_distribution_along_axis(z, data):
    axis = data.draw(st.integers(-z.ndim, z.ndim - 1))
    with strict():
        s = A.softmax(z, axis=axis)
    assert s.shape == z.shape
    assert ((0.0 <= s) & (s <= 1.0)).all()
    np.testing.assert_allclose(s.sum(axis=axis), 1.0, rtol=1e-12)
    am = np.argmax(z, axis=axis)
    np.testing.assert_array_equal(np.take_along_axis(s, np.expand_dims(am, axis), axis).squeeze(axis),
                                  s.max(axis=axis))


@SETTINGS
@given(st.integers(1, 8), st.integers(1, 6), st.data())
def test_cross_entropy_finite_nonnegative_with_huge_logits(m, k, data):
    logits = data.draw(arrays(np.float64, (m, k), elements=big))
    labels = data.draw(arrays(np.int64, (m,), elements=st.integers(0, k - 1)))
    with strict():
        loss = L.cross_entropy(logits, labels)
        g = L.cross_entropy_grad(logits, labels)
    assert np.isfinite(loss) and loss >= 0.0
    assert g.shape == (m, k) and np.isfinite(g).all()
    np.testing.assert_allclose(g.sum(axis=1), 0.0, atol=1e-12)
    assert (g[np.arange(m), labels] <= 0).all()
    assert loss <= 2000.0 + np.log(k) + 1e-9  # at most the largest logit gap plus log k


@SETTINGS
@given(st.integers(1, 10), st.data())
def test_bce_finite_for_exact_zeros_and_ones(n, data):
    p = data.draw(arrays(np.float64, (n,), elements=prob))
    y = data.draw(arrays(np.float64, (n,), elements=st.sampled_from([0.0, 1.0])))
    with strict():
        loss = L.binary_cross_entropy(p, y)
        g = L.binary_cross_entropy_grad(p, y)
    assert np.isfinite(loss) and 0.0 <= loss <= -np.log(1e-12) * (1 + 1e-5)  # 1 - 1e-12 rounds
    assert np.isfinite(g).all()
    assert (np.sign(g)[y == 1] <= 0).all() and (np.sign(g)[y == 0] >= 0).all()


@SETTINGS
@given(arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 4)),
              elements=st.floats(-1e3, 1e3)), st.data())
def test_mse_nonnegative_zero_iff_equal(y_pred, data):
    y_true = data.draw(arrays(np.float64, y_pred.shape, elements=st.floats(-1e3, 1e3)))
    with strict():
        loss = L.mse(y_pred, y_true)
        g = L.mse_grad(y_pred, y_true)
    assert loss >= 0.0
    if np.array_equal(y_pred, y_true):
        assert loss == 0.0 and not g.any()
    elif loss == 0.0:  # only when every difference squared underflows
        assert np.abs(y_pred - y_true).max() < 1e-150
    assert g.shape == y_pred.shape
    assert L.mse(y_true, y_true) == 0.0


@SETTINGS
@given(st.lists(st.integers(1, 6), min_size=2, max_size=4), st.integers(1, 5),
       st.sampled_from(["relu", "tanh", "sigmoid", "leaky_relu"]), st.integers(0, 2**16))
def test_mlp_shapes_and_param_count(sizes, m, act, seed):
    params = La.init_params(sizes, seed=seed)
    assert sum(v.size for v in params.values()) == La.count_params(sizes)
    X = np.random.default_rng(seed).normal(size=(m, sizes[0]))
    with strict():
        logits, caches = La.mlp_forward(X, params, act)
        grads = La.mlp_backward(np.ones_like(logits), caches)
    assert logits.shape == (m, sizes[-1]) and len(caches) == len(sizes) - 1
    assert {k: v.shape for k, v in grads.items()} == {k: v.shape for k, v in params.items()}
    np.testing.assert_allclose(grads[f"b{len(sizes) - 1}"], np.full(sizes[-1], float(m)))
