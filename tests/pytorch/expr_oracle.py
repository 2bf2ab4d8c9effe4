"""`bp expr` values and gradients against float64 autograd, including the kinks.

Conventions (engine/expr/ops.h) and PyTorch 1.13's, which agree:
  relu'(0) = 0 (threshold_backward), abs'(0) = 0 (sgn(0) = 0),
  max/min at a tie give ½ to each side (maximum/minimum backward),
  ∂(a^b)/∂a at b = 0 is 0, ∂(a^b)/∂b at a = 0, b ≥ 0 is 0 (pow_backward_*).
Where bp reports a value or slope as undefined (null in its JSON: ln 0, x/0, sqrt'(0),
a negative base to a non-integer power) PyTorch must give ±inf or NaN there, and where
bp gives a number PyTorch must give a close finite one. Where f itself is undefined bp
reports no gradient at all (PyTorch may still have a finite slope along the other variable).
"""
import json
import math

import torch

from common import Tally

RTOL = 1e-12
# Values and slopes are sums of terms up to ~100 here; two libms (glibc's and PyTorch's
# vectorised sin, exp, ...) may differ by an ulp of each term, ~1e-14 at 100, even when
# the sum cancels to ~0 (cos² + sin², ∂/∂x of max(x², y) − min(x, 2y) at a tie).
ATOL = 1e-13

POINTS = [(1.0, 2.0), (-0.7, 0.3), (1.5, -1.25), (0.25, 0.8)]
POSITIVE = [(1.0, 2.0), (0.3, 1.7), (2.5, 0.4)]

# (bp expression, the same in Python over torch — None when it is the bp text with ^ → **,
#  points (x, y)).
CASES = [
    ("(x^2 + x*y) * y^3", None, POINTS),  # the seed tutorial's f: 24, ∇f = (32, 44) at (1, 2)
    ("x*y + y", None, POINTS),
    ("x/y - y/x", None, POINTS),
    ("sin(x)*cos(y)", None, POINTS),
    ("tan(x) + tan(y)/3", None, POINTS),
    ("exp(x*y)", None, POINTS),
    ("log(x^2 + y^2)", None, POINTS),
    ("ln(1 + x^2) * y", None, POINTS),
    ("sqrt(x^2 + y^2 + 1)", None, POINTS),
    ("tanh(2*x - y)", None, POINTS),
    ("sigmoid(x*y - 1)", None, POINTS),
    ("sigmoid(tanh(x)) * exp(-y^2)", None, POINTS),
    ("pow(x, 3) - pow(y, 2)", None, POINTS),
    ("pow(x, y)", None, POSITIVE + [(0.0, 2.0), (0.0, 0.0), (-2.0, 3.0)]),
    ("x^y", None, POSITIVE + [(-2.0, 2.0)]),  # ∂/∂y at a negative base: undefined
    ("x^-2 + y^-1", None, POINTS + [(0.0, 1.0)]),  # 0^(−2): undefined
    ("2^3^x", None, POINTS),  # right-associative: 2^(3^x)
    ("e^x - pi*y", None, POINTS),
    ("x^2 + x^3", None, [(-1.5, 0.0), (0.0, 0.0), (2.0, 1.0)]),  # negative base, integer power
    ("(x + y)^(1/3)", None, POSITIVE + [(-2.0, 1.0)]),  # negative base, non-integer power
    ("x*x*x*y*y", None, POINTS),  # a variable used many times: adjoints accumulate
    ("(x - 1)^2 + 100*(y - x^2)^2", None, POINTS + [(1.0, 1.0)]),
    ("cos(x + y)^2 + sin(x + y)^2", None, POINTS),  # ≡ 1, ∇ ≡ 0 up to rounding
    ("-x^2 + 2^(-y)", None, POINTS),  # a leading minus: −(x²), not (−x)²
    ("-(x + y)^2", None, POINTS),
    ("-sin(x) * -cos(y)", None, POINTS),
    ("-x^-y", None, POSITIVE),
    ("+x - +y", None, POINTS),
    ("2x + 3(x + y)", "2*x + 3*(x + y)", POINTS),  # implicit products after a number
    ("π·x × y − x ÷ y", "pi*x*y - x/y", POINTS),  # the typeset spellings
    ("sqrt(x)", None, POSITIVE + [(0.0, 1.0)]),  # sqrt'(0) = +∞: slope undefined
    ("log(x*y)", None, POSITIVE + [(0.0, 1.0)]),  # ln 0: value undefined
    ("x/(y - 1)", None, POINTS + [(2.0, 1.0)]),  # division by zero
    # Kinks, with the documented conventions:
    ("abs(x - y)", None, POINTS + [(0.5, 0.5)]),
    ("abs(x)*y", None, POINTS + [(0.0, 3.0)]),
    ("abs(x*y)", None, POINTS + [(0.0, 2.0)]),
    ("relu(x) + relu(-y)", None, POINTS + [(0.0, 0.0)]),
    ("relu(x - y)*x", None, POINTS + [(1.0, 1.0)]),
    ("relu(x)*relu(y)", None, [(0.0, 0.0), (1.0, 2.0), (-1.0, 2.0)]),
    ("max(x, y)", None, POINTS + [(1.0, 1.0), (-2.0, -2.0)]),
    ("min(x, y)", None, POINTS + [(0.3, 0.3)]),
    ("max(x^2, y) - min(x, 2*y)", None, POINTS + [(1.0, 1.0), (2.0, 1.0)]),
    ("max(x, 0) * min(y, 1)", None, POINTS + [(0.0, 1.0)]),
]


def as_tensor(v):
    return v if torch.is_tensor(v) else torch.tensor(float(v), dtype=torch.float64)


def torch_namespace(x, y):
    def unary(f):
        return lambda a: f(as_tensor(a))
    ns = {name: unary(getattr(torch, name)) for name in ("sin", "cos", "tan", "exp", "log", "sqrt", "abs",
                                                          "tanh", "sigmoid", "relu")}
    ns.update(ln=ns["log"], x=x, y=y, pi=math.pi, e=math.e,
              pow=lambda a, b: torch.pow(as_tensor(a), as_tensor(b)),
              min=lambda a, b: torch.minimum(as_tensor(a), as_tensor(b)),
              max=lambda a, b: torch.maximum(as_tensor(a), as_tensor(b)))
    return ns


def torch_reference(python_text, at):
    """[f, ∂f/∂x, ∂f/∂y] by float64 autograd."""
    x = torch.tensor(at[0], dtype=torch.float64, requires_grad=True)
    y = torch.tensor(at[1], dtype=torch.float64, requires_grad=True)
    f = as_tensor(eval(python_text, {"__builtins__": {}}, torch_namespace(x, y)))
    grad_x, grad_y = torch.autograd.grad(f, [x, y], allow_unused=True) if f.requires_grad else (None, None)
    return [f.item()] + [0.0 if g is None else g.item() for g in (grad_x, grad_y)]


def agrees(got, expected):
    """bp's [f, ∂x, ∂y] (None = reported undefined) against PyTorch's floats."""
    if got[0] is None:
        return not math.isfinite(expected[0]) and got[1] is None and got[2] is None
    return all(agrees_one(g, e) for g, e in zip(got, expected))


def agrees_one(got, expected):
    if got is None:
        return not math.isfinite(expected)
    return math.isfinite(expected) and abs(got - expected) <= RTOL * abs(expected) + ATOL


def run(bp):
    tally = Tally("expr")
    cases = [(text, python or text.replace("^", "**"), at) for text, python, points in CASES for at in points]
    args = [["expr", text, "--at", f"x={at[0]!r},y={at[1]!r}", "--format", "json"] for text, _, at in cases]
    worst = 0.0
    for (text, python, at), (code, out, err) in zip(cases, bp.run_all(args)):
        name = f"{text!r} at (x, y) = ({at[0]:g}, {at[1]:g})"
        if code != 0:
            tally.record(False, name, f"bp expr exited {code}: {err.strip()}")
            continue
        try:
            result = json.loads(out)
            got = [result["value"], result["gradient"]["x"], result["gradient"]["y"]]
        except (ValueError, KeyError, TypeError) as e:
            tally.record(False, name, f"unreadable bp expr output ({e}): {out[:200]!r}")
            continue
        expected = torch_reference(python, at)
        for g, e in zip(got, expected):
            if g is not None and math.isfinite(e):
                worst = max(worst, abs(g - e) / max(abs(e), ATOL / RTOL))
        tally.record(agrees(got, expected), name,
                     f"bp [f, ∂x, ∂y] = {got}, torch {expected}")
    summary = (f"expr: {len(CASES)} expressions at {len(cases)} points vs float64 autograd, {tally.passed} passed, "
               f"{tally.failed} failed; worst rel err {worst:.3g} (tolerance {RTOL:g} + {ATOL:g} absolute)")
    return tally, worst, summary
