"""Figures for lesson 14 (words and weights): a bag-of-words logistic regression.

`word_weights` shows the most positive and most negative learned word weights;
`SentenceContributions` (a `LiveFigure`) shows, for one sentence, each word's weighted
contribution ``w_word * count``, the bias, and the predicted probability, and moves to
a new sentence in place (the lesson's widget types into it); `sentence_contributions`
is its static version.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from matplotlib.colors import same_color
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from ..activations import sigmoid
from ..data import tokenize
from .beside import FAINT_ALPHA, differing
from .live import LiveFigure
from .style import PALETTE, new_figure, recolor, style_axes

__all__ = ["word_weights", "SentenceContributions", "sentence_contributions", "contributions"]

# the course's sign colours: vermillion for positive, blue for negative (as in lessons 01-13)
_POS, _NEG, _UNKNOWN = PALETTE["vermillion"], PALETTE["blue"], PALETTE["grey"]


def word_weights(vocab: Sequence[str], w: np.ndarray, k: int = 10,
                 title: str = "The words with the largest learned weights") -> Figure:
    """Horizontal bars: the ``k`` most positive and ``k`` most negative weights.

    vocab: V words; w: (V,) their weights (positive pushes towards "positive").
    """
    w = np.asarray(w, dtype=np.float64)
    if w.shape != (len(vocab),):
        raise ValueError(f"w must have one weight per vocabulary word, shape ({len(vocab)},); got {w.shape}.")
    order = np.argsort(w)
    k = min(k, len(w) // 2)
    idx = np.concatenate([order[:k], order[-k:]])           # most negative ... most positive
    fig = new_figure(6.0, 0.26 * len(idx) + 1.2, dpi=90)
    ax = fig.add_subplot()
    y = np.arange(len(idx))
    colors = [_POS if w[i] > 0 else _NEG for i in idx]
    ax.barh(y, w[idx], color=colors)
    ax.set_yticks(y, [vocab[i] for i in idx])
    ax.axvline(0, color="black", linewidth=0.8)
    style_axes(ax, title, "weight of the word", "word")
    ax.legend(handles=[Patch(color=_POS, label="pushes towards positive"),
                       Patch(color=_NEG, label="pushes towards negative")],
              loc="lower right", fontsize=8)
    return fig


def contributions(sentence: str, vocab: Sequence[str], w: np.ndarray, b: float
                  ) -> tuple[list[str], np.ndarray, list[bool], float, float]:
    """Each token's contribution to the score z = b + sum over words of w_word * count.

    Returns (tokens, contribution per token (n,), known per token, z, sigmoid(z)). A word
    that occurs twice appears twice, each time with its weight; an unknown word adds 0.
    """
    index = {word: j for j, word in enumerate(vocab)}
    tokens = tokenize(sentence)
    known = [t in index for t in tokens]
    contrib = np.array([w[index[t]] if k else 0.0 for t, k in zip(tokens, known)], dtype=np.float64)
    z = float(b + contrib.sum())
    return tokens, contrib, known, z, float(sigmoid(z))


class SentenceContributions(LiveFigure):
    """One sentence taken apart: a bar for the bias and for each word's contribution
    ``w_word * 1`` to the score z, and a gauge for the predicted probability sigmoid(z).

    Colours: vermillion pushes towards positive, blue towards negative; a word the
    model never saw (not in ``vocab``) adds 0 and is written in grey, "unknown".
    At most ``slots`` bars: the bias, then the words in order; further words are
    combined into one bar. ``update(sentence)`` returns ``tokens``, ``contributions``
    (n,), ``known`` (per token), ``z``, ``probability``, ``verdict``, ``bars`` (label,
    value) and ``kinds`` ("bias", "known", "unknown" per bar) as drawn, and
    ``package_probability`` (the package's, which ``probability`` is compared with).

    predict(sentences, vocab {word: column}, w, b) -> (m,) probabilities: a learner's
    predict_sentiment (exercise 14), whose probability the gauge shows instead of the
    package's (the bars stay the package's); where it differs, the package's is drawn
    faint under it and the learner's end is marked with a cross (nothing extra while
    they agree).
    """

    def __init__(self, vocab: Sequence[str], w: np.ndarray, b: float, sentence: str = "",
                 slots: int = 12, width: float = 7.2, height: float = 3.8, dpi: int = 80,
                 xmax: float | None = None, predict: Callable | None = None):
        self.vocab, self.w, self.b = list(vocab), np.asarray(w, dtype=np.float64), float(b)
        self.predict, self.columns = predict, {word: j for j, word in enumerate(self.vocab)}
        if self.w.shape != (len(self.vocab),):
            raise ValueError(f"w must have one weight per vocabulary word, shape ({len(self.vocab)},); "
                             f"got {self.w.shape}.")
        self.slots = slots
        self.fig = new_figure(width, height, dpi=dpi)
        ax, ax_p = self.fig.subplots(2, 1, gridspec_kw={"height_ratios": [5, 1]})
        y = np.arange(slots)
        self.bars = list(ax.barh(y, np.zeros(slots), color=_UNKNOWN, height=0.7))
        self.labels = [ax.text(0, yi, "", va="center", fontsize=9) for yi in y]
        ax.axvline(0, color="black", linewidth=0.8)
        self.lim = xmax or max(1.0, 1.1 * float(np.abs(np.concatenate([self.w, [self.b]])).max()))
        ax.set_xlim(-self.lim, self.lim)
        ax.set_ylim(slots - 0.5, -0.5)
        ax.set_yticks([])
        style_axes(ax, "", "contribution to the score z", "", grid=False)
        # a colour key as three plain texts (cheaper to redraw than a Legend)
        for j, (color, label) in enumerate([(_POS, "\u25a0 positive"), (_NEG, "\u25a0 negative"),
                                            (_UNKNOWN, "grey word: unknown, adds 0")]):
            ax.text(0.99, 0.04 + 0.07 * (2 - j), label, color=color, fontsize=8, ha="right",
                    va="bottom", transform=ax.transAxes)
        ax.xaxis.set_major_locator(MaxNLocator(5))   # few tick labels: each text costs a redraw
        self.title = ax.set_title(" ")
        self.p_bar = ax_p.barh([0], [0.5], color=_POS, height=0.6)[0]
        ax_p.axvline(0.5, color="black", linewidth=0.8, linestyle="--")
        ax_p.set_xlim(0, 1)
        ax_p.set_yticks([])
        ax_p.set_xticks([])
        self.p_text = ax_p.text(0.01, 0, "", va="center", ha="left", color="white", fontweight="bold")
        ax_p.set_xlabel("P(positive) = \u03c3(z), from 0 to 1")
        # the package's probability beside a learner's: hidden while they agree
        self.p_package = ax_p.barh([0], [0.5], color=_POS, height=0.95, alpha=FAINT_ALPHA, zorder=0.5,
                                   visible=False)[0]
        (self.p_mark,) = ax_p.plot([], [], ls="", marker="x", ms=9, mew=2.5, color=PALETTE["black"],
                                   zorder=3, visible=False, clip_on=False)
        self.animated = [self.p_package, *self.bars, *self.labels, self.title, self.p_bar, self.p_text, self.p_mark]
        self.update(sentence)

    def update(self, sentence: str) -> dict[str, Any]:
        """Show ``sentence``: move the bars, labels, title and gauge; return what is shown."""
        tokens, contrib, known, z, package = contributions(sentence, self.vocab, self.w, self.b)
        p = package if self.predict is None else self._yours(sentence, package)
        names = ["(bias b)"] + tokens
        values = np.concatenate([[self.b], contrib])
        kinds = ["bias"] + ["known" if k else "unknown" for k in known]
        if len(names) > self.slots:                      # combine the tail into one bar
            rest = len(names) - self.slots + 1
            names = names[:self.slots - 1] + [f"(+{rest} more words)"]
            values = np.concatenate([values[:self.slots - 1], [values[self.slots - 1:].sum()]])
            kinds = kinds[:self.slots - 1] + ["known"]
        for i, (bar, label) in enumerate(zip(self.bars, self.labels)):
            shown = i < len(names)
            bar.set_visible(shown)
            label.set_visible(shown)
            if shown:
                self._show_bar(bar, label, names[i], float(values[i]), kinds[i])
        self.p_bar.set_width(np.clip(p, 0.0, 1.0) if np.isfinite(p) else 0.0)
        self.p_bar.set_color(_POS if p >= 0.5 else _NEG)
        self.p_text.set_text(f"\u03c3(z) = {p:.2f}")
        recolor(self.p_text, "white" if p > 0.2 else "black")
        verdict = "positive" if p >= 0.5 else "negative"
        self.title.set_text(f"score z = {z:+.2f}  \u2192  {verdict}")
        return {"tokens": tokens, "contributions": contrib, "known": known, "z": z, "probability": p,
                "verdict": verdict, "bars": list(zip(names, values.tolist())), "kinds": kinds,
                "package_probability": package}

    def _yours(self, sentence: str, package: float) -> float:
        """The learner's probability for `sentence` (the package's if it gives no number);
        the package's drawn faint under it, and its end marked, where they differ."""
        try:
            p = float(np.ravel(np.asarray(self.predict([sentence], self.columns, self.w, self.b), dtype=float))[0])
        except (TypeError, ValueError, IndexError):
            p = package
        differs = bool(differing(p, package))
        self.p_package.set_visible(differs)
        self.p_mark.set_visible(differs)
        if differs:
            self.p_package.set_width(package)
            self.p_package.set_color(_POS if package >= 0.5 else _NEG)
            self.p_mark.set_data([np.clip(p, 0.0, 1.0) if np.isfinite(p) else 0.0], [0.0])
        return p

    def _show_bar(self, bar, label, name: str, v: float, kind: str) -> None:
        """One bar and its label; an unknown word has no bar, only a grey label."""
        bar.set_width(np.clip(v, -self.lim, self.lim))
        bar.set_color(_UNKNOWN if kind == "unknown" else (_POS if v > 0 else _NEG))
        text, color = (f"{name}  (unknown, 0)", _UNKNOWN) if kind == "unknown" else (f"{name} {v:+.2f}", "black")
        # the label sits on the other side of zero from the bar
        x, ha = (-0.03 * self.lim, "right") if v >= 0 else (0.03 * self.lim, "left")
        # set only when something differs: an unchanged label stays un-stale, so a view pastes it
        if ((label.get_text(), label.get_position()[0], label.get_ha()) != (text, x, ha)
                or not same_color(label.get_color(), color)):
            label.set(text=text, color=color, x=x, ha=ha)


def sentence_contributions(sentence: str, vocab: Sequence[str], w: np.ndarray, b: float) -> Figure:
    """A static figure of one sentence's word contributions and predicted probability."""
    return SentenceContributions(vocab, w, b, sentence, dpi=90).fig
