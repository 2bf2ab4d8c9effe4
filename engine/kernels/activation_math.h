#pragma once
// Scalar activations and their derivatives, in float or double: the
// definitions every variant must match, used by the __ref kernels. The
// activation is a template parameter so each kernel's inner loop is
// branch-free (and vectorisable for the piecewise-linear ones);
// visit_activation turns the runtime enum into it.
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
template <Activation kAct, typename Scalar>
inline Scalar activate(Scalar z, Scalar slope) {
  if constexpr (kAct == Activation::linear) return z;
  if constexpr (kAct == Activation::sigmoid) return Scalar(1) / (Scalar(1) + std::exp(-z));
  if constexpr (kAct == Activation::tanh) return std::tanh(z);
  if constexpr (kAct == Activation::relu) return z > Scalar(0) ? z : Scalar(0);
  if constexpr (kAct == Activation::leaky_relu) return z > Scalar(0) ? z : slope * z;
  if constexpr (kAct == Activation::gelu)
    return Scalar(0.5) * z * (Scalar(1) + std::erf(z * Scalar(0.70710678118654752440)));
}

// act'(z), given z and a = act(z):
//   σ' = a(1−a);  tanh' = 1−a²;  relu' = [z>0];  leaky' = z>0 ? 1 : slope;
//   gelu' = Φ(z) + z·φ(z), φ(z) = e^(−z²/2)/√(2π).
// The kinks (relu, leaky_relu at z = 0) take the left derivative.
template <Activation kAct, typename Scalar>
inline Scalar activation_derivative(Scalar z, Scalar a, Scalar slope) {
  if constexpr (kAct == Activation::linear) return Scalar(1);
  if constexpr (kAct == Activation::sigmoid) return a * (Scalar(1) - a);
  if constexpr (kAct == Activation::tanh) return Scalar(1) - a * a;
  if constexpr (kAct == Activation::relu) return z > Scalar(0) ? Scalar(1) : Scalar(0);
  if constexpr (kAct == Activation::leaky_relu) return z > Scalar(0) ? Scalar(1) : slope;
  if constexpr (kAct == Activation::gelu) {
    const Scalar cdf = Scalar(0.5) * (Scalar(1) + std::erf(z * Scalar(0.70710678118654752440)));
    const Scalar pdf = Scalar(0.398942280401432677939946059934) * std::exp(Scalar(-0.5) * z * z);
    return cdf + z * pdf;
  }
}

}  // namespace bpl::kernels
