#include "engine/cli/non_finite.h"

#include <cmath>

#include "engine/mlp/step_trace.h"

namespace bpl::cli {

namespace {

std::string value_text(double v) { return std::isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf"); }

// "<name>[sample s][unit j] = inf" for the first non-finite entry of m.
std::optional<std::string> scan_rows(const Matrix<double>& m, const std::string& name) {
  for (int s = 0; s < m.rows(); ++s) {
    for (int j = 0; j < m.cols(); ++j) {
      if (!std::isfinite(m(s, j))) {
        return name + "[sample " + std::to_string(s) + "][unit " + std::to_string(j) + "] = " + value_text(m(s, j));
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> first_non_finite(const Network<double>& net, const Matrix<double>& x,
                                            const Matrix<double>& targets) {
  const StepTrace<double> trace = trace_step(net, x, targets);
  const int depth = int(trace.layers.size());
  for (int l = 0; l < depth; ++l) {
    const std::string layer = "layers[" + std::to_string(l) + "]";
    if (auto where = scan_rows(trace.layers[l].z, layer + ".z")) return where;
    if (auto where = scan_rows(trace.layers[l].a, layer + ".a")) return where;
  }
  if (!std::isfinite(trace.mean_loss)) return "loss = " + value_text(trace.mean_loss);
  for (int l = depth - 1; l >= 0; --l) {  // backward order: output layer first
    const std::string layer = "layers[" + std::to_string(l) + "]";
    if (auto where = scan_rows(trace.layers[l].delta, layer + ".delta")) return where;
  }
  for (int l = 0; l < depth; ++l) {
    const LayerTrace<double>& t = trace.layers[l];
    const std::string prefix = "gradients[" + std::to_string(l) + "]";
    for (int j = 0; j < t.weight_gradient.rows(); ++j) {
      for (int i = 0; i < t.weight_gradient.cols(); ++i) {
        const double g = t.weight_gradient(j, i);
        if (!std::isfinite(g)) {
          return prefix + ".weights[" + std::to_string(j) + "][" + std::to_string(i) + "] = " + value_text(g);
        }
      }
      if (!std::isfinite(t.bias_gradient(j))) {
        return prefix + ".biases[" + std::to_string(j) + "] = " + value_text(t.bias_gradient(j));
      }
    }
  }
  return std::nullopt;
}

}  // namespace bpl::cli
