"""The exercise registry: every exercise of docs/exercises.md, its cases, references and mistakes."""
from __future__ import annotations

import inspect
import subprocess
import sys

import numpy as np
import pytest

from nnlessons.exercises import EXERCISES, NOTEBOOKS, get
from nnlessons.exercises.checker import run_cases
from nnlessons.exercises.report import evaluate
from nnlessons.exercises.spec import Case, Exercise
from learner_support import heldout_available

COURSE_FUNCTIONS = [
    "weighted_sum", "neuron", "boundary_line", "sigmoid", "sigmoid_grad", "relu", "relu_grad",
    "softmax", "dense_forward", "count_params", "mse", "binary_cross_entropy", "cross_entropy",
    "neuron_grads", "numerical_gradient", "gd_step", "fit_line", "adam_step", "dense_backward",
    "two_layer_grads", "train_mlp", "init_std", "activation_stds", "l2_penalty", "l2_grads",
    "early_stopping_epoch", "conv_output_shape", "conv_param_count", "conv2d", "train_digits", "predict_digits",
    "bag_of_words", "predict_sentiment",
]
NAMES = list(EXERCISES)


def test_every_course_function_is_registered_in_notebook_order():
    assert sorted(EXERCISES) == sorted(COURSE_FUNCTIONS)
    assert [n for nb in sorted(NOTEBOOKS) for n in NOTEBOOKS[nb]] == COURSE_FUNCTIONS
    assert sorted(NOTEBOOKS) == [
        "ex01_weighted_sum", "ex02_bias", "ex03_activations", "ex04_forward_propagation",
        "ex05_losses", "ex06_chain_rule", "ex07_gradient_descent", "ex08_backprop_with_matrices",
        "ex09_training_a_network", "ex10_initialization_and_depth", "ex11_generalization",
        "ex12_convolution", "ex13_capstone_digits", "ex14_words_and_weights"]


def test_get_unknown_name_lists_the_exercises():
    assert get("relu") is EXERCISES["relu"]
    with pytest.raises(KeyError) as e:
        get("rellu")
    assert "rellu" in str(e.value) and "relu_grad" in str(e.value)


def test_train_digits_is_graded_by_the_graders_own_forward_pass():
    """A classifier that is not a trained net (a 1-nearest-neighbour lookup of the
    training images) earns nothing: the grader predicts with the returned params."""
    ex = EXERCISES["train_digits"]
    cases = ex.public_cases()[:1]

    def train_digits(X_train, y_train):  # memorises the training set
        return {"W1": np.asarray(X_train, float).reshape(len(X_train), -1), "labels": np.asarray(y_train)}

    rep = evaluate(ex, cases, run_cases(train_digits, ex, cases))
    assert rep.status == "failed" and rep.points == 0, rep.to_text()
    assert "b1" in rep.to_text()


@pytest.mark.parametrize("name", NAMES)
def test_exercise_shape(name):
    ex = EXERCISES[name]
    cases = ex.public_cases()
    assert 3 <= len(cases) <= 6
    assert len(ex.mistakes) >= 2
    assert ex.points > 0 and ex.time_limit > 0
    assert all(isinstance(c, Case) and c.label for c in cases)
    # seeded: the same inputs on every call
    again = ex.public_cases()
    for a, b in zip(cases, again):
        for x, y in zip(a.args, b.args):
            if isinstance(x, np.ndarray):
                assert np.array_equal(x, y)
    # the reference has the learner's signature: parameter names as in docs/exercises.md
    assert len(inspect.signature(ex.reference).parameters) >= len(cases[0].args)


@pytest.mark.parametrize("name", NAMES)
def test_reference_passes_public_cases(name):
    ex = EXERCISES[name]
    cases = ex.public_cases()
    rep = evaluate(ex, cases, run_cases(ex.reference, ex, cases))
    assert rep.status == "passed", rep.to_text()
    assert rep.points == ex.points and rep.hint is None



@pytest.mark.parametrize("seed", [0, 12345])
@pytest.mark.parametrize("name", NAMES)
def test_reference_passes_hidden_cases(name, seed):
    if name == "train_digits" and not heldout_available():
        pytest.skip("held-out digits not available")
    from nnlessons.instructor.hidden import hidden_cases
    ex = EXERCISES[name]
    cases = hidden_cases(name, seed)
    assert len(cases) >= 1
    rep = evaluate(ex, cases, run_cases(ex.reference, ex, cases), reveal_inputs=False)
    assert rep.status == "passed", rep.to_text()
    assert all(c.input == "hidden input" for c in rep.cases)


def test_hidden_cases_differ_by_seed_and_from_public():
    from nnlessons.instructor.hidden import hidden_cases
    a, b = hidden_cases("conv2d", 1), hidden_cases("conv2d", 2)
    assert any(x.args[0].shape != y.args[0].shape or not np.array_equal(x.args[0], y.args[0])
               for x, y in zip(a, b))
    with pytest.raises(KeyError, match="weighted_sum"):
        hidden_cases("nope", 0)


def test_hidden_module_is_not_imported_by_check_or_registry():
    code = ("import sys, nnlessons.exercises as e; e.check; e.EXERCISES; "
            "import nnlessons.exercises.report, nnlessons.exercises.compare; "
            "print('nnlessons.instructor.hidden' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_accuracy_scale_gives_partial_points():
    from nnlessons.exercises.report import accuracy_score
    ex = EXERCISES["train_digits"]
    assert accuracy_score(ex, 0.99) == 1.0 and accuracy_score(ex, 0.95) == 1.0
    assert accuracy_score(ex, 0.5) == 0.0 and accuracy_score(ex, 0.1) == 0.0
    assert 0.4 < accuracy_score(ex, 0.725) < 0.6


def test_ex14_words_are_the_lessons_words_on_the_course_sentences():
    """Lesson 14 counts words with `nnlessons.data.bag_of_words`; ex14's contract uses
    re.findall(r"[a-z']+", s.lower()). On the course's sentences the two agree, so the
    lesson's trained weights are the ones predict_sentiment is checked with."""
    from nnlessons.data import bag_of_words, load_sentiment
    from nnlessons.exercises.course import sentiment_vocab

    reference = EXERCISES["bag_of_words"].reference
    train, _ = load_sentiment("train")
    vocab = sentiment_vocab(train)
    sentences, _ = load_sentiment("all")
    np.testing.assert_array_equal(reference(sentences, vocab), bag_of_words(sentences, list(vocab))[0])
