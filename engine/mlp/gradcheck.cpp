#include "engine/mlp/gradcheck.h"

#include <algorithm>
#include <cmath>

#include "engine/mlp/backprop.h"
#include "engine/core/expect.h"
#include "engine/mlp/parameter_names.h"

namespace bpl {

namespace {

// J(θ) = (1/B) Σ_s ℓ_s + λ·Σ R(w)
double objective(const Network<double>& net, const Matrix<double>& x, const Matrix<double>& targets,
                 const RegularizationSettings& reg, Workspace<double>& ws) {
  const int batch = int(x.rows());
  return evaluate_loss_sum(net, x.data(), net.inputs, targets.data(), net.outputs(), batch, ws) / batch +
         regularization_penalty(net, reg);
}

GradCheck check_one(Network<double>& net, const Matrix<double>& x, const Matrix<double>& targets,
                    const RegularizationSettings& reg, const Gradients<double>& grads,
                    ParameterRef p, double epsilon, Workspace<double>& ws) {
  double& theta = parameter_value(net, p);
  const double saved = theta;
  auto at = [&](double offset) {
    theta = saved + offset;
    return objective(net, x, targets, reg, ws);
  };
  // Five-point central difference: [8(J(θ+ε) − J(θ−ε)) − (J(θ+2ε) − J(θ−2ε))] / 12ε, error O(ε⁴),
  // so ε can stay large enough (1e-4) that rounding in J does not dominate.
  const double near = at(epsilon) - at(-epsilon);
  const double far = at(2 * epsilon) - at(-2 * epsilon);
  theta = saved;
  GradCheck check;
  check.parameter = p;
  check.analytic = grads.of(p);
  check.numeric = (8.0 * near - far) / (12.0 * epsilon);
  check.relative_error = relative_error(check.analytic, check.numeric);
  return check;
}

Gradients<double> analytic_gradients(const Network<double>& net, const Matrix<double>& x,
                                     const Matrix<double>& targets, const RegularizationSettings& reg) {
  Gradients<double> grads;
  mean_loss_and_gradients(net, x, targets, grads);
  add_regularization_gradient(net, reg, grads);
  return grads;
}

}  // namespace

double relative_error(double analytic, double numeric) {
  return std::abs(analytic - numeric) / std::max(std::abs(analytic) + std::abs(numeric), 1e-8);
}

template <typename Scalar>
std::vector<ParameterRef> all_parameters(const Network<Scalar>& net) {
  std::vector<ParameterRef> refs;
  for (int l = 1; l <= net.depth(); ++l) {
    const Layer<Scalar>& layer = net.layers[l - 1];
    for (int j = 0; j < layer.weights.rows(); ++j) {
      for (int i = 0; i < layer.weights.cols(); ++i) refs.push_back({l, j, i});
    }
    for (int j = 0; j < layer.biases.size(); ++j) refs.push_back({l, j, -1});
  }
  return refs;
}

template std::vector<ParameterRef> all_parameters(const Network<float>&);
template std::vector<ParameterRef> all_parameters(const Network<double>&);

GradCheck gradient_check(const Network<double>& net, const Matrix<double>& x,
                         const Matrix<double>& targets, const RegularizationSettings& reg,
                         ParameterRef parameter, double epsilon) {
  BPL_EXPECT(parameter.layer >= 1 && parameter.layer <= net.depth(), "gradient_check: layer out of range");
  Network<double> probe = net;
  Workspace<double> ws;
  ws.reserve(probe, int(x.rows()));
  return check_one(probe, x, targets, reg, analytic_gradients(net, x, targets, reg), parameter, epsilon, ws);
}

std::vector<GradCheck> gradient_check_all(const Network<double>& net, const Matrix<double>& x,
                                          const Matrix<double>& targets,
                                          const RegularizationSettings& reg, double epsilon) {
  Network<double> probe = net;
  Workspace<double> ws;
  ws.reserve(probe, int(x.rows()));
  const Gradients<double> grads = analytic_gradients(net, x, targets, reg);
  std::vector<GradCheck> checks;
  for (ParameterRef p : all_parameters(net)) {
    checks.push_back(check_one(probe, x, targets, reg, grads, p, epsilon, ws));
  }
  return checks;
}

}  // namespace bpl
