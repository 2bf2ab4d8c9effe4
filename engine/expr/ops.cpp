#include "engine/expr/ops.h"

#include <cmath>

#include "engine/expr/format.h"

namespace bpl::expr {

namespace {

OpResult unary(double value, double slope) {
  OpResult r;
  r.value = value;
  r.local[0] = slope;
  return r;
}

OpResult binary(double value, double slope_a, double slope_b) {
  OpResult r;
  r.value = value;
  r.local[0] = slope_a;
  r.local[1] = slope_b;
  return r;
}

OpResult undefined_value(std::string why) {
  OpResult r;
  r.value = NAN;
  r.local[0] = r.local[1] = NAN;
  r.undefined = std::move(why);
  return r;
}

// a^b: ∂/∂a = b·a^(b−1), ∂/∂b = a^b·ln a.
OpResult power(double a, double b) {
  const bool integer_exponent = std::floor(b) == b;
  if (a < 0 && !integer_exponent) {
    return undefined_value("a negative base (" + format_number(a) + ") to a non-integer power (" +
                           format_number(b) + ") is not a real number");
  }
  if (a == 0 && b < 0) {
    return undefined_value("0 to a negative power (" + format_number(b) + ") divides by zero");
  }
  OpResult r;
  r.value = std::pow(a, b);
  if (b == 0) {
    r.local[0] = 0;  // a^0 = 1 is flat in a, even at a = 0 where b·a^(b−1) reads 0·∞
  } else if (a == 0 && b > 0 && b < 1) {
    r.local[0] = NAN;
    r.slope_undefined[0] = "the slope of a^" + format_number(b) +
                           " is +∞ at a = 0 (the curve is vertical there)";
  } else {
    r.local[0] = b * std::pow(a, b - 1);
  }
  if (a > 0) {
    r.local[1] = r.value * std::log(a);
  } else if (a == 0) {
    r.local[1] = 0;  // 0^b = 0 for every b > 0: flat in b
  } else {
    r.local[1] = NAN;
    r.slope_undefined[1] = "a^b with a negative base (" + format_number(a) +
                           ") is only defined at integer b, so it has no slope along b";
  }
  return r;
}

// min/max: the chosen input gets slope 1; at a tie each gets ½.
OpResult choose(double a, double b, bool take_larger) {
  if (a == b) return binary(a, 0.5, 0.5);
  const bool a_wins = take_larger ? a > b : a < b;
  return a_wins ? binary(a, 1, 0) : binary(b, 0, 1);
}

OpResult forward_and_local(Op op, double a, double b) {
  switch (op) {
    case Op::constant:
    case Op::variable: return unary(a, 1);
    case Op::add: return binary(a + b, 1, 1);
    case Op::sub: return binary(a - b, 1, -1);
    case Op::mul: return binary(a * b, b, a);
    case Op::div: {  // ∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = −a/b² = −(a/b)/b (no b² overflow)
      if (b == 0) return undefined_value("division by zero: the denominator is 0");
      const double q = a / b;
      return binary(q, 1 / b, -q / b);
    }
    case Op::pow: return power(a, b);
    case Op::min: return choose(a, b, false);
    case Op::max: return choose(a, b, true);
    case Op::neg: return unary(-a, -1);
    case Op::sin: return unary(std::sin(a), std::cos(a));
    case Op::cos: return unary(std::cos(a), -std::sin(a));
    case Op::tan: {  // tan' = 1 + tan²
      const double t = std::tan(a);
      return unary(t, 1 + t * t);
    }
    case Op::exp: {  // exp' = exp
      const double e = std::exp(a);
      return unary(e, e);
    }
    case Op::log: {  // ln' = 1/a
      if (a <= 0) {
        return undefined_value(a == 0 ? "ln(0) = -∞: ln is only defined for positive numbers"
                                      : "ln is only defined for positive numbers, and its input is " +
                                            format_number(a));
      }
      return unary(std::log(a), 1 / a);
    }
    case Op::sqrt: {  // √' = 1/(2√a)
      if (a < 0) {
        return undefined_value("sqrt is only defined for numbers ≥ 0, and its input is " +
                               format_number(a));
      }
      if (a == 0) {
        OpResult r = unary(0, NAN);
        r.slope_undefined[0] = "sqrt'(0) = +∞: the square root has a vertical tangent at 0";
        return r;
      }
      const double s = std::sqrt(a);
      return unary(s, 0.5 / s);
    }
    case Op::abs: return unary(std::fabs(a), a > 0 ? 1 : a < 0 ? -1 : 0);  // abs'(0) = 0
    case Op::tanh: {  // tanh' = 1 − tanh²
      const double t = std::tanh(a);
      return unary(t, 1 - t * t);
    }
    case Op::sigmoid: {  // σ' = σ(1 − σ)
      const double s = sigmoid(a);
      return unary(s, s * (1 - s));
    }
    case Op::relu: return unary(a > 0 ? a : 0, a > 0 ? 1 : 0);  // relu'(0) = 0
  }
  return undefined_value("unknown op");
}

}  // namespace

double sigmoid(double a) {
  if (a >= 0) return 1 / (1 + std::exp(-a));
  const double e = std::exp(a);  // e^a/(1 + e^a): the same value, no overflow for a ≪ 0
  return e / (1 + e);
}

OpResult apply_op(Op op, double a, double b) {
  OpResult r = forward_and_local(op, a, b);
  if (!r.undefined.empty()) return r;
  // Finite inputs can still leave the range of a double: report it, never pass on ±∞.
  if (!std::isfinite(r.value)) {
    OpResult overflowed = undefined_value("overflow: the result of " + std::string(op_name(op)) +
                                          " here is beyond ±1.8e308, the range of a double");
    overflowed.overflow = true;
    return overflowed;
  }
  for (int i = 0; i < arity(op); ++i) {
    if (r.slope_undefined[i].empty() && !std::isfinite(r.local[i])) {
      r.local[i] = NAN;
      r.slope_overflow[i] = true;
      r.slope_undefined[i] = "overflow: the slope of " + std::string(op_name(op)) +
                             " here is beyond ±1.8e308, the range of a double";
    }
  }
  return r;
}

}  // namespace bpl::expr
