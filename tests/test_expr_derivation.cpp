#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "test_expr_testing.h"

using namespace bpl::expr;
using bpl::expr::testing::close;
using bpl::expr::testing::parse_ok;

TEST_CASE("expr derivation: the seed example, path by path") {
  Graph g = parse_ok("(x^2 + x*y) * y^3");
  evaluate(g, 1, 2);
  const Derivation d = derive(g);
  BPL_REQUIRE(d.defined);
  BPL_REQUIRE(d.variables.size() == 2);
  // By hand, u = x², v = x·y, w = u + v, z = y³, f = w·z at (1, 2):
  // ∂f/∂w = z = 8, ∂f/∂z = w = 3, ∂w/∂u = ∂w/∂v = 1, ∂u/∂x = 2x = 2,
  // ∂v/∂x = y = 2, ∂v/∂y = x = 1, ∂z/∂y = 3y² = 12.
  const std::vector<std::string> expected_x = {
      "∂f/∂x = ∂f/∂w·∂w/∂u·∂u/∂x + ∂f/∂w·∂w/∂v·∂v/∂x",
      "      = 8·1·2 + 8·1·2",
      "      = 16 + 16",
      "      = 32",
  };
  const std::vector<std::string> expected_y = {
      "∂f/∂y = ∂f/∂w·∂w/∂v·∂v/∂y + ∂f/∂z·∂z/∂y",
      "      = 8·1·1 + 3·12",
      "      = 8 + 36",
      "      = 44",
  };
  CHECK(d.variables[0].lines == expected_x);
  CHECK(d.variables[1].lines == expected_y);
  CHECK(d.variables[1].path_count == 2);
  CHECK(d.variables[1].total == 44);
  CHECK(d.text.find("f = 24") != std::string::npos);
  CHECK(d.latex.find("\\frac{\\partial f}{\\partial y} &= \\frac{\\partial f}{\\partial w} "
                     "\\frac{\\partial w}{\\partial v} \\frac{\\partial v}{\\partial y}") !=
        std::string::npos);
  CHECK(d.latex.find("&= 8 \\cdot 1 \\cdot 1 + 3 \\cdot 12") != std::string::npos);
  CHECK(d.latex.rfind("\\begin{aligned}", 0) == 0);
}

TEST_CASE("expr derivation: the sum over paths equals the backward adjoint") {
  const char* sources[] = {"(x^2 + x*y) * y^3", "sin(x*y) + x/y - y^x", "exp(-x^2 - y^2) * x",
                           "max(x, y) * min(x, 2*y) + sigmoid(x*y)"};
  bpl::expr::testing::Points points(11);
  for (const std::string source : sources) {
    Graph g = parse_ok(source);
    for (int k = 0; k < 5; ++k) {
      const double x = points.uniform(0.2, 2), y = points.uniform(0.2, 2);
      CAPTURE(source);
      BPL_REQUIRE(evaluate(g, x, y).defined());
      const Gradient grad = backward(g);
      const Derivation d = derive(g);
      BPL_REQUIRE(d.variables[0].defined);
      CHECK(close(d.variables[0].total, grad.dx, 1e-12));
      CHECK(close(d.variables[1].total, grad.dy, 1e-12));
      double listed = 0;  // the listed products add up to the total
      for (const PathTerm& term : d.variables[1].paths) listed += term.product;
      CHECK(close(listed, d.variables[1].total, 1e-12));
    }
  }
}

TEST_CASE("expr derivation: edge shapes") {
  SUBCASE("f is the variable itself") {
    Graph g = parse_ok("x");
    evaluate(g, 5, 0);
    const Derivation d = derive(g);
    CHECK(d.variables[0].lines == std::vector<std::string>{"∂f/∂x = 1   (f is x itself)"});
    CHECK(d.variables[1].lines ==
          std::vector<std::string>{"∂f/∂y = 0   (f does not depend on y)"});
  }
  SUBCASE("more paths than are listed") {
    std::string source = "x";
    for (int k = 1; k < 40; ++k) source += "+x";
    Graph g = parse_ok(source);
    evaluate(g, 1, 1);
    const Derivation d = derive(g);
    CHECK(d.variables[0].path_count == 40);
    CHECK(d.variables[0].paths.size() == kMaxListedPaths);
    CHECK(d.variables[0].total == 40);  // d/dx of 40·x
    CHECK(d.variables[0].lines[0].find("(8 more paths)") != std::string::npos);
  }
  SUBCASE("negative factors are parenthesised and signs fold into the sum") {
    Graph g = parse_ok("x*y - x");
    evaluate(g, 1, -2);
    const Derivation d = derive(g);
    // ∂f/∂x = ∂f/∂u·∂u/∂x + ∂f/∂x: 1·(−2) + (−1) = −3
    CHECK(d.variables[0].lines[1] == "      = 1·(-2) + (-1)");
    CHECK(d.variables[0].lines[2] == "      = -2 - 1");
    CHECK(d.variables[0].lines[3] == "      = -3");
  }
}

TEST_CASE("expr derivation: undefined points say why") {
  SUBCASE("f itself") {
    Graph g = parse_ok("ln(x) + y");
    evaluate(g, -1, 0);
    const Derivation d = derive(g);
    CHECK_FALSE(d.defined);
    CHECK(d.undefined.find("f is undefined at (x, y) = (-1, 0), because ln is only defined") == 0);
    CHECK(d.undefined.find("(at u = ln(x))") != std::string::npos);
  }
  SUBCASE("a slope on a path") {
    Graph g = parse_ok("sqrt(x) + y");
    evaluate(g, 0, 1);
    const Derivation d = derive(g);
    BPL_REQUIRE(d.defined);
    CHECK_FALSE(d.variables[0].defined);
    CHECK(d.variables[0].lines.back().find("= undefined, because sqrt'(0) = +∞") != std::string::npos);
    CHECK(d.variables[1].defined);
    CHECK(d.variables[1].total == 1);
  }
}
