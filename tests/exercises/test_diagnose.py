"""The diagnosis engine (nnlessons.exercises.diagnose): each kind of relation, probe,
translated error and cascade, on learner-style code, as `check` and as the grader say it."""
from __future__ import annotations

import dataclasses
import html
import os

import numpy as np
import pytest

from nnlessons.exercises import EXERCISES, check, checker
from nnlessons.exercises.diagnose import diagnose, probe_plan
from nnlessons.exercises.diagnose.context import Ctx, output_names
from nnlessons.exercises.diagnose.masks import describe_mask
from nnlessons.exercises.diagnose.relations import relate_arrays
from nnlessons.exercises.report import evaluate
from nnlessons.exercises.runner import Outcome
from nnlessons.exercises.spec import Case, Exercise
from learner_support import define

os.environ["NNLESSONS_DIAGNOSE_DEBUG"] = "1"  # the engine's own errors fail these tests
import nnlessons.exercises.diagnose.engine as engine  # noqa: E402

engine.DEBUG = True
TOL = (1e-6, 1e-9)


def _check(src: str, name: str):
    fn, _ = define(src, name)
    return check(fn)


def _graded(src: str, name: str, seed: int = 0):
    """What the grader says: hidden cases, the probe phase as the child runs it."""
    from nnlessons.instructor.hidden import hidden_cases

    fn, _ = define(src, name)
    ex = EXERCISES[name]
    cases = hidden_cases(name, seed)
    return evaluate(ex, cases, checker.run_cases(fn, ex, cases), reveal_inputs=False,
                    probes=checker.probe_outcomes(fn, ex, cases))


# ------------------------------------------------------------------------- relations
@pytest.mark.parametrize("got,expected,key", [
    (-np.arange(1.0, 4), np.arange(1.0, 4), "sign:flipped"),
    (2 * np.arange(1.0, 4), np.arange(1.0, 4), "factor:2"),
    (0.5 * np.arange(1.0, 4), np.arange(1.0, 4), "factor:1/2"),
    (np.log(np.arange(1.0, 4)), np.arange(1.0, 4), "transform:log"),
    (np.array([0.12, 0.46, 0.79]), np.array([0.123, 0.456, 0.789]), "round:2"),
    (np.arange(1.0, 7).reshape(2, 3).T, np.arange(1.0, 7).reshape(2, 3), "shape:transposed"),
    (np.arange(1.0, 4)[:, None], np.arange(1.0, 4), "shape:extra_axis"),
    (np.array(6.0), np.arange(1.0, 4), "reduce:sum"),
    (np.arange(1, 4), np.arange(1.0, 4), "dtype:integer"),
    (np.array([[1.0, 2.0], [3.0, 4.0]]) * np.array([[2.0], [5.0]]), np.array([[1.0, 2.0], [3.0, 4.0]]),
     "factor:per_row"),
])
def test_relations_name_the_link_between_got_and_expected(got, expected, key):
    found = [f.id for f in relate_arrays(np.asarray(expected), np.asarray(got), TOL)]
    assert key in found, found


def test_a_factor_is_named_by_the_size_it_comes_from():
    ex = EXERCISES["dense_backward"]
    cases = ex.public_cases()
    ctx = Ctx(ex, cases, [], [], True)
    e = np.arange(1.0, 7).reshape(3, 2)
    found = relate_arrays(e, e / 4, TOL, "dW", ctx, 0)  # case 0: m = 4 examples
    assert found[0].id in ("factor:size:1/len(dZ)", "factor:size:1/len(X)") and " = 4" in found[0].words


def test_masks_say_where_in_words():
    ex = EXERCISES["relu_grad"]
    z = np.array([-2.0, -0.5, 0.0, 0.5, 2.0])
    ctx = Ctx(ex, [Case((z,))], [], [], True)
    assert describe_mask(z <= 0, ctx, 0) == "z <= 0"
    assert describe_mask(z == 0, ctx, 0) == "z = 0 exactly"
    border = np.ones((4, 5), bool)
    border[1:-1, 1:-1] = False
    ctx2 = Ctx(ex, [Case((np.zeros(3),))], [], [], True)
    assert describe_mask(border, ctx2, 0).startswith("on the border")
    rows = np.zeros((3, 4), bool)
    rows[1:] = True
    assert "only the first row" in describe_mask(rows, ctx2, 0)


def test_output_names_come_from_the_references_return():
    assert output_names(EXERCISES["fit_line"].reference) == ("w", "b")
    assert output_names(EXERCISES["adam_step"].reference) == ("w", "m", "v")


# ------------------------------------------------------------------ whole functions
@pytest.mark.parametrize("name,src,key,words", [
    ("neuron", "def neuron(x, w, b):\n    z = x @ w + b\n    return z + b\n", "offset:+b", "b is added twice"),
    ("adam_step", "def adam_step(w, dw, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):\n"
     "    m = beta1 * m + (1 - beta1) * dw\n    v = beta2 * v + (1 - beta2) * dw ** 2\n"
     "    mh = m / (1 - beta1 ** t)\n    vh = v / (1 - beta2 ** t)\n    return w + lr * mh / (np.sqrt(vh) + eps), m, v\n",
     "whatif:-lr", "sign of lr is flipped"),
    ("relu", "def relu(z):\n    return (z > 0) * 1.0\n", "sibling:step", "step(z)"),
    ("sigmoid_grad", "def sigmoid_grad(z):\n    t = np.tanh(z)\n    return 1 - t ** 2\n", "sibling:tanh_grad", "tanh"),
    ("relu_grad", "def relu_grad(z):\n    return np.where(z > 0, 1.0, -1.0)\n", "partial:z_<=_#", "except where z <= 0"),
    ("relu_grad", "def relu_grad(z):\n    return np.heaviside(z, 0.5)\n", "partial:z_=_#_exactly", "z = 0 exactly"),
    ("weighted_sum", "def weighted_sum(x, w):\n    return np.sum(x * w, axis=0)\n", "shape:axis", "wrong axis"),
    ("count_params", "def count_params(layer_sizes):\n    total = 0\n    for i in range(len(layer_sizes) - 2):\n"
     "        total += layer_sizes[i] * layer_sizes[i + 1] + layer_sizes[i + 1]\n    return total\n",
     "whatif:layer_sizes[:-1]", "last entry of layer_sizes is left out"),
    ("mse", "def mse(y_pred, y_true):\n    return np.sqrt(np.mean((y_pred - y_true) ** 2))\n", "transform:sqrt",
     "square root"),
    ("gd_step", "def gd_step(w, b, dw, db, lr):\n    return b - lr * db, w - lr * dw\n", "order:values", "wrong order"),
    ("conv2d", "def conv2d(x, kernels, bias, stride=1, padding=0):\n"
     "    x = np.pad(x, ((0, 0), (padding, padding), (padding, padding)))\n    N, C, kh, kw = kernels.shape\n"
     "    H = (x.shape[1] - kh) // stride + 1\n    W = (x.shape[2] - kw) // stride + 1\n    out = np.zeros((N, H, W))\n"
     "    for n in range(N):\n        for i in range(H):\n            for j in range(W):\n"
     "                p = x[:, i * stride:i * stride + kh, j * stride:j * stride + kw]\n"
     "                out[n, i, j] = np.sum(p * kernels[n]) + bias[0]\n    return out\n",
     "slice_offset:bias[0]", "uses bias[0] where bias[n] belongs"),
])
def test_check_names_the_mistake(name, src, key, words):
    rep = _check(src, name)
    assert rep.mistake == key, rep.to_text()
    assert words in rep.hint and rep.hint in rep.to_text() and words in html.unescape(rep.to_html())


def test_softmax_shifted_by_the_global_max_fails_the_public_check_and_is_named():
    rep = _check("def softmax(z):\n    e = np.exp(z - np.max(z))\n    return e / e.sum(axis=-1, keepdims=True)\n",
                 "softmax")
    assert rep.status == "partial", rep.to_text()
    assert "nan" in rep.hint and "each row" in rep.hint


# -------------------------------------------------------------------------- probes
FIT = ("def fit_line(x, y, lr, epochs):\n    w, b = 0.0, 0.0\n    for epoch in range(epochs):\n"
       "        err = w * x + b - y\n        dw = 2 * np.mean(err * x)\n        db = 2 * np.mean(err)\n"
       "        w = w - lr * dw\n        b = b - lr * db\n    return w, b\n")


@pytest.mark.parametrize("src,key,words", [
    (FIT.replace("        b = b - lr * db\n", ""), "frozen:b (value 2)", "b (value 2) never changes"),
    (FIT.replace("range(epochs)", "range(epochs + 1)"), "whatif:epochs+1", "epochs is off by one"),
    ("def fit_line(x, y, lr, epochs):\n    w, b = 0.0, 0.0\n    err = w * x + b - y\n    dw = 2 * np.mean(err * x)\n"
     "    db = 2 * np.mean(err)\n    for epoch in range(epochs):\n        w = w - lr * dw\n        b = b - lr * db\n"
     "    return w, b\n", "count:stale", "inside the loop"),
    (FIT.replace("lr * dw", "0.01 * dw").replace("lr * db", "0.01 * db"), "ignored:lr", "lr is ignored"),
])
def test_probes_tell_a_frozen_parameter_from_a_wrong_count(src, key, words):
    rep = _check(src, "fit_line")
    assert rep.mistake == key, rep.to_text()
    assert words in rep.hint
    graded = _graded(src, "fit_line")
    assert graded.mistake == key, graded.to_text()


def test_probe_plan_is_deterministic_and_feedback_only():
    ex = EXERCISES["fit_line"]
    cases = ex.public_cases()
    a, b = probe_plan(ex, cases), probe_plan(ex, cases)
    assert [p.kind for p in a] == [p.kind for p in b] and {"count", "ignored", "single"} <= {p.kind for p in a}
    fn, _ = define(FIT.replace("        b = b - lr * db\n", ""), "fit_line")
    with_probes = evaluate(ex, cases, checker.run_cases(fn, ex, cases), probes=checker.LiveProbes(fn, ex, cases))
    without = evaluate(ex, cases, checker.run_cases(fn, ex, cases))
    assert with_probes.points == without.points and with_probes.status == without.status


# -------------------------------------------------------------------------- cascade
CASCADE = "def sigmoid(z):\n    return np.tanh(z)\n\ndef sigmoid_grad(z):\n    s = sigmoid(z)\n    return s * (1 - s)\n"


def test_cascade_blames_the_learners_own_helper():
    rep = _check(CASCADE, "sigmoid_grad")
    assert rep.mistake == "cascade:sigmoid"
    assert rep.hint.startswith("Your sigmoid_grad is right; the failure comes from your sigmoid")
    graded = _graded(CASCADE, "sigmoid_grad")  # no swap in the sandbox: the traced calls say it
    assert graded.mistake == "cascade:sigmoid" and "comes from your sigmoid" in graded.hint


def test_cascade_with_a_mistake_of_its_own_says_part():
    src = CASCADE.replace("return s * (1 - s)", "return 2 * s * (1 - s)")
    rep = _check(src, "sigmoid_grad")
    assert rep.mistake == "cascade:sigmoid" and rep.hint.startswith("Part of the failure comes from your sigmoid")


# --------------------------------------------------------------------------- errors
@pytest.mark.parametrize("name,src,key,words", [
    ("dense_forward", "def dense_forward(X, W, b):\n    return X.T @ W + b\n", "error:matmul",
     "X.T is (3, 4) and W is (3, 2)"),
    ("dense_forward", "def dense_forward(X, W, b):\n    return np.dot(W, X) + b\n", "error:matmul", "try X @ W"),
    ("relu", "def relu(z):\n    return max(0, z)\n", "error:truth_value", "np.maximum"),
    ("sigmoid", "import math\ndef sigmoid(z):\n    return 1 / (1 + math.exp(-z))\n", "error:scalar_function", "np.exp"),
    ("softmax", "def softmax(z):\n    e = np.exp(z - z.max(axis=1, keepdims=True))\n    return e / e.sum(axis=1, keepdims=True)\n",
     "error:axis", "axis=-1"),
    ("neuron", "def neuron(x, w, b):\n    return weighted_sum(x, w) + b\n", "error:undefined:weighted_sum",
     "another notebook (ex01_weighted_sum)"),
    ("predict_digits", "def predict_digits(params, X):\n    A = X.reshape(len(X), -1) * params['scale']\n"
     "    return np.argmax(A @ params['W1'] + params['b1'], axis=1)\n", "error:key", "params has no key 'scale'"),
    ("weighted_sum", "def weighted_sum(x, w):\n    return sum(x[i] * w[i + 1] for i in range(len(w)))\n", "error:index",
     "past the end of w"),
])
def test_errors_are_translated(name, src, key, words):
    rep = _check(src, name)
    assert rep.mistake == key, rep.to_text()
    assert words in rep.hint, rep.hint


def test_hidden_inputs_stay_hidden():
    src = "def dense_forward(X, W, b):\n    return X.T @ W + b\n"
    graded = _graded(src, "dense_forward", seed=7)
    assert graded.mistake == "error:matmul" and "try X @ W" in graded.hint
    assert "(" not in graded.hint.split("do not fit")[1].split("try")[0]  # no shapes of hidden inputs
    assert "hidden case" in graded.hint
    rep = _graded("def relu(z):\n    return np.clip(z, 0, 1)\n", "relu", seed=3)
    assert rep.hint and not any(ch.isdigit() for ch in rep.hint.split("(in")[0].replace("z > 1", "")), rep.hint


# ------------------------------------------------------------------------ robustness
@pytest.mark.parametrize("value", [None, "text", {"a": 1}, [1, 2], (np.zeros(2),), np.array(["a"]), np.zeros((0,))])
def test_engine_never_breaks_on_odd_outputs(value):
    ex = EXERCISES["softmax"]
    cases = ex.public_cases()
    rep = evaluate(ex, cases, [Outcome("ok", value=value)] * len(cases))
    assert rep.status in ("failed", "partial") and rep.points == 0


def test_engine_steps_aside_when_the_reference_only_knows_the_public_cases():
    """In a learner bundle the reference is replayed: other inputs raise UnknownInputs."""
    from nnlessons.exercises import replay
    from nnlessons.instructor import record

    ex = EXERCISES["fit_line"]
    tables = record.record({"fit_line": ex})
    refs, mistakes = replay.load(tables)
    bundled = dataclasses.replace(ex, reference=refs["fit_line"], mistakes=mistakes["fit_line"])
    fn, _ = define(FIT.replace("        b = b - lr * db\n", ""), "fit_line")
    cases = ex.public_cases()
    rep = evaluate(bundled, cases, checker.run_cases(fn, ex, cases), probes=checker.LiveProbes(fn, bundled, cases))
    assert rep.status == "partial" and "expected" in rep.to_text()  # still a verdict; no crash


# ---------------------------------------------------------------------- severity
def test_right_values_in_the_wrong_dtype_keep_most_of_the_points():
    rep = _check("def relu_grad(z):\n    return (z > 0).astype(int)\n", "relu_grad")
    assert rep.status == "partial" and rep.points == 0.75
    assert rep.mistake == "dtype:integer" and "float" in rep.hint


def test_right_values_with_a_warning_keep_half():
    rep = _check("def sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n", "sigmoid")
    assert rep.points == pytest.approx(0.88)  # 3 cases right, 1 right but warned: (3 + 0.5) / 4 of 1 point
    assert "np.exp(-np.abs(z))" in rep.hint


def test_a_linear_mlp_does_not_get_two_thirds_of_train_mlp():
    from wrong_answers import _mlp

    rep = _check(_mlp(dz1="dA1"), "train_mlp")  # the backward pass without the ReLU mask
    assert rep.mistake is not None
    assert rep.points < 2 / 3 * rep.max_points, rep.to_text()


def test_the_sigmoid_hint_recommends_a_form_that_passes():
    hint = next(m.hint for m in EXERCISES["sigmoid"].mistakes if m.name == "naive_overflow")
    assert "np.exp(-np.abs(z))" in hint and "BOTH branches" in hint
    rep = _check("def sigmoid(z):\n    e = np.exp(-np.abs(z))\n    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))\n",
                 "sigmoid")
    assert rep.passed, rep.to_text()


def test_a_trained_accuracy_exercise_with_a_frozen_parameter_is_named(tmp_path):
    from wrong_answers import _mlp

    src = _mlp().replace("W1 -= lr * dW1; b1 -= lr * db1; W2 -= lr * dW2; b2 -= lr * db2",
                         "W1 -= lr * dW1; b1 -= lr * db1; b2 -= lr * db2")
    ex = dataclasses.replace(EXERCISES["train_mlp"])
    fn, _ = define(src, "train_mlp")
    cases = ex.public_cases()[:1]
    rep = evaluate(ex, cases, checker.run_cases(fn, ex, cases), probes=checker.LiveProbes(fn, ex, cases))
    if rep.status != "passed":  # a known mistake may be recognised too; the fact is added to its hint
        assert rep.mistake == "frozen:W2" or "W2 never changes" in rep.hint, rep.to_text()
        assert rep.points <= 0.5 * rep.max_points


# ------------------------------------------------- options, indices, words, dicts, lists
BOW = ("import re\ndef bag_of_words(sentences, vocab):\n    X = np.zeros((len(sentences), len(vocab)))\n"
       "    for i, s in enumerate(sentences):\n        for word in re.findall(r\"[a-z']+\", TEXT):\n"
       "            if word in vocab:\n                X[i, vocab[word]] += 1\n    return X\n")
ES = ("def early_stopping_epoch(val_losses, patience):\n    best, best_epoch, wait = float('inf'), 0, 0\n"
      "    for epoch, loss in enumerate(val_losses):\n        if loss < best:\n"
      "            best, best_epoch, wait = loss, epoch, 0\n        else:\n            wait += 1\n"
      "            if wait >= patience:\n                break\n    return RET\n")
STDS = ("def activation_stds(X, params, activation='relu'):\n"
        "    f = {'relu': lambda z: np.maximum(z, 0), 'tanh': np.tanh, 'sigmoid': lambda z: 1 / (1 + np.exp(-z))}\n"
        "    L = len(params) // 2\n    A, out = X, []\n    for l in range(1, L):\n"
        "        Z = A @ params[f'W{l}'] + params[f'b{l}']\n        A = f[activation](Z)\n"
        "        out.append(float(np.std(A)))\n    return out\n")


@pytest.mark.parametrize("name,src,key,words", [
    # the failing cases are those of one option (said in the grader too: an option is not data)
    ("init_std", "def init_std(scheme, fan_in, fan_out):\n    if scheme == 'he':\n        return np.sqrt(2 / fan_in)\n"
     "    elif scheme == 'glorot':\n        return np.sqrt(2 / (fan_in + fan_out))\n    raise ValueError('no such scheme')\n",
     "option:scheme=xavier", "raises ValueError: no such scheme in every case with scheme = 'xavier'"),
    # how the result responds when a probe changes one whole-number argument (a formula of numbers)
    ("init_std", "def init_std(scheme, fan_in, fan_out):\n    if scheme == 'he':\n        return np.sqrt(2 / fan_in)\n"
     "    return np.sqrt(2 / fan_in + fan_out)\n", "response:fan_out:opposite", "fan_out enters with the wrong sign"),
    ("conv_param_count", "def conv_param_count(kh, kw, c_in, n_filters):\n    return (kh * kw * c_in, n_filters)\n",
     "response:n_filters:none", "n_filters is left out of weights (value 1)"),
    ("activation_stds", STDS.replace("np.exp(-z)", "np.exp(z)"), "option:activation=sigmoid", "activation = 'sigmoid'"),
    # an index into a sequence, related through the values it points at
    ("early_stopping_epoch", "def early_stopping_epoch(val_losses, patience):\n    return int(np.argmax(val_losses))\n",
     "index:argmax", "LARGEST value of val_losses"),
    # (returning the loss is also a known mistake, which speaks first: see the test below)
    ("early_stopping_epoch", ES.replace("RET", "best"), "returned_loss", "not its epoch"),
    # word counts: what the missed words have in common
    ("bag_of_words", BOW.replace("X[i, vocab[word]]", "X[0, vocab[word]]").replace("TEXT", "s.lower()"),
     "rows:into_one", "landed in row 1"),
    # a dict input's entries are inputs too; one dict in place of another
    ("l2_grads", "def l2_grads(grads, params, lam):\n    return {k: g + lam * g if k.startswith('W') else g "
     "for k, g in grads.items()}\n", "whatif:params:=grads", "grads is used where params belongs"),
    # lists too short or too long: which values are there
    ("activation_stds", STDS.replace("        out.append(float(np.std(A)))\n", "    out.append(float(np.std(A)))\n"),
     "list:only_last", "the LAST expected one"),
    ("activation_stds", STDS.replace("range(1, L)", "range(1, L - 1)"), "list:last_missing", "too short"),
    # outputs through another step: labels for probabilities, another activation of the same scores
    ("predict_sentiment", BOW.replace("TEXT", "s.lower()") + "def predict_sentiment(sentences, vocab, w, b):\n"
     "    return (bag_of_words(sentences, vocab) @ w + b > 0).astype(int)\n", "threshold:0.5", "verdict"),
    ("predict_sentiment", BOW.replace("TEXT", "s.lower()") + "def predict_sentiment(sentences, vocab, w, b):\n"
     "    return np.tanh(bag_of_words(sentences, vocab) @ w + b)\n", "activation:tanh", "tanh is applied where sigmoid"),
    # changed inputs, named where they are
    ("l2_penalty", "def l2_penalty(params, lam):\n    total = 0.0\n    for k in params:\n        if k.startswith('W'):\n"
     "            W = params[k]\n            W **= 2\n            total += W.sum()\n    return lam / 2 * total\n",
     "mutation:params['W1']", "changes its input params['W1'] in place"),
    ("l2_penalty", "def l2_penalty(params, lam):\n    for k in [k for k in params if k.startswith('b')]:\n"
     "        del params[k]\n    return lam / 2 * sum(np.sum(W ** 2) for W in params.values())\n",
     "mutation:removed:params", "removes params['b1']"),
    # errors
    ("bag_of_words", BOW.replace("TEXT", "s.lower"), "error:not_called", "`s.lower()`"),
    ("bag_of_words", BOW.replace("TEXT", "s.lower()").replace("            if word in vocab:\n    ", "        "),
     "error:key_from_data", "comes from the data"),
    ("activation_stds", STDS.replace("L = len(params) // 2", "L = len(params)"), "error:key_past_end",
     "its keys stop at 'W2'"),
    ("l2_grads", "def l2_grads(grads, params, lam):\n    return {k: g + lam * params['W1'] if k.startswith('W') else g "
     "for k, g in grads.items()}\n", "error:fixed_key", "`params['W1']` is the same entry"),
])
def test_new_relations_name_the_mistake(name, src, key, words):
    rep = _check(src, name)
    assert rep.mistake == key, rep.to_text()
    assert words in rep.hint, rep.hint
    graded = _graded(src, name)
    assert graded.mistake == key, graded.to_text()


def test_a_whole_number_division_to_zero_is_suggested():
    rep = _check("def init_std(scheme, fan_in, fan_out):\n    if scheme == 'he':\n        return np.sqrt(2 // fan_in)\n"
                 "    return np.sqrt(2 // (fan_in + fan_out))\n", "init_std")
    assert rep.mistake == "zeros:all" and "2 // 256 is 0" in rep.hint


def test_two_slips_on_different_cases_are_both_said():
    src = ("def early_stopping_epoch(val_losses, patience):\n    best = min(val_losses[:patience + 1])\n"
           "    return val_losses.index(best)\n")
    rep = _graded(src, "early_stopping_epoch")
    assert "Also: val_losses is a numpy array here, and .index is a method of Python lists" in rep.hint, rep.hint


def test_an_option_is_said_but_hidden_data_is_not():
    rep = _graded(BOW.replace("TEXT", "s.lower()").replace("            if word in vocab:\n    ", "        "),
                  "bag_of_words")
    assert "has no key a word" in rep.hint  # the word itself is hidden data


def test_an_ignored_argument_needs_every_probe_to_agree():
    """A function that uses patience, but not where the one-step probe looks, is not called
    'patience is ignored' (the count probes 0, 1, 2 move it)."""
    src = ("def early_stopping_epoch(val_losses, patience):\n    best = min(val_losses[:patience + 1])\n"
           "    return list(val_losses).index(best)\n")
    rep = _check(src, "early_stopping_epoch")
    assert rep.mistake != "ignored:patience", rep.to_text()


def test_missed_words_are_described_by_how_they_are_written():
    src = BOW.replace("re.findall(r\"[a-z']+\", TEXT)", "s.lower().replace(',', ' ').replace('!', ' ').split()")
    rep = _check(src, "bag_of_words")
    assert rep.mistake == "tokens:punctuation" and "punctuation right after it" in rep.hint, rep.to_text()


def test_a_probe_finding_is_placed_by_the_option_that_tells_the_failing_cases():
    rep = _graded("def init_std(scheme, fan_in, fan_out):\n    if scheme == 'he':\n        return np.sqrt(2 / fan_in)\n"
                  "    return np.sqrt(2 / fan_in + fan_out)\n", "init_std")
    assert "in every case with scheme = 'xavier'; the cases with scheme = 'he' pass" in rep.hint, rep.hint


def test_engine_names_a_value_for_its_index_without_the_known_mistake():
    """With no known mistakes listed, the engine alone says the value was returned, not its index."""
    ex = dataclasses.replace(EXERCISES["early_stopping_epoch"], mistakes=())
    fn, _ = define(ES.replace("RET", "best"), "early_stopping_epoch")
    cases = ex.public_cases()
    rep = evaluate(ex, cases, checker.run_cases(fn, ex, cases))
    assert rep.mistake == "index:value", rep.to_text()
    assert "not its index" in rep.hint, rep.hint
