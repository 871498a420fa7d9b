"""What the probe calls say (see `probes`): an argument the function ignores, a loop that
runs once too often or too few, a start that is not the starting point, a first step
that is right and a second that is not, a parameter that never moves, a first step in the
wrong direction or of the wrong size, right for one example but not for a batch."""
from __future__ import annotations

import numpy as np

from . import fmt
from .context import Ctx, Unavailable, arr, close
from .finding import Finding
from .leaves import leaves
from .relations import relate

__all__ = ["analyse"]


def _ref(ctx: Ctx, case):
    try:
        return ctx.ref(case.args, case.kwargs)
    except Unavailable:
        return None


def _ok(out) -> bool:
    return out is not None and out.status == "ok"


def analyse(ctx: Ctx, plan, outs, failing: list[int]) -> list[tuple[Finding, float, list[int]]]:
    """``(finding, cover, cases)`` from the probe outcomes (`outs` follows `plan`)."""
    found: list[tuple[Finding, float, list[int]]] = []
    n_fail = 0.9 * len(failing)  # about the function, not a case: below a relation found in every case
    by_kind: dict[tuple, list] = {}
    for p, o in zip(plan, outs):
        by_kind.setdefault((p.kind, p.base, p.param), []).append((p, o))
    ignored, used, constant = [], set(), set()
    responses: dict[str, list] = {}
    for (kind, base, param), items in by_kind.items():
        main = ctx.outcomes[base]
        if kind == "ignored" and ctx.ex.accuracy is not None:
            f = _untrained(ctx, base, param, items[0], main)
            if f is not None:
                found.append((f, n_fail if base in failing else 0.5, [base]))
            continue
        if kind == "ignored":
            verdict = _ignored(ctx, base, param, items[0], main)
            if verdict == "used":
                used.add(param)
                for r in _responses(ctx, base, param, items[0], main):
                    responses.setdefault(param, []).append((base, r))
            elif verdict is not None:
                ignored.append((verdict, base))
        elif kind == "count":
            if _ok(main) and any(_ok(o) and not close(o.value, main.value, *ctx.tol()) for _, o in items):
                used.add(param)  # other counts, other results: the argument is used
            elif _ok(main) and all(_ok(o) for _, o in items):
                constant.add(param)  # the same result for every count tried
            f = _count(ctx, base, param, items, main) if ctx.ex.accuracy is None else _trained(ctx, base, param, items, main)
            if f is not None:
                found.append((f, n_fail if base in failing else 0.5, [base]))
        elif kind == "single" and base in failing and ctx.ex.accuracy is None and _float_output(ctx, base):
            f = _single(ctx, base, items[0])
            if f is not None:
                found.append((f, n_fail, [base]))
        elif kind == "zero" and base in failing:
            f = _zero(ctx, base, param, items[0])
            if f is not None:
                found.append((f, n_fail, [base]))
    params = {f.id for f, _ in ignored}
    if len(params) == 1:  # one argument the function never uses (several: it is broken elsewhere)
        f, base = ignored[0]
        param = f.id.split(":", 1)[1]
        if param not in used:
            # the same result for every value the probes tried, where the right one changes: a fact
            found.append((f, len(failing) if param in constant else n_fail, [base]))
    unused = [f for f, _ in ignored if f.id.split(":", 1)[1] not in used]
    picked = _one_response(responses) if not unused else None
    if picked is not None:  # one argument that enters the wrong way
        param, items = picked
        found.append((_response_finding(ctx, param, [r for _, r in items]), n_fail, [items[0][0]]))
    best: dict[str, tuple] = {}
    for f, cover, cases in found:  # about the function: counted once, whatever the base case
        if f.id not in best or cover > best[f.id][1]:
            best[f.id] = (f, cover, cases)
    return list(best.values())


def _responses(ctx: Ctx, base: int, param: str, item, main) -> list[tuple[str, str, float, float]]:
    """How one number of the output responds when the probe changes a numeric argument,
    against how the right one responds: ``(value, "none" | "opposite" | "other", right
    change, your change)`` for each number that responds otherwise (arrays are left out:
    their changes do not read as one number)."""
    p, o = item
    right_then = _ref(ctx, p.case)
    try:
        right_now = ctx.expected(base)
    except Unavailable:
        return []
    if right_then is None or not (_ok(o) and _ok(main)):
        return []
    inputs = ctx.inputs(ctx.cases[base])
    old = dict(inputs).get(param)
    if not isinstance(old, (int, np.integer)) or isinstance(old, bool):
        return []  # (a float is changed by a large affine step: the response of a non-linear formula says little)
    if any(not isinstance(v, (int, float, str, np.number)) or isinstance(v, bool) for _, v in inputs):
        return []  # a formula of numbers only (a loop over data responds to a count in its own way)
    out = []
    names = ctx.output_names
    pairs = zip(leaves(right_now, right_then, names=names), leaves(main.value, o.value, names=names))
    for (path, r0, r1), (mpath, m0, m1) in pairs:
        a0, a1, b0, b1 = arr(r0), arr(r1), arr(m0), arr(m1)
        if path != mpath or any(x is None or x.ndim != 0 for x in (a0, a1, b0, b1)):
            return []  # the structures differ: said by the cases
        dr, dl = float(a1) - float(a0), float(b1) - float(b0)
        if np.isclose(dl, dr, rtol=1e-6, atol=1e-9):
            continue
        if np.isclose(dl, 0.0, atol=1e-12) and not np.isclose(dr, 0.0, atol=1e-12):
            out.append((path, "none", dr, dl))
        elif np.sign(dl) == -np.sign(dr) != 0:
            out.append((path, "opposite", dr, dl))
        elif not np.isclose(dr, 0.0, atol=1e-12):
            out.append((path, "other", dr, dl))
    return out


def _one_response(responses: dict) -> tuple | None:
    """The one argument to blame: the only one that responds otherwise, else the only one left
    out of a value, else the only one that moves a value the opposite way (a slip in one
    factor of a product changes the response to every other factor too)."""
    if len(responses) == 1:
        return next(iter(responses.items()))
    for how in ("none", "opposite"):
        hit = [(p, items) for p, items in responses.items() if any(r[1] == how for _, r in items)]
        if len(hit) == 1:
            p, items = hit[0]
            return p, [(b, r) for b, r in items if r[1] == how]
    return None


def _response_finding(ctx: Ctx, param: str, items: list) -> Finding:
    """Words for an argument whose changes move the result the wrong way or by the wrong amount."""
    path, how, dr, dl = items[0]
    what = path or "your result"
    nums = ctx.reveal or all(float(x).is_integer() and abs(x) <= 10 for _, _, x, y in items for x in (x, y))
    if how == "none":
        words = (f"{what} does not change when {param} changes, but the right one does: {param} is left out "
                 f"of {what} (it belongs in its formula)")
    elif how == "opposite":
        words = (f"when {param} changes, {what} moves the OPPOSITE way from the right one: {param} enters with the "
                 "wrong sign (subtracted where it is added, or multiplied where it divides?)")
    else:
        change = (f" (a step of {param} changes the right {what} by {fmt.num(dr)} and yours by {fmt.num(dl)})"
                  if nums else "")
        words = (f"{what} responds to {param} by the wrong amount{change}: check how {param} enters the formula "
                 "(a factor it is multiplied by, or a division where it multiplies)")
    return Finding(f"response:{param}:{how}", words[0].upper() + words[1:] + ".", kind="response", whole=True)


def _float_output(ctx: Ctx, base: int) -> bool:
    try:
        return all((a := arr(e)) is not None and a.dtype.kind == "f" for _, e, _ in leaves(ctx.expected(base), 0))
    except Unavailable:
        return False


def _ignored(ctx: Ctx, base: int, param: str, item, main):
    """A Finding if the learner's output stays put where the right one moves, "used" if it
    moves, None when this probe cannot tell (the right one does not move either)."""
    p, o = item
    right_then, right_now = _ref(ctx, p.case), None
    try:
        right_now = ctx.expected(base)
    except Unavailable:
        return None
    if right_then is None or close(right_then, right_now, *ctx.tol()) or not (_ok(o) and _ok(main)):
        return None
    if not close(o.value, main.value, *ctx.tol()):
        return "used"
    return Finding(f"ignored:{param}", f"Your result does not change when {param} changes (the right one "
                   f"does): {param} is ignored. Use the argument {param} itself, not a fixed number or "
                   "another variable in its place.", kind="ignored", whole=True)


# ------------------------------------------------------------------------- counts
def _series(ctx: Ctx, base: int, param: str, items, main):
    """Learner and reference outputs by count value (0, 1, 2, and the case's own)."""
    case = ctx.cases[base]
    names = [n for n, _ in ctx.inputs(case)]
    own = dict(ctx.inputs(case))[param]
    mine = {int(p.value): o for p, o in items}
    mine[int(own)] = main
    right = {k: _ref(ctx, p.case) for p, o in items for k in [int(p.value)]}
    try:
        right[int(own)] = ctx.expected(base)
    except Unavailable:
        return None, None
    if 3 not in right:
        right[3] = _ref(ctx, count_queries(ctx, base, param)[0])
    return mine, right


def count_queries(ctx: Ctx, base: int, param: str) -> list:
    """The extra reference calls a count probe needs: the count at 3, and the start (count
    0) with the data changed (`_counts_steps`)."""
    from .probes import _changed, _with

    case = ctx.cases[base]
    names = [n for n, _ in ctx.inputs(case)]
    changes = {n: _changed(v) for n, v in ctx.inputs(case) if isinstance(v, np.ndarray) and _changed(v) is not None}
    return [_with(case, names, {param: 3}), _with(case, names, {**changes, param: 0})]


def _counts_steps(ctx: Ctx, base: int, param: str, start) -> bool:
    """Whether `param` counts steps of a loop: with it at 0 the right result is finite and is
    the starting point, which does not depend on the data (the other array arguments)."""
    a = [arr(v) for _, v, _ in leaves(start, start)]
    if any(x is None or (x.dtype.kind == "f" and not np.all(np.isfinite(x))) for x in a):
        return False
    case = ctx.cases[base]
    if not any(isinstance(v, np.ndarray) and v.dtype.kind == "f" for _, v in ctx.inputs(case)):
        return False
    other = _ref(ctx, count_queries(ctx, base, param)[1])
    if other is None:
        return False
    if close(other, start, *ctx.tol()):
        return True
    # or the starting point is the inputs themselves (an update step that is not taken)
    return any(close(start, v, *ctx.tol()) for _, v in ctx.inputs(case) if isinstance(v, np.ndarray))


def _eq(ctx, out, value) -> bool:
    return _ok(out) and value is not None and close(out.value, value, *ctx.tol())


def _count(ctx: Ctx, base: int, param: str, items, main) -> Finding | None:
    mine, right = _series(ctx, base, param, items, main)
    if mine is None or any(right.get(k) is None for k in (0, 1, 2)) or not all(_ok(mine.get(k)) for k in (0, 1, 2)):
        return None
    if close(right[1], right[2], *ctx.tol()) or close(right[0], right[1], *ctx.tol()):
        return None  # this integer does not count steps
    if not _counts_steps(ctx, base, param, right[0]):
        return None
    eq = {k: _eq(ctx, mine[k], right[k]) for k in (0, 1, 2)}
    if all(eq.values()):
        return None
    if _eq(ctx, mine[0], right[1]) and _eq(ctx, mine[1], right[2]):
        return Finding(f"count:{param}+1", f"The loop runs once too often ({param} is off by one): with {param} = 0 "
                       f"your result is already what {param} = 1 gives, with {param} = 1 what 2 gives "
                       f"(range({param} + 1), or a step before the loop?).", kind="count", whole=True)
    if eq[0] and _eq(ctx, mine[1], right[0]) and _eq(ctx, mine[2], right[1]):
        return Finding(f"count:{param}-1", f"The loop runs once too few ({param} is off by one): with {param} = 2 "
                       f"your result is what {param} = 1 gives (range({param} - 1), or a count that starts at 1?).",
                       kind="count", whole=True)
    if not eq[0]:
        shown = ""
        if ctx.reveal:
            from ..compare import summarize

            shown = f": expected {summarize(right[0])}, yours is {summarize(mine[0].value)}"
        return Finding(f"count:start", f"With {param} = 0 (no step at all) the result must be the starting "
                       f"values{shown}. Check the initial values (they are set once, before the loop).",
                       kind="count", whole=True)
    if eq[1] and not eq[2]:
        if _eq(ctx, mine[2], right[1]):
            return Finding(f"count:stops", f"The first step is right ({param} = 1), but after it nothing "
                           f"changes any more ({param} = 2 gives the same): is there a return or break inside the "
                           "loop?", kind="count", whole=True)
        return Finding("count:stale", f"The first step is right ({param} = 1) but the second is not ({param} = 2): "
                       "the second step must start from the values the first one produced. Recompute everything "
                       "that depends on them (the prediction, the error, the gradients) inside the loop, at every "
                       "step.", kind="first_step", whole=True)
    if not eq[1]:
        return _first_step(ctx, param, mine[1].value, right[0], right[1])
    return None


def _first_step(ctx: Ctx, param: str, mine1, right0, right1) -> Finding | None:
    """The first step is wrong: which value does not move, or by how much it is off."""
    frozen, signs, factors = [], [], []
    names = ctx.output_names
    for (path, r0, r1), (_, _, m1) in zip(leaves(right0, right1, names=names), leaves(right0, mine1, names=names)):
        a0, a1, b1 = arr(r0), arr(r1), arr(m1)
        if a0 is None or a1 is None or b1 is None or a0.shape != b1.shape:
            return None
        if close(a0, a1, *ctx.tol()):
            continue
        if close(b1, a0, *ctx.tol()):
            frozen.append(path or "the result")
            continue
        step_r, step_m = a1.astype(float) - a0.astype(float), b1.astype(float) - a0.astype(float)
        if np.allclose(step_m, -step_r, rtol=1e-6, atol=1e-12):
            signs.append(path)
            continue
        nz = np.abs(step_r) > 1e-15
        if nz.any():
            c = np.median(step_m[nz] / step_r[nz])
            if np.allclose(step_m, c * step_r, rtol=1e-6, atol=1e-12):
                factors.append((path, float(c)))
    if frozen:
        names = fmt.listing(frozen)
        one = len(frozen) == 1
        return Finding(f"frozen:{','.join(frozen)}", f"{names} never change{'s' if one else ''}: after one step "
                       f"({param} = 1) {'it is' if one else 'they are'} still the starting value. Update "
                       f"{'it' if one else 'them'} in the loop as well (is it never updated, or updated into "
                       "another variable?).", kind="frozen", whole=True)
    if signs:
        return Finding("first_step:sign", f"The first step goes the wrong way ({fmt.listing(signs)} moves "
                       "uphill): subtract the gradient (w = w - lr * dw), do not add it.", kind="first_step",
                       whole=True)
    if factors:
        cs = {round(c, 6) for _, c in factors}
        if len(cs) == 1:
            c = factors[0][1]
            return Finding(f"first_step:factor", f"The first step has the right direction but is "
                           f"{fmt.factor_words(c)} the right size ({fmt.listing([p for p, _ in factors])}): a "
                           "factor in the gradient or the learning rate is wrong (the 2 of a squared error? a "
                           "mean or a sum?).", kind="first_step", whole=True)
        worst = factors[0]
        return Finding(f"first_step:factor", f"The first step of {worst[0]} is {fmt.factor_words(worst[1])} the "
                       "right size: check the factors of its gradient.", kind="first_step", whole=True)
    return None


def _trained(ctx: Ctx, base: int, param: str, items, main) -> Finding | None:
    """For a training exercise graded by accuracy: what never moves during training."""
    outs = {int(p.value): o for p, o in items}
    o0, o2 = outs.get(0), outs.get(2)
    if not (_ok(o0) and _ok(o2)) or type(o0.value) is not dict or type(o2.value) is not dict:
        return None
    keys = [k for k in o0.value if k in o2.value and arr(o0.value[k]) is not None]
    frozen = [k for k in keys if close(o0.value[k], o2.value[k], 1e-12, 0)]
    if not frozen or len(frozen) == len(keys) and close(o0.value, o2.value, 1e-12, 0) and not _ok(main):
        return None
    if len(frozen) == len(keys):
        return Finding("frozen:all", f"Nothing changes during training: the params after 2 {param} are exactly "
                       "the starting ones. Check that the loop runs and that each update is written back "
                       "(W1 -= lr * dW1, ...).", kind="frozen", whole=True)
    return Finding(f"frozen:{','.join(frozen)}", f"{fmt.listing(frozen)} never change{'s' if len(frozen) == 1 else ''}"
                   f" during training (after 2 {param} {'it is' if len(frozen) == 1 else 'they are'} still the "
                   "starting values): update "
                   f"{'it' if len(frozen) == 1 else 'them'} in the loop too.", kind="frozen", whole=True)


def _untrained(ctx: Ctx, base: int, param: str, item, main) -> Finding | None:
    """A trained model's parameters that come out the same with other training data were
    never trained."""
    p, o = item
    if not (_ok(o) and _ok(main)) or type(o.value) is not dict or type(main.value) is not dict:
        return None
    if ctx.ex.predict is not None and ctx.ex.predict(ctx.cases[base], main.value)[0] is None:
        return None  # not a model the grader can run: the report already says why
    keys = [k for k in main.value if k in o.value and (a := arr(main.value[k])) is not None and a.size > 1]
    same = [k for k in keys if close(main.value[k], o.value[k], 1e-12, 0)]
    if not same or len(same) == len(keys) and len(keys) < 2:
        return None
    one = len(same) == 1
    what = "Nothing depends on the training data" if len(same) == len(keys) else \
        f"{fmt.listing(same)} {'comes' if one else 'come'} out the same whatever the training data"
    return Finding(f"frozen:{','.join(same)}", f"{what} ({param} changed, the same values back): "
                   f"{'it is' if one else 'they are'} never updated by the training loop. Check that every "
                   "parameter gets its gradient and its update (W -= lr * dW), and that the loop runs.",
                   kind="frozen", whole=True)


# ------------------------------------------------------------------ one example, zeros
def _single(ctx: Ctx, base: int, item) -> Finding | None:
    p, o = item
    right = _ref(ctx, p.case)
    if right is None or not _eq(ctx, o, right):
        return None
    return Finding("batch:combine", "Right for a single example but not for a batch of several: how the examples are "
                   "combined is wrong (a sum where a mean belongs, the wrong axis, or a loop that keeps only "
                   "one of them).", kind="batch", whole=True)


def _zero(ctx: Ctx, base: int, params: str, item) -> Finding | None:
    p, o = item
    right = _ref(ctx, p.case)
    if right is None or not _ok(o) or close(o.value, right, *ctx.tol()):
        return None
    detail = ""
    for path, e, g in leaves(right, o.value):
        if not close(e, g, *ctx.tol()):
            rel = relate(e, g, ctx.tol(), path, ctx, base)
            a = arr(g)
            if a is not None and a.dtype.kind == "f" and not np.all(np.isfinite(a)):
                detail = f" ({path or 'the result'} has nan or inf: a division by something that is 0 here?)"
            elif rel:
                detail = f" ({rel[0].words})"
            else:
                detail = f" ({path or 'the result'} moves)"
            break
    still = all(close(e, v, *ctx.tol()) for (_, e, _), v in zip(leaves(right, right), p.case.args))
    if not still:
        return None
    return Finding("probe:zero_gradient", f"With a zero gradient ({params} = 0) nothing should move, but your result "
                   f"does{detail}.", kind="zero_gradient", whole=True)
