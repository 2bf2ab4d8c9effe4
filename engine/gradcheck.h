#pragma once
// Gradient check by central differences in double precision, for any
// network and loss: ∂J/∂θ ≈ (J(θ+ε) − J(θ−ε)) / 2ε, compared with backprop.
// J = batch-mean loss + regularization penalty (engine/regularization.h).
#include <string>
#include <vector>

#include "engine/matrix.h"
#include "engine/network.h"
#include "engine/regularization.h"

namespace bpl {

// One parameter: W⁽ˡ⁾[row][col], or b⁽ˡ⁾[row] when col < 0. layer is 1-based (engine/network.h).
struct ParameterRef {
  int layer = 1;
  int row = 0;
  int col = 0;  // −1: the bias
  bool is_bias() const { return col < 0; }
};

struct GradCheck {
  ParameterRef parameter;
  double analytic = 0.0;        // backprop
  double numeric = 0.0;         // central difference
  double relative_error = 0.0;  // |analytic − numeric| / max(|analytic| + |numeric|, 1e-8)
};

double relative_error(double analytic, double numeric);

// Every parameter of the network, W⁽¹⁾ row by row then b⁽¹⁾, then layer 2, ...
std::vector<ParameterRef> all_parameters(const Network<double>& net);

GradCheck gradient_check(const Network<double>& net, const Matrix<double>& x,
                         const Matrix<double>& targets, const RegularizationSettings& reg,
                         ParameterRef parameter, double epsilon = 1e-6);
std::vector<GradCheck> gradient_check_all(const Network<double>& net, const Matrix<double>& x,
                                          const Matrix<double>& targets,
                                          const RegularizationSettings& reg, double epsilon = 1e-6);

}  // namespace bpl
