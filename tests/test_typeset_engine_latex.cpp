// Every LaTeX string the engine writes typesets: the chain rule of each parameter of the
// seed's 2-2-1 net (several activations and losses) and of 4-layer nets, the f(x, y)
// derivation, its symbolic gradient and node formulas, and the LaTeX in other tests' data.
// (The typesetter depends on core only; this file is where it meets derivation and expr.)
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "bpl_require.h"
#include "derivation_testing.h"
#include "engine/derivation/weight_derivation.h"
#include "engine/expr/expr.h"
#include "engine/typeset/typeset.h"
#include "typeset_testing.h"

using namespace bpl;
using testing::xor4_config;

namespace {

// Typesets at a narrow width too, so the line breaker sees every construct.
void check_typesets(const std::string& latex) {
  CAPTURE(latex);
  CHECK(latex.size() <= kMaxLatexBytes);
  typeset::Options options;
  for (float max_width : {0.0f, 200.0f}) {
    options.max_width = max_width;
    const Result<typeset::Layout> result = typeset::typeset(latex, testing::StubMetrics{}, options);
    CHECK_MESSAGE(result.ok(), (result.errors.empty() ? "" : to_string(result.errors[0])));
    if (result.ok()) CHECK(!result.value->runs.empty());
  }
}

// d.latex and each path's LaTeX, for every parameter of the trainer's network.
void check_every_parameter(const Trainer& t) {
  for (const ParameterInfo& info : t.parameters()) {
    CAPTURE(info.id);
    const WeightDerivation d = testing::derive(t, info.id, 1);
    check_typesets(d.latex);
    for (const DerivationPath& path : d.paths) check_typesets(path.latex);
  }
}

}  // namespace

TEST_CASE("typeset engine LaTeX: every parameter's derivation, 2-2-1 nets") {
  struct Net {
    Activation hidden, output;
    Loss loss;
  };
  const Net nets[] = {
      {Activation::relu, Activation::linear, Loss::half_mse},  // the seed
      {Activation::sigmoid, Activation::sigmoid, Loss::bce},
      {Activation::tanh, Activation::sigmoid, Loss::mse},
      {Activation::leaky_relu, Activation::linear, Loss::half_mse},
      {Activation::gelu, Activation::linear, Loss::mse},
  };
  for (const Net& n : nets) {
    Trainer t;
    BPL_REQUIRE(t.configure(xor4_config({2}, n.hidden, n.output, n.loss)).empty());
    check_every_parameter(t);
  }
}

TEST_CASE("typeset engine LaTeX: every parameter's derivation, 4-layer nets") {
  SUBCASE("2-2-2-2-1 tanh: at most 8 paths, every path written out") {
    Trainer t;
    BPL_REQUIRE(t.configure(xor4_config({2, 2, 2}, Activation::tanh, Activation::linear, Loss::half_mse)).empty());
    check_every_parameter(t);
  }
  SUBCASE("2-3-3-3-2 relu, softmax: more than 8 paths, the δ recursion") {
    Trainer t;
    BPL_REQUIRE(t.configure(xor4_config({3, 3, 3}, Activation::relu, Activation::softmax, Loss::softmax_ce)).empty());
    check_every_parameter(t);
  }
  SUBCASE("2-8-8-8-3 sigmoid, bce: the widest δ lines") {
    Trainer t;
    BPL_REQUIRE(t.configure(xor4_config({8, 8, 8}, Activation::sigmoid, Activation::sigmoid, Loss::bce)).empty());
    check_typesets(testing::derive(t, "W1[0][0]", 0).latex);
    check_typesets(testing::derive(t, "b3[7]", 0).latex);
  }
}

TEST_CASE("typeset engine LaTeX: f(x, y) derivations, symbolic gradients and node formulas") {
  struct Case {
    const char* source;
    double x, y;
  };
  const Case cases[] = {
      {"(x^2 + x*y) * y^3", 1, 2},  // the seed
      {"sin(x)*exp(y) + cos(x*y)", 0.5, -1},
      {"sqrt(x^2 + y^2)", 3, 4},
      {"abs(x - y) / max(x, y)", 1, 2},
      {"tanh(x*y) + log(y) - tan(x)", 0.3, 2},
      {"relu(x) - sigmoid(y) + min(x, y)", -1, 0.5},
      {"pow(x, 3) + 1e8*x - 2e-5*y", 2, 1},
      {"-x^2/(1 + y^2) + x^(-1)", 2, 1},
      {"pi*x + e^y", 1, 1},
      {"log(x)", -1, 1},  // undefined here
      {"x*x*x*x*y*y*y*y", 1.5, -0.5},  // many paths: "+ \dots"
  };
  for (const Case& c : cases) {
    CAPTURE(c.source);
    expr::ParseResult parsed = expr::parse(c.source);
    BPL_REQUIRE(parsed.ok);
    expr::Graph& g = parsed.graph;
    expr::evaluate(g, c.x, c.y);
    check_typesets(expr::derive(g).latex);
    const expr::SymbolicGradient gradient = expr::symbolic_gradient(g);
    check_typesets(gradient.latex_x);
    check_typesets(gradient.latex_y);
    for (expr::NodeId id = 0; id < static_cast<expr::NodeId>(g.nodes.size()); ++id) {
      check_typesets(expr::formula_latex(g, id));
    }
  }
}

TEST_CASE("typeset engine LaTeX: the LaTeX other tests expect") {
  // tests/test_expr_symbolic.cpp, test_expr_derivation.cpp, test_weight_derivation.cpp.
  for (const char* latex : {"y^{3} x + 3 \\left(x^{2} + x y\\right) y^{2}", "\\frac{x}{y^{2}}",
                            "\\left(e^{x}\\right)^{2}", "\\frac{\\partial L}{\\partial w_1}",
                            "(y - t)\\cdot w_5\\cdot \\mathbb{1}[h_1>0]\\cdot x_1",
                            "\\frac{\\partial L}{\\partial b_3} &= (y - t)",
                            "\\frac{\\partial f}{\\partial y} &= \\frac{\\partial f}{\\partial w} "
                            "\\frac{\\partial w}{\\partial v} \\frac{\\partial v}{\\partial y}",
                            "&= 8 \\cdot 1 \\cdot 1 + 3 \\cdot 12", "x + y \u2026"}) {
    check_typesets(latex);
  }
}
