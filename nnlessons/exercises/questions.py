"""Predict-then-run questions: the learner writes a prediction, `answer` checks it.

A lesson asks a question before it runs the code that settles it ("what loss does an
untrained 10-class network give?"). The learner writes a guess in a cell and calls
``answer("untrained_loss", my_guess)``: the verdict says right or not, and, when the
guess is a known slip (a probability instead of a loss, log base 10...), names it. The
explanation is shown once the guess is right, or after a second wrong try, so a
learner is never stuck. The questions and their answers are not secret (the lesson
computes them right after); they live in `QUESTIONS`, keyed by id.
"""
from __future__ import annotations

import ast
import html
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["Question", "QUESTIONS", "question", "answer", "Verdict"]


@dataclass(frozen=True)
class Question:
    """One prediction to check.

    id: the key a lesson uses; prompt: the question, as the lesson asks it.
    answer: the right value (a number, a tuple of numbers, or a string among `choices`).
    rtol: the relative tolerance for numbers (predictions are rough: 2 % by default).
    choices: for a multiple-choice question, the allowed answers (strings).
    slips: (a wrong value, what it suggests) pairs: a guess close to the value gets that hint.
    explain: why the answer is what it is (shown once right, or after two wrong tries).
    """

    id: str
    prompt: str
    answer: Any
    explain: str
    rtol: float = 0.02
    choices: tuple[str, ...] = ()
    slips: tuple[tuple[Any, str], ...] = ()


@dataclass
class Verdict:
    """What `answer` says; shows as HTML in JupyterLab, as text elsewhere."""

    question: str
    correct: bool
    message: str
    explanation: str = ""

    def to_text(self) -> str:
        lines = [("✓ " if self.correct else "✗ ") + self.message]
        if self.explanation:
            lines.append(self.explanation)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        colour = "#1a7f37" if self.correct else "#9a6700"
        extra = (f"<div style='margin-top:4px'>{html.escape(self.explanation)}</div>"
                 if self.explanation else "")
        return (f"<div style='border-left:4px solid {colour};padding:4px 10px'>"
                f"<b style='color:{colour}'>{'✓' if self.correct else '✗'}</b> "
                f"{html.escape(self.message)}{extra}</div>")

    def __repr__(self) -> str:
        return self.to_text()


QUESTIONS: dict[str, Question] = {}
_tries: dict[str, int] = {}  # wrong tries per question in this kernel


def question(q: Question) -> Question:
    """Add `q` to `QUESTIONS` (ids are unique)."""
    if q.id in QUESTIONS:
        raise ValueError(f"two questions with the id {q.id!r}")
    QUESTIONS[q.id] = q
    return q


def _close(guess, value, rtol: float) -> bool:
    if isinstance(guess, str):  # "(64, 10)" or "2.3": read it as the number(s) it spells
        try:
            guess = ast.literal_eval(guess.strip())
        except (ValueError, SyntaxError):
            return False
    try:
        g = np.asarray(guess, dtype=float)
        v = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return False
    return g.shape == v.shape and bool(np.all(np.isfinite(g))) and bool(
        np.allclose(g, v, rtol=rtol, atol=rtol * 1e-3))


def answer(question_id: str, guess) -> Verdict:
    """Check the learner's prediction for the question `question_id`."""
    q = QUESTIONS.get(question_id)
    if q is None:
        return Verdict(str(question_id), False, f"there is no question {question_id!r}; "
                       f"the questions are: {', '.join(QUESTIONS)}")
    if guess is None or guess is Ellipsis:
        return Verdict(q.id, False, "write your prediction first (replace the ... with it), "
                       "then run this cell")
    if q.choices:
        said = str(guess).strip().lower()
        if said not in q.choices:
            return Verdict(q.id, False, f"answer with one of: {', '.join(q.choices)}")
        right = said == q.answer
    else:
        right = _close(guess, q.answer, q.rtol)
    tries = _tries[q.id] = _tries.get(q.id, 0) + (not right)
    if right:
        return Verdict(q.id, True, "right.", q.explain)
    hint = next((h for v, h in q.slips if (str(guess).strip().lower() == v if isinstance(v, str)
                                          else _close(guess, v, q.rtol))), "")
    message = "not quite" + (f": {hint}" if hint else ". Think again, or run the next cell and see.")
    return Verdict(q.id, False, message, q.explain if tries >= 2 else "")


# ------------------------------------------------------------------ the course's questions
question(Question(
    "untrained_loss",
    "A freshly initialised network with 10 classes gives every class about the same probability. "
    "What is its cross-entropy loss?",
    math.log(10),
    "Each class gets p = 1/10, and cross-entropy is -log p of the right class: -log(1/10) = ln 10 ≈ 2.30. "
    "A loss well above 2.30 at the start means the initial weights are too large.",
    slips=((0.1, "that is the probability of the right class; the loss is its negative log"),
           (1.0, "that is log base 10; cross-entropy uses the natural log, ln"),
           (10.0, "that is the number of classes; the loss is -ln(1/10)"))))

question(Question(
    "conv_output_32_k5_s2_p2",
    "A 32x32 image, a 5x5 kernel, stride 2, padding 2: what is the output's (height, width)?",
    (16, 16),
    "(n + 2p - k) // s + 1 = (32 + 4 - 5) // 2 + 1 = 31 // 2 + 1 = 16 in each direction.",
    rtol=0.0,
    slips=(((15, 15), "that is without the +1: the first position counts too"),
           ((14, 14), "padding is added on both sides: n + 2p"),
           ((28, 28), "with stride 2 the kernel jumps two pixels at a time: divide by the stride"),
           ((32, 32), "that would be stride 1 with 'same' padding; here the stride is 2"))))

question(Question(
    "dW_shape_32x64_64x10",
    "A batch X of shape (32, 64) goes through a dense layer with W of shape (64, 10). "
    "What shape is dW, the gradient of the loss with respect to W?",
    (64, 10),
    "A gradient has the shape of what it is the gradient of: one entry per weight, so dW is (64, 10) like W. "
    "The only product of X (32, 64) and dZ (32, 10) with that shape is X.T @ dZ: the 32 examples are summed away.",
    rtol=0.0,
    slips=(((10, 64), "that is W transposed: dW has W's own shape, (n_in, n_out)"),
           ((32, 10), "that is the shape of Z and dZ, one row per example; W has no example axis"),
           ((32, 64), "that is the shape of X, and of dX; the question asks for W's gradient"))))


question(Question(
    "start_z",
    "A neuron with one input has the weight w = 2 and the bias b = -1. What is its weighted sum z "
    "for the input x = 3?",
    5.0,
    "z = w·x + b = 2 × 3 + (-1) = 5. (The sigmoid would then give a = σ(5) ≈ 0.993.)",
    slips=((6.0, "that is w·x alone: the bias b = -1 is added too"),
           (7.0, "the bias is -1: adding it lowers z"),
           (0.9933, "that is a = σ(z), after the activation; the question asks for z"))))

question(Question(
    "weight_moves_z",
    "The inputs are x = (2, -1, 0.5) and the weights w = (1.5, 0.8, -2). You may nudge one weight by "
    "+0.1. Which nudge changes z the most: \"w1\", \"w2\" or \"w3\"?",
    "w1",
    "Nudging w_i by 0.1 changes z by 0.1 · x_i, because ∂z/∂w_i = x_i: the weight whose input is largest "
    "in size wins. Here 0.1 × 2 = 0.2 for w1, 0.1 × (-1) = -0.1 for w2, 0.1 × 0.5 = 0.05 for w3. "
    "The size of the weight itself does not matter.",
    choices=("w1", "w2", "w3"),
    slips=(("w3", "w3 = -2 is the largest weight in size, but a nudge of a weight moves z by the nudge "
                  "times that weight's input, and x3 = 0.5 is small"),
           ("w2", "a nudge of w2 moves z by 0.1 × x2; compare the sizes of the three inputs"))))

question(Question(
    "sigmoid_he_gradients_vanish",
    "A net of 10 sigmoid hidden layers (100 units each) starts from He's weights, the scale that keeps a "
    "ReLU net's signal steady. After one backward pass, will the gradient of the first layer's weights, "
    "dW1, vanish: come out more than 1000 times smaller than the 10th layer's, dW10? Answer yes or no.",
    "yes",
    "Yes: dW1 comes out tens of thousands of times smaller. On the way back each layer multiplies the "
    "gradient by its weights (with He's scale, a factor of about sqrt(n_out Var(w)) = sqrt(2)) and by the "
    "sigmoid's slope σ'(z), which is at most 1/4 (about 0.2 here): about 0.3 per layer, and 0.3^9 ≈ 2e-5. "
    "He's factor 2 makes up for ReLU switching off half its units, not for the sigmoid's small slope.",
    choices=("yes", "no"),
    slips=(("no", "He's scale makes up for ReLU switching off half its units; what is the sigmoid's slope "
                  "σ'(z) at most, and how many times does the gradient pass through it on its way back "
                  "to layer 1?"),)))

question(Question(
    "weight_decay_training_loss",
    "A network trained without weight decay ended with a training loss of 0.03. The same network, from the "
    "same starting weights, is trained again with weight decay lambda = 0.01. Will its training loss (the "
    "cross-entropy on its training points, without the penalty) end lower, about the same, or higher?",
    "higher",
    "Higher. With weight decay, gradient descent lowers the cross-entropy PLUS the penalty. The weights that fit "
    "the training points best are large, and large weights now cost something, so the network settles for "
    "smaller weights and a looser fit of its training points. A low training loss was never the goal: what "
    "weight decay improves is the loss on points the network has not seen.",
    choices=("lower", "same", "higher"),
    slips=(("lower", "the penalty does not help to fit the training points: it pulls every weight towards 0, "
                     "away from the values that fit them best"),
           ("same", "every step shrinks the weights by the factor (1 - lr * lambda), so they end much smaller, "
                    "and a network with other weights fits its training points differently"))))
