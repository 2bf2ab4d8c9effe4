#pragma once
// ∂f/∂x and ∂f/∂y as expressions: reverse mode run on symbols instead of numbers,
//   adjoint(input) = adjoint(input) + adjoint(node) · (local derivative as an expression)
// with light simplification in the constructors (SymArena below).
#include <string>
#include <vector>

#include "engine/expr/graph.h"

namespace bpl::expr {

enum class SymOp {
  number, pi, e, x, y,                       // leaves
  add, sub, mul, div, pow, min, max,         // two operands
  neg, sin, cos, tan, exp, log, sqrt, abs, tanh, sigmoid, relu,
  sign,  // sign(a) ∈ {−1, 0, 1}: abs'(a), and sign(0) = 0 matches abs'(0) = 0
  step,  // step(a) = 1 if a > 0 else 0: relu'(a), with relu'(0) = 0
};

using SymId = int;

struct SymNode {
  SymOp op = SymOp::number;
  SymId a = -1, b = -1;  // operands (children come before parents in the arena)
  double value = 0;      // numbers only
};

// An arena of expression nodes. The constructors simplify as they build:
//   constant folding (+ − · / ^ neg, sign and step of a number; only finite results),
//   a + 0 = a, a − 0 = a, 0 − a = −a, a + (−b) = a − b, a − (−b) = a + b,
//   a·1 = a, a·0 = 0, a·(−1) = −a, constants move left (x·2 = 2·x, 2·(3·x) = 6·x),
//   a·(1/b) = a/b,
//   a/1 = a, 0/a = 0, a^1 = a, a^0 = 1, 1^a = 1, −(−a) = a.
// Functions of numbers other than sign/step stay unevaluated (sin(2) reads better than 0.909…).
struct SymArena {
  std::vector<SymNode> nodes;
  // Regrouping (2·(3·x) = 6·x, a·(1/b) = a/b) is exact in algebra but not in
  // floating point; symbolic_gradient() turns it off while copying f itself, so
  // f's subexpressions evaluate bit for bit as the graph does (kinks stay on the same side).
  bool regroup = true;

  SymId number(double v);
  SymId leaf(SymOp op);  // pi, e, x, y
  SymId add(SymId a, SymId b);
  SymId sub(SymId a, SymId b);
  SymId mul(SymId a, SymId b);
  SymId div(SymId a, SymId b);
  SymId pow(SymId a, SymId b);
  SymId neg(SymId a);
  SymId call(SymOp op, SymId a);            // sin … relu, sign, step
  SymId call(SymOp op, SymId a, SymId b);   // min, max

  bool is_number(SymId id, double v) const {
    return nodes[id].op == SymOp::number && nodes[id].value == v;
  }

 private:
  SymId push(SymOp op, SymId a = -1, SymId b = -1, double value = 0);
};

// The value at (x, y) (NaN where undefined: plain math, no reasons).
double evaluate(const SymArena& arena, SymId id, double x, double y);

constexpr std::size_t kMaxSymbolicText = 20000;  // longer output ends in " …"
// ASCII text that parse() reads back (except sign/step): "2*y^3*x + y^3*y".
std::string to_text(const SymArena& arena, SymId id);
// LaTeX: "2 y^{3} x + y^{3} y".
std::string to_latex(const SymArena& arena, SymId id);

struct SymbolicGradient {
  SymArena arena;
  SymId dx = -1, dy = -1;  // ∂f/∂x, ∂f/∂y in arena
  std::string text_x, text_y;
  std::string latex_x, latex_y;
};
SymbolicGradient symbolic_gradient(const Graph& graph);

}  // namespace bpl::expr
