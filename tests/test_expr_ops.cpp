#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "engine/expr/ops.h"
#include "test_expr_testing.h"

using namespace bpl::expr;
using bpl::expr::testing::close;

namespace {

struct OpPoint {
  Op op;
  double a, b;
};

// Each op's local derivatives against central differences of its own forward value.
void check_op_against_central_differences(const OpPoint& p) {
  const OpResult r = apply_op(p.op, p.a, p.b);
  CAPTURE(op_name(p.op));
  CAPTURE(p.a);
  CAPTURE(p.b);
  BPL_REQUIRE(r.undefined.empty());
  for (int slot = 0; slot < arity(p.op); ++slot) {
    CAPTURE(slot);
    const double numeric = central_difference(p.op, p.a, p.b, slot);
    BPL_REQUIRE(r.slope_undefined[slot].empty());
    CHECK(close(r.local[slot], numeric, 1e-6));
  }
}

}  // namespace

TEST_CASE("expr ops: every local derivative matches central differences") {
  // Points near kinks sit 1e-3 away: far beyond the probe step h = 1e-6.
  const std::vector<OpPoint> points = {
      {Op::add, 1, 2},        {Op::add, -3.5, 0.25},   {Op::sub, 1, 2},       {Op::sub, -3.5, 0.25},
      {Op::mul, 1.5, -2},     {Op::mul, 0, 3},         {Op::div, 1, 2},       {Op::div, -3, 0.1},
      {Op::pow, 2, 3},        {Op::pow, 1.5, -0.5},    {Op::pow, 0.5, 0.5},   {Op::pow, 1e-3, 0.5},
      {Op::pow, 3, 0},        {Op::pow, 2.5, 1.7},     {Op::min, 1, 2},       {Op::min, 2, 1},
      {Op::min, 1, 1.001},    {Op::min, 1.001, 1},     {Op::max, 1, 2},       {Op::max, 2, 1},
      {Op::max, 1, 1.001},    {Op::max, 1.001, 1},     {Op::neg, 1.5, 0},     {Op::sin, 0.3, 0},
      {Op::sin, -2, 0},       {Op::cos, 0.3, 0},       {Op::cos, 4, 0},       {Op::tan, 0.3, 0},
      {Op::tan, -1.2, 0},     {Op::exp, 0.5, 0},       {Op::exp, -2, 0},      {Op::log, 0.5, 0},
      {Op::log, 3, 0},        {Op::log, 1e-3, 0},      {Op::sqrt, 4, 0},      {Op::sqrt, 1e-3, 0},
      {Op::sqrt, 0.25, 0},    {Op::abs, 1e-3, 0},      {Op::abs, -1e-3, 0},   {Op::abs, -3, 0},
      {Op::tanh, 0.5, 0},     {Op::tanh, -3, 0},       {Op::tanh, 1e-3, 0},   {Op::sigmoid, 0, 0},
      {Op::sigmoid, 4, 0},    {Op::sigmoid, -30, 0},   {Op::relu, 1e-3, 0},   {Op::relu, -1e-3, 0},
      {Op::relu, 2, 0},       {Op::relu, -2, 0},
  };
  for (const OpPoint& p : points) check_op_against_central_differences(p);
}

TEST_CASE("expr ops: the pow exponent slope at a negative base is only needed when it varies") {
  const OpResult r = apply_op(Op::pow, -2, 3);
  CHECK(r.value == -8);
  CHECK(close(r.local[0], 12, 1e-15));  // 3·(−2)² by hand
  CHECK(std::isnan(r.local[1]));
  CHECK(r.slope_undefined[1].find("negative base") != std::string::npos);
}

TEST_CASE("expr ops: documented values at the kinks") {
  SUBCASE("relu'(0) = 0") { CHECK(apply_op(Op::relu, 0, 0).local[0] == 0); }
  SUBCASE("abs'(0) = 0") { CHECK(apply_op(Op::abs, 0, 0).local[0] == 0); }
  SUBCASE("min and max split a tie ½ and ½") {
    for (Op op : {Op::min, Op::max}) {
      const OpResult r = apply_op(op, 1.5, 1.5);
      CHECK(r.value == 1.5);
      CHECK(r.local[0] == 0.5);
      CHECK(r.local[1] == 0.5);
    }
  }
  SUBCASE("a^0 is flat in a, even at a = 0") { CHECK(apply_op(Op::pow, 0, 0).local[0] == 0); }
  SUBCASE("0^b for b > 0 is flat in b") { CHECK(apply_op(Op::pow, 0, 2).local[1] == 0); }
  SUBCASE("sqrt'(0) is +∞: reported, not returned") {
    const OpResult r = apply_op(Op::sqrt, 0, 0);
    CHECK(r.undefined.empty());
    CHECK(r.value == 0);
    CHECK(std::isnan(r.local[0]));
    CHECK(r.slope_undefined[0].find("sqrt'(0) = +∞") != std::string::npos);
  }
  SUBCASE("(a^0.5)' at a = 0 is +∞") {
    const OpResult r = apply_op(Op::pow, 0, 0.5);
    CHECK(std::isnan(r.local[0]));
    CHECK_FALSE(r.slope_undefined[0].empty());
  }
}

TEST_CASE("expr ops: domain errors are values with a reason, never a silent NaN") {
  struct Case {
    Op op;
    double a, b;
    const char* reason_part;
  };
  const Case cases[] = {
      {Op::div, 1, 0, "division by zero"},
      {Op::log, 0, 0, "ln(0)"},
      {Op::log, -1, 0, "ln is only defined for positive numbers, and its input is -1"},
      {Op::sqrt, -1, 0, "sqrt is only defined for numbers ≥ 0, and its input is -1"},
      {Op::pow, -2, 0.5, "negative base (-2) to a non-integer power (0.5)"},
      {Op::pow, 0, -1, "0 to a negative power"},
      {Op::exp, 1000, 0, "overflow"},
      {Op::mul, 1e200, 1e200, "overflow"},
  };
  for (const Case& c : cases) {
    CAPTURE(op_name(c.op));
    const OpResult r = apply_op(c.op, c.a, c.b);
    CHECK(r.undefined.find(c.reason_part) != std::string::npos);
    CHECK(std::isnan(r.value));
  }
  CHECK(apply_op(Op::exp, 1000, 0).overflow);
  CHECK_FALSE(apply_op(Op::log, -1, 0).overflow);
}

TEST_CASE("expr ops: sigmoid stays finite and accurate far from 0") {
  CHECK(apply_op(Op::sigmoid, -800, 0).value == 0);
  CHECK(apply_op(Op::sigmoid, 800, 0).value == 1);
  // σ(−30) = 1/(1 + e^30), evaluated directly in double (no overflow at 30).
  CHECK(close(apply_op(Op::sigmoid, -30, 0).value, 1 / (1 + std::exp(30.0)), 1e-15));
}

TEST_CASE("expr ops: each op in a graph matches central differences of the whole graph") {
  // One expression per op; the leaves x, y keep every op's inputs varying.
  const char* sources[] = {
      "x + y", "x - y", "x * y", "x / y", "x ^ y", "min(x, y)", "max(x, y)", "-x + y",
      "sin(x*y)", "cos(x + y)", "tan(x*y/4)", "exp(x*y)", "ln(x + y)", "log(x*y)",
      "sqrt(x + y)", "abs(x - y)", "tanh(x*y)", "sigmoid(x - y)", "relu(x - y)", "pow(x, y)",
  };
  bpl::expr::testing::Points points(7);
  for (const std::string source : sources) {
    Graph g = bpl::expr::testing::parse_ok(source);
    for (int k = 0; k < 6; ++k) {
      const double x = points.uniform(0.3, 2), y = points.uniform(0.3, 2);
      CAPTURE(source);
      CAPTURE(x);
      CAPTURE(y);
      if (std::fabs(x - y) < 1e-3) continue;  // keep off the min/max/abs/relu kink
      BPL_REQUIRE(evaluate(g, x, y).defined());
      const Gradient grad = backward(g);
      const CentralDifference numeric = central_difference(g, x, y);
      BPL_REQUIRE(grad.defined());
      BPL_REQUIRE(numeric.defined);
      CHECK(close(grad.dx, numeric.dx, 1e-6));
      CHECK(close(grad.dy, numeric.dy, 1e-6));
    }
  }
}
