#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "test_expr_testing.h"

using namespace bpl::expr;
using bpl::expr::testing::close;
using bpl::expr::testing::parse_ok;

namespace {

double value_at(const std::string& source, double x, double y) {
  Graph g = parse_ok(source);
  const Evaluation e = evaluate(g, x, y);
  CHECK(e.defined());
  return e.value;
}

const double kPiOracle = std::acos(-1.0);
const double kEOracle = std::exp(1.0);

}  // namespace

TEST_CASE("expr parser: precedence, associativity and implicit multiplication") {
  struct Case {
    const char* source;
    double x, y, expected;  // expected: worked by hand from the usual rules
  };
  const Case cases[] = {
      {"2+3*4", 0, 0, 14},          {"2*3+4", 0, 0, 10},
      {"10-4-3", 0, 0, 3},          {"64/4/2", 0, 0, 8},
      {"2^3^2", 0, 0, 512},         {"(2^3)^2", 0, 0, 64},
      {"-x^2", 3, 0, -9},           {"(-x)^2", 3, 0, 9},
      {"2^-1", 0, 0, 0.5},          {"-2^2", 0, 0, -4},
      {"2x", 3, 0, 6},              {"3(x+y)", 1, 2, 9},
      {"2x^2", 3, 0, 18},           {"-2x", 3, 0, -6},
      {"2 x", 3, 0, 6},             {"2x/4", 3, 0, 1.5},
      {"1e-3", 0, 0, 0.001},        {"0.5", 0, 0, 0.5},
      {".5", 0, 0, 0.5},            {"2.5e2", 0, 0, 250},
      {"1E+2", 0, 0, 100},          {"+x", 4, 0, 4},
      {"--x", 4, 0, 4},             {"x - -y", 1, 2, 3},
      {"x*y + x/y", 1, 2, 2.5},     {"(x^2 + x*y) * y^3", 1, 2, 24},
      {"\tx +\n y ", 1, 2, 3},      {"x·y", 2, 3, 6},
      {"x×y", 2, 3, 6},             {"x−y", 2, 3, -1},
      {"x÷y", 3, 2, 1.5},           {"pow(2, 10)", 0, 0, 1024},
      {"min(x, y)", 1, 2, 1},       {"max(x, y)", 1, 2, 2},
      {"sqrt(16)", 0, 0, 4},        {"abs(-3)", 0, 0, 3},
      {"relu(-2)", 0, 0, 0},        {"relu(2)", 0, 0, 2},
      {"sigmoid(0)", 0, 0, 0.5},    {"tanh(0)", 0, 0, 0},
      {"exp(0)", 0, 0, 1},          {"cos(0)", 0, 0, 1},
      {"tan(0)", 0, 0, 0},          {"sin(0)", 0, 0, 0},
      {"log(1)", 0, 0, 0},          {"ln(1)", 0, 0, 0},
      {"2(x)", 5, 0, 10},           {"min(x, y) * 2", 1, 2, 2},
  };
  for (const Case& c : cases) {
    CAPTURE(c.source);
    CHECK(close(value_at(c.source, c.x, c.y), c.expected, 1e-15));
  }
}

TEST_CASE("expr parser: constants pi and e, and the π alias") {
  CHECK(close(value_at("pi", 0, 0), kPiOracle, 1e-15));
  CHECK(close(value_at("π", 0, 0), kPiOracle, 1e-15));
  CHECK(close(value_at("2pi", 0, 0), 2 * kPiOracle, 1e-15));
  CHECK(close(value_at("e", 0, 0), kEOracle, 1e-15));
  CHECK(close(value_at("ln(e^2)", 0, 0), 2, 1e-15));
  CHECK(close(value_at("sin(pi/2)", 0, 0), 1, 1e-15));
  CHECK(close(value_at("2e", 0, 0), 2 * kEOracle, 1e-15));  // 2·e, not a malformed exponent
}

TEST_CASE("expr parser: the seed's graph has seed-style labels and shared leaves") {
  const Graph g = parse_ok("(x^2 + x*y) * y^3");
  // u = x², v = x·y, w = u + v, z = y³, f = w·z (the seed: u = x² + xy, v = y³, f = uv)
  std::vector<std::string> internal;
  for (const Node& node : g.nodes) {
    if (!node.is_leaf()) internal.push_back(node.label + " = " + formula(g, &node - g.nodes.data()));
  }
  CHECK(internal == std::vector<std::string>{"u = x^2", "v = x·y", "w = u + v", "z = y^3", "f = w·z"});
  BPL_REQUIRE(g.y != kNoNode);
  int y_uses = 0, x_uses = 0, y_leaves = 0;
  for (const Node& node : g.nodes) {
    for (NodeId input : node.inputs) {
      y_uses += input == g.y;
      x_uses += input == g.x;
    }
    y_leaves += node.op == Op::variable && node.label == "y";
  }
  CHECK(y_leaves == 1);  // one shared leaf…
  CHECK(y_uses == 2);    // …with two out-edges
  CHECK(x_uses == 2);
  CHECK(g.nodes[g.root].label == "f");
}

TEST_CASE("expr parser: intermediate names skip x, y, e and f, then get numbered") {
  std::string source = "x";
  for (int k = 0; k < 30; ++k) source += "+x";  // 30 additions: 29 intermediates and f
  const Graph g = parse_ok(source);
  std::vector<std::string> names;
  for (const Node& node : g.nodes) {
    if (!node.is_leaf() && node.label != "f") names.push_back(node.label);
  }
  BPL_REQUIRE(names.size() == 29);
  // Written out by hand from the rule: u v w, then the alphabet without e f x y.
  const std::vector<std::string> expected = {"u", "v", "w", "z", "a", "b", "c", "d", "g", "h",
                                             "i", "j", "k", "l", "m", "n", "o", "p", "q", "r",
                                             "s", "t", "u1", "v1", "w1", "z1", "a1", "b1", "c1"};
  CHECK(names == expected);
}

TEST_CASE("expr parser: the limits are accepted up to the cap") {
  SUBCASE("1000 characters") {
    std::string source = "x";
    while (source.size() < kMaxExpressionLength) source += "+1";
    source.resize(kMaxExpressionLength);
    if (source.back() == '+') source.back() = 'x';
    CHECK(parse(source).ok);
  }
  SUBCASE("64 nested parentheses") {
    const std::string source = std::string(64, '(') + "x" + std::string(64, ')');
    CHECK(parse(source).ok);
  }
}

TEST_CASE("expr parser: a literal absorbs its minus sign, other operands get a neg node") {
  const Graph literal = parse_ok("-2");
  CHECK(literal.nodes.size() == 1);
  CHECK(literal.nodes[0].label == "-2");
  const Graph negated = parse_ok("-x");
  CHECK(negated.nodes.size() == 2);
  CHECK(negated.nodes[negated.root].op == Op::neg);
}
