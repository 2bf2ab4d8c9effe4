#include "engine/expr/symbolic.h"

#include <cmath>

#include "engine/expr/names.h"
#include "engine/expr/ops.h"

namespace bpl::expr {

// ---------------------------------------------------------------- simplifying constructors

SymId SymArena::push(SymOp op, SymId a, SymId b, double value) {
  nodes.push_back({op, a, b, value});
  return static_cast<SymId>(nodes.size() - 1);
}

SymId SymArena::number(double v) { return push(SymOp::number, -1, -1, v == 0 ? 0.0 : v); }

SymId SymArena::leaf(SymOp op) { return push(op); }

namespace {

bool finite(double v) { return std::isfinite(v); }

}  // namespace

// Two numbers fold when the result is a finite number and stay as they are
// otherwise; no other rule sees them (so no rule can bounce between them).
SymId SymArena::add(SymId a, SymId b) {
  const SymNode na = nodes[a];
  const SymNode nb = nodes[b];
  if (na.op == SymOp::number && nb.op == SymOp::number) {
    return finite(na.value + nb.value) ? number(na.value + nb.value) : push(SymOp::add, a, b);
  }
  if (is_number(a, 0)) return b;
  if (is_number(b, 0)) return a;
  if (nb.op == SymOp::neg) return sub(a, nb.a);                              // a + (−c) = a − c
  if (nb.op == SymOp::number && nb.value < 0) return sub(a, number(-nb.value));
  return push(SymOp::add, a, b);
}

SymId SymArena::sub(SymId a, SymId b) {
  const SymNode na = nodes[a];
  const SymNode nb = nodes[b];
  if (na.op == SymOp::number && nb.op == SymOp::number) {
    return finite(na.value - nb.value) ? number(na.value - nb.value) : push(SymOp::sub, a, b);
  }
  if (is_number(b, 0)) return a;
  if (is_number(a, 0)) return neg(b);
  if (nb.op == SymOp::neg) return add(a, nb.a);                              // a − (−c) = a + c
  if (nb.op == SymOp::number && nb.value < 0) return add(a, number(-nb.value));
  return push(SymOp::sub, a, b);
}

SymId SymArena::mul(SymId a, SymId b) {
  const SymNode na = nodes[a];
  const SymNode nb = nodes[b];
  if (na.op == SymOp::number && nb.op == SymOp::number) {
    return finite(na.value * nb.value) ? number(na.value * nb.value) : push(SymOp::mul, a, b);
  }
  if (is_number(a, 0) || is_number(b, 0)) return number(0);
  if (is_number(a, 1)) return b;
  if (is_number(b, 1)) return a;
  if (is_number(a, -1)) return neg(b);
  if (is_number(b, -1)) return neg(a);
  if (nb.op == SymOp::number) return mul(b, a);                              // x·2 = 2·x
  if (na.op == SymOp::neg) return neg(mul(na.a, b));                         // (−a)·b = −(a·b)
  if (nb.op == SymOp::neg) return neg(mul(a, nb.a));
  if (!regroup) return push(SymOp::mul, a, b);
  if (nb.op == SymOp::mul && nodes[nb.a].op == SymOp::number) {
    if (na.op == SymOp::number) return mul(mul(a, nb.a), nb.b);              // 2·(3·x) = 6·x
    return mul(nb.a, mul(a, nb.b));                                          // a·(2·x) = 2·(a·x)
  }
  if (nb.op == SymOp::div && is_number(nb.a, 1)) return div(a, nb.b);        // a·(1/b) = a/b
  if (na.op == SymOp::div && is_number(na.a, 1)) return div(b, na.b);
  return push(SymOp::mul, a, b);
}

SymId SymArena::div(SymId a, SymId b) {
  const SymNode na = nodes[a];
  const SymNode nb = nodes[b];
  if (na.op == SymOp::number && nb.op == SymOp::number) {
    const bool exact = nb.value != 0 && finite(na.value / nb.value);
    return exact ? number(na.value / nb.value) : push(SymOp::div, a, b);
  }
  if (is_number(b, 1)) return a;
  if (is_number(b, -1)) return neg(a);
  if (is_number(a, 0) && !is_number(b, 0)) return number(0);
  return push(SymOp::div, a, b);
}

SymId SymArena::pow(SymId a, SymId b) {
  const SymNode na = nodes[a];
  const SymNode nb = nodes[b];
  if (na.op == SymOp::number && nb.op == SymOp::number) {
    const OpResult r = apply_op(Op::pow, na.value, nb.value);
    return r.undefined.empty() ? number(r.value) : push(SymOp::pow, a, b);
  }
  if (is_number(b, 1)) return a;
  if (is_number(b, 0)) return number(1);
  if (is_number(a, 1)) return number(1);
  return push(SymOp::pow, a, b);
}

SymId SymArena::neg(SymId a) {
  const SymNode na = nodes[a];
  if (na.op == SymOp::number) return number(-na.value);
  if (na.op == SymOp::neg) return na.a;
  return push(SymOp::neg, a);
}

SymId SymArena::call(SymOp op, SymId a) {
  const SymNode na = nodes[a];
  if (na.op == SymOp::number && op == SymOp::sign) {
    return number(na.value > 0 ? 1 : na.value < 0 ? -1 : 0);
  }
  if (na.op == SymOp::number && op == SymOp::step) return number(na.value > 0 ? 1 : 0);
  return push(op, a);
}

SymId SymArena::call(SymOp op, SymId a, SymId b) { return push(op, a, b); }

// ---------------------------------------------------------------- evaluation

namespace {

double apply(SymOp op, double a, double b) {
  switch (op) {
    case SymOp::add: return a + b;
    case SymOp::sub: return a - b;
    case SymOp::mul: return a * b;
    case SymOp::div: return a / b;
    case SymOp::pow: return std::pow(a, b);
    case SymOp::min: return a < b ? a : b;
    case SymOp::max: return a > b ? a : b;
    case SymOp::neg: return -a;
    case SymOp::sin: return std::sin(a);
    case SymOp::cos: return std::cos(a);
    case SymOp::tan: return std::tan(a);
    case SymOp::exp: return std::exp(a);
    case SymOp::log: return std::log(a);
    case SymOp::sqrt: return std::sqrt(a);
    case SymOp::abs: return std::fabs(a);
    case SymOp::tanh: return std::tanh(a);
    case SymOp::sigmoid: return sigmoid(a);
    case SymOp::relu: return a > 0 ? a : 0;
    case SymOp::sign: return a > 0 ? 1 : a < 0 ? -1 : 0;
    case SymOp::step: return a > 0 ? 1 : 0;
    default: return NAN;
  }
}

}  // namespace

double evaluate(const SymArena& arena, SymId id, double x, double y) {
  // Children precede parents, so one pass over the prefix of the arena suffices.
  std::vector<double> values(static_cast<std::size_t>(id) + 1);
  for (SymId k = 0; k <= id; ++k) {
    const SymNode& n = arena.nodes[k];
    switch (n.op) {
      case SymOp::number: values[k] = n.value; break;
      case SymOp::pi: values[k] = kPi; break;
      case SymOp::e: values[k] = kE; break;
      case SymOp::x: values[k] = x; break;
      case SymOp::y: values[k] = y; break;
      default: values[k] = apply(n.op, values[n.a], n.b >= 0 ? values[n.b] : 0); break;
    }
  }
  return values[id];
}

// ---------------------------------------------------------------- gradient

namespace {

SymOp sym_op(Op op) {
  switch (op) {
    case Op::add: return SymOp::add;
    case Op::sub: return SymOp::sub;
    case Op::mul: return SymOp::mul;
    case Op::div: return SymOp::div;
    case Op::pow: return SymOp::pow;
    case Op::min: return SymOp::min;
    case Op::max: return SymOp::max;
    case Op::neg: return SymOp::neg;
    case Op::sin: return SymOp::sin;
    case Op::cos: return SymOp::cos;
    case Op::tan: return SymOp::tan;
    case Op::exp: return SymOp::exp;
    case Op::log: return SymOp::log;
    case Op::sqrt: return SymOp::sqrt;
    case Op::abs: return SymOp::abs;
    case Op::tanh: return SymOp::tanh;
    case Op::sigmoid: return SymOp::sigmoid;
    case Op::relu: return SymOp::relu;
    default: return SymOp::number;
  }
}

SymId value_of(SymArena& s, const Node& node, const std::vector<SymId>& value) {
  switch (node.op) {
    case Op::constant:
      if (node.label == "π") return s.leaf(SymOp::pi);
      if (node.label == "e") return s.leaf(SymOp::e);
      return s.number(node.value);
    case Op::variable: return s.leaf(node.label == "x" ? SymOp::x : SymOp::y);
    default: break;
  }
  const SymId a = value[node.inputs[0]];
  const SymId b = node.inputs.size() > 1 ? value[node.inputs[1]] : -1;
  switch (node.op) {
    case Op::add: return s.add(a, b);
    case Op::sub: return s.sub(a, b);
    case Op::mul: return s.mul(a, b);
    case Op::div: return s.div(a, b);
    case Op::pow: return s.pow(a, b);
    case Op::neg: return s.neg(a);
    case Op::min:
    case Op::max: return s.call(sym_op(node.op), a, b);
    default: return s.call(sym_op(node.op), a);
  }
}

// The local derivative ∂node/∂input_slot as an expression; `self` is the node's value.
SymId local_of(SymArena& s, Op op, SymId a, SymId b, SymId self, int slot) {
  const SymId one = s.number(1);
  switch (op) {
    case Op::add: return one;
    case Op::sub: return slot == 0 ? one : s.number(-1);
    case Op::mul: return slot == 0 ? b : a;
    case Op::div: return slot == 0 ? s.div(one, b) : s.neg(s.div(a, s.pow(b, s.number(2))));
    case Op::pow:  // ∂a^b/∂a = b·a^(b−1), ∂a^b/∂b = a^b·ln a
      return slot == 0 ? s.mul(b, s.pow(a, s.sub(b, one))) : s.mul(self, s.call(SymOp::log, a));
    case Op::min:
    case Op::max: {  // the winner gets 1, a tie ½ each: (1 ± sign(a − b))/2
      const SymId sign = s.call(SymOp::sign, s.sub(a, b));
      const bool plus = (op == Op::max) == (slot == 0);
      return s.div(plus ? s.add(one, sign) : s.sub(one, sign), s.number(2));
    }
    case Op::neg: return s.number(-1);
    case Op::sin: return s.call(SymOp::cos, a);
    case Op::cos: return s.neg(s.call(SymOp::sin, a));
    case Op::tan: return s.add(one, s.pow(self, s.number(2)));
    case Op::exp: return self;
    case Op::log: return s.div(one, a);
    case Op::sqrt: return s.div(one, s.mul(s.number(2), self));
    case Op::abs: return s.call(SymOp::sign, a);
    case Op::tanh: return s.sub(one, s.pow(self, s.number(2)));
    case Op::sigmoid: return s.mul(self, s.sub(one, self));
    case Op::relu: return s.call(SymOp::step, a);
    default: return s.number(0);
  }
}

}  // namespace

SymbolicGradient symbolic_gradient(const Graph& graph) {
  SymbolicGradient out;
  SymArena& s = out.arena;
  const std::size_t n = graph.nodes.size();
  std::vector<SymId> value(n, -1), adjoint(n, -1);  // -1: no contribution yet
  s.regroup = false;
  for (std::size_t id = 0; id < n; ++id) value[id] = value_of(s, graph.nodes[id], value);
  s.regroup = true;
  if (graph.root != kNoNode) adjoint[graph.root] = s.number(1);
  for (NodeId id = static_cast<NodeId>(n) - 1; id >= 0; --id) {
    const Node& node = graph.nodes[id];
    if (node.is_leaf() || !node.varies || adjoint[id] < 0) continue;
    const SymId a = value[node.inputs[0]];
    const SymId b = node.inputs.size() > 1 ? value[node.inputs[1]] : -1;
    for (std::size_t slot = 0; slot < node.inputs.size(); ++slot) {
      const NodeId input = node.inputs[slot];
      if (!graph.nodes[input].varies) continue;
      const SymId local = local_of(s, node.op, a, b, value[id], static_cast<int>(slot));
      const SymId contribution = s.mul(adjoint[id], local);
      // Prepended, so the printed sum reads in source order (nodes are visited root-first).
      adjoint[input] = adjoint[input] < 0 ? contribution : s.add(contribution, adjoint[input]);
    }
  }
  out.dx = graph.x != kNoNode && adjoint[graph.x] >= 0 ? adjoint[graph.x] : s.number(0);
  out.dy = graph.y != kNoNode && adjoint[graph.y] >= 0 ? adjoint[graph.y] : s.number(0);
  out.text_x = to_text(s, out.dx);
  out.text_y = to_text(s, out.dy);
  out.latex_x = to_latex(s, out.dx);
  out.latex_y = to_latex(s, out.dy);
  return out;
}

}  // namespace bpl::expr
