"""nnlessons.losses: against PyTorch (stored fixtures), finite differences, extremes, errors."""
from pathlib import Path

import numpy as np
import pytest

from nnlessons import losses as L
from nnlessons.gradcheck import numerical_gradient

FIX = np.load(Path(__file__).parent / "torch_fixtures" / "core.npz")
RTOL = 1e-11


def test_mse_matches_torch():
    yp, yt = FIX["mse/y_pred"], FIX["mse/y_true"]
    assert L.mse(yp, yt) == pytest.approx(float(FIX["mse/loss"]), rel=RTOL)
    np.testing.assert_allclose(L.mse_grad(yp, yt), FIX["mse/grad"], rtol=RTOL)


def test_bce_matches_torch():
    p, y = FIX["bce/p"], FIX["bce/y"]
    assert L.binary_cross_entropy(p, y) == pytest.approx(float(FIX["bce/loss"]), rel=RTOL)
    np.testing.assert_allclose(L.binary_cross_entropy_grad(p, y), FIX["bce/grad"], rtol=RTOL)


@pytest.mark.parametrize("case", ["ce", "ce_big"])
def test_cross_entropy_matches_torch(case):
    logits, labels = FIX[f"{case}/logits"], FIX[f"{case}/labels"]
    assert L.cross_entropy(logits, labels) == pytest.approx(float(FIX[f"{case}/loss"]), rel=RTOL)
    np.testing.assert_allclose(L.cross_entropy_grad(logits, labels), FIX[f"{case}/grad"], rtol=RTOL, atol=1e-300)


def test_grads_match_finite_differences():
    rng = np.random.default_rng(3)
    yp, yt = rng.normal(size=(4, 3)), rng.normal(size=(4, 3))
    np.testing.assert_allclose(L.mse_grad(yp, yt), numerical_gradient(lambda v: L.mse(v, yt), yp), rtol=1e-6)
    p, y = rng.uniform(0.1, 0.9, 6), rng.integers(0, 2, 6).astype(float)
    np.testing.assert_allclose(L.binary_cross_entropy_grad(p, y),
                               numerical_gradient(lambda v: L.binary_cross_entropy(v, y), p), rtol=1e-6)
    logits, labels = rng.normal(size=(5, 4)), rng.integers(0, 4, 5)
    np.testing.assert_allclose(L.cross_entropy_grad(logits, labels),
                               numerical_gradient(lambda v: L.cross_entropy(v, labels), logits),
                               rtol=1e-6, atol=1e-10)


def test_losses_are_means_not_sums():
    yp, yt = np.ones(4), np.zeros(4)
    assert L.mse(yp, yt) == 1.0
    assert L.mse(np.ones((2, 5)), np.zeros((2, 5))) == 1.0
    p = np.full(3, 0.5)
    assert L.binary_cross_entropy(p, np.ones(3)) == pytest.approx(np.log(2))
    assert L.cross_entropy(np.zeros((6, 4)), np.zeros(6, dtype=int)) == pytest.approx(np.log(4))


def test_bce_uses_both_terms():
    assert L.binary_cross_entropy(np.array([0.2]), np.array([0.0])) == pytest.approx(-np.log(0.8))
    assert L.binary_cross_entropy(np.array([0.2]), np.array([1.0])) == pytest.approx(-np.log(0.2))


def test_perfect_predictions_give_near_zero_loss():
    assert L.binary_cross_entropy(np.array([0.0, 1.0]), np.array([0.0, 1.0])) < 1e-11
    assert L.cross_entropy(np.array([[1000.0, 0.0]]), np.array([0])) == 0.0


def test_extremes_are_finite_and_warning_free():
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        wrong = L.binary_cross_entropy(np.array([0.0, 1.0]), np.array([1.0, 0.0]))
        assert np.isfinite(wrong) and wrong == pytest.approx(-np.log(1e-12), rel=1e-6)
        assert np.isfinite(L.binary_cross_entropy_grad(np.array([0.0, 1.0]), np.array([1.0, 0.0]))).all()
        ce = L.cross_entropy(np.array([[1000.0, -1000.0]]), np.array([1]))
        assert ce == pytest.approx(2000.0)
        g = L.cross_entropy_grad(np.array([[1000.0, -1000.0]]), np.array([1]))
        np.testing.assert_allclose(g, [[1.0, -1.0]])


def test_cross_entropy_grad_rows_sum_to_zero():
    rng = np.random.default_rng(4)
    g = L.cross_entropy_grad(rng.normal(size=(7, 5)), rng.integers(0, 5, 7))
    np.testing.assert_allclose(g.sum(axis=1), 0.0, atol=1e-15)


def test_cross_entropy_accepts_integer_valued_float_labels():
    logits = np.array([[2.0, 1.0], [0.0, 3.0]])
    assert L.cross_entropy(logits, np.array([0.0, 1.0])) == L.cross_entropy(logits, np.array([0, 1]))


def test_helpful_errors():
    with pytest.raises(ValueError, match=r"y_pred has shape \(3,\) but y_true has shape \(3, 1\)"):
        L.mse(np.ones(3), np.ones((3, 1)))
    with pytest.raises(ValueError, match=r"logits must be a batch of shape \(m, k\)"):
        L.cross_entropy(np.ones(3), np.array([0]))
    with pytest.raises(ValueError, match=r"labels must have shape \(2,\)"):
        L.cross_entropy(np.ones((2, 3)), np.zeros((2, 3)))
    with pytest.raises(ValueError, match="class indices in 0..2"):
        L.cross_entropy(np.ones((2, 3)), np.array([0, 3]))
    with pytest.raises(ValueError, match="not probabilities or one-hot"):
        L.cross_entropy(np.ones((2, 3)), np.array([0.5, 1.0]))
    with pytest.raises(ValueError, match="empty"):
        L.mse(np.ones(0), np.ones(0))
