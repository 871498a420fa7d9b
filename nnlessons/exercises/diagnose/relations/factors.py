"""Yours is the expected value times a factor: the sign flipped, a constant factor (named
when it is one a slip makes: 2, 1/2, a size of the inputs, a log base, a scalar input), an
input array as a factor too many or missing, a factor on the part before an added vector."""
from __future__ import annotations

import numpy as np

from .. import fmt
from ..context import arr
from ..finding import Finding
from .pair import Pair, nontrivial
from .rows import row_factor

__all__ = ["constant", "factor_before_offset", "flipped_sign", "input_ratio", "named_factors"]

_FIRST = [(2.0, "2"), (0.5, "1/2"), (-1.0, "-1"), (-2.0, "-2"), (-0.5, "-1/2")]
_LATER = [(4.0, "4"), (0.25, "1/4")]
_LOG_BASES = [(1 / np.log(10), "log10", "the expected one divided by ln(10): a log in base 10 (np.log10) where the "
               "natural log np.log belongs"),
              (1 / np.log(2), "log2", "the expected one divided by ln(2): a log in base 2 (np.log2) where the "
               "natural log np.log belongs"),
              (np.log(10), "ln10", "the expected one times ln(10): np.log where np.log10 belongs?")]


def flipped_sign(p: Pair) -> list[Finding]:
    """Yours are the negatives of the expected values."""
    if nontrivial(p.ef) and p.close(p.gf, -p.ef):
        return [Finding("sign:flipped", f"{p.pre}your values are the negatives of the expected ones: the sign is "
                        "flipped (a minus where a plus belongs, a - b where b - a belongs, or an update "
                        "that adds where it should subtract)", kind="sign")]
    return []


def _sizes(name: str, v) -> set[tuple[int, str]]:
    """(size, words) of one input: its axes' lengths, its size, the size of one row; for a dict
    of arrays the number of entries in all, and in those whose keys share a prefix."""
    sizes = set()
    a = arr(v)
    if a is not None and a.ndim >= 1 and a.size > 1:
        for ax, n in enumerate(a.shape):
            if n > 1:
                sizes.add((n, f"{name}.shape[{ax}]" if ax else f"len({name})"))
        if a.ndim >= 2:
            sizes.add((a.size, f"{name}.size"))
            if int(np.prod(a.shape[1:])) > 1:
                sizes.add((int(np.prod(a.shape[1:])), f"the size of one {name}[i]"))
    if type(v) is dict:
        groups: dict[str, int] = {}
        for k, x in v.items():
            if (b := arr(x)) is not None and b.ndim >= 1 and isinstance(k, str):
                groups[k.rstrip("0123456789")] = groups.get(k.rstrip("0123456789"), 0) + b.size
        for prefix, n in groups.items():
            if n > 1 and len(groups) > 1:
                sizes.add((n, f"the number of entries in the {prefix} arrays of {name}"))
        total = sum(groups.values())
        if total > 1:
            sizes.add((total, f"the number of entries of {name}"))
    return sizes


def _size_factors(p: Pair, sizes: set[tuple[int, str]]) -> list[tuple[float, str, str]]:
    """(value, id, words) for multiplying and dividing by each size (said with its value when
    the inputs are revealed)."""
    reveal = p.ctx is None or p.ctx.reveal
    out = []
    for n, name in sorted(sizes):
        shown = f"{name} = {n}" if reveal else name
        out.append((float(n), f"size:{name}", (f"{fmt.factor_words(n)} the expected values: " if reveal else
                                                "the expected one ") + f"multiplied by {shown}; a sum where a mean "
                    "belongs, or a missing division by it?"))
        out.append((1.0 / n, f"size:1/{name}", (f"{fmt.factor_words(1 / n)} the expected values: " if reveal else
                                                 "the expected one ") + f"divided by {shown}, or a mean where a sum "
                    "belongs?"))
    return out


def named_factors(p: Pair) -> list[tuple[float, str, str]]:
    """(value, id, words) of the constants a learner's slip multiplies by, most likely first:
    2 and 1/2, the sizes of the inputs (m, 1/m: a sum for a mean), 4, the log bases, and
    (for arrays) the scalar inputs."""
    out = [(v, k, fmt.factor_words(v) + " the expected values") for v, k in _FIRST]
    sizes, scalars = set(), []
    for name, v in p.inputs():
        sizes |= _sizes(name, v)
        a = arr(v)
        if a is not None and a.ndim == 0 and a.dtype.kind in "fiu" and float(a) not in (0.0, 1.0, -1.0):
            scalars.append((name, float(a)))
    out += _size_factors(p, sizes)
    out += [(v, k, fmt.factor_words(v) + " the expected values") for v, k in _LATER]
    out += [(float(v), k, words) for v, k, words in _LOG_BASES]
    if p.ef.size > 1:
        for name, x in scalars:
            out.append((x, f"arg:{name}", f"multiplied by {name} once too often"))
            out.append((1 / x, f"arg:1/{name}", f"divided by {name} where it should not be"))
    return out


def _named(v: float, key: str, words: str) -> str:
    """The words for a named factor; the plain numbers say which factor is extra or missing."""
    if key in ("2", "1/2", "4", "1/4"):
        return f"{words}: an extra or missing factor of {fmt.num(v) if v >= 1 else '1/' + fmt.num(1 / v)}"
    return words


def constant(p: Pair) -> list[Finding]:
    """Every value is the expected one times the same factor (not 0 or 1): each name the factor
    has here, then (for many values) the factor itself."""
    ef, gf = p.ef, p.gf
    nz = np.abs(ef) > 1e-12
    with np.errstate(all="ignore"):
        ratios = gf[nz] / ef[nz]
    if not ratios.size or not np.all(np.isfinite(ratios)):
        return []
    c = float(np.median(ratios))
    if c == 0 or np.isclose(c, 1.0) or not p.close(gf, c * ef):
        return []
    out = [Finding(f"factor:{key}", f"{p.pre}every value is {_named(v, key, words)}", kind="factor")
           for v, key, words in named_factors(p) if np.isclose(c, v, rtol=1e-6)]
    if not p.single:
        out.append(Finding(f"factor:{c:.4g}", f"{p.pre}every value is {fmt.factor_words(c)} the expected "
                           "one: a constant factor is wrong somewhere (a missing or extra multiplication "
                           "or division)", kind="factor_unnamed"))
        if ef.ndim == 1 and not p.path:  # one row: the same as a row scaled by its own factor
            out.append(row_factor(p.pre))
    return out


def input_ratio(p: Pair) -> list[Finding]:
    """The ratio is an input array: an extra factor of a chain of derivatives, or one missing."""
    ef, gf = p.ef, p.gf
    out = []
    for name, v in p.flat_inputs():
        a = arr(v)
        if a is None or a.dtype.kind not in "fiu" or a.ndim == 0 or not nontrivial(a.astype(float)):
            continue
        try:
            shaped = np.broadcast_to(a.astype(float), ef.shape)
        except ValueError:
            continue
        if p.close(gf, ef * shaped) and not p.close(shaped, np.ones_like(shaped)):
            out.append(Finding(f"ratio:*{name}", f"{p.pre}every value is the expected one multiplied by "
                               f"{name}: a factor {name} too many (in a chain of derivatives, each factor "
                               "appears once)", kind="ratio_input"))
        with np.errstate(all="ignore"):
            if np.all(shaped != 0) and p.close(gf * shaped, ef):
                out.append(Finding(f"ratio:/{name}", f"{p.pre}every value is the expected one divided by "
                                   f"{name}: a factor {name} is missing", kind="ratio_input"))
    return out


def factor_before_offset(p: Pair) -> list[Finding]:
    """Each slice n is (something) + v[n] for an input vector v (a bias per output channel);
    yours has the something scaled by one factor: a mean where a sum belongs, before v is added."""
    ef, gf = p.ef, p.gf
    if not p.known or ef.ndim < 2 or ef.shape[0] < 1:
        return []
    out = []
    for name, v in p.flat_inputs():
        a = arr(v)
        if a is None or a.ndim != 1 or a.shape[0] != ef.shape[0] or a.dtype.kind != "f" or not nontrivial(a):
            continue
        shift = a.reshape((-1,) + (1,) * (ef.ndim - 1))
        re_, rg = ef - shift, gf - shift
        nz = np.abs(re_) > 1e-12
        if not nz.any():
            continue
        c = float(np.median(rg[nz] / re_[nz]))
        if c in (0.0, 1.0) or not p.close(rg, c * re_):
            continue
        named = [(k, w) for val, k, w in named_factors(p) if np.isclose(c, val, rtol=1e-6)]
        for key, what in named:  # every name the factor has here: the cases agree on one of them
            out.append(Finding(f"factor_before:{key}", f"{p.pre}apart from {name}, every value is {what} (on the "
                               f"part before {name} is added)", kind="factor"))
        if not named:
            out.append(Finding(f"factor_before:{c:.4g}", f"{p.pre}apart from {name}, every value is "
                               f"{fmt.factor_words(c)} the expected one: a factor is wrong on what comes before "
                               f"{name} is added (a mean where a sum belongs, or a missing or extra division)",
                               kind="factor_unnamed"))
    return out
