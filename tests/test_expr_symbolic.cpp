#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "test_expr_testing.h"

using namespace bpl::expr;
using bpl::expr::testing::close;
using bpl::expr::testing::parse_ok;

namespace {

// A small graph-free arena for one rule at a time.
struct Fixture {
  SymArena s;
  SymId x = s.leaf(SymOp::x);
  SymId y = s.leaf(SymOp::y);
  std::string text(SymId id) const { return to_text(s, id); }
};

}  // namespace

TEST_CASE("expr symbolic: the seed's gradient reads as y³(2x + y) and xy³ + 3y²(x² + xy)") {
  Graph g = parse_ok("(x^2 + x*y) * y^3");
  const SymbolicGradient grad = symbolic_gradient(g);
  CHECK(grad.text_x == "2*y^3*x + y^3*y");
  CHECK(grad.text_y == "y^3*x + 3*(x^2 + x*y)*y^2");
  CHECK(grad.latex_y == "y^{3} x + 3 \\left(x^{2} + x y\\right) y^{2}");
  const double points[][2] = {{1, 2}, {-1.5, 0.5}, {0.3, -2.2}, {2, 1}, {-3, 1.25}};
  for (const auto& p : points) {
    const double x = p[0], y = p[1];
    // The seed's hand derivation.
    CHECK(close(evaluate(grad.arena, grad.dx, x, y), y * y * y * (2 * x + y), 1e-14));
    CHECK(close(evaluate(grad.arena, grad.dy, x, y), x * y * y * y + 3 * y * y * (x * x + x * y), 1e-14));
  }
}

TEST_CASE("expr symbolic: the symbolic gradient evaluates to the AD gradient at random points") {
  const char* sources[] = {
      "(x^2 + x*y) * y^3", "sin(x*y) + cos(x - y)", "tan(x/4) * exp(-y)", "ln(x) / sqrt(y)",
      "log(x*y)^2",        "x^y + y^x",             "pow(x, 3) - 2^y",    "abs(x - y) + relu(x - y)",
      "tanh(x*y) - sigmoid(x + y)", "min(x, y) * max(x, 2*y)", "-x^2 / (1 + y^2)", "x / y / x",
      "e^x * pi", "2x*(y + 1)", "sqrt(x^2 + y^2)", "1/x + 1/y",
  };
  bpl::expr::testing::Points points(3);
  for (const std::string source : sources) {
    Graph g = parse_ok(source);
    const SymbolicGradient grad = symbolic_gradient(g);
    for (int k = 0; k < 8; ++k) {
      const double x = points.uniform(0.2, 2.5), y = points.uniform(0.2, 2.5);
      CAPTURE(source);
      CAPTURE(grad.text_x);
      CAPTURE(grad.text_y);
      BPL_REQUIRE(evaluate(g, x, y).defined());
      const Gradient ad = backward(g);
      BPL_REQUIRE(ad.defined());
      CHECK(close(evaluate(grad.arena, grad.dx, x, y), ad.dx, 1e-12));
      CHECK(close(evaluate(grad.arena, grad.dy, x, y), ad.dy, 1e-12));
    }
  }
}

TEST_CASE("expr symbolic: the text form parses back to the same gradient") {
  const char* sources[] = {"(x^2 + x*y) * y^3", "sin(x*y)/y", "x^y", "exp(-x^2 - y^2)", "-x/y^2"};
  for (const std::string source : sources) {
    CAPTURE(source);
    Graph g = parse_ok(source);
    const SymbolicGradient grad = symbolic_gradient(g);
    Graph dx = parse_ok(grad.text_x);
    Graph dy = parse_ok(grad.text_y);
    BPL_REQUIRE(evaluate(g, 0.7, 1.3).defined());
    const Gradient ad = backward(g);
    BPL_REQUIRE(evaluate(dx, 0.7, 1.3).defined());
    BPL_REQUIRE(evaluate(dy, 0.7, 1.3).defined());
    CHECK(close(dx.nodes[dx.root].value, ad.dx, 1e-12));
    CHECK(close(dy.nodes[dy.root].value, ad.dy, 1e-12));
  }
}

TEST_CASE("expr symbolic: simplification rules") {
  Fixture f;
  SymArena& s = f.s;
  SUBCASE("constant folding") {
    CHECK(f.text(s.add(s.number(2), s.number(3))) == "5");
    CHECK(f.text(s.mul(s.number(2), s.number(3))) == "6");
    CHECK(f.text(s.sub(s.number(2), s.number(3))) == "-1");
    CHECK(f.text(s.div(s.number(3), s.number(4))) == "0.75");
    CHECK(f.text(s.pow(s.number(2), s.number(3))) == "8");
    CHECK(f.text(s.neg(s.number(2))) == "-2");
    CHECK(f.text(s.call(SymOp::sign, s.number(-3))) == "-1");
    CHECK(f.text(s.call(SymOp::step, s.number(0))) == "0");
  }
  SUBCASE("folding never hides an undefined constant") {
    CHECK(f.text(s.div(s.number(1), s.number(0))) == "1/0");
    CHECK(f.text(s.pow(s.number(-8), s.number(0.5))) == "(-8)^0.5");
    CHECK(f.text(s.call(SymOp::sin, s.number(2))) == "sin(2)");  // functions stay symbolic
    CHECK(f.text(s.mul(s.number(1e308), s.number(15))) == "1e+308*15");  // overflow: kept
    CHECK(f.text(s.mul(s.number(1e308), s.mul(s.number(15), f.x))) == "1e+308*15*x");
  }
  SUBCASE("x + 0 and 0 + x") {
    CHECK(s.add(f.x, s.number(0)) == f.x);
    CHECK(s.add(s.number(0), f.x) == f.x);
    CHECK(s.sub(f.x, s.number(0)) == f.x);
    CHECK(f.text(s.sub(s.number(0), f.x)) == "-x");
  }
  SUBCASE("x·1 and x·0") {
    CHECK(s.mul(f.x, s.number(1)) == f.x);
    CHECK(s.mul(s.number(1), f.x) == f.x);
    CHECK(f.text(s.mul(f.x, s.number(0))) == "0");
    CHECK(f.text(s.mul(s.number(0), f.x)) == "0");
    CHECK(f.text(s.mul(f.x, s.number(-1))) == "-x");
  }
  SUBCASE("x^1, x^0 and 1^x") {
    CHECK(s.pow(f.x, s.number(1)) == f.x);
    CHECK(f.text(s.pow(f.x, s.number(0))) == "1");
    CHECK(f.text(s.pow(s.number(1), f.x)) == "1");
  }
  SUBCASE("a·(1/b) = a/b") {
    CHECK(f.text(s.mul(f.y, s.div(s.number(1), f.x))) == "y/x");
    CHECK(f.text(s.mul(s.div(s.number(1), f.x), f.y)) == "y/x");
  }
  SUBCASE("x/1, 0/x, −(−x)") {
    CHECK(s.div(f.x, s.number(1)) == f.x);
    CHECK(f.text(s.div(s.number(0), f.x)) == "0");
    CHECK(s.neg(s.neg(f.x)) == f.x);
  }
  SUBCASE("signs and constants move to where they read best") {
    CHECK(f.text(s.add(f.x, s.neg(f.y))) == "x - y");
    CHECK(f.text(s.add(f.x, s.number(-2))) == "x - 2");
    CHECK(f.text(s.sub(f.x, s.neg(f.y))) == "x + y");
    CHECK(f.text(s.mul(f.x, s.number(2))) == "2*x");
    CHECK(f.text(s.mul(s.number(2), s.mul(s.number(3), f.x))) == "6*x");
    CHECK(f.text(s.mul(f.y, s.mul(s.number(3), f.x))) == "3*y*x");
    CHECK(f.text(s.mul(s.neg(f.x), f.y)) == "-x*y");
  }
}

TEST_CASE("expr symbolic: printing uses exactly the parentheses precedence needs") {
  Fixture f;
  SymArena& s = f.s;
  CHECK(f.text(s.sub(f.x, s.add(f.y, s.number(1)))) == "x - (y + 1)");
  CHECK(f.text(s.add(s.sub(f.x, f.y), s.number(1))) == "x - y + 1");
  CHECK(f.text(s.pow(s.neg(f.x), s.number(2))) == "(-x)^2");
  CHECK(f.text(s.pow(f.x, s.neg(f.y))) == "x^(-y)");
  CHECK(f.text(s.pow(s.pow(f.x, f.y), s.number(2))) == "(x^y)^2");
  CHECK(f.text(s.pow(f.x, s.pow(f.y, s.number(2)))) == "x^y^2");
  CHECK(f.text(s.div(f.x, s.mul(f.y, s.number(3)))) == "x/(3*y)");
  CHECK(f.text(s.mul(s.add(f.x, f.y), f.y)) == "(x + y)*y");
  CHECK(to_latex(s, s.div(f.x, s.pow(f.y, s.number(2)))) == "\\frac{x}{y^{2}}");
  CHECK(to_latex(s, s.pow(s.call(SymOp::exp, f.x), s.number(2))) == "\\left(e^{x}\\right)^{2}");
}

TEST_CASE("expr symbolic: kink conventions agree with AD") {
  Graph g = parse_ok("relu(x) + abs(y) + max(x, y)");
  const SymbolicGradient grad = symbolic_gradient(g);
  BPL_REQUIRE(evaluate(g, 0, 0).defined());
  const Gradient ad = backward(g);
  // relu'(0) = 0, abs'(0) = 0, max at a tie ½ each.
  CHECK(ad.dx == 0.5);
  CHECK(ad.dy == 0.5);
  CHECK(evaluate(grad.arena, grad.dx, 0, 0) == 0.5);
  CHECK(evaluate(grad.arena, grad.dy, 0, 0) == 0.5);
}
