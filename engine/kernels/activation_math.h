#pragma once
// Scalar activations and their derivatives: the definitions every variant
// must match, used by the __ref kernels. The activation is a template
// parameter so each kernel's inner loop is branch-free (and vectorisable for
// the piecewise-linear ones); visit_activation turns the runtime enum into it.
#include <algorithm>
#include <cmath>
#include <type_traits>

#include "engine/kernels/kernels.h"

namespace bpl::kernels {

template <Activation kAct>
using ActivationTag = std::integral_constant<Activation, kAct>;

// Calls f(ActivationTag<act>{}).
template <class F>
void visit_activation(Activation act, F&& f) {
  switch (act) {
    case Activation::linear:
      return f(ActivationTag<Activation::linear>{});
    case Activation::sigmoid:
      return f(ActivationTag<Activation::sigmoid>{});
    case Activation::tanh:
      return f(ActivationTag<Activation::tanh>{});
    case Activation::relu:
      return f(ActivationTag<Activation::relu>{});
    case Activation::leaky_relu:
      return f(ActivationTag<Activation::leaky_relu>{});
    case Activation::gelu:
      return f(ActivationTag<Activation::gelu>{});
  }
}

// σ(z) = 1/(1+e⁻ᶻ);  gelu(z) = z·Φ(z) = ½·z·(1 + erf(z/√2)), the exact (erf) form.
template <Activation kAct>
inline float activate(float z, float slope) {
  if constexpr (kAct == Activation::linear) return z;
  if constexpr (kAct == Activation::sigmoid) return 1.0f / (1.0f + std::exp(-z));
  if constexpr (kAct == Activation::tanh) return std::tanh(z);
  if constexpr (kAct == Activation::relu) return z > 0.0f ? z : 0.0f;
  if constexpr (kAct == Activation::leaky_relu) return z > 0.0f ? z : slope * z;
  if constexpr (kAct == Activation::gelu)
    return 0.5f * z * (1.0f + std::erf(z * 0.70710678118654752f));
}

// act'(z), given z and a = act(z):
//   σ' = a(1−a);  tanh' = 1−a²;  relu' = [z>0];  leaky' = z>0 ? 1 : slope;
//   gelu' = Φ(z) + z·φ(z), φ(z) = e^(−z²/2)/√(2π).
// The kinks (relu, leaky_relu at z = 0) take the left derivative.
template <Activation kAct>
inline float activation_derivative(float z, float a, float slope) {
  if constexpr (kAct == Activation::linear) return 1.0f;
  if constexpr (kAct == Activation::sigmoid) return a * (1.0f - a);
  if constexpr (kAct == Activation::tanh) return 1.0f - a * a;
  if constexpr (kAct == Activation::relu) return z > 0.0f ? 1.0f : 0.0f;
  if constexpr (kAct == Activation::leaky_relu) return z > 0.0f ? 1.0f : slope;
  if constexpr (kAct == Activation::gelu) {
    const float cdf = 0.5f * (1.0f + std::erf(z * 0.70710678118654752f));
    const float pdf = 0.39894228040143268f * std::exp(-0.5f * z * z);
    return cdf + z * pdf;
  }
}

}  // namespace bpl::kernels
