#pragma once
// L1 / L2 regularization as TensorFlow Playground defines it, on weights only
// (never biases), scaled by the regularization rate λ:
//   l2   R(w) = ½w²   R'(w) = w
//   l1   R(w) = |w|   R'(w) = sign(w)   (0 at w = 0)
// What we implement: the objective J = L + λ·Σ_w R(w), so the gradient the
// optimizer sees is ∂L/∂w + λ·R'(w) (Adam included). With SGD that is
// Playground's update up to its order (Playground takes the loss step first
// and evaluates R' at the new weight, and sets an L1 weight that crosses 0 to
// exactly 0; we do neither). Reported losses are the data loss L, as in
// Playground; regularization_penalty() gives λ·Σ R(w) separately.
#include <optional>
#include <string_view>

#include "engine/mlp/network.h"

namespace bpl {

enum class Regularization { none, l1, l2 };

std::optional<Regularization> regularization_from_name(std::string_view name);
const char* regularization_name(Regularization r);
const char* regularization_names();  // "a | b | c", for error messages

struct RegularizationSettings {
  Regularization kind = Regularization::none;
  double rate = 0.0;  // λ ≥ 0
};

// λ·Σ_w R(w) over all weights.
template <typename Scalar>
Scalar regularization_penalty(const Network<Scalar>& net, const RegularizationSettings& reg);

// grads.weights += λ·R'(W).
template <typename Scalar>
void add_regularization_gradient(const Network<Scalar>& net, const RegularizationSettings& reg,
                                 Gradients<Scalar>& grads);

}  // namespace bpl
