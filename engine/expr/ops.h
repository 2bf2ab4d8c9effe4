#pragma once
// Every primitive op: its forward value and its local derivatives, side by side.
//
// Conventions where the op is not smooth (documented values, not accidents):
//   relu'(0) = 0          abs'(0) = 0
//   min/max at a tie: each input gets ½ (the average of the one-sided slopes)
//   (a^b)' w.r.t. a at b = 0 is 0; w.r.t. b at a = 0, b > 0 is 0 (the limit of a^b·ln a)
// Undefined (reported, never a silent NaN):
//   a/0, ln(a ≤ 0), sqrt(a < 0), 0^(b < 0), (a < 0)^(non-integer b)  → the value
//   sqrt'(0) = +∞, (a^b)'(a = 0, 0 < b < 1) = +∞, (a^b)' w.r.t. b for a < 0 → the slope
//   any value or slope beyond the range of a double → overflow
#include <string>

#include "engine/expr/graph.h"

namespace bpl::expr {

struct OpResult {
  double value = 0;
  double local[2] = {0, 0};     // ∂value/∂a, ∂value/∂b (NaN where undefined)
  std::string undefined;        // why the value is undefined ("" when defined)
  std::string slope_undefined[2];  // why local[i] is undefined ("" when defined)
  bool overflow = false;           // the value left the range of a double
  bool slope_overflow[2] = {false, false};
};

// One op at one point. For unary ops b is ignored.
OpResult apply_op(Op op, double a, double b);

// σ(a) = 1/(1 + e^−a), computed without overflow for large |a|.
double sigmoid(double a);

}  // namespace bpl::expr
