#pragma once
// Optimizers in order of complexity, each θ ← θ − lr·(step direction), over
// every weight and bias (float: the kernels' updates):
//   sgd       θ −= lr·g
//   momentum  v = μ·v + g;  θ −= lr·v
//   adam      m = β1·m + (1−β1)·g;  v = β2·v + (1−β2)·g²;  t += 1
//             θ −= lr·m̂ / (√v̂ + ε),  m̂ = m/(1−β1ᵗ),  v̂ = v/(1−β2ᵗ)
#include <optional>
#include <string_view>

#include "engine/mlp/network.h"

namespace bpl {

enum class OptimizerKind { sgd, momentum, adam };

std::optional<OptimizerKind> optimizer_from_name(std::string_view name);
const char* optimizer_name(OptimizerKind kind);
const char* optimizer_names();  // "a | b | c", for error messages

struct OptimizerSettings {
  OptimizerKind kind = OptimizerKind::sgd;
  double learning_rate = 0.5;
  double momentum = 0.9;  // μ
  double beta1 = 0.9;
  double beta2 = 0.999;
  double epsilon = 1e-8;
};

template <typename Scalar>
class Optimizer {
 public:
  Optimizer() = default;
  Optimizer(const OptimizerSettings& settings, const Network<Scalar>& net);

  // Zeroes the state (velocity, moments, t) for `net`'s shape.
  void reset(const Network<Scalar>& net);
  // Changing hyperparameters keeps the state; changing the kind resets it.
  void set_settings(const OptimizerSettings& settings, const Network<Scalar>& net);
  const OptimizerSettings& settings() const { return settings_; }

  // One update of every parameter with gradients `grads`.
  void step(Network<Scalar>& net, const Gradients<Scalar>& grads);
  long long steps_taken() const { return steps_; }

 private:
  OptimizerSettings settings_;
  Gradients<Scalar> first_;   // momentum: v;  adam: m
  Gradients<Scalar> second_;  // adam: v
  long long steps_ = 0;
};

}  // namespace bpl
