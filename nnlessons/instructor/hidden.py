"""Hidden cases: drawn at grading time, never shown to learners.

THE ONLY place hidden cases live, in the instructor's folder that the learner release
leaves out: the grader imports it when it grades.

``hidden_cases(name, seed) -> list[Case]``: 3 to 5 cases of random shapes and values
(a different draw for every seed and every exercise); ``train_digits`` trains on the
whole training split (a seeded subsample) and is measured on the held-out test split.

Fair to the public cases: every kind of edge the public cases test is in every draw too
(extreme values such as z = +-1000 wherever the public cases have them, p exactly 0 and
1, padding and stride, a non-square W, a batch of more than one), so a known mistake
that fails the public cases fails the hidden ones as well (a test checks it).
"""
from __future__ import annotations

import zlib

import numpy as np

from ..exercises.course import (deep_params, digits_case, digits_params, random_grads, random_params,
                                sentiment_model, sentiment_vocab, toy_case, validation_curve)
from ..exercises.spec import Case, Fn

__all__ = ["hidden_cases"]


def _n(g, lo=2, hi=6) -> int:
    return int(g.integers(lo, hi + 1))


def _weighted_sum(g):
    n, m = _n(g), _n(g)
    return [Case((g.normal(size=n), g.normal(size=n))), Case((g.normal(size=(m, n)), g.normal(size=n))),
            Case((g.normal(size=(m + 1, n)) * 1e3, g.normal(size=n) * 1e-3))]


def _neuron(g):
    n, m = _n(g), _n(g)
    return [Case((g.normal(size=n), g.normal(size=n), float(g.normal()))),
            Case((g.normal(size=(m, n)), g.normal(size=n), float(g.normal() * 3))),
            Case((np.zeros((m, n)), g.normal(size=n), float(g.normal())))]


def _boundary_line(g):
    out = []
    for _ in range(3):
        w = g.normal(size=2)
        w[1] = np.sign(w[1]) * max(abs(w[1]), 0.3)
        out.append(Case((w, float(g.normal() * 2))))
    return out


def _z(g):
    extreme = np.concatenate([[-1000.0, 1000.0], g.uniform(750, 1500, size=2) * [-1, 1],
                              np.array([-50.0, 0.0, 50.0]) * g.uniform(0.5, 1.25)])
    return [Case((g.normal(size=(_n(g), _n(g))) * 4,)), Case((g.normal(size=_n(g, 3, 8)),)),
            Case((g.permutation(extreme),))]


def _softmax(g):
    huge = g.normal(size=(3, 4)) * 900
    huge[0, g.integers(4)], huge[1, g.integers(4)] = 1000.0, -1000.0
    huge[2] /= 900  # ordinary scores beside huge ones: rows with very different maxima
    return [Case((g.normal(size=_n(g)),)), Case((g.normal(size=(_n(g), _n(g, 3, 7))) * 3,)),
            Case((huge,))]


def _dense_forward(g):
    out = []
    for i in range(3):
        m, a, b = _n(g, 1, 5), _n(g), _n(g)
        b = b if i or b != a else a + 1  # never all square
        out.append(Case((g.normal(size=(m, a)), g.normal(size=(a, b)), g.normal(size=b))))
    return out


def _count_params(g):
    return [Case(([_n(g, 1, 100) for _ in range(_n(g, 2, 5))],)) for _ in range(3)]


def _mse(g):
    s = (_n(g), _n(g, 1, 3))
    return [Case((g.normal(size=s), g.normal(size=s))), Case((g.normal(size=5) * 1e3, g.normal(size=5))),
            Case((np.ones(3), np.ones(3)))]


def _bce(g):
    n = _n(g, 3, 8)
    edge = g.permutation(6)  # p exactly 0 and 1, right and wrong
    return [Case((g.uniform(0.01, 0.99, size=n), g.integers(0, 2, size=n).astype(float))),
            Case((np.array([1.0, 0.0, 0.0, 1.0, 0.5, 0.5])[edge], np.array([1.0, 0.0, 1.0, 0.0, 1.0, 0.0])[edge])),
            Case((g.uniform(0, 1, size=(2, 3)), g.integers(0, 2, size=(2, 3)).astype(float)))]


def _ce(g):
    m, k = _n(g), _n(g, 2, 6)
    huge = g.normal(size=(m, k)) * 800
    top = g.integers(m)
    huge[top, g.integers(k)] = 1000.0
    huge[(top + 1) % m] /= 800  # ordinary logits beside huge ones: rows with very different maxima
    return [Case((g.normal(size=(m, k)), g.integers(0, k, size=m))),
            Case((huge, g.integers(0, k, size=m))),
            Case((g.normal(size=(1, k)), np.array([k - 1])))]


def _neuron_grads(g):
    out = []
    for y in (0.0, 1.0, 1.0):
        n = _n(g)
        out.append(Case((g.normal(size=n), g.normal(size=n), float(g.normal()), y)))
    n = _n(g)
    x, w, b = g.normal(size=n), g.normal(size=n) * 5, float(g.normal() * 2)
    out.append(Case((x, w, b, 0.0 if x @ w + b > 0 else 1.0)))  # confident and wrong
    x = g.normal(size=n)
    w = -x / (x @ x) * g.uniform(6, 10)                          # z between -10 and -6, label 1
    out.append(Case((x, w, 0.0, 1.0)))
    return out


def _numgrad(g):
    return [Case((Fn("lambda x: np.sum(x ** 3) + np.sum(x)"), g.uniform(-1, 1, size=_n(g)))),
            Case((Fn("lambda x: np.sum(np.tanh(x) * np.arange(x.size).reshape(x.shape))"),
                  g.normal(size=(_n(g), _n(g))))),
            Case((Fn("lambda x: np.prod(x)"), g.uniform(0.5, 2, size=3)))]


def _gd_step(g):
    s = (_n(g), _n(g))
    return [Case((g.normal(size=s), g.normal(size=s[1]), g.normal(size=s), g.normal(size=s[1]), float(g.uniform(0.001, 1)))),
            Case((g.normal(size=3), float(g.normal()), g.normal(size=3), float(g.normal()), 0.1)),
            Case((g.normal(size=2), 0.0, np.zeros(2), 1.0, 0.5))]


def _fit_line(g):
    out = []
    for _ in range(3):
        m = _n(g, 5, 25)
        x = g.uniform(-2, 2, size=m)
        out.append(Case((x, float(g.normal()) * x + float(g.normal()), float(g.uniform(0.01, 0.2)), _n(g, 1, 100))))
    return out


def _adam(g):
    out = []
    for t in (1, _n(g, 2, 20), _n(g, 100, 1000)):
        s = (_n(g), _n(g))
        out.append(Case((g.normal(size=s), g.normal(size=s), g.normal(size=s) * 0.1, g.uniform(0, 0.1, size=s),
                         t, float(g.uniform(1e-3, 0.1)))))
    return out


def _dense_backward(g):
    out = []
    for i in range(3):
        m, a, b = _n(g, 1, 5), _n(g), _n(g)
        if i == 0:  # a batch, a non-square W
            m, b = max(m, 2), b if b != a else a + 1
        out.append(Case((g.normal(size=(m, b)), g.normal(size=(m, a)), g.normal(size=(a, b)))))
    return out


def _two_layer_grads(g):
    """One example; a batch with every class and a dead hidden unit; exact numbers with some
    hidden pre-activations exactly 0; logits above 1000 (exp overflows without the max shift)."""
    def net(n, h, k):
        return {"W1": g.normal(size=(n, h)), "b1": g.normal(size=h) * 0.5,
                "W2": g.normal(size=(h, k)), "b2": g.normal(size=k) * 0.1}

    n, h, k = _n(g, 2, 5), _n(g, 2, 6), _n(g, 2, 4)
    one = Case((g.normal(size=(1, n)), g.integers(0, k, size=1), net(n, h, k)))
    m = _n(g, k + 1, 9)
    y = g.permutation(np.arange(m) % k)                   # every class at least once
    p = net(n, h + 1, k)
    p["b1"][g.integers(0, h + 1)] = -50.0                 # a unit that is off for every example
    batch = Case((g.normal(size=(m, n)), y, p))
    # integers and halves: sums are exact, so Z1 is exactly 0 where b1 cancels example 0
    n, h, k, m = _n(g, 2, 4), _n(g, 3, 5), _n(g, 2, 4), _n(g, 3, 5)
    X = g.integers(-2, 3, size=(m, n)).astype(float)
    W1 = g.integers(-3, 4, size=(n, h)) / 2.0
    b1 = g.integers(-3, 4, size=h) / 2.0
    b1[:2] = -(X[0] @ W1[:, :2])                           # Z1[0, 0] = Z1[0, 1] = 0
    exact = Case((X, g.permutation(np.arange(m) % k), {"W1": W1, "b1": b1, "W2": g.normal(size=(h, k)),
                                                       "b2": g.normal(size=k) * 0.1}))
    n, h, k, m = _n(g, 2, 4), _n(g, 2, 5), _n(g, 2, 4), _n(g, 2, 6)
    X, p = g.normal(size=(m, n)), net(n, h, k)
    p["b1"] = np.abs(p["b1"]) + 0.5
    X[-1] = 0.0                                            # so A1[-1] = b1 > 0: some logit is not 0
    logits = np.maximum(X @ p["W1"] + p["b1"], 0) @ p["W2"]
    if logits.max() <= 0:
        p["W2"] = -p["W2"]
        logits = -logits
    p["W2"] *= g.uniform(1100, 1500) / logits.max()        # the largest logit: 1100 to 1500
    huge = Case((X, g.integers(0, k, size=m), p))
    return [one, batch, exact, huge]


def _train_mlp(g):
    s = int(g.integers(1000, 10**6))
    return [toy_case("moons", 200, 200, s, 32, 0.5, 500),
            toy_case("blobs", 150, 150, s + 1, 16, 0.5, 300),
            toy_case("circles", 200, 200, s + 2, 32, 0.5, 500)]


def _fans(g) -> tuple[int, int]:
    """Two different fan sizes, neither 1 nor 2 (where sqrt(2 / n) and its slips coincide)."""
    a, b = (int(v) for v in g.choice(np.arange(3, 1025), size=2, replace=False))
    return a, b


def _init_std(g):
    (a, b), (c, d) = _fans(g), _fans(g)
    return [Case(("he", max(a, b), min(a, b))), Case(("xavier", a, b)), Case(("he", min(c, d), max(c, d))),
            Case(("xavier", c, d))]


def _activation_stds(g):
    """One hidden layer and three, each activation, a batch of 1, non-zero biases, non-square
    weights, the activation given by position, by name and not at all."""
    def sizes(hidden: int) -> list[int]:
        out = [_n(g, 2, 7) for _ in range(hidden + 2)]
        if out[0] == out[1]:
            out[1] += 1
        return out
    acts = [str(a) for a in g.permutation(["relu", "tanh", "sigmoid"])]
    one, three, last = sizes(1), sizes(3), sizes(_n(g, 2, 4))
    return [Case((g.normal(size=(_n(g), one[0])), deep_params(g, one))),
            Case((g.normal(size=(_n(g), three[0])), deep_params(g, three), acts[0])),
            Case((g.normal(size=(1, last[0])), deep_params(g, last)), kwargs={"activation": acts[1]}),
            Case((g.normal(size=(_n(g, 4, 9), three[0])) * 2, deep_params(g, three)), kwargs={"activation": acts[2]})]


def _sizes(g, layers: int) -> list[int]:
    return [_n(g, 2, 6) for _ in range(layers + 1)]


def _l2_penalty(g):
    """Two layers and three or four, biases far from 0, weights not 0 or +-1; lam > 0 (and 0)."""
    return [Case((random_params(g, _sizes(g, 2)), float(g.uniform(0.01, 1.0)))),
            Case((random_params(g, _sizes(g, _n(g, 3, 4))), float(g.uniform(0.001, 0.1)))),
            Case((random_params(g, _sizes(g, 1)), float(g.uniform(0.5, 2.0)))),
            Case((random_params(g, _sizes(g, 2)), 0.0))]


def _l2_grads(g):
    """Two layers and three or four, bias gradients not 0, lam > 0; all-zero gradients; lam = 0."""
    nets = [random_params(g, _sizes(g, 2)), random_params(g, _sizes(g, _n(g, 3, 4))), random_params(g, _sizes(g, 2))]
    return [Case((random_grads(g, nets[0]), nets[0], float(g.uniform(0.01, 1.0)))),
            Case((random_grads(g, nets[1]), nets[1], float(g.uniform(0.001, 0.1)))),
            Case(({k: np.zeros_like(v) for k, v in nets[2].items()}, nets[2], float(g.uniform(0.1, 1.0)))),
            Case((random_grads(g, nets[0]), nets[0], 0.0))]


def _early_stopping(g):
    """Validation losses (lists of floats, and one numpy array) with the edges of the public
    cases in every draw: a later, lower loss after the stop (one epoch and several epochs
    after it), losses that fall again after the best but stay above it, equal losses, a
    zig-zag that never stops, the first epoch the best with a patience longer than the run."""
    p = _n(g, 2, 5)
    best = float(g.uniform(0.3, 0.6))
    worse = lambda k: [float(v) for v in best + g.uniform(0.01, 0.2, size=k)]   # noqa: E731 (k losses above `best`)
    falling = [float(v) for v in np.sort(g.uniform(best + 0.3, 2.0, size=_n(g, 1, 4)))[::-1]]
    falls_above = lambda k: sorted(worse(k), reverse=True)   # noqa: E731 (each below the one before, all above `best`)
    rising = [best - 0.2 + 0.05 * (i + 1) for i in range(p)]
    # off by one / no patience / "lower than the epoch before" instead of "lower than the best":
    late = (falling + [best] + falls_above(p) + [best - 0.1] + falls_above(p + 1) + [best - 0.2] + rising
            + [best - 0.3])
    equal = falling + [best, best] + worse(p - 2) + [best] + worse(p)                # an equal loss
    steps = np.sort(g.uniform(0.2, 1.5, size=_n(g, 4, 7)))[::-1]
    zigzag = [float(v) for s in steps for v in (s, s + g.uniform(0.01, 0.1))]      # never 2 worse in a row
    first = [best] + worse(_n(g, 2, 6))
    m = _n(g, 150, 400)
    return [Case((late, p)), Case((equal, p)), Case((zigzag, 2)), Case((first, len(first) + _n(g, 0, 5))),
            Case((validation_curve(g, m), _n(g, 10, 30)))]


def _conv_shape(g):
    out = []
    for i in range(4):
        k, s, p = _n(g, 1, 5), _n(g, 1, 3), _n(g, 0, 2)
        s, p = (1, max(p, 1)) if i == 0 else (max(s, 2), p) if i == 1 else (s, p)  # padding; a stride
        out.append(Case((_n(g, k, 40), _n(g, k, 40), k, s, p)))
    return out


def _conv_count(g):
    return [Case((_n(g, 1, 7), _n(g, 1, 7), _n(g, 1, 64), _n(g, 1, 128))) for _ in range(3)]


def _conv2d(g):
    out = []
    for i in range(3):
        C, N, kh, kw = _n(g, 1, 3), _n(g, 1, 4), _n(g, 1, 3), _n(g, 1, 3)
        H, W = _n(g, kh + 1, 8), _n(g, kw + 1, 8)
        stride, padding = _n(g, 1, 2), _n(g, 0, 1)
        if i == 0:  # several channels, a kernel larger than 1x1, padding
            C, kh, kw, stride, padding = max(C, 2), max(kh, 2), max(kw, 2), 1, 1
            H, W = max(H, kh + 1), max(W, kw + 1)
        out.append(Case((g.normal(size=(C, H, W)), g.normal(size=(N, C, kh, kw)), g.normal(size=N)),
                        kwargs={"stride": stride, "padding": padding}))
    return out


def _train_digits(g):
    from ..data import load_digits

    X, y = load_digits("train")
    keep = np.sort(g.permutation(len(X))[: len(X) - int(g.integers(0, 100))])
    Xt, yt = load_digits("test")
    return [digits_case(X[keep], y[keep], Xt, yt, "the held-out test digits")]


def _predict_digits(g):
    from ..data import load_digits

    X, _ = load_digits("train")
    out = []
    for sizes, scale in (([64, _n(g, 8, 40), 10], 1 / 16), ([64, _n(g, 8, 24), _n(g, 8, 24), 10], None),
                         ([64, _n(g, 8, 24), 10], float(g.uniform(0.5, 1.5)))):
        pick = g.choice(len(X), size=_n(g, 30, 60), replace=False)
        out.append(Case((digits_params(sizes, int(g.integers(10**6)), scale), X[pick])))
    return out


_POOL = ["good", "bad", "film", "food", "great", "awful", "not", "service", "slow", "loved", "boring"]
_APOSTROPHE = ["don't", "isn't", "wasn't", "didn't", "won't"]
_UNKNOWN = ["zebra", "quietly", "purple", "tuesday"]


def _words(g):
    """A small vocabulary whose columns are not in the dict's order (one word with an
    apostrophe) and an edge sentence using every vocabulary word: one twice, written with
    capitals, one with a comma after it, and an unknown word."""
    words = [str(w) for w in g.choice(_POOL, size=int(g.integers(4, 7)), replace=False)]
    words.append(str(g.choice(_APOSTROPHE)))
    cols = g.permutation(len(words))
    if np.all(cols == np.arange(len(words))):
        cols = np.roll(cols, 1)
    vocab = {w: int(c) for w, c in zip(words, cols)}
    a, c, *rest = [str(w) for w in g.permutation(words)]
    sentence = (f"{a.capitalize()} {c}, {a.upper()} {g.choice(_UNKNOWN)} " + " ".join(rest)).strip() + "!"
    return vocab, sentence


def _course_sentences(g, k_lo=3, k_hi=6):
    from ..data import load_sentiment

    train, _ = load_sentiment("train")
    test, _ = load_sentiment("test")
    pick = g.choice(len(test), size=_n(g, k_lo, k_hi), replace=False)
    return [test[int(i)] for i in pick], sentiment_vocab(train)


def _bag_of_words(g):
    vocab, edge = _words(g)
    course, course_vocab = _course_sentences(g)
    return [Case(([edge], vocab)), Case((["", edge.lower(), str(g.choice(_UNKNOWN))], vocab)),
            Case((course + [""], course_vocab))]


def _predict_sentiment(g):
    vocab, edge = _words(g)
    w = g.normal(size=len(vocab)) * 2
    b = float(g.choice([-1, 1]) * g.uniform(0.3, 1.5))
    course, _ = _course_sentences(g)
    course_vocab, w_course, b_course = sentiment_model()
    return [Case(([edge], vocab, w, b)), Case((["", edge, str(g.choice(_UNKNOWN))], vocab, w, -b)),
            Case((course, course_vocab, w_course, b_course))]


_GENERATORS = {
    "weighted_sum": _weighted_sum, "neuron": _neuron, "boundary_line": _boundary_line,
    "sigmoid": _z, "sigmoid_grad": _z, "relu": _z, "relu_grad": _z, "softmax": _softmax,
    "dense_forward": _dense_forward, "count_params": _count_params, "mse": _mse,
    "binary_cross_entropy": _bce, "cross_entropy": _ce, "neuron_grads": _neuron_grads,
    "numerical_gradient": _numgrad, "gd_step": _gd_step, "fit_line": _fit_line, "adam_step": _adam,
    "dense_backward": _dense_backward, "two_layer_grads": _two_layer_grads, "train_mlp": _train_mlp,
    "init_std": _init_std, "activation_stds": _activation_stds,
    "l2_penalty": _l2_penalty, "l2_grads": _l2_grads, "early_stopping_epoch": _early_stopping,
    "conv_output_shape": _conv_shape,
    "conv_param_count": _conv_count, "conv2d": _conv2d, "train_digits": _train_digits,
    "predict_digits": _predict_digits, "bag_of_words": _bag_of_words,
    "predict_sentiment": _predict_sentiment,
}


def hidden_cases(name: str, seed: int) -> list[Case]:
    """Hidden cases for exercise `name`, drawn from `seed` (the grader's)."""
    if name not in _GENERATORS:
        raise KeyError(f"no hidden cases for {name!r}; exercises: {', '.join(_GENERATORS)}")
    g = np.random.default_rng([int(seed) & 0xFFFFFFFF, zlib.crc32(name.encode())])
    cases = _GENERATORS[name](g)
    return [c if c.label else Case(c.args, c.kwargs, f"hidden case {i + 1}", c.grade)
            for i, c in enumerate(cases)]
