"""Lesson 14 widget: type a sentence, see each word's weighted contribution and the prediction.

`sentence_explorer(vocab, w, b)` shows, as you type (a Text box with
``continuous_update=True``), the bias and every word's contribution ``w_word * 1`` to the
score ``z = b + sum_words w_word * count``, and the predicted probability sigmoid(z).
The figure is `nnlessons.plots.words.SentenceContributions`. Your exercise-14
``predict_sentiment`` can drive its probability gauge (`sentence_explorer(predict_sentiment=...)`).
"""
from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as W
import numpy as np

from ..activations import sigmoid
from ..data import bag_of_words
from ..plots.words import SentenceContributions
from .base import App, LiveFigureView
from .yours import YourCode

__all__ = ["sentence_explorer", "default_sentiment_model", "package_predict_sentiment", "BENCH", "YOURS"]


def package_predict_sentiment(sentences: list[str], vocab: dict[str, int], w: np.ndarray, b: float) -> np.ndarray:
    """Exercise 14's predict_sentiment from the package's: P(positive) (m,) =
    sigmoid(word counts (m, V) @ w + b), the words as the lesson's figure reads them
    (`nnlessons.data.tokenize`); vocab: word -> column of w."""
    X, _ = bag_of_words(list(sentences), sorted(vocab, key=vocab.get))
    return sigmoid(X @ np.asarray(w, dtype=np.float64) + b)


def default_sentiment_model() -> tuple[list[str], np.ndarray, float]:
    """The lesson's model: logistic regression on the bag-of-words of the training sentences
    (`fit_logistic`, lr 1.0, 500 steps). Returns (vocab, w (V,), b)."""
    from ..data import bag_of_words, load_sentiment
    from ..training import fit_logistic

    sentences, labels = load_sentiment("train")
    X, vocab = bag_of_words(sentences)
    w, b, _ = fit_logistic(X, labels, lr=1.0, steps=500)
    return vocab, w, b


def readout(shown: dict) -> str:
    """The line under the text box: P(positive), the score, the words the model never saw."""
    unknown = [t for t, k in zip(shown["tokens"], shown["known"]) if not k]
    return (f"<b>P(positive) = {shown['probability']:.2f}</b> ({shown['verdict']}); "
            f"score z = {shown['z']:+.2f}"
            + (f"; words the model never saw (they add 0): <i>{', '.join(unknown)}</i>" if unknown else ""))


def sentence_explorer(vocab: Sequence[str] | None = None, w: np.ndarray | None = None,
                      b: float | None = None, text: str = "The food was great but the service was slow.",
                      *, predict_sentiment=None) -> App:
    """Type a sentence; see each word's contribution to the score and P(positive).

    vocab (V words), w (V,), b: a trained bag-of-words logistic regression (default:
    `default_sentiment_model()`). predict_sentiment: your exercise function (exercise 14),
    called on ``[sentence]`` with the vocabulary as ``{word: column}``; its probability is
    the one the gauge and the readout show, the package's faint beside where yours
    differs, and a line says so (`nnlessons.widgets.yours`). Controls: ``text`` (a Text box, updates while typing),
    ``sentence`` (the same Text, under its role's name). State: what the figure shows
    (`SentenceContributions.update`: ``tokens``, ``contributions`` (n,), ``known``,
    ``z``, ``probability``, ``verdict``, ``bars``, ``kinds``, ``package_probability``),
    ``text`` (the readout) and ``yours`` (when you gave predict_sentiment: "status",
    "message", "differ").
    View ``"words"``.
    """
    if vocab is None or w is None or b is None:
        vocab, w, b = default_sentiment_model()
    yours = YourCode(predict_sentiment=(predict_sentiment, package_predict_sentiment))
    view = LiveFigureView(SentenceContributions(vocab, w, b, text,
                                                predict=yours["predict_sentiment"] if yours.given else None))
    box = W.Text(value=text, description="your sentence", continuous_update=True,
                 placeholder="type a sentence, e.g. 'not bad at all'",
                 style={"description_width": "110px"}, layout=W.Layout(width="640px"))
    info = W.HTML()
    app = App(W.VBox([box, yours.line, info, view.image]), {"text": box, "sentence": box}, {}, {"words": view})

    def update(_change=None) -> None:
        app.state.update(view.show(sentence=box.value))
        info.value = app.state["text"] = readout(app.state)
        app.state["yours"] = yours.show()

    update()
    box.observe(update, names="value")
    return app


BENCH = [
    ("sentence_explorer", "text", ["The food", "The food was great", "The food was not great",
                                   "Awful service, terrible food", "I loved it"]),
]
"""(builder, control, values) for bench/widgets.py: time a text change -> updated figure."""

YOURS = {"sentence_explorer": {"predict_sentiment": {"controls": {}, "mistake": "no_sigmoid"}}}
"""The learner's function the builder takes, by keyword (= exercise name): the control
values under which the widget draws it, and a known mistake that shows in what it draws
(for the tests and `bench/widgets.py`)."""
