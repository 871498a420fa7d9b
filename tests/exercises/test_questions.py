"""Predict-then-run questions: `answer` checks a prediction, names known slips, and
explains once right or after a second wrong try."""
import math

import pytest

from nnlessons.exercises import questions
from nnlessons.exercises.questions import QUESTIONS, answer


@pytest.fixture(autouse=True)
def fresh_tries(monkeypatch):
    monkeypatch.setattr(questions, "_tries", {})


def test_a_right_prediction_is_confirmed_and_explained():
    v = answer("untrained_loss", 2.3)
    assert v.correct and "ln 10" in v.to_text()
    assert answer("conv_output_32_k5_s2_p2", (16, 16)).correct


def test_a_known_slip_is_named_and_the_explanation_waits_for_a_second_try():
    v = answer("untrained_loss", 0.1)
    assert not v.correct and "probability" in v.message and not v.explanation
    v = answer("untrained_loss", 5.0)
    assert not v.correct and "Think again" in v.message and "ln 10" in v.explanation
    assert "+1" in answer("conv_output_32_k5_s2_p2", (15, 15)).message


@pytest.mark.parametrize("guess", [None, ..., "two", float("nan"), (2.3, 2.3)])
def test_no_prediction_or_a_malformed_one_is_not_right(guess):
    v = answer("untrained_loss", guess)
    assert not v.correct
    if guess is None or guess is ...:
        assert "prediction first" in v.message


def test_unknown_question_lists_the_questions():
    v = answer("nope", 1)
    assert not v.correct and "untrained_loss" in v.message


def test_every_question_is_answered_by_its_own_answer():
    for q in QUESTIONS.values():
        assert answer(q.id, q.answer).correct, q.id
        assert q.explain and q.prompt
    assert math.isclose(QUESTIONS["untrained_loss"].answer, math.log(10))


@pytest.mark.parametrize("guess,slip", [((10, 64), "transposed"), ((32, 10), "shape of Z"), ((32, 64), "dX")])
def test_the_dW_shape_question_names_each_shape_slip(guess, slip):
    v = answer("dW_shape_32x64_64x10", guess)
    assert not v.correct and slip in v.message
    assert answer("dW_shape_32x64_64x10", [64, 10]).correct


def test_the_weight_question_is_multiple_choice_and_names_the_big_weight_slip():
    assert answer("weight_moves_z", " W1 ").correct
    v = answer("weight_moves_z", "w3")
    assert not v.correct and "input" in v.message and not v.explanation
    assert "one of: w1, w2, w3" in answer("weight_moves_z", "x1").message
    v = answer("weight_moves_z", "w2")
    assert not v.correct and "∂z/∂w_i = x_i" in v.explanation  # the second wrong try explains


def test_the_start_question_names_a_forgotten_bias():
    assert answer("start_z", 5).correct
    assert "bias" in answer("start_z", 6).message
    assert "σ" in answer("start_z", 0.993).message


def test_the_sigmoid_gradient_question_is_yes_or_no_and_explains_the_slope():
    v = answer("sigmoid_he_gradients_vanish", "no")
    assert not v.correct and "slope" in v.message and not v.explanation
    assert "answer with one of: yes, no" in answer("sigmoid_he_gradients_vanish", "maybe").message
    v = answer("sigmoid_he_gradients_vanish", " Yes ")
    assert v.correct and "1/4" in v.explanation


def test_a_number_typed_as_text_is_read_as_that_number():
    assert answer("dW_shape_32x64_64x10", "(64, 10)").correct
    assert answer("untrained_loss", " 2.3 ").correct
    assert not answer("untrained_loss", "ln 10").correct


def test_the_weight_decay_question_is_multiple_choice_and_names_both_slips():
    v = answer("weight_decay_training_loss", "lower")
    assert not v.correct and "pulls every weight towards 0" in v.message
    v = answer("weight_decay_training_loss", "Same ")
    assert not v.correct and "shrinks the weights" in v.message and "PLUS the penalty" in v.explanation
    assert "one of: lower, same, higher" in answer("weight_decay_training_loss", 0.1).message
    assert answer("weight_decay_training_loss", "HIGHER").correct
