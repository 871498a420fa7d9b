"""nnlessons.layers: dense layer and MLP against PyTorch fixtures and finite differences."""
from pathlib import Path

import numpy as np
import pytest

from nnlessons import layers as La
from nnlessons.gradcheck import numerical_gradient
from nnlessons.losses import cross_entropy, cross_entropy_grad

FIX = np.load(Path(__file__).parent / "torch_fixtures" / "core.npz")
RTOL = 1e-11
MLP_ACTS = ["relu", "tanh", "sigmoid", "leaky_relu", "identity"]


def test_dense_matches_torch():
    X, W, b, dZ = (FIX[f"dense/{k}"] for k in ("X", "W", "b", "dZ"))
    Z, cache = La.dense_forward(X, W, b)
    assert isinstance(cache, La.DenseCache)
    np.testing.assert_allclose(Z, FIX["dense/Z"], rtol=RTOL)
    dX, dW, db = La.dense_backward(dZ, cache)
    for got, key in ((dX, "dX"), (dW, "dW"), (db, "db")):
        np.testing.assert_allclose(got, FIX[f"dense/{key}"], rtol=RTOL, err_msg=key)


def test_dense_backward_matches_finite_differences():
    rng = np.random.default_rng(5)
    X, W, b = rng.normal(size=(4, 3)), rng.normal(size=(3, 2)), rng.normal(size=2)
    G = rng.normal(size=(4, 2))  # loss = sum(G * Z), so dZ = G

    def loss():
        return float(np.sum(G * La.dense_forward(X, W, b)[0]))

    dX, dW, db = La.dense_backward(G, La.dense_forward(X, W, b)[1])
    for got, arr in ((dX, X), (dW, W), (db, b)):
        np.testing.assert_allclose(got, numerical_gradient(lambda _: loss(), arr), rtol=1e-6, atol=1e-9)


def test_dense_bias_is_added_to_every_row():
    X, W = np.zeros((3, 2)), np.ones((2, 4))
    b = np.arange(4.0)
    Z, _ = La.dense_forward(X, W, b)
    np.testing.assert_array_equal(Z, np.tile(b, (3, 1)))


def _fixture_params():
    return {k: FIX[f"mlp/{k}"].copy() for k in ("W1", "b1", "W2", "b2")}


@pytest.mark.parametrize("act", MLP_ACTS)
def test_mlp_matches_torch(act):
    params = _fixture_params()
    X, labels = FIX["mlp/X"], FIX["mlp/labels"]
    logits, caches = La.mlp_forward(X, params, activation=act)
    np.testing.assert_allclose(logits, FIX[f"mlp_{act}/logits"], rtol=RTOL)
    assert cross_entropy(logits, labels) == pytest.approx(float(FIX[f"mlp_{act}/loss"]), rel=RTOL)
    grads = La.mlp_backward(cross_entropy_grad(logits, labels), caches)
    assert list(grads) == ["W1", "b1", "W2", "b2"]
    for k in grads:
        np.testing.assert_allclose(grads[k], FIX[f"mlp_{act}/d{k}"], rtol=1e-10, atol=1e-15, err_msg=k)


@pytest.mark.parametrize("act", ["relu", "tanh", "sigmoid"])
def test_mlp_backward_matches_finite_differences_three_layers(act):
    rng = np.random.default_rng(6)
    params = La.init_params([3, 5, 4, 2], scheme="xavier", seed=1)
    for k in params:
        if k.startswith("b"):
            params[k] = rng.normal(size=params[k].shape) * 0.1
    X, labels = rng.normal(size=(6, 3)), rng.integers(0, 2, 6)

    def loss(_):
        return cross_entropy(La.mlp_forward(X, params, act)[0], labels)

    logits, caches = La.mlp_forward(X, params, act)
    grads = La.mlp_backward(cross_entropy_grad(logits, labels), caches)
    assert set(grads) == set(params)
    for k, p in params.items():
        assert grads[k].shape == p.shape
        np.testing.assert_allclose(grads[k], numerical_gradient(loss, p), rtol=1e-5, atol=1e-9, err_msg=k)


def test_mlp_does_not_modify_inputs():
    params = _fixture_params()
    before = {k: v.copy() for k, v in params.items()}
    X = FIX["mlp/X"].copy()
    logits, caches = La.mlp_forward(X, params)
    d = np.ones_like(logits)
    La.mlp_backward(d, caches)
    La.mlp_backward(d, caches)  # caches are reusable
    np.testing.assert_array_equal(d, 1.0)
    np.testing.assert_array_equal(X, FIX["mlp/X"])
    for k in params:
        np.testing.assert_array_equal(params[k], before[k])


def test_mlp_single_layer_is_linear():
    params = La.init_params([4, 3], seed=2)
    params["b1"] += 0.5
    X = np.random.default_rng(7).normal(size=(5, 4))
    logits, caches = La.mlp_forward(X, params)
    np.testing.assert_allclose(logits, X @ params["W1"] + params["b1"], rtol=1e-12)
    grads = La.mlp_backward(np.ones((5, 3)), caches)
    np.testing.assert_allclose(grads["W1"], X.T @ np.ones((5, 3)), rtol=1e-12)
    np.testing.assert_allclose(grads["b1"], np.full(3, 5.0))


def test_count_params():
    assert La.count_params([64, 32, 10]) == 2410
    assert La.count_params([2, 2, 1]) == 9
    assert La.count_params((784, 10)) == 7850
    sizes = [5, 7, 3, 2]
    assert La.count_params(sizes) == sum(v.size for v in La.init_params(sizes).values())


@pytest.mark.parametrize("scheme", ["he", "xavier", "zeros"])
def test_init_params_shapes_and_biases(scheme):
    p = La.init_params([4, 6, 3], scheme=scheme, seed=0)
    assert list(p) == ["W1", "b1", "W2", "b2"]
    assert p["W1"].shape == (4, 6) and p["b1"].shape == (6,)
    assert p["W2"].shape == (6, 3) and p["b2"].shape == (3,)
    assert all(v.dtype == np.float64 for v in p.values())
    assert not p["b1"].any() and not p["b2"].any()
    if scheme == "zeros":
        assert not p["W1"].any() and not p["W2"].any()
    else:
        assert np.all(p["W1"] != 0)


def test_init_params_seeded_and_scaled():
    a, b = La.init_params([3, 4], seed=3), La.init_params([3, 4], seed=3)
    np.testing.assert_array_equal(a["W1"], b["W1"])
    assert not np.array_equal(a["W1"], La.init_params([3, 4], seed=4)["W1"])
    big_he = La.init_params([400, 300], scheme="he", seed=0)["W1"]
    big_xa = La.init_params([400, 300], scheme="xavier", seed=0)["W1"]
    assert big_he.std() == pytest.approx(np.sqrt(2 / 400), rel=0.02)
    assert big_xa.std() == pytest.approx(np.sqrt(2 / 700), rel=0.02)


def test_zero_init_keeps_hidden_units_identical():
    params = La.init_params([2, 3, 2], scheme="zeros")
    params["W2"] += 0.1  # even with a non-zero output layer, hidden units get equal grads
    X = np.random.default_rng(8).normal(size=(5, 2))
    logits, caches = La.mlp_forward(X, params, "tanh")
    g = La.mlp_backward(cross_entropy_grad(logits, np.array([0, 1, 0, 1, 1])), caches)
    assert np.allclose(g["W1"], g["W1"][:, :1])


def test_dense_shape_errors_name_the_shapes():
    with pytest.raises(ValueError, match=r"X has 3 columns but W has 4 rows: W must be \(n_in, n_out\)"):
        La.dense_forward(np.ones((2, 3)), np.ones((4, 5)), np.zeros(5))
    with pytest.raises(ValueError, match=r"b has shape \(4,\).*must be \(5,\)"):
        La.dense_forward(np.ones((2, 3)), np.ones((3, 5)), np.zeros(4))
    with pytest.raises(ValueError, match=r"X\[None, :\]"):
        La.dense_forward(np.ones(3), np.ones((3, 5)), np.zeros(5))
    _, cache = La.dense_forward(np.ones((2, 3)), np.ones((3, 5)), np.zeros(5))
    with pytest.raises(ValueError, match=r"dZ has shape \(5, 2\).*\(2, 5\)"):
        La.dense_backward(np.ones((5, 2)), cache)


def test_mlp_and_sizes_errors():
    params = La.init_params([3, 4, 2])
    with pytest.raises(ValueError, match="layer 1: X has 5 columns but W has 3 rows"):
        La.mlp_forward(np.ones((2, 5)), params)
    with pytest.raises(ValueError, match="no 'W1'"):
        La.mlp_forward(np.ones((2, 3)), {"w1": params["W1"]})
    with pytest.raises(ValueError, match="no b2"):
        La.mlp_forward(np.ones((2, 3)), {k: v for k, v in params.items() if k != "b2"})
    with pytest.raises(ValueError, match="unknown activation"):
        La.mlp_forward(np.ones((2, 3)), params, activation="gelu")
    logits, caches = La.mlp_forward(np.ones((2, 3)), params)
    with pytest.raises(ValueError, match="dlogits must match the logits"):
        La.mlp_backward(np.ones((2, 3)), caches)
    with pytest.raises(ValueError, match="at least an input and an output"):
        La.count_params([5])
    with pytest.raises(ValueError, match="positive integers"):
        La.init_params([3, 0, 2])
    with pytest.raises(ValueError, match="unknown scheme 'normal'"):
        La.init_params([3, 2], scheme="normal")
