"""nnlessons.autograd: Value against PyTorch fixtures and finite differences; the engine draws nothing."""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from nnlessons.autograd import Value

FIX = np.load(Path(__file__).parent / "torch_fixtures" / "conv.npz")
EXPR_IDS = sorted({int(k.split("/")[1]) for k in FIX.files if k.startswith("expr/")})


def numdiff(f, x: float, eps: float = 1e-6) -> float:
    return (f(x + eps) - f(x - eps)) / (2 * eps)


# ------------------------------------------------------------- against PyTorch
@pytest.mark.parametrize("i", EXPR_IDS)
def test_expression_value_and_grads_match_pytorch(i):
    source = str(FIX[f"expr/{i}/source"])
    names = [str(n) for n in FIX[f"expr/{i}/names"]]
    leaves = {n: Value(float(x), label=n) for n, x in zip(names, FIX[f"expr/{i}/inputs"])}
    out = eval(source, {}, dict(leaves))   # our own fixture strings
    out.backward()
    assert out.data == pytest.approx(float(FIX[f"expr/{i}/value"]), rel=1e-12)
    got = [leaves[n].grad for n in names]
    np.testing.assert_allclose(got, FIX[f"expr/{i}/grads"], rtol=1e-11, atol=1e-14)


def test_fixtures_use_every_operation():
    ops = set()
    for i in EXPR_IDS:
        names = [str(n) for n in FIX[f"expr/{i}/names"]]
        leaves = {n: Value(float(x)) for n, x in zip(names, FIX[f"expr/{i}/inputs"])}
        out = eval(str(FIX[f"expr/{i}/source"]), {}, leaves)
        ops |= {"**" if v._op.startswith("**") else v._op for v in out.topological_order()}
    assert {"+", "-", "*", "/", "**", "neg", "exp", "log", "tanh", "sigmoid", "relu"} <= ops


# ------------------------------------------------------------ finite differences
ONE_ARG = {
    "add": lambda a, c: a + c, "radd": lambda a, c: c + a,
    "sub": lambda a, c: a - c, "rsub": lambda a, c: c - a,
    "mul": lambda a, c: a * c, "rmul": lambda a, c: c * a,
    "div": lambda a, c: a / c, "rdiv": lambda a, c: c / a,
    "pow_int": lambda a, c: a ** 3, "pow_neg": lambda a, c: a ** -2, "pow_float": lambda a, c: a ** 1.5,
    "neg": lambda a, c: -a, "exp": lambda a, c: a.exp(), "log": lambda a, c: a.log(),
    "tanh": lambda a, c: a.tanh(), "sigmoid": lambda a, c: a.sigmoid(), "relu": lambda a, c: a.relu(),
    "square_by_reuse": lambda a, c: a * a, "double_by_reuse": lambda a, c: a + a,
}
MATH = {   # the same functions on floats, written independently
    "add": lambda x, c: x + c, "radd": lambda x, c: c + x, "sub": lambda x, c: x - c,
    "rsub": lambda x, c: c - x, "mul": lambda x, c: x * c, "rmul": lambda x, c: c * x,
    "div": lambda x, c: x / c, "rdiv": lambda x, c: c / x, "pow_int": lambda x, c: x ** 3,
    "pow_neg": lambda x, c: x ** -2, "pow_float": lambda x, c: x ** 1.5, "neg": lambda x, c: -x,
    "exp": lambda x, c: math.exp(x), "log": lambda x, c: math.log(x), "tanh": lambda x, c: math.tanh(x),
    "sigmoid": lambda x, c: 1 / (1 + math.exp(-x)), "relu": lambda x, c: max(x, 0.0),
    "square_by_reuse": lambda x, c: x * x, "double_by_reuse": lambda x, c: 2 * x,
}


@pytest.mark.parametrize("name", sorted(ONE_ARG))
@pytest.mark.parametrize("x", [0.37, 1.9, -0.8])
def test_each_operation_value_and_grad(name, x):
    if name in ("log", "pow_float"):
        x = abs(x)          # defined for positive inputs only
    c = 2.5
    a = Value(x)
    out = ONE_ARG[name](a, c)
    out.backward()
    assert out.data == pytest.approx(MATH[name](x, c), rel=1e-12, abs=1e-15)
    assert a.grad == pytest.approx(numdiff(lambda t: MATH[name](t, c), x), rel=1e-6, abs=1e-8)


@pytest.mark.parametrize("name", ["add", "sub", "mul", "div"])
def test_binary_grads_for_both_operands(name):
    a, b = Value(1.3), Value(-0.7)
    out = ONE_ARG[name](a, b)
    out.backward()
    f = MATH[name]
    assert a.grad == pytest.approx(numdiff(lambda t: f(t, -0.7), 1.3), rel=1e-6)
    assert b.grad == pytest.approx(numdiff(lambda t: f(1.3, t), -0.7), rel=1e-6)


def test_neuron_matches_the_hand_derived_chain_rule():
    x1, x2, w1, w2, b = (Value(v) for v in (2.0, 0.0, -3.0, 1.0, 6.8813735870195432))
    o = (x1 * w1 + x2 * w2 + b).tanh()
    o.backward()
    local = 1 - math.tanh(2.0 * -3.0 + 6.8813735870195432) ** 2     # d tanh / d n
    assert (w1.grad, w2.grad, b.grad) == pytest.approx((local * 2.0, local * 0.0, local))
    assert (x1.grad, x2.grad) == pytest.approx((local * -3.0, local * 1.0))


# --------------------------------------------------------------- backward rules
def test_output_grad_is_one_and_grads_accumulate_on_leaves():
    a, b = Value(2.0), Value(3.0)
    c = a * b
    y = c + a
    y.backward()
    assert y.grad == 1.0 and (a.grad, b.grad, c.grad) == (4.0, 2.0, 1.0)
    y.backward()                                    # leaves accumulate, interior recomputed
    assert (a.grad, b.grad, c.grad) == (8.0, 4.0, 1.0)
    y.zero_grad()
    assert (a.grad, b.grad, c.grad, y.grad) == (0.0, 0.0, 0.0, 0.0)


def test_topological_order_puts_inputs_first():
    a, b = Value(1.0), Value(2.0)
    c = a * b
    d = c + a
    order = d.topological_order()
    pos = {id(v): i for i, v in enumerate(order)}
    assert len(order) == 4 and order[-1] is d
    for v in order:
        assert all(pos[id(p)] < pos[id(v)] for p in v._prev)


def test_deep_graph_does_not_hit_the_recursion_limit():
    x = Value(0.5)
    y = x
    for _ in range(5000):
        y = y + x
    y.backward()
    assert x.grad == 5001.0


def test_relu_gradient_at_zero_is_zero_and_sigmoid_is_stable():
    z = Value(0.0)
    z.relu().backward()
    assert z.grad == 0.0
    for v, want in ((1000.0, 1.0), (-1000.0, 0.0)):
        s = Value(v).sigmoid()
        assert s.data == want and math.isfinite(s.data)


def test_repr_shows_label_data_and_grad():
    assert repr(Value(1.5, label="w")) == "Value(w: data=1.5, grad=0)"


@pytest.mark.parametrize("make,exc,match", [
    (lambda: Value(0.0).log(), ValueError, "positive"),
    (lambda: Value(1.0) / Value(0.0), ZeroDivisionError, "0"),
    (lambda: Value(0.0) ** -1, ZeroDivisionError, "undefined"),
    (lambda: Value(-2.0) ** 0.5, ValueError, "fractional"),
    (lambda: Value(2.0) ** Value(2.0), TypeError, "exponent"),
    (lambda: Value("x"), TypeError, "real number"),
    (lambda: Value(1.0) + "x", TypeError, "number or another Value"),
    (lambda: Value(Value(1.0)), TypeError, "not another Value"),
    (lambda: Value(1000.0).exp(), OverflowError, "too large"),
])
def test_errors_say_what_is_wrong(make, exc, match):
    with pytest.raises(exc, match=match):
        make()


def test_numpy_scalars_combine_with_values():
    y = np.float64(2.0) * Value(3.0) + np.int64(1)
    assert isinstance(y, Value) and y.data == 7.0


# ---------------------------------------------------------------------- the engine
def test_the_engine_draws_nothing():
    """autograd is the engine only (as micrograd's engine.py): no plotting library."""
    import subprocess
    import sys
    code = ("import sys, nnlessons.autograd; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_inputs_and_op_say_how_a_value_was_made():
    a, b = Value(2.0, label="a"), Value(3.0, label="b")
    c = a * b
    assert c.inputs == (a, b) and c.op == "*"
    assert a.inputs == () and a.op == ""
    assert (a ** 2).op == "**2" and a.sigmoid().op == "sigmoid"
