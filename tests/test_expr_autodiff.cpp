#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "test_expr_testing.h"

using namespace bpl::expr;
using bpl::expr::testing::close;
using bpl::expr::testing::parse_ok;

namespace {

const char* const kSeed = "(x^2 + x*y) * y^3";

// The seed tutorial's hand derivation (002, §4.3), with its PyTorch print-out
// (24, 28) corrected: at (1, 2) these give f = 24, ∂f/∂x = 32, ∂f/∂y = 44.
double seed_f(double x, double y) { return (x * x + x * y) * y * y * y; }
double seed_dx(double x, double y) { return y * y * y * (2 * x + y); }
double seed_dy(double x, double y) { return x * y * y * y + 3 * y * y * (x * x + x * y); }

std::vector<double> adjoints(const Graph& g) {
  std::vector<double> out;
  for (const Node& node : g.nodes) out.push_back(node.adjoint);
  return out;
}

}  // namespace

TEST_CASE("expr autodiff: the seed example at (1, 2) is f = 24, ∇f = (32, 44)") {
  Graph g = parse_ok(kSeed);
  const Evaluation e = evaluate(g, 1, 2);
  BPL_REQUIRE(e.defined());
  CHECK(e.value == 24);
  const Gradient grad = backward(g);
  BPL_REQUIRE(grad.defined());
  CHECK(grad.dx == 32);
  CHECK(grad.dy == 44);
}

TEST_CASE("expr autodiff: the seed example matches the hand derivation and central differences") {
  const double points[][2] = {{1, 2}, {-1.5, 0.5}, {0.3, -2.2}, {2, 1}, {0, 0}, {-3, 1.25}};
  Graph g = parse_ok(kSeed);
  for (const auto& p : points) {
    const double x = p[0], y = p[1];
    CAPTURE(x);
    CAPTURE(y);
    BPL_REQUIRE(evaluate(g, x, y).defined());
    CHECK(close(g.nodes[g.root].value, seed_f(x, y), 1e-14));
    const Gradient grad = backward(g);
    CHECK(close(grad.dx, seed_dx(x, y), 1e-14));
    CHECK(close(grad.dy, seed_dy(x, y), 1e-14));
    const CentralDifference numeric = central_difference(g, x, y);
    CHECK(close(grad.dx, numeric.dx, 1e-6));
    CHECK(close(grad.dy, numeric.dy, 1e-6));
  }
}

TEST_CASE("expr autodiff: evaluate clears the adjoints of the previous point") {
  Graph g = parse_ok(kSeed);
  evaluate(g, 1, 2);
  backward(g);
  evaluate(g, 3, 4);
  for (const Node& node : g.nodes) CHECK(node.adjoint == 0);
}

TEST_CASE("expr autodiff: stepping through the seed's backward pass") {
  Graph g = parse_ok(kSeed);
  evaluate(g, 1, 2);
  BackwardStepper stepper(g);
  // f, z, w, v, u: the non-leaf nodes from the root down.
  BPL_REQUIRE(stepper.step_count() == 5);
  CHECK(g.nodes[g.root].adjoint == 1);
  CHECK(g.nodes[g.y].adjoint == 0);

  BPL_REQUIRE(stepper.next(g));
  const StepRecord& first = *stepper.last();
  CHECK(g.nodes[first.node].label == "f");
  CHECK(first.adjoint == 1);
  BPL_REQUIRE(first.edges.size() == 2);
  // f = w·z at w = 3, z = 8: ∂f/∂w = z = 8, ∂f/∂z = w = 3.
  CHECK(g.nodes[first.edges[0].input].label == "w");
  CHECK(first.edges[0].local == 8);
  CHECK(first.edges[0].contribution == 8);
  CHECK(first.edges[0].adjoint_after == 8);
  CHECK(first.edges[1].local == 3);
  CHECK(first.edges[1].adjoint_after == 3);

  SUBCASE("to the end gives exactly the one-shot adjoints") {
    while (stepper.next(g)) {
    }
    CHECK(stepper.at_end());
    const std::vector<double> stepped = adjoints(g);
    const Gradient stepped_grad = stepper.gradient(g);
    Graph one_shot = parse_ok(kSeed);
    evaluate(one_shot, 1, 2);
    const Gradient grad = backward(one_shot);
    CHECK(stepped == adjoints(one_shot));
    CHECK(stepped_grad.dx == grad.dx);
    CHECK(stepped_grad.dy == grad.dy);
    CHECK(stepped_grad.dy == 44);
  }
  SUBCASE("prev undoes exactly, reset starts over") {
    const std::vector<double> after_one = adjoints(g);
    BPL_REQUIRE(stepper.next(g));
    BPL_REQUIRE(stepper.next(g));
    BPL_REQUIRE(stepper.prev(g));
    BPL_REQUIRE(stepper.prev(g));
    CHECK(adjoints(g) == after_one);
    BPL_REQUIRE(stepper.prev(g));
    CHECK_FALSE(stepper.prev(g));
    CHECK(stepper.position() == 0);
    BPL_REQUIRE(stepper.next(g));
    stepper.reset(g);
    CHECK(stepper.position() == 0);
    CHECK(g.nodes[g.root].adjoint == 1);
    CHECK(g.nodes[g.x].adjoint == 0);
  }
}

TEST_CASE("expr autodiff: a shared variable's contributions sum to its final adjoint") {
  const char* sources[] = {kSeed, "x*y + sin(x*y) + y", "x*x", "exp(y)*y - y/x + relu(y)"};
  for (const std::string source : sources) {
    CAPTURE(source);
    Graph g = parse_ok(source);
    BPL_REQUIRE(evaluate(g, 0.7, 1.3).defined());
    BackwardStepper stepper(g);
    double sum_x = 0, sum_y = 0;
    while (stepper.next(g)) {
      const StepRecord& step = *stepper.last();
      for (const EdgeStep& edge : step.edges) {
        if (!edge.followed) continue;  // a constant input: nothing flows
        // Each edge is "adjoint × local", added on.
        CHECK(edge.contribution == step.adjoint * edge.local);
        CHECK(edge.adjoint_after == edge.adjoint_before + edge.contribution);
        if (edge.input == g.x) sum_x += edge.contribution;
        if (edge.input == g.y) sum_y += edge.contribution;
      }
    }
    const Gradient grad = stepper.gradient(g);
    const CentralDifference numeric = central_difference(g, 0.7, 1.3);
    CHECK(close(sum_x, grad.dx, 1e-14));
    CHECK(close(sum_y, grad.dy, 1e-14));
    CHECK(close(grad.dx, numeric.dx, 1e-6));
    CHECK(close(grad.dy, numeric.dy, 1e-6));
  }
}

TEST_CASE("expr autodiff: x·x sends two edges into one leaf and prev undoes both") {
  Graph g = parse_ok("x*x");
  evaluate(g, 3, 0);
  BackwardStepper stepper(g);
  BPL_REQUIRE(stepper.next(g));
  const StepRecord& step = *stepper.last();
  BPL_REQUIRE(step.edges.size() == 2);
  CHECK(step.edges[0].adjoint_after == 3);
  CHECK(step.edges[1].adjoint_before == 3);
  CHECK(step.edges[1].adjoint_after == 6);  // d(x²)/dx = 2x = 6
  BPL_REQUIRE(stepper.prev(g));
  CHECK(g.nodes[g.x].adjoint == 0);
}

TEST_CASE("expr autodiff: constants get no gradient and no step") {
  Graph g = parse_ok("x + 2^3");
  evaluate(g, 1, 0);
  BackwardStepper stepper(g);
  CHECK(stepper.step_count() == 1);  // only the root: 2^3 does not vary
  BPL_REQUIRE(stepper.next(g));
  CHECK(stepper.last()->edges[0].followed);
  CHECK_FALSE(stepper.last()->edges[1].followed);
  CHECK(stepper.last()->edges[1].contribution == 0);
  const Gradient grad = stepper.gradient(g);
  CHECK(grad.dx == 1);
  CHECK(grad.dy == 0);  // f does not use y
}

TEST_CASE("expr autodiff: a domain error is attached to the node where it happens") {
  Graph g = parse_ok("2 * ln(x) + y");
  const Evaluation e = evaluate(g, -1, 0);
  CHECK_FALSE(e.defined());
  CHECK(e.status == PointStatus::domain_error);
  BPL_REQUIRE(e.undefined_at != kNoNode);
  CHECK(g.nodes[e.undefined_at].op == Op::log);
  CHECK(e.reason == "ln is only defined for positive numbers, and its input is -1");
  CHECK(g.nodes[g.root].undefined.find("is undefined") != std::string::npos);  // downstream points back
  const Gradient grad = backward(g);
  CHECK_FALSE(grad.defined());
  CHECK(grad.undefined_at == e.undefined_at);
  BackwardStepper stepper(g);
  CHECK(stepper.step_count() == 0);
}

TEST_CASE("expr autodiff: an undefined slope makes the gradient undefined, not NaN-silent") {
  SUBCASE("sqrt at 0") {
    Graph g = parse_ok("sqrt(x) + y");
    BPL_REQUIRE(evaluate(g, 0, 1).defined());
    const Gradient grad = backward(g);
    CHECK_FALSE(grad.defined());
    CHECK(grad.reason.find("sqrt'(0) = +∞") != std::string::npos);
    CHECK(g.nodes[grad.undefined_at].op == Op::sqrt);
  }
  SUBCASE("a varying exponent on a negative base") {
    Graph g = parse_ok("(-2)^x");
    BPL_REQUIRE(evaluate(g, 2, 0).defined());
    CHECK_FALSE(backward(g).defined());
  }
  SUBCASE("a constant exponent on a negative base is fine") {
    Graph g = parse_ok("x^2");
    BPL_REQUIRE(evaluate(g, -2, 0).defined());
    const Gradient grad = backward(g);
    BPL_REQUIRE(grad.defined());
    CHECK(grad.dx == -4);  // 2x at x = −2
  }
  SUBCASE("overflow is its own status") {
    Graph g = parse_ok("exp(x)");
    const Evaluation e = evaluate(g, 1000, 0);
    CHECK(e.status == PointStatus::overflow);
  }
}

TEST_CASE("expr autodiff: kink conventions reach the gradient") {
  Graph relu = parse_ok("relu(x) + abs(y)");
  BPL_REQUIRE(evaluate(relu, 0, 0).defined());
  const Gradient g1 = backward(relu);
  CHECK(g1.dx == 0);  // relu'(0) = 0
  CHECK(g1.dy == 0);  // abs'(0) = 0
  Graph tie = parse_ok("max(x, y)");
  BPL_REQUIRE(evaluate(tie, 1, 1).defined());
  const Gradient g2 = backward(tie);
  CHECK(g2.dx == 0.5);
  CHECK(g2.dy == 0.5);
}
