"""nnlessons.gradcheck: finite differences, relative error, and the checker."""
import numpy as np
import pytest

from nnlessons.gradcheck import gradcheck, numerical_gradient, rel_error


def test_numerical_gradient_of_known_functions():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    np.testing.assert_allclose(numerical_gradient(lambda v: float(np.sum(v ** 2)), x), 2 * x, rtol=1e-8)
    np.testing.assert_allclose(numerical_gradient(lambda v: float(np.sum(np.sin(v))), x), np.cos(x), rtol=1e-8)
    a = np.array([[2.0, -1.0], [0.0, 4.0]])
    np.testing.assert_allclose(numerical_gradient(lambda v: float(np.sum(a * v)), x), a, atol=1e-8)


def test_numerical_gradient_restores_x_exactly():
    rng = np.random.default_rng(9)
    x = rng.normal(size=(3, 4)) * 1e3
    before = x.copy()
    numerical_gradient(lambda v: float(np.sum(np.exp(v / 1e3))), x, eps=1e-3)
    np.testing.assert_array_equal(x, before)


def test_numerical_gradient_restores_x_when_f_raises():
    x = np.array([1.0, 2.0])

    def boom(v):
        raise RuntimeError("bad f")

    with pytest.raises(RuntimeError):
        numerical_gradient(boom, x)
    np.testing.assert_array_equal(x, [1.0, 2.0])


def test_numerical_gradient_sees_x_through_closure():
    W = np.array([[1.0, 2.0], [3.0, 4.0]])
    x = np.array([1.0, -1.0])
    g = numerical_gradient(lambda _: float(np.sum(x @ W)), W)
    np.testing.assert_allclose(g, np.outer(x, np.ones(2)), atol=1e-8)


def test_numerical_gradient_rejects_non_float_arrays():
    with pytest.raises(TypeError, match="float64 numpy array"):
        numerical_gradient(lambda v: 0.0, np.array([1, 2]))
    with pytest.raises(TypeError, match="float64 numpy array"):
        numerical_gradient(lambda v: 0.0, [1.0, 2.0])


def test_numerical_gradient_on_strided_views_and_scalars():
    base = np.arange(9.0).reshape(3, 3)
    view = base[:, :2]
    g = numerical_gradient(lambda v: float(np.sum(v ** 2)), view)
    np.testing.assert_allclose(g, 2 * view, rtol=1e-8)
    np.testing.assert_array_equal(base, np.arange(9.0).reshape(3, 3))
    x0 = np.array(2.0)
    g0 = numerical_gradient(lambda v: float(v ** 3), x0)
    assert g0.shape == () and float(g0) == pytest.approx(12.0)
    assert x0 == 2.0


def test_rel_error():
    assert rel_error(np.ones(3), np.ones(3)) == 0.0
    assert rel_error(np.zeros(3), np.zeros(3)) == 0.0
    assert rel_error(np.array([1.0]), np.array([-1.0])) == 1.0
    assert rel_error(np.array([1.0, 100.0]), np.array([1.0, 101.0])) == pytest.approx(1 / 201)
    assert isinstance(rel_error(1.0, 1.5), float)
    with pytest.raises(ValueError, match="same shape"):
        rel_error(np.ones(2), np.ones(3))


def test_gradcheck_accepts_right_and_rejects_wrong_gradients():
    x = np.array([0.3, -1.2, 2.0])
    f = lambda v: float(np.sum(np.tanh(v)))  # noqa: E731
    ok, err = gradcheck(f, x, 1 - np.tanh(x) ** 2)
    assert ok and err < 1e-7
    ok, err = gradcheck(f, x, np.tanh(x) * (1 - np.tanh(x)))  # a typical wrong derivative
    assert not ok and err > 1e-2
    with pytest.raises(ValueError, match="analytic_grad has shape"):
        gradcheck(f, x, np.ones(2))
