"""nnlessons.activations: against PyTorch (stored fixtures), finite differences, edge cases."""
from pathlib import Path

import numpy as np
import pytest

from nnlessons import activations as A
from nnlessons.gradcheck import numerical_gradient

FIX = np.load(Path(__file__).parent / "torch_fixtures" / "core.npz")
RTOL = 1e-12

ELEMENTWISE = {
    "sigmoid": (A.sigmoid, A.sigmoid_grad),
    "tanh": (A.tanh, A.tanh_grad),
    "relu": (A.relu, A.relu_grad),
    "leaky_relu": (A.leaky_relu, A.leaky_relu_grad),
    "leaky_relu_0.2": (lambda z: A.leaky_relu(z, alpha=0.2), lambda z: A.leaky_relu_grad(z, alpha=0.2)),
}


@pytest.mark.parametrize("name", sorted(ELEMENTWISE))
def test_matches_torch_value_and_grad(name):
    fn, grad = ELEMENTWISE[name]
    z = FIX["act/z"]
    np.testing.assert_allclose(fn(z), FIX[f"act/{name}"], rtol=RTOL, atol=0)
    np.testing.assert_allclose(grad(z), FIX[f"act/{name}_grad"], rtol=RTOL, atol=0)


def test_softmax_matches_torch_on_both_axes():
    z = FIX["softmax/z"]
    np.testing.assert_allclose(A.softmax(z), FIX["softmax/last"], rtol=RTOL, atol=1e-300)
    np.testing.assert_allclose(A.softmax(z, axis=0), FIX["softmax/axis0"], rtol=RTOL, atol=1e-300)


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "leaky_relu", "identity"])
def test_grad_matches_finite_differences(name):
    fn, grad = A.ACTIVATIONS[name]
    rng = np.random.default_rng(1)
    z = rng.normal(0, 2, size=(4, 5))
    z[np.abs(z) < 1e-3] = 0.5  # stay away from ReLU's kink
    num = numerical_gradient(lambda v: float(np.sum(fn(v) * np.arange(1, 21).reshape(4, 5))), z)
    np.testing.assert_allclose(grad(z) * np.arange(1, 21).reshape(4, 5), num, rtol=1e-6, atol=1e-8)


def test_softmax_jacobian_matches_finite_differences():
    rng = np.random.default_rng(2)
    z = rng.normal(size=5)
    s = A.softmax(z)
    jac = np.diag(s) - np.outer(s, s)
    for i in range(5):
        num = numerical_gradient(lambda v: float(A.softmax(v)[i]), z.copy())
        np.testing.assert_allclose(num, jac[i], rtol=1e-6, atol=1e-9)


def test_relu_and_step_at_zero():
    z = np.array([-1.0, 0.0, 1.0])
    assert A.relu_grad(z).tolist() == [0.0, 0.0, 1.0]
    assert A.relu_grad(0.0) == 0.0
    assert A.step(z).tolist() == [0.0, 0.0, 1.0]
    assert A.step_grad(z).tolist() == [0.0, 0.0, 0.0]
    assert A.leaky_relu_grad(z, alpha=0.1).tolist() == [0.1, 0.1, 1.0]
    assert A.leaky_relu(np.array([-2.0]), alpha=0.1)[0] == pytest.approx(-0.2)


def test_sigmoid_at_zero_and_extremes():
    assert A.sigmoid(0.0) == 0.5
    assert A.sigmoid_grad(0.0) == 0.25
    assert A.tanh_grad(0.0) == 1.0
    out = A.sigmoid(np.array([-1000.0, 1000.0]))
    assert out[0] == 0.0 and out[1] == 1.0


def test_softmax_shift_invariant_and_large():
    z = np.array([[1.0, 2.0, 3.0]])
    np.testing.assert_allclose(A.softmax(z), A.softmax(z + 1000.0), rtol=1e-12)
    s = A.softmax(np.array([1000.0, 0.0, -1000.0]))
    assert s[0] == 1.0 and np.isfinite(s).all()


def test_outputs_are_float64_arrays_of_input_shape():
    z = np.arange(6, dtype=np.int64).reshape(2, 3) - 3
    for name, (fn, grad) in A.ACTIVATIONS.items():
        for f in (fn, grad):
            out = f(z)
            assert out.shape == (2, 3) and out.dtype == np.float64, name
    assert A.softmax(z).dtype == np.float64


def test_identity_does_not_alias_input():
    z = np.array([1.0, 2.0])
    out = A.identity(z)
    out[0] = 99.0
    assert z[0] == 1.0


def test_activation_table_and_unknown_name():
    assert set(A.ACTIVATIONS) >= {"identity", "step", "sigmoid", "tanh", "relu", "leaky_relu"}
    assert A.ACTIVATIONS["sigmoid"] == (A.sigmoid, A.sigmoid_grad)
    with pytest.raises(ValueError, match="unknown activation 'softplus'.*relu"):
        A.get_activation("softplus")
