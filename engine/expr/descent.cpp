#include "engine/expr/descent.h"

#include <cmath>

#include "engine/expr/autodiff.h"
#include "engine/expr/format.h"

namespace bpl::expr {

namespace {

std::string point_text(double x, double y) {
  return "(x, y) = (" + format_number(x) + ", " + format_number(y) + ")";
}

// The field at fault, or "" when the config can run.
std::string check_config(const DescentConfig& c) {
  auto in_unit = [](double v) { return std::isfinite(v) && v >= 0 && v < 1; };
  if (!std::isfinite(c.x0) || !std::isfinite(c.y0)) return "the start point must be finite numbers";
  if (!(std::isfinite(c.learning_rate) && c.learning_rate > 0)) {
    return "learning_rate must be a positive number, got " + format_number(c.learning_rate);
  }
  if (c.steps < 0 || c.steps > kMaxDescentSteps) {
    return "steps must be between 0 and " + std::to_string(kMaxDescentSteps) + ", got " +
           std::to_string(c.steps);
  }
  if (c.optimizer == Optimizer::momentum && !in_unit(c.momentum)) {
    return "momentum must be in [0, 1), got " + format_number(c.momentum);
  }
  if (c.optimizer == Optimizer::adam) {
    if (!in_unit(c.beta1)) return "beta1 must be in [0, 1), got " + format_number(c.beta1);
    if (!in_unit(c.beta2)) return "beta2 must be in [0, 1), got " + format_number(c.beta2);
    if (!(std::isfinite(c.epsilon) && c.epsilon > 0)) {
      return "epsilon must be a positive number, got " + format_number(c.epsilon);
    }
  }
  return "";
}

struct OptimizerState {
  double vx = 0, vy = 0;  // momentum velocity, or Adam's first moment m
  double sx = 0, sy = 0;  // Adam's second moment s
};

void update(const DescentConfig& c, int t, double gx, double gy, OptimizerState& state, double& x,
            double& y) {
  switch (c.optimizer) {
    case Optimizer::gd:
      x -= c.learning_rate * gx;
      y -= c.learning_rate * gy;
      return;
    case Optimizer::momentum:
      state.vx = c.momentum * state.vx + gx;
      state.vy = c.momentum * state.vy + gy;
      x -= c.learning_rate * state.vx;
      y -= c.learning_rate * state.vy;
      return;
    case Optimizer::adam: {
      state.vx = c.beta1 * state.vx + (1 - c.beta1) * gx;
      state.vy = c.beta1 * state.vy + (1 - c.beta1) * gy;
      state.sx = c.beta2 * state.sx + (1 - c.beta2) * gx * gx;
      state.sy = c.beta2 * state.sy + (1 - c.beta2) * gy * gy;
      const double c1 = 1 / (1 - std::pow(c.beta1, t));  // bias corrections, t = 1, 2, …
      const double c2 = 1 / (1 - std::pow(c.beta2, t));
      x -= c.learning_rate * (state.vx * c1) / (std::sqrt(state.sx * c2) + c.epsilon);
      y -= c.learning_rate * (state.vy * c1) / (std::sqrt(state.sy * c2) + c.epsilon);
      return;
    }
  }
}

// Stops the run at a point where f or ∇f does not exist.
void stop_undefined(Trajectory& t, int step, double x, double y, PointStatus status,
                    const std::string& reason, NodeId at) {
  const bool overflow = status == PointStatus::overflow;
  t.status = overflow ? DescentStatus::diverged : DescentStatus::undefined;
  t.undefined_at = overflow ? kNoNode : at;
  t.message = (overflow ? "diverged at step " : "stopped at step ") + std::to_string(step) +
              ": at " + point_text(x, y) + ", " + reason +
              (overflow ? "; try a smaller learning rate" : "");
}

}  // namespace

const char* optimizer_name(Optimizer optimizer) {
  switch (optimizer) {
    case Optimizer::gd: return "gd";
    case Optimizer::momentum: return "momentum";
    case Optimizer::adam: return "adam";
  }
  return "?";
}

const char* descent_status_name(DescentStatus status) {
  switch (status) {
    case DescentStatus::completed: return "completed";
    case DescentStatus::diverged: return "diverged";
    case DescentStatus::undefined: return "undefined";
    case DescentStatus::invalid_config: return "invalid_config";
  }
  return "?";
}

Trajectory descend(const Graph& graph, const DescentConfig& config) {
  Trajectory t;
  t.message = check_config(config);
  if (!t.message.empty()) {
    t.status = DescentStatus::invalid_config;
    return t;
  }
  Graph g = graph;
  OptimizerState state;
  double x = config.x0, y = config.y0;
  for (int step = 0;; ++step) {
    const Evaluation value = evaluate(g, x, y);
    if (!value.defined()) {
      stop_undefined(t, step, x, y, value.status, "f is undefined: " + value.reason, value.undefined_at);
      return t;
    }
    const Gradient grad = backward(g);
    if (!grad.defined()) {
      stop_undefined(t, step, x, y, grad.status, "∇f is undefined: " + grad.reason, grad.undefined_at);
      return t;
    }
    t.points.push_back({x, y, value.value, grad.dx, grad.dy, std::hypot(grad.dx, grad.dy)});
    if (step == config.steps) break;
    update(config, step + 1, grad.dx, grad.dy, state, x, y);
    if (!(std::fabs(x) <= kDivergenceBound && std::fabs(y) <= kDivergenceBound)) {  // also NaN
      t.status = DescentStatus::diverged;
      t.message = "diverged at step " + std::to_string(step + 1) + ": " + point_text(x, y) +
                  " is beyond ±1e6; try a smaller learning rate";
      return t;
    }
  }
  t.message = "completed " + std::to_string(config.steps) + " steps: f went from " +
              format_number(t.points.front().f) + " to " + format_number(t.points.back().f);
  return t;
}

}  // namespace bpl::expr
