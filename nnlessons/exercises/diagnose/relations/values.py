"""Relations between arrays of the SAME shape, in the order the engine weighs them (it keeps
the explanation that covers the most cases, ties broken by this order): `relate_values`
runs `CHECKS` and gathers what they find; a finding in `ALONE` is said by itself."""
from __future__ import annotations

from ..finding import Finding
from . import factors, form, offsets, reductions, rows, transforms
from .pair import Pair, nontrivial

__all__ = ["ALONE", "CHECKS", "relate_values"]

CHECKS = [
    factors.flipped_sign, form.rounding, offsets.zeros, factors.constant, offsets.off_by_one,
    # against the case's inputs (nothing when they are not known)
    offsets.scaled_offsets, offsets.added_terms, offsets.input_offsets, offsets.row_reductions,
    offsets.list_items, factors.input_ratio,
    offsets.constant, form.verdict, reductions.other_axis, transforms.scaled_transforms,
    transforms.other_activation, transforms.transformed, transforms.missing_step, form.precision,
    rows.per_row_factor, rows.sum_each, rows.into_one, rows.slice_offset, factors.factor_before_offset,
]
"""The same-shape relations, most likely first."""

ALONE = {factors.flipped_sign, offsets.off_by_one}
"""Relations so certain that what they find replaces everything found before them."""


def relate_values(p: Pair) -> list[Finding]:
    """What `CHECKS` find, in order (only what an `ALONE` check finds, when it finds something)."""
    if not nontrivial(p.ef) and not nontrivial(p.gf):
        return []
    out: list[Finding] = []
    for check in CHECKS:
        found = check(p)
        if found and check in ALONE:
            return found
        out += found
    return out
