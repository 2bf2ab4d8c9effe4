#include "engine/expr/gradcheck.h"

#include <cmath>

#include "engine/expr/autodiff.h"
#include "engine/expr/ops.h"

namespace bpl::expr {

namespace {

double step_for(double at, double h) { return h * std::fmax(1.0, std::fabs(at)); }

}  // namespace

CentralDifference central_difference(const Graph& graph, double x, double y, double h) {
  Graph g = graph;
  CentralDifference out;
  const double hx = step_for(x, h), hy = step_for(y, h);
  const Evaluation xp = evaluate(g, x + hx, y), xm = evaluate(g, x - hx, y);
  const Evaluation yp = evaluate(g, x, y + hy), ym = evaluate(g, x, y - hy);
  out.defined = xp.defined() && xm.defined() && yp.defined() && ym.defined();
  out.dx = (xp.value - xm.value) / (2 * hx);
  out.dy = (yp.value - ym.value) / (2 * hy);
  return out;
}

double central_difference(Op op, double a, double b, int slot, double h) {
  const double at = slot == 0 ? a : b;
  const double step = step_for(at, h);
  const OpResult plus = slot == 0 ? apply_op(op, a + step, b) : apply_op(op, a, b + step);
  const OpResult minus = slot == 0 ? apply_op(op, a - step, b) : apply_op(op, a, b - step);
  if (!plus.undefined.empty() || !minus.undefined.empty()) return NAN;
  return (plus.value - minus.value) / (2 * step);
}

}  // namespace bpl::expr
