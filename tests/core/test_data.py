"""Tests for nnlessons.data: digits, toy 2-D sets, the sentiment set."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest

from nnlessons import data
from nnlessons.data import (
    bag_of_words,
    load_digits,
    load_sentiment,
    make_blobs,
    make_circles,
    make_line,
    make_moons,
    make_offset_blobs,
    make_spirals,
    make_xor,
    tokenize,
)

REPO = Path(__file__).resolve().parents[2]
HELDOUT = REPO / "solutions" / "data" / "digits_test.npz"
needs_heldout = pytest.mark.skipif(not HELDOUT.is_file(), reason="held-out digits not in this checkout")


# ----------------------------------------------------------------------------- digits
def test_digits_train_shapes_dtypes_ranges():
    X, y = load_digits("train")
    assert X.dtype == np.float64 and y.dtype == np.int64
    assert X.ndim == 3 and X.shape[1:] == (8, 8)
    assert y.shape == (X.shape[0],)
    assert X.min() == 0.0 and X.max() == 16.0
    assert np.array_equal(X, np.round(X))  # whole-number intensities
    assert set(np.unique(y)) == set(range(10))
    assert load_digits()[0].shape == X.shape  # default split is train


def test_digits_images_look_like_digits():
    # Each class's mean image differs from the others (the labels go with the pixels):
    # a nearest-class-mean classifier on the train split does far better than chance.
    X, y = load_digits("train")
    flat = X.reshape(len(X), 64)
    means = np.stack([flat[y == c].mean(0) for c in range(10)])
    pred = np.argmin(((flat[:, None, :] - means[None]) ** 2).sum(-1), axis=1)
    assert (pred == y).mean() > 0.85
    # and the border columns are mostly background
    assert X[:, :, 0].mean() < X[:, :, 3:5].mean()


@needs_heldout
def test_digits_split_sizes_and_stratification():
    Xtr, ytr = load_digits("train")
    Xte, yte = load_digits("test")
    assert Xte.dtype == np.float64 and yte.dtype == np.int64 and Xte.shape[1:] == (8, 8)
    assert len(ytr) + len(yte) == 1797  # the whole UCI set (scikit-learn's copy)
    assert abs(len(ytr) / 1797 - 0.8) < 0.005
    counts_tr = np.bincount(ytr, minlength=10)
    counts_te = np.bincount(yte, minlength=10)
    total = counts_tr + counts_te
    # per class 80 % (rounded) in train
    assert np.all(np.abs(counts_tr - 0.8 * total) <= 0.5 + 1e-9)
    # class proportions agree between the splits
    assert np.allclose(counts_tr / counts_tr.sum(), counts_te / counts_te.sum(), atol=0.01)


@needs_heldout
def test_digits_train_and_heldout_share_no_image():
    Xtr, _ = load_digits("train")
    Xte, _ = load_digits("test")
    tr = {x.astype(np.uint8).tobytes() for x in Xtr}
    te = {x.astype(np.uint8).tobytes() for x in Xte}
    assert len(tr) == len(Xtr) and len(te) == len(Xte)
    assert tr.isdisjoint(te)


@needs_heldout
def test_heldout_via_env_var(monkeypatch, tmp_path):
    Xte, yte = load_digits("test")
    copy = tmp_path / "elsewhere.npz"
    np.savez_compressed(copy, images=Xte[:5].astype(np.uint8), labels=yte[:5].astype(np.uint8))
    monkeypatch.setenv(data.HELDOUT_ENV, str(copy))
    X5, y5 = load_digits("test")
    assert np.array_equal(X5, Xte[:5]) and np.array_equal(y5, yte[:5])


def test_heldout_missing_message(monkeypatch, tmp_path):
    monkeypatch.delenv(data.HELDOUT_ENV, raising=False)
    monkeypatch.setattr(data, "_DIGITS_TEST_IN_REPO", tmp_path / "nope.npz")
    with pytest.raises(FileNotFoundError) as info:
        load_digits("test")
    msg = str(info.value)
    assert "instructors" in msg and "grading" in msg
    assert "train" in msg and "validat" in msg
    assert data.HELDOUT_ENV in msg
    # the train split still works without the held-out file
    assert load_digits("train")[0].shape[1:] == (8, 8)


def test_heldout_env_pointing_nowhere(monkeypatch, tmp_path):
    monkeypatch.setenv(data.HELDOUT_ENV, str(tmp_path / "missing.npz"))
    with pytest.raises(FileNotFoundError, match=data.HELDOUT_ENV):
        load_digits("test")


@pytest.mark.parametrize("bad", ["val", "Train", "", None, 0])
def test_digits_bad_split(bad):
    with pytest.raises(ValueError) as info:
        load_digits(bad)
    assert "'train'" in str(info.value) and "'test'" in str(info.value)


def test_make_digits_script_matches_shipped_file(tmp_path):
    """The conversion script, fed the shipped pixels as a csv.gz, reproduces both files."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_digits", REPO / "solutions" / "data" / "make_digits.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    if not HELDOUT.is_file():
        pytest.skip("held-out digits not in this checkout")
    Xtr, ytr = load_digits("train")
    Xte, yte = load_digits("test")
    # A csv of the same 1,797 rows (in another order): the script must split it into
    # files of the shipped sizes and per-class counts, disjoint and together complete.
    rows = np.concatenate([np.c_[Xtr.reshape(-1, 64), ytr], np.c_[Xte.reshape(-1, 64), yte]]).astype(int)
    csv = tmp_path / "digits.csv.gz"
    with gzip.open(csv, "wt") as f:
        np.savetxt(f, rows, fmt="%d", delimiter=",")
    a, b = tmp_path / "a.npz", tmp_path / "b.npz"
    mod.main([str(csv), "--train-out", str(a), "--test-out", str(b)])
    with np.load(a) as fa, np.load(b) as fb:
        assert fa["images"].dtype == np.uint8 and fa["images"].shape == Xtr.shape
        assert fb["images"].shape == Xte.shape
        assert np.array_equal(np.bincount(fa["labels"]), np.bincount(ytr))
        both = np.concatenate([fa["images"], fb["images"]]).reshape(len(rows), 64)
        assert {r.tobytes() for r in both} == {r.astype(np.uint8).tobytes() for r in rows[:, :64]}


# ----------------------------------------------------------------------------- toy sets
CLASSIFIERS = {
    "blobs": (make_blobs, 200, 2),
    "offset_blobs": (make_offset_blobs, 100, 2),
    "xor": (make_xor, 200, 2),
    "moons": (make_moons, 200, 2),
    "circles": (make_circles, 200, 2),
    "spirals": (make_spirals, 300, 3),
}


@pytest.mark.parametrize("name", CLASSIFIERS)
def test_toy_shapes_dtypes_balance(name):
    fn, n, k = CLASSIFIERS[name]
    X, y = fn()
    assert X.shape == (n, 2) and X.dtype == np.float64
    assert y.shape == (n,) and y.dtype == np.int64
    assert np.all(np.isfinite(X))
    counts = np.bincount(y)
    assert len(counts) == k and counts.max() - counts.min() <= 1
    # shuffled: the labels are not in blocks
    assert np.count_nonzero(np.diff(y)) > n // 4


@pytest.mark.parametrize("name", CLASSIFIERS)
def test_toy_seeded(name):
    fn = CLASSIFIERS[name][0]
    X1, y1 = fn(seed=3)
    X2, y2 = fn(seed=3)
    X3, _ = fn(seed=4)
    assert np.array_equal(X1, X2) and np.array_equal(y1, y2)
    assert not np.allclose(X1, X3)


@pytest.mark.parametrize("name", CLASSIFIERS)
@pytest.mark.parametrize("n", [7, 31])
def test_toy_other_sizes(name, n):
    fn, _, k = CLASSIFIERS[name]
    X, y = fn(n=n)
    assert X.shape == (n, 2) and y.shape == (n,)
    assert np.bincount(y, minlength=k).max() - np.bincount(y, minlength=k).min() <= 1


@pytest.mark.parametrize("fn", [make_blobs, make_xor, make_moons, make_circles, make_spirals, make_line])
@pytest.mark.parametrize("n", [0, -5, 2.5])
def test_toy_bad_n(fn, n):
    with pytest.raises(ValueError, match="n must be"):
        fn(n=n)


def test_make_line():
    x, y = make_line()
    assert x.shape == y.shape == (50,) and x.dtype == y.dtype == np.float64
    w, b = np.polyfit(x, y, 1)
    assert abs(w - 2.0) < 0.3 and abs(b - 1.0) < 0.3
    assert abs(b) > 0.5  # the intercept is clearly non-zero
    x2, y2 = make_line(n=200, slope=-1.0, intercept=3.0, noise=0.0, seed=5)
    assert np.allclose(y2, -x2 + 3.0)
    assert np.array_equal(make_line(seed=1)[1], make_line(seed=1)[1])
    assert not np.allclose(make_line(seed=1)[1], make_line(seed=2)[1])


def test_blobs_centres_and_spread():
    C = np.array([[5.0, 0.0], [0.0, 5.0], [-5.0, -5.0]])
    X, y = make_blobs(n=3000, centers=C, spread=0.5, seed=1)
    for c in range(3):
        assert np.allclose(X[y == c].mean(0), C[c], atol=0.1)
        assert np.allclose(X[y == c].std(0), 0.5, atol=0.05)
    X4, y4 = make_blobs(n=40, centers=4)
    assert set(np.unique(y4)) == {0, 1, 2, 3}
    with pytest.raises(ValueError, match=r"\(k, 2\)"):
        make_blobs(centers=[[1.0, 2.0, 3.0]])


def _best_accuracy_through_origin(X, y):
    best = 0.0
    for a in np.linspace(0, np.pi, 1441):
        p = (X @ np.array([np.cos(a), np.sin(a)]) > 0).astype(int)
        best = max(best, (p == y).mean(), (p != y).mean())
    return best


@pytest.mark.parametrize("seed", range(5))
def test_offset_blobs_need_a_bias(seed):
    X, y = make_offset_blobs(seed=seed)
    # linearly separable by a line that misses the origin: a perceptron with a bias converges
    w, b = np.zeros(2), 0.0
    for _ in range(1000):
        mistakes = 0
        for xi, yi in zip(X, 2 * y - 1):
            if yi * (xi @ w + b) <= 0:
                w, b, mistakes = w + yi * xi, b + yi, mistakes + 1
        if mistakes == 0:
            break
    assert np.all((X @ w + b > 0) == (y == 1))
    assert abs(b) > 0.1
    # no line through the origin separates them well
    assert _best_accuracy_through_origin(X, y) < 0.8


def test_centred_blobs_separable_through_origin():
    # contrast for the bias lesson: the default two blobs straddle the origin
    X, y = make_blobs(spread=0.4)
    assert _best_accuracy_through_origin(X, y) > 0.97


def test_xor_not_linearly_separable_but_quadrant_rule_works():
    X, y = make_xor(n=400, noise=0.2)
    assert ((X[:, 0] * X[:, 1] < 0).astype(int) == y).mean() > 0.95
    # the best linear classifier (least squares with bias) is near chance
    A = np.c_[X, np.ones(len(X))]
    coef, *_ = np.linalg.lstsq(A, 2.0 * y - 1, rcond=None)
    assert ((A @ coef > 0).astype(int) == y).mean() < 0.7


def test_moons_and_circles_geometry():
    X, y = make_moons(n=400, noise=0.0)
    assert np.allclose(np.linalg.norm(X[y == 0], axis=1), 1.0)
    assert np.allclose(np.linalg.norm(X[y == 1] - [1.0, 0.5], axis=1), 1.0)
    X, y = make_circles(n=400, noise=0.0, factor=0.3)
    assert np.allclose(np.linalg.norm(X[y == 0], axis=1), 1.0)
    assert np.allclose(np.linalg.norm(X[y == 1], axis=1), 0.3)
    with pytest.raises(ValueError, match="factor"):
        make_circles(factor=1.5)


def test_spirals():
    X, y = make_spirals(n=90, classes=5, noise=0.0)
    assert set(np.unique(y)) == set(range(5))
    assert np.linalg.norm(X, axis=1).max() <= 1.0 + 1e-12
    X, y = make_spirals()
    A = np.c_[X, np.ones(len(X))]
    onehot = np.eye(3)[y]
    coef, *_ = np.linalg.lstsq(A, onehot, rcond=None)
    assert (np.argmax(A @ coef, axis=1) == y).mean() < 0.7  # not linearly separable


# ----------------------------------------------------------------------------- sentiment
def test_sentiment_splits_balanced():
    S, y = load_sentiment("all")
    assert isinstance(S, list) and all(isinstance(s, str) and s.strip() for s in S)
    assert y.dtype == np.int64 and y.shape == (len(S),)
    assert 200 <= len(S) <= 300
    assert set(np.unique(y)) == {0, 1} and np.bincount(y)[0] == np.bincount(y)[1]
    assert len(set(S)) == len(S)  # no duplicate sentence
    Str, ytr = load_sentiment("train")
    Ste, yte = load_sentiment("test")
    assert load_sentiment()[0] == Str
    assert len(Str) + len(Ste) == len(S)
    assert abs(len(Ste) / len(S) - 0.2) < 0.01
    assert set(Str).isdisjoint(Ste) and set(Str) | set(Ste) == set(S)
    assert np.bincount(ytr)[0] == np.bincount(ytr)[1] and np.bincount(yte)[0] == np.bincount(yte)[1]
    # fixed: the same every call
    assert load_sentiment("test")[0] == Ste
    with pytest.raises(ValueError, match="'all'"):
        load_sentiment("validation")


def test_sentiment_vocabulary():
    S, y = load_sentiment("all")
    X, vocab = bag_of_words(S)
    col = {w: j for j, w in enumerate(vocab)}
    pos_rate = lambda w: y[X[:, col[w]] > 0].mean()  # noqa: E731
    for w in ["good", "great", "bad", "awful", "not"]:
        assert w in col
    assert pos_rate("great") > 0.8 and pos_rate("awful") < 0.2
    # negations are present on both sides
    texts = [s.lower() for s in S]
    assert any("not good" in t for t, lab in zip(texts, y) if lab == 0)
    assert any("not bad" in t for t, lab in zip(texts, y) if lab == 1)
    assert len(vocab) < 600  # simple vocabulary
    # sentences are short
    assert max(len(tokenize(s)) for s in S) <= 20


def test_sentiment_learnable_by_bag_of_words_logistic_regression():
    Str, ytr = load_sentiment("train")
    Ste, yte = load_sentiment("test")
    Xtr, vocab = bag_of_words(Str)
    Xte, _ = bag_of_words(Ste, vocab)
    w, b = np.zeros(len(vocab)), 0.0
    for _ in range(2000):
        p = 1.0 / (1.0 + np.exp(-(Xtr @ w + b)))
        g = p - ytr
        w -= 0.5 * (Xtr.T @ g / len(ytr) + 0.01 * w)
        b -= 0.5 * g.mean()
    assert ((Xtr @ w + b > 0) == ytr).mean() > 0.95
    assert ((Xte @ w + b > 0) == yte).mean() > 0.8
    assert w[vocab.index("great")] > 0 > w[vocab.index("bad")]


def test_sentiment_json_records_licence():
    raw = json.loads((Path(data.__file__).parent / "sentiment.json").read_text(encoding="utf-8"))
    assert "license" in raw and raw["sentences"][0].keys() >= {"text", "label", "split"}


@pytest.mark.parametrize(
    "sentence, words",
    [
        ("Not good, at ALL!", ["not", "good", "at", "all"]),
        ("I don't like it.", ["i", "dont", "like", "it"]),
        ("  great!!!   fun... ", ["great", "fun"]),
        ("", []),
        ("5 stars", ["5", "stars"]),
    ],
)
def test_tokenize(sentence, words):
    assert tokenize(sentence) == words


def test_tokenize_rejects_non_string():
    with pytest.raises(TypeError, match="string"):
        tokenize(["a", "list"])


def test_bag_of_words_counts():
    X, vocab = bag_of_words(["good good movie", "Bad movie!", "not good"])
    assert vocab == ["bad", "good", "movie", "not"]
    assert X.dtype == np.float64 and X.shape == (3, 4)
    assert np.array_equal(X, [[0, 2, 1, 0], [1, 0, 1, 0], [0, 1, 0, 1]])


def test_bag_of_words_fixed_vocab_ignores_unknown():
    X, vocab = bag_of_words(["a great new phone", "great great"], vocab=["great", "awful"])
    assert vocab == ["great", "awful"]
    assert np.array_equal(X, [[1, 0], [2, 0]])
    X1, _ = bag_of_words("great phone", vocab=["great"])  # one string is one sentence
    assert X1.shape == (1, 1) and X1[0, 0] == 1
    X0, v0 = bag_of_words([])
    assert X0.shape == (0, 0) and v0 == []
    with pytest.raises(ValueError, match="repeated"):
        bag_of_words(["x"], vocab=["a", "a"])


def test_bag_of_words_row_sums_are_token_counts():
    S, _ = load_sentiment("all")
    X, vocab = bag_of_words(S)
    assert np.array_equal(X.sum(1), [len(tokenize(s)) for s in S])
    assert vocab == sorted(vocab)
