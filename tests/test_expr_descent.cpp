#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "test_expr_testing.h"

using namespace bpl::expr;
using bpl::expr::testing::close;
using bpl::expr::testing::parse_ok;

TEST_CASE("expr descent: GD on x² + y² from (1, 1) with lr 0.1 follows 0.8ⁿ") {
  // x ← x − 0.1·2x = 0.8·x, the same for y: after n steps x = y = 0.8ⁿ.
  const Graph g = parse_ok("x^2 + y^2");
  DescentConfig config;
  config.optimizer = Optimizer::gd;
  config.x0 = config.y0 = 1;
  config.learning_rate = 0.1;
  config.steps = 30;
  const Trajectory t = descend(g, config);
  CHECK(t.status == DescentStatus::completed);
  BPL_REQUIRE(t.points.size() == 31);
  for (int n = 0; n <= 30; ++n) {
    CAPTURE(n);
    const double expected = std::pow(0.8, n);
    const TrajectoryPoint& p = t.points[n];
    CHECK(close(p.x, expected, 1e-13));
    CHECK(close(p.y, expected, 1e-13));
    CHECK(close(p.f, 2 * expected * expected, 1e-13));
    CHECK(close(p.grad_norm, std::sqrt(8.0) * expected, 1e-13));  // |(2x, 2y)| = 2√2·0.8ⁿ
  }
}

TEST_CASE("expr descent: momentum follows the hand-computed recurrence") {
  // f = x², lr 0.1, μ 0.9, from x = 1 (v ← 0.9v + 2x; x ← x − 0.1v), by hand:
  //   v1 = 2,    x1 = 0.8;   v2 = 1.8 + 1.6 = 3.4,  x2 = 0.46;
  //   v3 = 3.06 + 0.92 = 3.98,  x3 = 0.062
  const Graph g = parse_ok("x^2");
  DescentConfig config;
  config.optimizer = Optimizer::momentum;
  config.x0 = 1;
  config.y0 = 0;
  config.learning_rate = 0.1;
  config.momentum = 0.9;
  config.steps = 3;
  const Trajectory t = descend(g, config);
  BPL_REQUIRE(t.points.size() == 4);
  CHECK(close(t.points[1].x, 0.8, 1e-14));
  CHECK(close(t.points[2].x, 0.46, 1e-14));
  CHECK(close(t.points[3].x, 0.062, 1e-14));
  CHECK(t.points[3].y == 0);
}

TEST_CASE("expr descent: Adam's first step moves each coordinate by about lr") {
  // With bias correction, step 1 is lr·g/(|g| + ε): lr·sign(g) up to ε.
  const Graph g = parse_ok("x^2 + y^2");
  DescentConfig config;
  config.optimizer = Optimizer::adam;
  config.x0 = 1;
  config.y0 = -2;
  config.learning_rate = 0.1;
  config.steps = 1;
  const Trajectory t = descend(g, config);
  BPL_REQUIRE(t.points.size() == 2);
  CHECK(close(t.points[1].x, 0.9, 1e-8));
  CHECK(close(t.points[1].y, -1.9, 1e-8));
}

TEST_CASE("expr descent: a big learning rate diverges with a clear status") {
  // lr 1.5 on x² + y²: x ← x − 3x = −2x, so |x| = 2ⁿ passes 1e6 at n = 20.
  const Graph g = parse_ok("x^2 + y^2");
  DescentConfig config;
  config.learning_rate = 1.5;
  config.steps = 100;
  const Trajectory t = descend(g, config);
  CHECK(t.status == DescentStatus::diverged);
  CHECK(t.points.size() == 20);  // steps 0…19 stayed inside ±1e6
  CHECK(t.message.find("diverged at step 20") == 0);
  CHECK(t.message.find("smaller learning rate") != std::string::npos);
}

TEST_CASE("expr descent: overflow counts as divergence, a domain error stops as undefined") {
  SUBCASE("overflow") {
    const Graph g = parse_ok("exp(x^2)");
    DescentConfig config;
    config.x0 = 30;  // e^900 is beyond a double
    const Trajectory t = descend(g, config);
    CHECK(t.status == DescentStatus::diverged);
    CHECK(t.points.empty());
  }
  SUBCASE("undefined point") {
    // sqrt'(x) = 1/(2√x) = 0.5 at x = 1; lr 4 jumps to x = 1 − 2 = −1.
    const Graph g = parse_ok("sqrt(x) + y^2");
    DescentConfig config;
    config.x0 = 1;
    config.y0 = 0;
    config.learning_rate = 4;
    const Trajectory t = descend(g, config);
    CHECK(t.status == DescentStatus::undefined);
    CHECK(t.points.size() == 1);
    CHECK(t.message.find("stopped at step 1") == 0);
    CHECK(t.message.find("sqrt is only defined for numbers ≥ 0") != std::string::npos);
    BPL_REQUIRE(t.undefined_at != kNoNode);
    CHECK(g.nodes[t.undefined_at].op == Op::sqrt);
  }
}

TEST_CASE("expr descent: a bad config is rejected before anything runs") {
  const Graph g = parse_ok("x^2");
  DescentConfig config;
  SUBCASE("learning rate") {
    config.learning_rate = -1;
    const Trajectory t = descend(g, config);
    CHECK(t.status == DescentStatus::invalid_config);
    CHECK(t.message.find("learning_rate") == 0);
  }
  SUBCASE("steps") {
    config.steps = kMaxDescentSteps + 1;
    CHECK(descend(g, config).status == DescentStatus::invalid_config);
  }
  SUBCASE("momentum") {
    config.optimizer = Optimizer::momentum;
    config.momentum = 1;
    CHECK(descend(g, config).message.find("momentum") == 0);
  }
  SUBCASE("start") {
    config.x0 = NAN;
    CHECK(descend(g, config).status == DescentStatus::invalid_config);
  }
}

TEST_CASE("expr descent: zero steps records only the start") {
  const Graph g = parse_ok("x*y");
  DescentConfig config;
  config.x0 = 2;
  config.y0 = 3;
  config.steps = 0;
  const Trajectory t = descend(g, config);
  BPL_REQUIRE(t.points.size() == 1);
  CHECK(t.points[0].f == 6);
  CHECK(t.points[0].gx == 3);
  CHECK(t.points[0].gy == 2);
}
