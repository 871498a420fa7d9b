"""A diagnosis: what the engine says about a wrong answer, and how it is ranked."""
from __future__ import annotations

from dataclasses import dataclass, replace

__all__ = ["Finding", "RANK", "short_label"]

RANK = {
    "cascade": 0, "form": 5, "order": 7, "unchanged_input": 8, "index": 9, "tokens": 9, "index_effect": 25, "sign": 10, "factor": 11,
    "transposed": 12, "offset": 13, "ignored": 14, "response": 15, "whatif": 15, "sibling": 16, "transform": 18,
    "ratio_input": 18, "partial_input": 17, "row_factor": 19, "zeros": 19, "reduction": 20, "precision": 21, "count": 22,
    "first_step": 23, "frozen": 24, "error": 26, "factor_unnamed": 28, "offset_unnamed": 29,
    "batch": 32, "zero_gradient": 33, "partition": 34, "nonfinite": 35, "warning": 36, "partial": 40, "mutation": 50,
}
"""How specific each kind of finding is (lower first, when two explain as many cases)."""


@dataclass(frozen=True)
class Finding:
    """One explanation of a wrong answer.

    id: stable and short (``"sign"``, ``"factor:2"``, ``"sibling:tanh"``, ``"ignored:lr"``):
        the class report counts students by it.
    words: for the learner: what is wrong, in their terms, and what to do.
    where: the place: which value of the output, which case, which entries.
    kind: a key of `RANK`.
    whole: whether it explains the whole output of a case (not one value of a tuple).
    """

    id: str
    words: str
    where: str = ""
    kind: str = "partial"
    whole: bool = False

    @property
    def rank(self) -> int:
        return RANK.get(self.kind, 60)

    def at(self, where: str) -> "Finding":
        """The same finding placed `where`."""
        return replace(self, where=where)

    def text(self) -> str:
        """The hint shown to the learner."""
        if not self.where:
            return self.words
        return f"{self.words} ({self.where})"


_LABELS = [
    ("cascade:", "fails through its own {x}"), ("sibling:", "computes {x} instead"), ("whatif:", "as if {x}"),
    ("ignored:", "{x} is ignored"), ("response:", "wrong response to {x}"), ("frozen:", "{x} never updated"), ("unchanged:", "returns {x} unchanged"),
    ("mutation:", "changes {x} in place"), ("offset:+", "{x} added twice"), ("offset:-", "{x} missing"),
    ("slice_offset:", "per-channel offset ({x})"), ("ratio:*", "an extra factor {x}"), ("ratio:/", "a factor {x} missing"),
    ("factor:size:", "factor {x}"), ("factor:per_row", "rows not normalised by their sum"), ("factor:", "factor {x}"),
    ("sign:", "sign flipped"), ("zeros:", "all zeros"), ("round:", "rounded ({x})"), ("precision:", "computed in {x}"),
    ("transform:", "{x} applied too"), ("before:", "{x} not applied"), ("dtype:", "right values, {x} dtype"),
    ("shape:axis", "reduces over the wrong axis"), ("shape:transposed", "transposed"),
    ("shape:", "shape: {x}"), ("reduce:", "reduction: {x}"), ("order:", "values in the wrong order"), ("tokens:", "misses words ({x})"), ("rows:", "everything in one row"), ("index:", "index: {x}"), ("option:", "wrong only for {x}"),
    ("off_by_one:", "off by one ({x})"), ("nonfinite:", "{x} where the answer is finite"),
    ("warning:", "numpy warns ({x})"), ("count:", "loop count: {x}"), ("first_step:", "first step: {x}"),
    ("batch:", "right for one example, not a batch"), ("probe:zero_gradient", "moves with a zero gradient"),
    ("partial:", "wrong only {x}"), ("error:matmul", "matrix shapes do not fit"), ("error:undefined:", "calls {x}, undefined"),
    ("error:", "error: {x}"),
]


def short_label(finding_id: str) -> str:
    """A few words for a finding id, for a chart (``whatif:-lr`` -> ``as if -lr``)."""
    for prefix, template in _LABELS:
        if finding_id.startswith(prefix):
            x = finding_id[len(prefix):].replace("_", " ").replace("#", "...")
            return template.format(x=x).strip()
    return finding_id.replace("_", " ")
