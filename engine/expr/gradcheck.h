#pragma once
// Central differences: the oracle every gradient in this engine is checked against.
//   ∂f/∂x ≈ (f(x + h) − f(x − h)) / 2h,  error O(h²·f''')
// with h scaled by max(1, |x|) so large coordinates keep enough significant digits.
#include "engine/expr/graph.h"

namespace bpl::expr {

struct CentralDifference {
  bool defined = false;  // f exists at all four probe points
  double dx = 0, dy = 0;
};
// Works on a copy of the graph; uses only forward values, never the adjoints.
CentralDifference central_difference(const Graph& graph, double x, double y, double h = 1e-6);

// ∂op/∂(operand `slot`) at (a, b) from forward values only; NaN if undefined nearby.
double central_difference(Op op, double a, double b, int slot, double h = 1e-6);

}  // namespace bpl::expr
