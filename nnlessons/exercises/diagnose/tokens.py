"""Counts of words: an output with one row per text (a list of strings) and one column per
word of a vocabulary (a dict word -> column). Where the counts are wrong, look at how the
word is written in the text: with a capital, with punctuation right after it, with an
apostrophe, several times. One kind of spelling behind every wrong count names the step
that misses it (lower-casing, the word pattern, counting)."""
from __future__ import annotations

import re

import numpy as np

from .context import Ctx
from .finding import Finding

__all__ = ["relate_counts"]


def _texts_and_vocab(ctx: Ctx, i: int, shape: tuple) -> tuple[str, list, str, dict] | None:
    texts = vocab = None
    for name, v in ctx.inputs(ctx.cases[i]):
        if type(v) in (list, tuple) and v and all(type(t) is str for t in v) and len(v) == shape[0]:
            texts = (name, list(v))
        elif (type(v) is dict and v and all(type(k) is str and isinstance(c, (int, np.integer)) for k, c in v.items())
              and sorted(int(c) for c in v.values()) == list(range(shape[1]))):
            vocab = (name, v)
    if texts is None or vocab is None:
        return None
    return texts[0], texts[1], vocab[0], vocab[1]


_WAYS = {
    "capital": ("written with capitals", "lower-case the text before you look for words (text.lower())"),
    "punctuation": ("with punctuation right after it", "take the words with a pattern of letters, "
                    "re.findall(r\"[a-z']+\", text.lower()), not text.split(), which keeps 'film,' as one piece"),
    "apostrophe": ("with an apostrophe inside", "keep the apostrophe in the word pattern, [a-z']+, so that "
                   "\"don't\" stays one word"),
    "repeated": ("more than once in the same text", "add one per occurrence (+= 1), do not just mark it (= 1)"),
}


def _ways(text: str, word: str) -> set[str]:
    """How `word` is written in `text` (each occurrence), as keys of `_WAYS`."""
    out = set()
    hits = list(re.finditer(r"(?<![A-Za-z'])" + re.escape(word) + r"(?![A-Za-z'])", text, re.IGNORECASE))
    if len(hits) > 1:
        out.add("repeated")
    for h in hits:
        if h.group(0) != h.group(0).lower():
            out.add("capital")
        nxt = text[h.end():h.end() + 1]
        if nxt and not nxt.isspace():
            out.add("punctuation")
    if "'" in word:
        out.add("apostrophe")
    return out


def relate_counts(ctx: Ctx, i: int, e: np.ndarray, g: np.ndarray, path: str = "") -> list[Finding]:
    """What the wrong counts have in common, in words."""
    if e.ndim != 2 or g.shape != e.shape or e.size == 0:
        return []
    found = _texts_and_vocab(ctx, i, e.shape)
    if found is None:
        return []
    tname, texts, vname, vocab = found
    words = {int(c): w for w, c in vocab.items()}
    bad = np.argwhere(~np.isclose(g.astype(float), e.astype(float)))
    if not len(bad):
        return []
    shared = None
    less = all(g[r, c] < e[r, c] for r, c in bad)
    for r, c in bad:
        ways = _ways(texts[r], words[int(c)]) if e[r, c] > 0 else set()
        if "repeated" in ways and not (g[r, c] == 1 and e[r, c] > 1):
            ways.discard("repeated")
        shared = ways if shared is None else shared & ways
    pre = f"{path}: " if path else ""
    if shared and less:
        way = sorted(shared, key=list(_WAYS).index)[0]
        how, fix = _WAYS[way]
        r, c = bad[0]
        example = f" (e.g. {words[int(c)]!r} in {tname}[{r}])" if ctx.reveal else ""
        return [Finding(f"tokens:{way}", f"{pre}the counts that are too low are all of words {how}{example}: "
                        f"{fix}", kind="tokens")]
    return []
