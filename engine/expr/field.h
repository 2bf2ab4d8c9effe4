#pragma once
// f and ∇f sampled on an N×N grid over a window, for a contour plot.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/expr/graph.h"

namespace bpl::expr {

struct FieldWindow {
  double x0 = -2, x1 = 2;  // x0 < x1
  double y0 = -2, y1 = 2;  // y0 < y1
};
constexpr int kMinFieldSize = 2;
constexpr int kMaxFieldSize = 512;

enum class CellState : std::uint8_t {
  defined,             // f and ∇f exist
  gradient_undefined,  // f exists, ∇f does not (e.g. sqrt at 0)
  undefined,           // f does not exist (e.g. ln of a negative)
};

struct Field {
  bool ok = false;
  std::string error;   // when !ok: which argument is out of range
  int n = 0;
  FieldWindow window;
  // Row-major, row j = y0 + (y1 − y0)·j/(n − 1), column i = x0 + (x1 − x0)·i/(n − 1).
  std::vector<double> f, gx, gy;  // NaN where undefined
  std::vector<CellState> state;
  double f_min = 0, f_max = 0;    // over cells where f exists (both 0 when there are none)
  int undefined_cells = 0;        // cells whose state is not `defined`

  int index(int i, int j) const { return j * n + i; }
  double x_at(int i) const { return window.x0 + (window.x1 - window.x0) * i / (n - 1); }
  double y_at(int j) const { return window.y0 + (window.y1 - window.y0) * j / (n - 1); }
};

// Works on a copy of the graph; `graph` is left as it was.
Field sample_field(const Graph& graph, const FieldWindow& window, int n);

}  // namespace bpl::expr
