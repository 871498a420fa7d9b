"""nnlessons.optim: PyTorch's update rules (stored fixtures), in-place updates, errors."""
from pathlib import Path

import numpy as np
import pytest

from nnlessons.optim import SGD, Adam, Momentum

FIX = np.load(Path(__file__).parent / "torch_fixtures" / "core.npz")

MAKERS = {
    "sgd": lambda: SGD(0.1),
    "momentum": lambda: Momentum(0.1, beta=0.9),
    "momentum_0.5": lambda: Momentum(0.05, beta=0.5),
    "adam": lambda: Adam(lr=1e-3),
    "adam_custom": lambda: Adam(lr=0.05, beta1=0.8, beta2=0.99, eps=1e-6),
}


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_steps_match_torch(name):
    opt = MAKERS[name]()
    params = {"w": FIX["opt/w0"].copy(), "b": FIX["opt/b0"].copy()}
    gw, gb = FIX["opt/gw"], FIX["opt/gb"]
    for s in range(len(gw)):
        opt.step(params, {"w": gw[s], "b": gb[s]})
        np.testing.assert_allclose(params["w"], FIX[f"opt_{name}/w"][s], rtol=1e-12, err_msg=f"step {s + 1}")
        np.testing.assert_allclose(params["b"], FIX[f"opt_{name}/b"][s], rtol=1e-12, err_msg=f"step {s + 1}")


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_step_updates_arrays_in_place(name):
    opt = MAKERS[name]()
    w = np.ones((2, 2))
    params = {"w": w}
    out = opt.step(params, {"w": np.full((2, 2), 0.5)})
    assert out is None
    assert params["w"] is w
    assert np.all(w < 1.0)  # moved against the gradient


def test_sgd_rule_and_sign():
    params = {"w": np.array([1.0, -1.0]), "b": np.array([0.5])}
    SGD(0.1).step(params, {"w": np.array([2.0, -4.0]), "b": np.array([1.0])})
    np.testing.assert_allclose(params["w"], [0.8, -0.6])
    np.testing.assert_allclose(params["b"], [0.4])


def test_momentum_accumulates():
    params = {"w": np.zeros(1)}
    opt = Momentum(1.0, beta=0.5)
    opt.step(params, {"w": np.ones(1)})  # buf = 1
    opt.step(params, {"w": np.ones(1)})  # buf = 1.5
    np.testing.assert_allclose(params["w"], [-2.5])


def test_adam_first_step_is_lr_sized():
    params = {"w": np.array([0.0, 0.0])}
    Adam(lr=0.01).step(params, {"w": np.array([123.0, -0.5])})
    np.testing.assert_allclose(params["w"], [-0.01, 0.01], rtol=1e-6)


def test_state_is_per_key_and_missing_grads_are_skipped():
    opt = Adam(lr=0.1)
    params = {"a": np.zeros(2), "b": np.zeros(2)}
    opt.step(params, {"a": np.ones(2)})
    np.testing.assert_array_equal(params["b"], 0.0)
    opt.step(params, {"a": np.ones(2), "b": np.ones(2)})
    assert opt.state["a"]["t"] == 2 and opt.state["b"]["t"] == 1
    np.testing.assert_allclose(params["b"], [-0.1, -0.1], rtol=1e-6)


def test_grad_not_modified():
    g = np.array([1.0, 2.0])
    for make in MAKERS.values():
        opt = make()
        params = {"w": np.zeros(2)}
        opt.step(params, {"w": g})
        opt.step(params, {"w": g})
        np.testing.assert_array_equal(g, [1.0, 2.0])


def test_helpful_errors():
    with pytest.raises(KeyError, match="grads has 'W3' but params does not"):
        SGD(0.1).step({"W1": np.zeros(2)}, {"W3": np.zeros(2)})
    with pytest.raises(ValueError, match=r"grads\['w'\] has shape \(3,\) but params\['w'\] has shape \(2,\)"):
        SGD(0.1).step({"w": np.zeros(2)}, {"w": np.zeros(3)})
    with pytest.raises(TypeError, match="float numpy array"):
        SGD(0.1).step({"w": 1.0}, {"w": 1.0})
    with pytest.raises(TypeError, match="dtype int64"):
        SGD(0.1).step({"w": np.zeros(2, dtype=np.int64)}, {"w": np.ones(2)})
    with pytest.raises(ValueError, match="lr must be a positive number"):
        SGD(-0.1)
    with pytest.raises(ValueError, match="beta must be in"):
        Momentum(0.1, beta=1.5)
    with pytest.raises(ValueError, match="beta2 must be in"):
        Adam(beta2=1.0)


def test_descends_a_quadratic():
    for make in MAKERS.values():
        opt = make()
        params = {"w": np.array([3.0, -2.0])}
        for _ in range(3000):
            opt.step(params, {"w": 2 * params["w"]})
        assert np.sum(params["w"] ** 2) < 0.1 * 13.0, opt  # loss fell at least tenfold
