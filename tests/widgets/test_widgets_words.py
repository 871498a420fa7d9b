"""Headless tests of lesson 11's sentence explorer: type, then read the bars."""
from __future__ import annotations

import numpy as np
import pytest

from nnlessons.widgets.words import BENCH, sentence_explorer

VOCAB = ["good", "bad", "not", "film"]
W = np.array([2.0, -1.5, -0.5, 0.1])
B = 0.25


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def _bar_widths(app):
    ax = app.views["words"].fig.axes[0]
    return [p.get_width() for p in ax.patches if p.get_visible() and p.get_height() > 0]


def test_typing_updates_contributions_probability_and_image():
    app = sentence_explorer(VOCAB, W, B, text="good film")
    png = app.views["words"].png
    assert app.state["probability"] == pytest.approx(_sigmoid(B + 2.0 + 0.1))
    app.controls["text"].value = "Not good, BAD film! bad"
    assert app.state["tokens"] == ["not", "good", "bad", "film", "bad"]
    np.testing.assert_allclose(app.state["contributions"], [-0.5, 2.0, -1.5, 0.1, -1.5])
    z = B - 0.5 + 2.0 - 1.5 + 0.1 - 1.5
    assert app.state["z"] == pytest.approx(z)
    assert app.state["probability"] == pytest.approx(_sigmoid(z))
    assert app.state["verdict"] == "negative"
    # the bars drawn: the bias first, then each word in order
    np.testing.assert_allclose(_bar_widths(app)[:6], [B, -0.5, 2.0, -1.5, 0.1, -1.5])
    gauge = app.views["words"].fig.axes[1].patches[0]
    assert gauge.get_width() == pytest.approx(_sigmoid(z))
    assert f"{z:+.2f}" in app.views["words"].fig.axes[0].get_title()
    assert app.views["words"].fig.axes[1].texts[0].get_text() == f"\u03c3(z) = {_sigmoid(z):.2f}"
    assert f"{_sigmoid(z):.2f}" in app.state["text"]
    assert app.views["words"].png != png


def test_empty_sentence_is_the_bias_alone():
    app = sentence_explorer(VOCAB, W, B, text="")
    assert app.state["tokens"] == [] and app.state["z"] == pytest.approx(B)
    assert app.state["probability"] == pytest.approx(_sigmoid(B))
    assert app.state["bars"] == [("(bias b)", B)]


def test_unknown_words_add_nothing_and_are_named():
    app = sentence_explorer(VOCAB, W, B, text="good")
    p = app.state["probability"]
    app.controls["text"].value = "good zebra"
    assert app.state["known"] == [True, False]
    assert app.state["probability"] == pytest.approx(p)
    assert "zebra" in app.state["text"]


def test_long_sentences_are_combined_not_dropped():
    app = sentence_explorer(VOCAB, W, B)
    words = ["good"] * 20 + ["bad"] * 5
    app.controls["text"].value = " ".join(words)
    bars = app.state["bars"]
    assert len(bars) == 12                                 # the bias + 10 words + the rest
    assert sum(v for _, v in bars) == pytest.approx(B + 20 * 2.0 - 5 * 1.5)
    assert bars[-1][0].startswith("(+15 more")


def test_default_model_and_bench():
    import nnlessons.widgets.words as mod
    for builder, control, values in BENCH:
        app = getattr(mod, builder)()
        assert app.controls[control].continuous_update is True
        app.controls[control].value = "a great film, I loved it"
        p_pos = app.state["probability"]
        app.controls[control].value = "an awful film, I hated it"
        assert p_pos > 0.5 > app.state["probability"]
        assert len(values) >= 3


def test_an_unknown_word_is_grey_and_says_unknown_not_a_black_zero():
    """The lesson says unknown words are grey: the word is drawn in grey, labelled unknown."""
    from matplotlib.colors import to_hex

    from nnlessons.plots.style import PALETTE

    app = sentence_explorer(VOCAB, W, B, text="good but bad")
    texts = [t for t in app.views["words"].fig.axes[0].texts if t.get_visible() and t.get_text().startswith("but")]
    assert len(texts) == 1, [t.get_text() for t in texts]
    assert "unknown" in texts[0].get_text() and "+0.00" not in texts[0].get_text(), texts[0].get_text()
    assert to_hex(texts[0].get_color()) == PALETTE["grey"].lower()
    known = [t for t in app.views["words"].fig.axes[0].texts if t.get_text().startswith("good")]
    assert to_hex(known[0].get_color()) == "#000000"
    assert app.state["kinds"] == ["bias", "known", "unknown", "known"]


def test_the_figure_is_a_live_figure_and_blitting_shows_a_full_render():
    from blit_support import blitted_equals_full_render

    from nnlessons.plots.live import LiveFigure
    from nnlessons.plots.words import SentenceContributions

    app = sentence_explorer(VOCAB, W, B, text="good film")
    assert isinstance(app.views["words"].live, SentenceContributions)
    assert isinstance(app.views["words"].live, LiveFigure)
    app.controls["text"].value = "not good, zebra bad"
    assert blitted_equals_full_render(app.views["words"])


def test_the_learners_probability_drives_the_gauge_with_the_packages_faint_beside():
    from learner_code import mistake

    app = sentence_explorer(predict_sentiment=mistake("predict_sentiment", "no_sigmoid"))
    app.controls["text"].value = "I loved it"
    live = app.views["words"].live
    z, package = app.state["z"], app.state["package_probability"]
    assert app.state["probability"] == pytest.approx(z)            # the learner's score, not sigmoid(z)
    assert package == pytest.approx(1 / (1 + np.exp(-z)))
    assert live.p_bar.get_width() == pytest.approx(min(max(z, 0), 1))
    assert live.p_package.get_visible() and live.p_package.get_width() == pytest.approx(package)
    assert live.p_mark.get_visible() and live.p_mark.get_xdata()[0] == pytest.approx(min(max(z, 0), 1))
    assert f"P(positive) = {z:.2f}" in app.state["text"]


def test_a_right_predict_sentiment_adds_nothing_to_the_gauge():
    from learner_code import right

    app = sentence_explorer(predict_sentiment=right("predict_sentiment"))
    live = app.views["words"].live
    assert not live.p_package.get_visible() and not live.p_mark.get_visible()
    assert app.state["probability"] == pytest.approx(app.state["package_probability"])
