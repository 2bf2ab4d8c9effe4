#pragma once
// Gradient check by central differences in double precision, for any
// network and loss, compared with backprop. The five-point central stencil
//   ∂J/∂θ ≈ [8(J(θ+ε) − J(θ−ε)) − (J(θ+2ε) − J(θ−2ε))] / 12ε   (error O(ε⁴))
// keeps both truncation and rounding near 1e-12 with ε = 1e-4. Near a ReLU
// kink (|z| < 2ε) no difference quotient is meaningful; expect a mismatch there.
// J = batch-mean loss + regularization penalty (engine/mlp/regularization.h).
#include <string>
#include <vector>

#include "engine/core/matrix.h"
#include "engine/mlp/network.h"
#include "engine/mlp/regularization.h"

namespace bpl {

struct GradCheck {
  ParameterRef parameter;
  double analytic = 0.0;        // backprop
  double numeric = 0.0;         // central difference
  double relative_error = 0.0;  // |analytic − numeric| / max(|analytic| + |numeric|, 1e-8)
};

double relative_error(double analytic, double numeric);

// Every parameter of the network, W⁽¹⁾ row by row then b⁽¹⁾, then layer 2, ...
template <typename Scalar>
std::vector<ParameterRef> all_parameters(const Network<Scalar>& net);

GradCheck gradient_check(const Network<double>& net, const Matrix<double>& x,
                         const Matrix<double>& targets, const RegularizationSettings& reg,
                         ParameterRef parameter, double epsilon = 1e-4);
std::vector<GradCheck> gradient_check_all(const Network<double>& net, const Matrix<double>& x,
                                          const Matrix<double>& targets,
                                          const RegularizationSettings& reg, double epsilon = 1e-4);

}  // namespace bpl
