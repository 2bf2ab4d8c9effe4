#include <doctest/doctest.h>

#include <cmath>

#include "test_expr_testing.h"

using namespace bpl::expr;
using bpl::expr::testing::close;
using bpl::expr::testing::parse_ok;

TEST_CASE("expr field: x² + y² on a 5×5 grid matches the formula") {
  const Graph g = parse_ok("x^2 + y^2");
  const Field field = sample_field(g, {-2, 2, -1, 3}, 5);
  BPL_REQUIRE(field.ok);
  CHECK(field.undefined_cells == 0);
  for (int j = 0; j < 5; ++j) {
    for (int i = 0; i < 5; ++i) {
      const double x = -2 + i, y = -1 + j;  // steps of 4/4 = 1
      const int k = field.index(i, j);
      CHECK(field.x_at(i) == x);
      CHECK(field.y_at(j) == y);
      CHECK(close(field.f[k], x * x + y * y, 1e-15));
      CHECK(close(field.gx[k], 2 * x, 1e-15));
      CHECK(close(field.gy[k], 2 * y, 1e-15));
      CHECK(field.state[k] == CellState::defined);
    }
  }
  CHECK(field.f_min == 0);   // at (0, 0)
  CHECK(field.f_max == 13);  // at (−2, 3) and (2, 3)
}

TEST_CASE("expr field: undefined cells are flagged, not NaN-silent") {
  SUBCASE("ln(x): the value") {
    const Field field = sample_field(parse_ok("ln(x) + y"), {-1, 1, -1, 1}, 3);
    BPL_REQUIRE(field.ok);
    CHECK(field.undefined_cells == 6);  // the columns x = −1 and x = 0
    for (int j = 0; j < 3; ++j) {
      CHECK(field.state[field.index(0, j)] == CellState::undefined);
      CHECK(field.state[field.index(1, j)] == CellState::undefined);
      CHECK(field.state[field.index(2, j)] == CellState::defined);
      CHECK(std::isnan(field.f[field.index(0, j)]));
    }
  }
  SUBCASE("sqrt(x): only the gradient at x = 0") {
    const Field field = sample_field(parse_ok("sqrt(x)"), {0, 1, 0, 1}, 2);
    BPL_REQUIRE(field.ok);
    CHECK(field.state[field.index(0, 0)] == CellState::gradient_undefined);
    CHECK(field.f[field.index(0, 0)] == 0);
    CHECK(field.state[field.index(1, 0)] == CellState::defined);
    CHECK(field.gx[field.index(1, 0)] == 0.5);  // 1/(2√1)
  }
}

TEST_CASE("expr field: bad arguments are errors, and the graph is left alone") {
  Graph g = parse_ok("x*y");
  evaluate(g, 2, 3);
  CHECK_FALSE(sample_field(g, {-1, 1, -1, 1}, 1).ok);
  CHECK_FALSE(sample_field(g, {-1, 1, -1, 1}, kMaxFieldSize + 1).ok);
  CHECK_FALSE(sample_field(g, {1, -1, -1, 1}, 4).ok);
  CHECK_FALSE(sample_field(g, {-1, INFINITY, -1, 1}, 4).ok);
  CHECK(sample_field(g, {-1, 1, -1, 1}, 4).ok);
  CHECK(g.nodes[g.root].value == 6);  // still evaluated at (2, 3)
}
