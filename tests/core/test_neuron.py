"""nnlessons.neuron: weighted sums, bias, activation lookup, helpful errors."""
import numpy as np
import pytest

from nnlessons import activations as A
from nnlessons.neuron import neuron, weighted_sum


def test_weighted_sum_single_example_is_a_float():
    out = weighted_sum(np.array([1.0, 2.0, 3.0]), np.array([0.5, -1.0, 2.0]))
    assert isinstance(out, float)
    assert out == pytest.approx(1 * 0.5 - 2 * 1.0 + 3 * 2.0)


def test_weighted_sum_batch_is_per_row():
    rng = np.random.default_rng(0)
    X, w = rng.normal(size=(5, 3)), rng.normal(size=3)
    out = weighted_sum(X, w)
    assert out.shape == (5,)
    np.testing.assert_allclose(out, [sum(X[i, j] * w[j] for j in range(3)) for i in range(5)], rtol=1e-12)


def test_weighted_sum_accepts_lists():
    assert weighted_sum([1, 2], [3, 4]) == 11.0


def test_weight_scales_influence_of_its_input():
    x, w = np.array([1.0, 1.0]), np.array([1.0, 1.0])
    base = weighted_sum(x, w)
    assert weighted_sum(x, np.array([3.0, 1.0])) - base == pytest.approx(2.0)


def test_neuron_adds_bias_and_applies_activation():
    x, w = np.array([1.0, -2.0]), np.array([0.5, 0.25])
    z = 0.5 - 0.5 + 0.3
    assert neuron(x, w, 0.3) == pytest.approx(z)
    assert neuron(x, w, 0.3, activation="sigmoid") == pytest.approx(1 / (1 + np.exp(-z)))
    assert neuron(x, w, -1.0, activation="relu") == 0.0
    X = np.stack([x, -x])
    np.testing.assert_allclose(neuron(X, w, 0.3, activation="tanh"), np.tanh([z, -0.5 + 0.5 + 0.3]), rtol=1e-12)


@pytest.mark.parametrize("name", sorted(A.ACTIVATIONS))
def test_every_activation_name_works(name):
    fn, _ = A.ACTIVATIONS[name]
    X = np.array([[1.0, 2.0], [-3.0, 0.5]])
    w = np.array([0.3, -0.2])
    np.testing.assert_allclose(neuron(X, w, 0.1, activation=name), fn(X @ w + 0.1), rtol=1e-12)


def test_neuron_accepts_one_element_bias_array():
    assert neuron([1.0], [2.0], np.array([1.0])) == 3.0


def test_shape_errors_are_helpful():
    with pytest.raises(ValueError, match="x has 3 inputs.*w has 2 weights"):
        weighted_sum(np.ones(3), np.ones(2))
    with pytest.raises(ValueError, match="w must be a 1-D"):
        weighted_sum(np.ones(3), np.ones((3, 1)))
    with pytest.raises(ValueError, match="one bias per neuron"):
        neuron(np.ones(2), np.ones(2), np.ones(2))
    with pytest.raises(ValueError, match="unknown activation"):
        neuron(np.ones(2), np.ones(2), 0.0, activation="swish")
