#pragma once
// Gradient descent on f(x, y), in order of increasing complexity (p = (x, y), g = ∇f(p)):
//   gd:        p ← p − lr·g
//   momentum:  v ← μ·v + g;  p ← p − lr·v
//   adam:      m ← β1·m + (1−β1)·g;  s ← β2·s + (1−β2)·g²;
//              p ← p − lr·m̂/(√ŝ + ε),  m̂ = m/(1−β1ᵗ), ŝ = s/(1−β2ᵗ)
// The same update rules as engine/kernels (sgd/momentum/adam_update), in double.
#include <string>
#include <vector>

#include "engine/expr/graph.h"

namespace bpl::expr {

enum class Optimizer { gd, momentum, adam };
const char* optimizer_name(Optimizer optimizer);  // "gd", "momentum", "adam"

struct DescentConfig {
  Optimizer optimizer = Optimizer::gd;
  double x0 = 1, y0 = 1;        // start point
  double learning_rate = 0.1;   // > 0
  int steps = 50;               // 0 … kMaxDescentSteps
  double momentum = 0.9;        // μ, in [0, 1)
  double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
};
constexpr int kMaxDescentSteps = 100000;
constexpr double kDivergenceBound = 1e6;  // |x| or |y| beyond this counts as diverged

struct TrajectoryPoint {
  double x = 0, y = 0;
  double f = 0;
  double gx = 0, gy = 0;
  double grad_norm = 0;  // |∇f| = √(gx² + gy²)
};

enum class DescentStatus {
  completed,       // all steps taken
  diverged,        // NaN/Inf, overflow, or |x|, |y| > 1e6
  undefined,       // f or ∇f undefined at a point on the way (e.g. ln of a negative)
  invalid_config,  // the config itself is out of range: nothing was run
};
const char* descent_status_name(DescentStatus status);

struct Trajectory {
  DescentStatus status = DescentStatus::completed;
  std::string message;  // for the learner: why it stopped, what to try
  std::vector<TrajectoryPoint> points;  // the start, then one per step taken
  NodeId undefined_at = kNoNode;        // for status undefined: where
};

// Works on a copy of the graph; `graph` is left as it was.
Trajectory descend(const Graph& graph, const DescentConfig& config);

}  // namespace bpl::expr
