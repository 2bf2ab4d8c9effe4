#pragma once
// Scalar activations and their derivatives: the definitions every variant
// must match. Used by the __ref kernels.
#include <algorithm>
#include <cmath>

#include "engine/kernels/kernels.h"

namespace bpl::kernels {

// σ(z) = 1/(1+e⁻ᶻ);  gelu(z) = z·Φ(z) = ½·z·(1 + erf(z/√2)), the exact (erf) form.
inline float activate(Activation act, float z, float slope) {
  switch (act) {
    case Activation::linear:
      return z;
    case Activation::sigmoid:
      return 1.0f / (1.0f + std::exp(-z));
    case Activation::tanh:
      return std::tanh(z);
    case Activation::relu:
      return std::max(z, 0.0f);
    case Activation::leaky_relu:
      return z > 0.0f ? z : slope * z;
    case Activation::gelu:
      return 0.5f * z * (1.0f + std::erf(z * 0.70710678118654752f));
  }
  return z;
}

// act'(z), given z and a = act(z):
//   σ' = a(1−a);  tanh' = 1−a²;  relu' = [z>0];  leaky' = z>0 ? 1 : slope;
//   gelu' = Φ(z) + z·φ(z), φ(z) = e^(−z²/2)/√(2π).
// The kinks (relu, leaky_relu at z = 0) take the left derivative.
inline float activation_derivative(Activation act, float z, float a, float slope) {
  switch (act) {
    case Activation::linear:
      return 1.0f;
    case Activation::sigmoid:
      return a * (1.0f - a);
    case Activation::tanh:
      return 1.0f - a * a;
    case Activation::relu:
      return z > 0.0f ? 1.0f : 0.0f;
    case Activation::leaky_relu:
      return z > 0.0f ? 1.0f : slope;
    case Activation::gelu: {
      const float cdf = 0.5f * (1.0f + std::erf(z * 0.70710678118654752f));
      const float pdf = 0.39894228040143268f * std::exp(-0.5f * z * z);
      return cdf + z * pdf;
    }
  }
  return 1.0f;
}

}  // namespace bpl::kernels
