"""Data for the course: real handwritten digits, toy 2-D sets, a small sentiment set.

Everything ships inside the package (no network at run time):

- :func:`load_digits`: the UCI 8x8 handwritten digits (Alpaydin & Kaynak, 1998,
  CC BY 4.0; see ``nnlessons/data/README.md``), a fixed stratified 80/20 split. The
  80 % "train" split ships here; the 20 % "test" split is held out for grading.
- toy 2-D sets, seeded and deterministic: :func:`make_line` (regression),
  :func:`make_blobs`, :func:`make_offset_blobs`, :func:`make_xor`,
  :func:`make_moons`, :func:`make_circles`, :func:`make_spirals`.
- :func:`load_sentiment`, :func:`tokenize`, :func:`bag_of_words`: short review
  sentences written for this course, labelled 1 = positive, 0 = negative.

All arrays are numpy; features are float64 and labels int64.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

__all__ = [
    "load_digits",
    "make_line",
    "make_blobs",
    "make_offset_blobs",
    "make_xor",
    "make_moons",
    "make_circles",
    "make_spirals",
    "load_sentiment",
    "tokenize",
    "bag_of_words",
    "DATA_DIR",
    "HELDOUT_ENV",
]

DATA_DIR = Path(__file__).resolve().parent
"""Folder holding the shipped data files."""

HELDOUT_ENV = "NNLESSONS_HELDOUT"
"""Environment variable: path to the held-out ``digits_test.npz`` (instructors only)."""

_DIGITS_TRAIN = DATA_DIR / "digits_train.npz"
# The held-out digits live in the repository's solutions/ folder, never in the package.
_DIGITS_TEST_IN_REPO = DATA_DIR.parent.parent / "solutions" / "data" / "digits_test.npz"
_SENTIMENT = DATA_DIR / "sentiment.json"


# --------------------------------------------------------------------------- digits
def _heldout_digits_path() -> Path:
    """Where the held-out digits are: $NNLESSONS_HELDOUT, else solutions/data/ in the repo."""
    env = os.environ.get(HELDOUT_ENV)
    if env:
        path = Path(env).expanduser()
        if not path.is_file():
            raise FileNotFoundError(
                f"{HELDOUT_ENV} is set to {env!r}, but no file is there. Point it at the "
                "held-out digits file (digits_test.npz, made by solutions/data/make_digits.py), "
                "or unset it to use solutions/data/digits_test.npz in the course repository."
            )
        return path
    if _DIGITS_TEST_IN_REPO.is_file():
        return _DIGITS_TEST_IN_REPO
    raise FileNotFoundError(
        "The held-out test digits (split='test') are for instructors and grading only, and "
        "they are not part of the learner package. Learners: validate on a part of the "
        "training split instead, shuffled first (neighbouring images often come from the "
        "same writer), e.g.\n"
        "    X, y = load_digits('train')\n"
        "    order = np.random.default_rng(0).permutation(len(y))\n"
        "    fit, val = order[:1150], order[1150:]\n"
        "    X_fit, y_fit, X_val, y_val = X[fit], y[fit], X[val], y[val]\n"
        f"Instructors: set the environment variable {HELDOUT_ENV} to the path of "
        "digits_test.npz, or run from the course repository (solutions/data/digits_test.npz)."
    )


def _read_digits(path: Path) -> tuple[np.ndarray, np.ndarray]:
    with np.load(path, allow_pickle=False) as f:
        try:
            images, labels = f["images"], f["labels"]
        except KeyError as exc:
            raise ValueError(
                f"{path} is not a digits file: it needs arrays 'images' (m, 8, 8) and "
                "'labels' (m,), as written by solutions/data/make_digits.py."
            ) from exc
    if images.ndim != 3 or images.shape[1:] != (8, 8) or labels.shape != images.shape[:1]:
        raise ValueError(
            f"{path} has images {images.shape} and labels {labels.shape}; expected "
            "(m, 8, 8) and (m,). Re-make it with solutions/data/make_digits.py."
        )
    return images.astype(np.float64), labels.astype(np.int64)


def load_digits(split: str = "train") -> tuple[np.ndarray, np.ndarray]:
    """The UCI 8x8 handwritten digits, as images and labels.

    A fixed stratified split of the 1,797 images (seed 20240, 80 % of each class to
    train): ``"train"`` has 1,438 images and ships with the package; ``"test"`` has the
    other 359 and is held out for grading (instructors only: it is read from
    ``$NNLESSONS_HELDOUT`` or ``solutions/data/digits_test.npz`` in the course repository).

    Parameters
    ----------
    split : "train" or "test"

    Returns
    -------
    images : float64 array (m, 8, 8)
        Pixel intensities, whole numbers in [0, 16] (0 = background). Flatten with
        ``images.reshape(len(images), 64)`` and scale with ``/ 16`` for a network.
    labels : int64 array (m,)
        The digit shown, 0-9.

    Raises
    ------
    ValueError
        For a split other than "train" or "test".
    FileNotFoundError
        For "test" when the held-out file is not available (e.g. in a learner's copy).

    Source: E. Alpaydin and C. Kaynak, "Optical Recognition of Handwritten Digits",
    UCI Machine Learning Repository, 1998, doi:10.24432/C50P49 (CC BY 4.0).
    """
    if not isinstance(split, str) or split not in ("train", "test"):
        raise ValueError(
            f"load_digits: unknown split {split!r}; use split='train' (shipped with the "
            "course) or split='test' (held-out, instructors only)."
        )
    path = _DIGITS_TRAIN if split == "train" else _heldout_digits_path()
    return _read_digits(path)


# ------------------------------------------------------------------------ toy 2-D sets
def _check_n(n: int, name: str = "n", minimum: int = 1) -> int:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < minimum:
        raise ValueError(f"{name} must be a whole number >= {minimum}, got {n!r}.")
    return int(n)


def _check_nonneg(value: float, name: str) -> float:
    value = float(value)
    if not np.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a finite number >= 0, got {value!r}.")
    return value


def _split_counts(n: int, k: int) -> list[int]:
    """n items over k groups as evenly as possible (the first groups get the extras)."""
    return [n // k + (1 if i < n % k else 0) for i in range(k)]


def _shuffle(rng: np.random.Generator, X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    order = rng.permutation(len(y))
    return np.ascontiguousarray(X[order], dtype=np.float64), np.ascontiguousarray(y[order], dtype=np.int64)


def _two_classes(rng: np.random.Generator, points0: np.ndarray, points1: np.ndarray,
                 noise: float) -> tuple[np.ndarray, np.ndarray]:
    """Class 0 at `points0` (n0, 2), class 1 at `points1` (n1, 2), both with Gaussian
    `noise` on every coordinate, shuffled together: (X (n0+n1, 2), y (n0+n1,))."""
    X = np.concatenate([points0, points1])
    X = X + noise * rng.standard_normal(X.shape)
    y = np.repeat([0, 1], [len(points0), len(points1)])
    return _shuffle(rng, X, y)


def make_line(
    n: int = 50,
    slope: float = 2.0,
    intercept: float = 1.0,
    noise: float = 0.5,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Regression data for fitting ``y ~ w * x + b``.

    ``x`` is uniform in [-3, 3]; ``y = slope * x + intercept + noise * N(0, 1)``.
    With the defaults the best line has w close to 2 and b close to 1.

    Returns
    -------
    x : float64 array (n,)
    y : float64 array (n,)
    """
    n = _check_n(n)
    noise = _check_nonneg(noise, "noise")
    rng = np.random.default_rng(seed)
    x = rng.uniform(-3.0, 3.0, size=n)
    y = float(slope) * x + float(intercept) + noise * rng.standard_normal(n)
    return x.astype(np.float64), y.astype(np.float64)


def make_blobs(
    n: int = 200,
    centers: int | Sequence[Sequence[float]] = 2,
    spread: float = 0.6,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Gaussian blobs in 2-D, one class per blob.

    Parameters
    ----------
    n : total number of points, shared as evenly as possible among the blobs.
    centers : the number of blobs k (their centres evenly spaced on a circle of
        radius 2 around the origin), or an array (k, 2) of centres.
    spread : standard deviation of each blob.
    seed : for ``np.random.default_rng``.

    Returns
    -------
    X : float64 array (n, 2), shuffled
    y : int64 array (n,), class k for the k-th blob
    """
    n = _check_n(n)
    spread = _check_nonneg(spread, "spread")
    if isinstance(centers, (int, np.integer)) and not isinstance(centers, bool):
        k = _check_n(centers, "centers")
        angles = np.pi / 4 + 2 * np.pi * np.arange(k) / k
        C = 2.0 * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    else:
        C = np.asarray(centers, dtype=np.float64)
        if C.ndim != 2 or C.shape[1] != 2 or len(C) == 0:
            raise ValueError(
                f"centers must be a number of blobs or an array of shape (k, 2); got shape {C.shape}."
            )
    rng = np.random.default_rng(seed)
    counts = _split_counts(n, len(C))
    X = np.concatenate([c + spread * rng.standard_normal((m, 2)) for c, m in zip(C, counts)])
    y = np.repeat(np.arange(len(C)), counts)
    return _shuffle(rng, X, y)


def make_offset_blobs(n: int = 100, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two linearly separable classes whose separating line misses the origin.

    For the bias lesson: class 0 sits around (1, 1) and class 1 around (3, 3), both on
    the same side of the origin, so every line through the origin cuts across them
    (no weights without a bias separate them well), while the line x1 + x2 = 4 (i.e.
    w = (1, 1), b = -4) separates them perfectly. Points are kept at least 0.25 away
    from that line, so the classes are always separable.

    Returns
    -------
    X : float64 array (n, 2), shuffled
    y : int64 array (n,) in {0, 1}, n // 2 (+1) of each
    """
    n = _check_n(n, minimum=2)
    rng = np.random.default_rng(seed)
    centers = np.array([[1.0, 1.0], [3.0, 3.0]])
    normal = np.array([1.0, 1.0]) / np.sqrt(2.0)  # unit normal of x1 + x2 = 4
    margin = 0.25
    parts = []
    for label, (c, m) in enumerate(zip(centers, _split_counts(n, 2))):
        sign = 1.0 if label == 1 else -1.0
        pts = np.empty((0, 2))
        while len(pts) < m:
            cand = c + 0.55 * rng.standard_normal((2 * m, 2))
            dist = sign * ((cand @ normal) - 4.0 / np.sqrt(2.0))
            pts = np.concatenate([pts, cand[dist >= margin]])
        parts.append(pts[:m])
    X = np.concatenate(parts)
    y = np.repeat(np.arange(2), _split_counts(n, 2))
    return _shuffle(rng, X, y)


def make_xor(n: int = 200, noise: float = 0.3, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """The XOR problem: four clusters at (+-1, +-1); no single line separates the classes.

    A point's class is 1 when its cluster's coordinates have different signs
    ((-1, 1) and (1, -1)) and 0 when they have the same sign ((1, 1) and (-1, -1)).
    Each cluster is Gaussian with standard deviation ``noise``.

    Returns
    -------
    X : float64 array (n, 2), shuffled
    y : int64 array (n,) in {0, 1}
    """
    n = _check_n(n)
    noise = _check_nonneg(noise, "noise")
    rng = np.random.default_rng(seed)
    corners = np.array([[1.0, 1.0], [-1.0, -1.0], [-1.0, 1.0], [1.0, -1.0]])
    labels = np.array([0, 0, 1, 1])
    counts = _split_counts(n, 4)
    X = np.concatenate([c + noise * rng.standard_normal((m, 2)) for c, m in zip(corners, counts)])
    y = np.repeat(labels, counts)
    return _shuffle(rng, X, y)


def make_moons(n: int = 200, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles (as scikit-learn's ``make_moons``).

    Class 0 lies on the upper half circle of radius 1 around (0, 0), class 1 on the
    lower half circle around (1, 0.5); then Gaussian noise of standard deviation
    ``noise`` is added to every coordinate.

    Returns
    -------
    X : float64 array (n, 2), shuffled
    y : int64 array (n,) in {0, 1}
    """
    n = _check_n(n, minimum=2)
    noise = _check_nonneg(noise, "noise")
    rng = np.random.default_rng(seed)
    n0, n1 = _split_counts(n, 2)
    t0 = np.linspace(0.0, np.pi, n0)
    t1 = np.linspace(0.0, np.pi, n1)
    outer = np.stack([np.cos(t0), np.sin(t0)], axis=1)
    inner = np.stack([1.0 - np.cos(t1), 0.5 - np.sin(t1)], axis=1)
    return _two_classes(rng, outer, inner, noise)


def make_circles(
    n: int = 200, noise: float = 0.05, factor: float = 0.5, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Two concentric circles: class 0 on the outer one (radius 1), class 1 inside.

    Parameters
    ----------
    factor : radius of the inner circle, in (0, 1).
    noise : standard deviation of Gaussian noise added to every coordinate.

    Returns
    -------
    X : float64 array (n, 2), shuffled
    y : int64 array (n,) in {0, 1}
    """
    n = _check_n(n, minimum=2)
    noise = _check_nonneg(noise, "noise")
    factor = float(factor)
    if not 0.0 < factor < 1.0:
        raise ValueError(f"factor is the inner circle's radius and must be in (0, 1), got {factor!r}.")
    rng = np.random.default_rng(seed)
    n0, n1 = _split_counts(n, 2)
    t0 = np.linspace(0.0, 2 * np.pi, n0, endpoint=False)
    t1 = np.linspace(0.0, 2 * np.pi, n1, endpoint=False)
    outer = np.stack([np.cos(t0), np.sin(t0)], axis=1)
    inner = factor * np.stack([np.cos(t1), np.sin(t1)], axis=1)
    return _two_classes(rng, outer, inner, noise)


def make_spirals(
    n: int = 300, classes: int = 3, noise: float = 0.2, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Interleaved spiral arms, one class per arm (the CS231n spiral data).

    Arm j has radii evenly spaced in [0, 1] and angles evenly spaced in
    [4j, 4(j + 1)] radians plus Gaussian noise of standard deviation ``noise``;
    a point is ``r * (sin(t), cos(t))``. Not linearly separable.

    Returns
    -------
    X : float64 array (n, 2), shuffled, inside the unit disc
    y : int64 array (n,) in {0, ..., classes - 1}
    """
    n = _check_n(n)
    classes = _check_n(classes, "classes")
    noise = _check_nonneg(noise, "noise")
    rng = np.random.default_rng(seed)
    counts = _split_counts(n, classes)
    parts = []
    for j, m in enumerate(counts):
        r = np.linspace(0.0, 1.0, m)
        t = np.linspace(4.0 * j, 4.0 * (j + 1), m) + noise * rng.standard_normal(m)
        parts.append(np.stack([r * np.sin(t), r * np.cos(t)], axis=1))
    X = np.concatenate(parts)
    y = np.repeat(np.arange(classes), counts)
    return _shuffle(rng, X, y)


# ----------------------------------------------------------------------- sentiment
@lru_cache(maxsize=1)
def _sentiment_items() -> tuple[tuple[str, int, str], ...]:
    with open(_SENTIMENT, encoding="utf-8") as f:
        data = json.load(f)
    return tuple((d["text"], int(d["label"]), d["split"]) for d in data["sentences"])


def load_sentiment(split: str = "train") -> tuple[list[str], np.ndarray]:
    """Short review sentences (films, food, products) written for this course.

    240 sentences, half positive and half negative, with simple words and a few
    negations ("not good", "not bad"). A fixed stratified split: ``"train"`` has
    192 sentences (96 of each class), ``"test"`` 48 (24 of each), ``"all"`` all 240.

    Returns
    -------
    sentences : list[str] of length m
    labels : int64 array (m,), 1 = positive, 0 = negative
    """
    if not isinstance(split, str) or split not in ("train", "test", "all"):
        raise ValueError(f"load_sentiment: unknown split {split!r}; use 'train', 'test' or 'all'.")
    items = [it for it in _sentiment_items() if split == "all" or it[2] == split]
    return [t for t, _, _ in items], np.array([lab for _, lab, _ in items], dtype=np.int64)


_WORD = re.compile(r"[a-z0-9]+")


def tokenize(sentence: str) -> list[str]:
    """Split a sentence into lower-case words; punctuation is dropped.

    Apostrophes are removed inside words, so "Don't" becomes "dont".
    Example: ``tokenize("Not good, at ALL!") == ["not", "good", "at", "all"]``.
    """
    if not isinstance(sentence, str):
        raise TypeError(f"tokenize expects a string, got {type(sentence).__name__}.")
    return _WORD.findall(sentence.lower().replace("'", "").replace("\u2019", ""))


def bag_of_words(
    sentences: Iterable[str] | str, vocab: Sequence[str] | None = None
) -> tuple[np.ndarray, list[str]]:
    """Count how often each vocabulary word occurs in each sentence.

    Parameters
    ----------
    sentences : a list of m sentences (a single string counts as one sentence).
    vocab : the words to count, in column order. ``None`` builds it from
        ``sentences``: every word that occurs, sorted alphabetically. Words not in
        ``vocab`` are ignored (so a test set can reuse the training vocabulary).

    Returns
    -------
    X : float64 array (m, V), ``X[i, j]`` = how often ``vocab[j]`` occurs in sentence i
    vocab : list[str] of length V
    """
    if isinstance(sentences, str):
        sentences = [sentences]
    token_lists = [tokenize(s) for s in sentences]
    if vocab is None:
        vocab = sorted({w for toks in token_lists for w in toks})
    else:
        if isinstance(vocab, str):
            raise TypeError("vocab must be a list of words, not a single string.")
        vocab = list(vocab)
        if len(set(vocab)) != len(vocab):
            raise ValueError("vocab has repeated words; each word must appear once.")
    index = {w: j for j, w in enumerate(vocab)}
    X = np.zeros((len(token_lists), len(vocab)), dtype=np.float64)
    for i, toks in enumerate(token_lists):
        for w in toks:
            j = index.get(w)
            if j is not None:
                X[i, j] += 1.0
    return X, list(vocab)
