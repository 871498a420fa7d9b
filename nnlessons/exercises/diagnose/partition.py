"""Which cases fail, told by an option argument: "right for scheme = 'he', wrong in every
case with scheme = 'xavier'". An option is a short name (a string that is an identifier,
such as "relu" or "xavier") or a bool: it belongs to the task's contract, not to the
data, so it may be said even about hidden cases."""
from __future__ import annotations

import inspect

from . import fmt
from .context import Ctx
from .finding import Finding

__all__ = ["option", "split", "finding", "where"]


def option(v) -> bool:
    """Whether a value is an option (a short name or a bool), not data."""
    return isinstance(v, bool) or (type(v) is str and v.isidentifier() and len(v) <= 24)


def _values(ctx: Ctx, name: str) -> list | None:
    """The value of argument `name` in every case (its default where a case leaves it out)."""
    names = [p.name for p in ctx.params]
    out = []
    for case in ctx.cases:
        if name in case.kwargs:
            out.append(case.kwargs[name])
        elif name in names and names.index(name) < len(case.args):
            out.append(case.args[names.index(name)])
        else:
            try:
                out.append(ctx.default(name))
            except KeyError:
                return None
    return out


def split(ctx: Ctx) -> tuple[str, object, list] | None:
    """``(name, value, others)`` when the failing cases are exactly those where the option
    `name` is `value` (and some passing case has another value), else None."""
    failing = set(ctx.failing())
    passing = set(range(len(ctx.cases))) - failing
    if not failing or not passing:
        return None
    names = [p.name for p in ctx.params if p.kind in (inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                                        inspect.Parameter.KEYWORD_ONLY)]
    for name in names:
        vals = _values(ctx, name)
        if vals is None or not all(option(v) for v in vals):
            continue
        bad = {vals[i] for i in failing}
        good = {vals[i] for i in passing}
        if len(bad) == 1 and not bad & good:
            return name, bad.pop(), sorted(good, key=repr)
    return None


def where(name: str, value, others: list) -> str:
    """The place: every case with this option, the others passing."""
    rest = fmt.listing([f"{name} = {v!r}" for v in others])
    return f"in every case with {name} = {value!r}; the cases with {rest} pass"


def finding(ctx: Ctx, name: str, value, others: list, detail: str = "") -> Finding:
    """The split itself as the explanation (when nothing more specific is found)."""
    errs = [ctx.outcomes[i] for i in ctx.failing()]
    raised = {o.error.splitlines()[0] for o in errs if o.status == "error" and o.error}
    if raised and all(o.status == "error" for o in errs):
        what = f"raises {sorted(raised)[0]}" if len(raised) == 1 else "raises an error"
    else:
        what = "gives wrong values"
    rest = fmt.listing([repr(v) for v in others])
    words = (f"Your function is right for {name} = {rest} but {what} in every case with {name} = {value!r}: "
             f"the mistake is in what your code does for {name} = {value!r} (is that branch reached, spelled "
             "and computed as the task says?)")
    if detail:
        words += f". There: {detail}"
    return Finding(f"option:{name}={value}", words + ("" if words.endswith(".") else "."), kind="partition",
                   whole=True)
