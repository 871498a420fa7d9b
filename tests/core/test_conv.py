"""nnlessons.conv against PyTorch fixtures (conv.npz), finite differences and hand counts."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from nnlessons.conv import (conv2d_backward, conv2d_forward, conv2d_naive, conv_output_shape,
                            conv_param_count, maxpool_backward, maxpool_forward)
from nnlessons.gradcheck import numerical_gradient

FIX = np.load(Path(__file__).parent / "torch_fixtures" / "conv.npz")
CONV_IDS = sorted({int(k.split("/")[1]) for k in FIX.files if k.startswith("conv/")})
POOL_IDS = sorted({int(k.split("/")[1]) for k in FIX.files if k.startswith("pool/")})


def case(prefix: str, i: int) -> dict:
    return {k.split("/")[2]: FIX[k] for k in FIX.files if k.startswith(f"{prefix}/{i}/")}


def close(got, want, rtol=1e-10):
    np.testing.assert_allclose(got, want, rtol=rtol, atol=1e-12 * max(1.0, np.abs(want).max()))


# ------------------------------------------------------------------ against PyTorch
def test_fixture_covers_strides_paddings_and_channels():
    cases = [case("conv", i) for i in CONV_IDS]
    assert {int(c["stride"]) for c in cases} >= {1, 2}
    assert {int(c["padding"]) for c in cases} >= {0, 1, 2}
    assert max(c["X"].shape[1] for c in cases) > 1


@pytest.mark.parametrize("i", CONV_IDS)
def test_conv_forward_and_grads_match_pytorch(i):
    c = case("conv", i)
    s, p = int(c["stride"]), int(c["padding"])
    Y, cache = conv2d_forward(c["X"], c["W"], c["b"], stride=s, padding=p)
    close(Y, c["Y"])
    dX, dW, db = conv2d_backward(c["dY"], cache)
    close(dX, c["dX"])
    close(dW, c["dW"])
    close(db, c["db"])
    assert dX.shape == c["X"].shape and dW.shape == c["W"].shape and db.shape == c["b"].shape


@pytest.mark.parametrize("i", CONV_IDS)
def test_naive_equals_vectorised(i):
    c = case("conv", i)
    s, p = int(c["stride"]), int(c["padding"])
    close(conv2d_naive(c["X"], c["W"], c["b"], stride=s, padding=p), c["Y"])


@pytest.mark.parametrize("i", POOL_IDS)
def test_maxpool_matches_pytorch(i):
    c = case("pool", i)
    Y, cache = maxpool_forward(c["X"], size=int(c["size"]))
    np.testing.assert_array_equal(Y, c["Y"])
    np.testing.assert_array_equal(maxpool_backward(c["dY"], cache), c["dX"])


# ----------------------------------------------------------- finite differences
@pytest.mark.parametrize("stride,padding,kh,kw", [(1, 0, 3, 3), (2, 1, 3, 2), (1, 2, 2, 2), (3, 1, 3, 3)])
def test_conv_backward_matches_numerical_gradient(stride, padding, kh, kw):
    rng = np.random.default_rng(stride * 10 + padding)
    X = rng.standard_normal((2, 2, 6, 5))
    W = rng.standard_normal((3, 2, kh, kw))
    b = rng.standard_normal(3)
    Y, cache = conv2d_forward(X, W, b, stride, padding)
    dY = rng.standard_normal(Y.shape)
    dX, dW, db = conv2d_backward(dY, cache)

    def loss(_):
        return float(np.sum(conv2d_forward(X, W, b, stride, padding)[0] * dY))

    for analytic, wrt in ((dX, X), (dW, W), (db, b)):
        np.testing.assert_allclose(analytic, numerical_gradient(loss, wrt), rtol=1e-6, atol=1e-7)


def test_maxpool_backward_matches_numerical_gradient():
    rng = np.random.default_rng(3)
    X = rng.permutation(2 * 2 * 6 * 6).reshape(2, 2, 6, 6) / 7.0   # distinct: differentiable
    Y, cache = maxpool_forward(X, 2)
    dY = rng.standard_normal(Y.shape)
    num = numerical_gradient(lambda _: float(np.sum(maxpool_forward(X, 2)[0] * dY)), X)
    np.testing.assert_allclose(maxpool_backward(dY, cache), num, rtol=1e-6, atol=1e-8)


@settings(max_examples=40, deadline=None)
@given(m=st.integers(1, 2), c=st.integers(1, 3), n=st.integers(1, 3), h=st.integers(1, 7),
       w=st.integers(1, 7), kh=st.integers(1, 4), kw=st.integers(1, 4), stride=st.integers(1, 3),
       padding=st.integers(0, 2), seed=st.integers(0, 2**16))
def test_vectorised_equals_loops_for_any_shape(m, c, n, h, w, kh, kw, stride, padding, seed):
    if kh > h + 2 * padding or kw > w + 2 * padding:
        with pytest.raises(ValueError, match="does not fit"):
            conv_output_shape(h, w, kh, kw, stride, padding)
        return
    rng = np.random.default_rng(seed)
    X, W, b = rng.standard_normal((m, c, h, w)), rng.standard_normal((n, c, kh, kw)), rng.standard_normal(n)
    Y, cache = conv2d_forward(X, W, b, stride, padding)
    assert Y.shape == (m, n, *conv_output_shape(h, w, kh, kw, stride, padding))
    np.testing.assert_allclose(Y, conv2d_naive(X, W, b, stride, padding), rtol=1e-12, atol=1e-12)
    # adjoint identity: <conv(X) - b, dY> == <X, dX> for the linear part
    dY = rng.standard_normal(Y.shape)
    dX, dW, db = conv2d_backward(dY, cache)
    lin = np.sum((Y - b[None, :, None, None]) * dY)
    np.testing.assert_allclose(np.sum(X * dX), lin, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(np.sum(W * dW), lin, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(db, dY.sum(axis=(0, 2, 3)), rtol=1e-12, atol=1e-12)


# -------------------------------------------------------------------- behaviour
def test_cross_correlation_not_convolution():
    X = np.arange(9.0).reshape(1, 1, 3, 3)
    W = np.zeros((1, 1, 3, 3))
    W[0, 0, 0, 0] = 1.0          # picks the top-left pixel (a flipped kernel would pick the bottom-right)
    Y, _ = conv2d_forward(X, W, np.zeros(1))
    assert Y[0, 0, 0, 0] == 0.0
    assert conv2d_naive(X, W, np.zeros(1))[0, 0, 0, 0] == 0.0


def test_one_bias_per_filter_shifts_only_its_channel():
    rng = np.random.default_rng(0)
    X, W = rng.standard_normal((2, 3, 5, 5)), rng.standard_normal((4, 3, 3, 3))
    Y0, _ = conv2d_forward(X, W, np.zeros(4), padding=1)
    Y1, _ = conv2d_forward(X, W, np.array([0.0, 2.5, 0.0, 0.0]), padding=1)
    diff = Y1 - Y0
    np.testing.assert_allclose(diff[:, 1], 2.5)
    np.testing.assert_allclose(np.delete(diff, 1, axis=1), 0.0, atol=1e-15)


def test_forward_leaves_inputs_alone_and_returns_contiguous_float64():
    rng = np.random.default_rng(1)
    X, W, b = rng.standard_normal((2, 2, 6, 6)), rng.standard_normal((3, 2, 3, 3)), rng.standard_normal(3)
    Xc, Wc, bc = X.copy(), W.copy(), b.copy()
    Y, cache = conv2d_forward(X, W, b, stride=2, padding=1)
    dX, dW, db = conv2d_backward(np.ones_like(Y), cache)
    np.testing.assert_array_equal(X, Xc)
    np.testing.assert_array_equal(W, Wc)
    np.testing.assert_array_equal(b, bc)
    for a in (Y, dX):
        assert a.dtype == np.float64 and a.flags.c_contiguous


@pytest.mark.parametrize("m,c,padding", [(1, 1, 0), (2, 1, 1), (1, 3, 2), (3, 2, 0)])
def test_results_stay_valid_after_later_calls(m, c, padding):
    """Internal buffers are reused between calls: results and caches must not alias them."""
    rng = np.random.default_rng(m * 7 + c)
    X1, X2 = rng.standard_normal((2, m, c, 6, 6))
    W, b = rng.standard_normal((2, c, 3, 3)), rng.standard_normal(2)
    Y1, cache1 = conv2d_forward(X1, W, b, padding=padding)       # two layers' worth of caches
    Y2, cache2 = conv2d_forward(X2, W, b, padding=padding)
    Y1_copy = Y1.copy()
    g1 = conv2d_backward(np.ones_like(Y1), cache1)
    g1_copy = [a.copy() for a in g1]
    g2 = conv2d_backward(2 * np.ones_like(Y2), cache2)
    np.testing.assert_array_equal(Y1, Y1_copy)
    for a, a_copy, other in zip(g1, g1_copy, g2):
        np.testing.assert_array_equal(a, a_copy)
        assert not np.shares_memory(a, other)
    np.testing.assert_allclose(Y2, conv2d_naive(X2, W, b, padding=padding), rtol=1e-12, atol=1e-12)
    again = conv2d_backward(np.ones_like(Y1), cache1)
    for a, b_ in zip(g1, again):
        np.testing.assert_array_equal(a, b_)


def test_integer_inputs_are_accepted_as_float():
    X = np.ones((1, 1, 3, 3), dtype=int)
    Y, _ = conv2d_forward(X, np.ones((1, 1, 2, 2), dtype=int), [1])
    np.testing.assert_array_equal(Y, np.full((1, 1, 2, 2), 5.0))


def test_maxpool_ties_go_to_the_first_position_in_row_major_order():
    X = np.array([[[[1.0, 3.0, 0.0, 0.0],
                    [3.0, 3.0, 0.0, 0.0],
                    [2.0, 1.0, 5.0, 4.0],
                    [1.0, 2.0, 5.0, 5.0]]]])
    Y, cache = maxpool_forward(X, 2)
    np.testing.assert_array_equal(Y[0, 0], [[3.0, 0.0], [2.0, 5.0]])
    dX = maxpool_backward(np.array([[[[10.0, 20.0], [30.0, 40.0]]]]), cache)
    want = np.zeros((4, 4))
    want[0, 1], want[0, 2], want[2, 0], want[2, 2] = 10.0, 20.0, 30.0, 40.0
    np.testing.assert_array_equal(dX[0, 0], want)


def test_maxpool_drops_partial_windows():
    X = np.arange(25.0).reshape(1, 1, 5, 5)
    Y, cache = maxpool_forward(X, 2)
    np.testing.assert_array_equal(Y[0, 0], [[6.0, 8.0], [16.0, 18.0]])
    dX = maxpool_backward(np.ones_like(Y), cache)
    assert dX.shape == X.shape and dX[0, 0, 4].sum() == 0 and dX[0, 0, :, 4].sum() == 0
    assert dX.sum() == 4


# ---------------------------------------------------------------- sizes and counts
@pytest.mark.parametrize("args,want", [
    ((8, 8, 3, 3), (6, 6)),
    ((8, 8, 3, 3, 1, 1), (8, 8)),          # "same" padding
    ((227, 227, 11, 11, 4, 0), (55, 55)),  # AlexNet's first layer
    ((32, 32, 5, 5, 1, 2), (32, 32)),
    ((7, 7, 3, 3, 2, 1), (4, 4)),
    ((6, 6, 3, 3, 2, 0), (2, 2)),          # floor: the last column does not fit a stride
    ((10, 6, 3, 1, 1, 0), (8, 6)),         # non-square
    ((5, 5, 5, 5), (1, 1)),
])
def test_conv_output_shape(args, want):
    assert conv_output_shape(*args) == want


@pytest.mark.parametrize("args,match", [
    ((3, 3, 5, 5), "does not fit"),
    ((8, 8, 3, 3, 0), "stride"),
    ((8, 8, 3, 3, 1, -1), "padding"),
    ((0, 8, 3, 3), "h"),
])
def test_conv_output_shape_errors(args, match):
    with pytest.raises(ValueError, match=match):
        conv_output_shape(*args)


def test_conv_output_shape_rejects_non_integers():
    with pytest.raises(TypeError, match="whole number"):
        conv_output_shape(8.5, 8, 3, 3)


def test_param_counts():
    alex = conv_param_count(11, 11, 3, 96)
    assert (alex.weights, alex.biases, alex.total) == (34_848, 96, 34_944)
    assert tuple(conv_param_count(3, 3, 16, 32)) == (4_608, 32)
    assert conv_param_count(3, 3, 1, 8, bias=False).biases == 0
    assert conv_param_count(5, 3, 2, 4).weights == 5 * 3 * 2 * 4


def test_param_count_agrees_with_the_arrays_a_layer_uses():
    rng = np.random.default_rng(2)
    W, b = rng.standard_normal((6, 3, 5, 4)), rng.standard_normal(6)
    counts = conv_param_count(5, 4, 3, 6)
    assert (W.size, b.size) == (counts.weights, counts.biases)
    _, _, db = conv2d_backward(np.ones((1, 6, 4, 5)), conv2d_forward(rng.standard_normal((1, 3, 8, 8)), W, b)[1])
    assert db.size == counts.biases


# ---------------------------------------------------------------------- errors
def test_channel_mismatch_is_explained():
    with pytest.raises(ValueError, match="channel mismatch.*3 channels.*expects 1"):
        conv2d_forward(np.zeros((2, 3, 5, 5)), np.zeros((4, 1, 3, 3)), np.zeros(4))


@pytest.mark.parametrize("X,W,b,match", [
    (np.zeros((3, 5, 5)), np.zeros((4, 3, 3, 3)), np.zeros(4), r"X\[None\]"),
    (np.zeros((1, 3, 5, 5)), np.zeros((4, 3, 3)), np.zeros(4), r"\(N, C, kh, kw\)"),
    (np.zeros((1, 3, 5, 5)), np.zeros((4, 3, 3, 3)), np.zeros(12), "one bias per filter"),
    (np.zeros((1, 3, 2, 2)), np.zeros((4, 3, 3, 3)), np.zeros(4), "does not fit"),
])
def test_shape_errors(X, W, b, match):
    for fn in (conv2d_forward, conv2d_naive):
        with pytest.raises(ValueError, match=match):
            fn(X, W, b)


def test_backward_rejects_wrong_dY_shape():
    _, cache = conv2d_forward(np.zeros((2, 1, 5, 5)), np.zeros((3, 1, 3, 3)), np.zeros(3))
    with pytest.raises(ValueError, match="dY must have the output's shape"):
        conv2d_backward(np.zeros((2, 3, 5, 5)), cache)
    _, pcache = maxpool_forward(np.zeros((1, 1, 4, 4)))
    with pytest.raises(ValueError, match="pooled output's shape"):
        maxpool_backward(np.zeros((1, 1, 4, 4)), pcache)


def test_maxpool_window_too_large():
    with pytest.raises(ValueError, match="does not fit"):
        maxpool_forward(np.zeros((1, 1, 3, 3)), size=4)
