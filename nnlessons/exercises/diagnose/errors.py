"""numpy's and Python's exceptions, translated for the learner: a matrix product whose
shapes do not fit names the two shapes and which operand needs a transpose; an index or
a key past the end names the argument; a truth value of an array, math.exp on an array,
an axis a 1-D input does not have, a name that is not defined, each say what to do."""
from __future__ import annotations

import ast
import re

import numpy as np

from . import fmt
from .context import Ctx, arr
from .finding import Finding

__all__ = ["translate"]


def _head(error: str) -> tuple[str, str]:
    first = (error or "").splitlines()[0] if error else ""
    kind, _, msg = first.partition(":")
    return kind.strip(), msg.strip()


# ------------------------------------------------------------------- matrix products
def _products(line: str) -> list[tuple[str, str, str]]:
    """``(text, left, right)`` of the matrix products on a source line."""
    out = []
    try:
        tree = ast.parse(line.strip().removeprefix("return ").strip() or "0", mode="eval")
    except SyntaxError:
        try:
            tree = ast.parse(line.strip())
        except SyntaxError:
            return out
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
            out.append((ast.unparse(node), ast.unparse(node.left), ast.unparse(node.right)))
        elif isinstance(node, ast.Call):
            f = ast.unparse(node.func)
            if f in ("np.dot", "np.matmul", "numpy.dot", "numpy.matmul") and len(node.args) == 2:
                out.append((ast.unparse(node), ast.unparse(node.args[0]), ast.unparse(node.args[1])))
            elif f.endswith(".dot") and len(node.args) == 1:
                out.append((ast.unparse(node), f[:-4], ast.unparse(node.args[0])))
    return out


def _shape_of(expr: str, shapes: dict) -> tuple | None:
    expr = expr.strip()
    if expr.startswith("(") and expr.endswith(")"):
        expr = expr[1:-1].strip()
    if expr.endswith(".T"):
        s = _shape_of(expr[:-2], shapes)
        return None if s is None else tuple(reversed(s))
    return shapes.get(expr)


def _fits(a: tuple, b: tuple) -> bool:
    if not a or not b:
        return False
    ka = a[-1]
    kb = b[0] if len(b) == 1 else b[-2]
    return ka == kb


def _t(expr: str) -> str:
    return expr[:-2] if expr.endswith(".T") else (f"{expr}.T" if expr.isidentifier() else f"({expr}).T")


def _matmul(ctx: Ctx, out, msg: str) -> Finding | None:
    line = out.frame.get("line", "") if out.frame else ""
    shapes = {n: tuple(d["shape"]) for n, d in (out.frame or {}).get("vars", {}).items() if "shape" in d}
    prods = _products(line)
    for text, left, right in prods:
        a, b = _shape_of(left, shapes), _shape_of(right, shapes)
        if a is None or b is None or _fits(a, b) or len(a) > 2 or len(b) > 2:
            continue
        fixes = [(f"{_t(left)} @ {right}", (tuple(reversed(a)), b)), (f"{left} @ {_t(right)}", (a, tuple(reversed(b)))),
                 (f"{right} @ {left}", (b, a))]
        good = [f for f, (x, y) in fixes if _fits(x, y) and len(x) == 2]
        if ctx.reveal:
            head = (f"In `{text}` the shapes do not fit: {left} is {fmt.shape(a)} and {right} is {fmt.shape(b)}, "
                    f"and a matrix product needs the last size of the left ({a[-1]}) to equal the first of the "
                    f"right ({b[0] if len(b) == 1 else b[-2]})")
        else:
            head = (f"In `{text}` the shapes do not fit: a matrix product needs the last size of {left} to equal "
                    f"the first size of {right}")
        fix = f": try {good[0]}" if good else ": check the order of the operands and which one needs a .T"
        return Finding("error:matmul", head + fix + " (write the shapes next to each array to see which).",
                       kind="error", whole=True)
    sizes = re.findall(r"size (\d+) is different from (\d+)|(\d+) \(dim \d\) != (\d+)", msg)
    names = [f"{n} {fmt.shape(s)}" for n, s in shapes.items() if len(s) in (1, 2)] if ctx.reveal else []
    extra = f" Here {fmt.listing(names, 6)}." if names else ""
    return Finding("error:matmul", "A matrix product got shapes that do not fit: in A @ B the last size of A "
                   "must equal the first size of B. Check the order of the operands and whether one needs a "
                   f".T.{extra}", kind="error", whole=True)


# ------------------------------------------------------------------- the others
def _broadcast(ctx: Ctx, out, msg: str) -> Finding:
    m = re.search(r"shapes ([\d(), ]+?) ?(\([\d, ]*\))", msg)
    shapes = ""
    if m and ctx.reveal:
        shapes = f" (shapes {m.group(1).strip()} and {m.group(2)})"
    line = out.frame.get("line", "") if out.frame else ""
    where = f" in `{line}`" if line else ""
    short = _short_slice(msg)
    if short:
        return Finding("error:short_slice", f"numpy could not combine two arrays{where}{shapes}: {short} the same "
                       "shape except that one is SHORTER along one axis: a slice that runs past the end of an array "
                       "comes out short, so the array is smaller than the loop assumes (is the padding applied "
                       "first, e.g. with np.pad? does the loop's range go too far?)", kind="error", whole=True)
    fixed = _fixed_key(ctx, line)
    if fixed:
        return Finding("error:fixed_key", f"numpy could not combine two arrays{where}{shapes}: `{fixed}` is the same "
                       "entry on every pass of the loop, so it meets arrays of other shapes. Use the entry that goes "
                       "with the key at hand (its own key, e.g. params[k] or params[f\"b{l}\"]), not a fixed one.",
                       kind="error", whole=True)
    return Finding("error:broadcast", f"numpy could not combine two arrays elementwise{where}{shapes}: their "
                   "shapes do not line up. To combine a per-row value with a (m, k) array keep its axis "
                   "(keepdims=True, or [:, None]); to combine a per-column one, use shape (k,). Compare the "
                   "shapes with the ones the task gives.", kind="error", whole=True)


def _short_slice(msg: str) -> str:
    """Two shapes of one rank equal but for one axis, where the first is shorter (a window
    cut off at the edge of an array): words for it, else ""."""
    shapes = [tuple(int(x) for x in re.findall(r"\d+", m)) for m in re.findall(r"\(([\d, ]*)\)", msg)]
    if len(shapes) < 2 or len(shapes[0]) != len(shapes[1]) or len(shapes[0]) < 2:
        return ""
    a, b = shapes[0], shapes[1]
    diff = [k for k in range(len(a)) if a[k] != b[k]]
    if len(diff) == 1 and a[diff[0]] < b[diff[0]]:
        return "the two have"
    return ""


def _fixed_key(ctx: Ctx, line: str) -> str | None:
    """``params['b1']`` on a line that loops over keys or layers (a comprehension, or another
    subscript of the same dict with a computed key): a fixed entry where each pass needs its own."""
    tree = _parse(line)
    if tree is None:
        return None
    dicts = {n for n, v in ctx.inputs(ctx.cases[0]) if type(v) is dict} if ctx.cases else set()
    subs = [n for n in ast.walk(tree) if isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name)
            and n.value.id in dicts]
    loops = any(isinstance(n, (ast.comprehension, ast.For)) for n in ast.walk(tree))
    for n in subs:
        if isinstance(n.slice, ast.Constant) and isinstance(n.slice.value, str):
            computed = any(o.value.id == n.value.id and not isinstance(o.slice, ast.Constant) for o in subs)
            if loops or computed:
                return ast.unparse(n)
    return None


def _index(ctx: Ctx, i: int, out, msg: str) -> Finding:
    m = re.search(r"index (-?\d+) is out of bounds for axis (\d+) with size (\d+)", msg)
    case = ctx.cases[i]
    if m:
        idx, axis, size = int(m.group(1)), int(m.group(2)), int(m.group(3))
        names = [n for n, v in ctx.inputs(case) if (a := arr(v)) is not None and a.ndim > axis and a.shape[axis] == size]
        names += [n for n, v in ctx.inputs(case) if type(v) in (list, tuple) and len(v) == size and axis == 0]
        shifted = _shifted_subscripts(out.frame.get("line", "") if out.frame else "")
        names.sort(key=lambda n: n not in shifted)  # w[i + 1] ran past the end, not x[i]
        who = f"{names[0]} ({'axis ' + str(axis) + ' of it ' if axis else ''}has {size} entries, indices 0 to {size - 1})" \
            if names else f"an array with {size} entries along axis {axis}"
        if not ctx.reveal:
            who = f"{names[0]}" if names else "an array"
        return Finding("error:index", f"An index ran past the end of {who}: index {idx if ctx.reveal else ''}"
                       .replace("index  ", "an index ").rstrip() + ". Loop over range(len(...)) of the array you "
                       "index (and check i + 1 or i - 1 stays inside).", kind="error", whole=True)
    m = re.search(r"array is (\d+)-dimensional, but (\d+) were indexed", msg)
    if m:
        return Finding("error:index_dims", f"An array is {m.group(1)}-D here but the code indexes it with "
                       f"{m.group(2)} indices: one example comes as a 1-D array (n,), a batch as (m, n); handle "
                       "both (np.atleast_2d, or index with [..., j]).", kind="error", whole=True)
    if "only integers, slices" in msg:
        return Finding("error:index_type", "An array was indexed with floats: indices must be integers "
                       "(use .astype(int), // or int(...)).", kind="error", whole=True)
    return Finding("error:index", f"An index is out of range ({msg}): check the sizes the loop assumes.",
                   kind="error", whole=True)


def _shifted_subscripts(line: str) -> set[str]:
    """Names indexed with arithmetic on a source line (``w[i + 1]``): the likely overrun."""
    try:
        tree = ast.parse(line.strip().removeprefix("return ").strip() or "0")
    except SyntaxError:
        return set()
    return {n.value.id for n in ast.walk(tree) if isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name)
            and any(isinstance(x, ast.BinOp) for x in ast.walk(n.slice))}


def _key(ctx: Ctx, i: int, out, msg: str) -> Finding:
    """A key a dict argument does not have: one past the last numbered key (a loop that runs
    too far), a value from the data (a word that is not in the vocabulary), or a misspelling."""
    try:
        key = ast.literal_eval(msg.strip())
    except (ValueError, SyntaxError):
        key = msg.strip("'\"")
    dicts = [(name, v) for name, v in ctx.inputs(ctx.cases[i]) if type(v) is dict]
    for name, v in dicts:
        if key in v:
            continue
        keys = list(v)
        shown = fmt.listing([repr(k) for k in keys], 8)
        m = re.fullmatch(r"([A-Za-z_]+)(\d+)", key) if isinstance(key, str) else None
        numbered = sorted(int(k[len(m.group(1)):]) for k in keys if m and isinstance(k, str)
                          and re.fullmatch(re.escape(m.group(1)) + r"\d+", k))
        if m and numbered and int(m.group(2)) > numbered[-1]:
            last = f"{m.group(1)}{numbered[-1]}"
            per = len(keys) // len(numbered) if len(keys) % len(numbered) == 0 else 0
            count = (f" (len({name}) counts every key, {per} per {m.group(1)}: there are len({name}) // {per} = "
                     f"{len(numbered)} of them)") if per > 1 else ""
            return Finding("error:key_past_end", f"{name} has no key {key!r}: its keys stop at {last!r} ({shown}), so "
                           f"a loop runs past the last one. Count them from the keys{count}.", kind="error",
                           whole=True)
        if isinstance(key, str) and _in_data(ctx, i, key):
            what = f"{key!r}" if ctx.reveal else "a word"
            return Finding("error:key_from_data", f"{name} has no key {what}, which comes from the data: not every "
                           f"value you look up is in {name}. Skip the ones that are not (if x in {name}: ...), or "
                           f"use {name}.get(x).", kind="error", whole=True)
        return Finding("error:key", f"{name} has no key {msg}: its keys are {shown}. Use the keys the task "
                       "names (and check whether a key can be missing, e.g. dict.get).", kind="error", whole=True)
    return Finding("error:key", f"A dict has no key {msg}: check the key names the task uses.", kind="error",
                   whole=True)


def _in_data(ctx: Ctx, i: int, key: str) -> bool:
    """Whether `key` occurs in a string argument (or a list of strings), lower-cased."""
    k = key.lower()
    for _, v in ctx.inputs(ctx.cases[i]):
        texts = [v] if type(v) is str else [t for t in v if type(t) is str] if type(v) in (list, tuple) else []
        if any(k in t.lower() for t in texts):
            return True
    return False


def _name(ctx: Ctx, out, msg: str) -> Finding:
    m = re.search(r"name '(\w+)' is not defined", msg)
    name = m.group(1) if m else "?"
    from ..registry import EXERCISES

    if name in EXERCISES and name != ctx.ex.name:
        other = EXERCISES[name]
        where = ("it is an exercise of this notebook: run its cell first" if other.notebook == ctx.ex.notebook
                 else f"it belongs to another notebook ({other.notebook}), so it is not defined here: write the "
                      "computation out in this function")
        return Finding(f"error:undefined:{name}", f"{ctx.ex.name} calls {name}, which is not defined: {where}.",
                       kind="error", whole=True)
    if name == "np":
        return Finding("error:undefined:np", "np is not defined: run the first code cell (import numpy as np).",
                       kind="error", whole=True)
    return Finding(f"error:undefined", f"The name {name} is not defined when the function runs: a typo, or a "
                   "variable from another cell? Use only the function's arguments and names defined inside it.",
                   kind="error", whole=True)


_SIMPLE = [
    (r"truth value of an array", "error:truth_value",
     "`if`, `and`, `or`, max(0, z) or min(...) were used on a whole array: Python wants ONE True/False. "
     "Work elementwise instead: np.maximum(z, 0), np.where(z > 0, a, b), & and | between comparisons."),
    (r"only (0-dimensional|length-1|size-1) arrays can be converted", "error:scalar_function",
     "A function for ONE number (math.exp, float(), int(), math.log) got an array: use numpy's "
     "elementwise versions (np.exp, np.log, .astype(float)) so it works for an array too."),
    (r"axis (-?\d+) is out of bounds for array of dimension (\d+)", "error:axis",
     "An axis that this input does not have: a single example is a 1-D array, so axis=1 does not exist. "
     "Use axis=-1 (the last axis), which works for one example and for a batch."),
    (r"math range error", "error:overflow",
     "math.exp overflowed (exp of a large number does not fit in a float): use np.exp on arrays and a "
     "stable form that only takes exp of numbers <= 0."),
    (r"setting an array element with a sequence", "error:sequence",
     "An array entry was given several numbers at once: a row where one number belongs (check the shapes "
     "on both sides of the assignment)."),
    (r"maximum recursion depth", "error:recursion",
     "The function calls itself without end: inside it, call numpy (or a helper with another name), not itself."),
    (r"unsupported operand type", "error:operand",
     "An operator got a type it cannot handle (e.g. a list times a float, or None): convert lists with "
     "np.array(...) and check that every helper returns its value."),
    (r"object is not subscriptable|object is not iterable", "error:not_container",
     "A number was indexed or looped over as if it were an array: check which arguments are single numbers."),
    (r"division by zero", "error:zero_division",
     "A division by zero: a Python division of numbers (use numpy arrays, or check what the divisor can be)."),
    (r"can't multiply sequence|can only concatenate", "error:list_math",
     "Arithmetic on a Python list: lists repeat or join instead of adding elementwise; use np.array(...)."),
]


_LIST_METHODS = {"index": "e.g. int(np.argmin(x)) for the position of the lowest value, or a loop with "
                            "enumerate", "append": "collect in a list first, then np.array(...)",
                  "count": "e.g. np.sum(x == v)", "sort": "sorted(x) or np.sort(x) returns a sorted copy",
                  "remove": "build a new list or use a mask", "extend": "use np.concatenate"}


def _parse(line: str):
    """A source line as an AST (a `for`/`if`/`while` header gets a body), or None."""
    text = line.strip().removeprefix("return ").strip() or "0"
    if text.startswith("elif "):
        text = text[2:]
    for candidate in (text, text + " pass", text.rstrip(":") + ": pass"):
        try:
            return ast.parse(candidate)
        except SyntaxError:
            continue
    return None


def _uncalled(line: str) -> list[str]:
    """``s.lower``-like expressions on a source line that are never called."""
    tree = _parse(line)
    if tree is None:
        return []
    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    return [ast.unparse(n) for n in ast.walk(tree) if isinstance(n, ast.Attribute) and id(n) not in called
            and n.attr in _METHODS]


_METHODS = {"lower", "upper", "strip", "split", "sum", "mean", "max", "min", "copy", "items", "keys", "values",
            "std", "argmax", "argmin", "ravel", "flatten", "sort", "title", "capitalize", "casefold"}


def _not_called(out, what: str) -> Finding:
    line = out.frame.get("line", "") if out.frame else ""
    names = _uncalled(line)
    if names:
        head = (f"`{names[0]}` is the method itself, not its result: call it with parentheses, "
                f"`{names[0]}()`")
    else:
        head = "A function or method was used without calling it (a missing pair of parentheses, e.g. s.lower "
        head += "where s.lower() belongs)"
    return Finding("error:not_called", f"{head} ({what}).", kind="error", whole=True)


def _attribute(ctx: Ctx, i: int, out, msg: str) -> Finding:
    m = re.search(r"'([\w.]+)' object has no attribute '(\w+)'", msg)
    if m:
        typ, attr = m.group(1).split(".")[-1], m.group(2)
        if typ == "ndarray" and attr in _LIST_METHODS:
            names = [n for n, v in ctx.inputs(ctx.cases[i]) if isinstance(v, np.ndarray)]
            who = names[0] if names else "an argument"
            return Finding(f"error:attribute:ndarray.{attr}", f"{who} is a numpy array here, and .{attr} is a "
                           f"method of Python lists that numpy arrays do not have: write code that works for a "
                           f"list and an array alike ({_LIST_METHODS[attr]}).", kind="error", whole=True)
        if typ in ("builtin_function_or_method", "method", "function"):
            return _not_called(out, f"a function or method has no .{attr}")
        names = [n for n, v in ctx.inputs(ctx.cases[i]) if type(v).__name__ == typ]
        who = f"{names[0]} is a {typ} (a single number)" if names and typ in ("float", "int") else \
            f"{names[0]} is a {typ}" if names else f"a {typ}"
        return Finding(f"error:attribute:{typ}.{attr}", f"{who} and has no .{attr}: "
                       + ("use it as it is (a number needs no transpose or shape)" if typ in ("float", "int")
                          else "convert it with np.array(...) first, or use a function that takes it as it is")
                       + ".", kind="error", whole=True)
    return Finding("error:attribute", f"An attribute error ({msg}): check the type of each argument.",
                   kind="error", whole=True)


def translate(ctx: Ctx, i: int, out) -> Finding | None:
    """The learner's error on case `i`, in words (None when there is nothing to add)."""
    kind, msg = _head(out.error)
    if kind == "ValueError" and ("matmul" in msg or "not aligned" in msg):
        return _matmul(ctx, out, msg)
    if "could not be broadcast" in msg:
        return _broadcast(ctx, out, msg)
    if kind == "IndexError":
        return _index(ctx, i, out, msg)
    if kind == "KeyError":
        return _key(ctx, i, out, msg)
    if kind in ("NameError", "UnboundLocalError"):
        return _name(ctx, out, msg)
    if kind == "AttributeError":
        return _attribute(ctx, i, out, msg)
    m = re.search(r"got '(builtin_function_or_method|method|function)'|'(builtin_function_or_method|method)' "
                  r"object (is not|has no|cannot)", msg)
    if m:
        return _not_called(out, f"Python said: {msg}")
    for pattern, key, words in _SIMPLE:
        if re.search(pattern, msg):
            return Finding(key, words, kind="error", whole=True)
    if kind == "TypeError" and "argument" in msg:
        return Finding("error:arguments", f"The function was called with the exercise's arguments and "
                       f"Python refused ({msg}): keep the signature the task gives, "
                       f"def {ctx.ex.name}(...).", kind="error", whole=True)
    return None
