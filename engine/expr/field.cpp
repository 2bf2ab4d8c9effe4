#include "engine/expr/field.h"

#include <cmath>

#include "engine/expr/autodiff.h"

namespace bpl::expr {

Field sample_field(const Graph& graph, const FieldWindow& window, int n) {
  Field field;
  field.window = window;
  const bool finite = std::isfinite(window.x0) && std::isfinite(window.x1) &&
                      std::isfinite(window.y0) && std::isfinite(window.y1);
  if (n < kMinFieldSize || n > kMaxFieldSize) {
    field.error = "the grid size must be between " + std::to_string(kMinFieldSize) + " and " +
                  std::to_string(kMaxFieldSize) + ", got " + std::to_string(n);
    return field;
  }
  if (!finite || !(window.x0 < window.x1) || !(window.y0 < window.y1)) {
    field.error = "the window needs finite bounds with x0 < x1 and y0 < y1";
    return field;
  }
  field.ok = true;
  field.n = n;
  const std::size_t cells = static_cast<std::size_t>(n) * n;
  field.f.assign(cells, NAN);
  field.gx.assign(cells, NAN);
  field.gy.assign(cells, NAN);
  field.state.assign(cells, CellState::undefined);
  Graph g = graph;
  bool seen_defined = false;
  for (int j = 0; j < n; ++j) {
    for (int i = 0; i < n; ++i) {
      const int k = field.index(i, j);
      const Evaluation value = evaluate(g, field.x_at(i), field.y_at(j));
      if (!value.defined()) {
        ++field.undefined_cells;
        continue;
      }
      field.f[k] = value.value;
      const Gradient grad = backward(g);
      if (grad.defined()) {
        field.gx[k] = grad.dx;
        field.gy[k] = grad.dy;
        field.state[k] = CellState::defined;
      } else {
        field.state[k] = CellState::gradient_undefined;
        ++field.undefined_cells;
      }
      field.f_min = seen_defined ? std::fmin(field.f_min, value.value) : value.value;
      field.f_max = seen_defined ? std::fmax(field.f_max, value.value) : value.value;
      seen_defined = true;
    }
  }
  return field;
}

}  // namespace bpl::expr
