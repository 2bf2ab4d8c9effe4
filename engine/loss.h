#pragma once
// Losses ℓ of one sample (output o = a⁽ᴸ⁾, target t, K outputs); the network
// reports L = (1/B) Σ_s ℓ_s, the batch mean.
//   half_mse    ℓ = ½ Σ_k (o_k − t_k)²                 ∂ℓ/∂o_k = o_k − t_k          (the seeds' loss)
//   mse         ℓ = (1/K) Σ_k (o_k − t_k)²             ∂ℓ/∂o_k = (2/K)(o_k − t_k)
//   bce         ℓ = −[t log o + (1−t) log(1−o)], o = σ(z), from the logit z:
//               ℓ = max(z,0) − t·z + log(1 + e^{−|z|})  ∂ℓ/∂z = o − t   (sigmoid output only)
//   softmax_ce  ℓ = −Σ_k t_k log softmax(z)_k = logsumexp(z) − Σ_k t_k z_k
//                                                      ∂ℓ/∂z_k = o_k − t_k (softmax output only;
//               targets one-hot, or class probabilities summing to 1)
// For bce and softmax_ce the output delta δ⁽ᴸ⁾ = ∂ℓ/∂z comes straight from the
// loss; for the others δ⁽ᴸ⁾ = ∂ℓ/∂o ⊙ σ'(z⁽ᴸ⁾).
#include <optional>
#include <string>
#include <string_view>

#include "engine/activation.h"

namespace bpl {

enum class Loss { half_mse, mse, bce, softmax_ce };

std::optional<Loss> loss_from_name(std::string_view name);
const char* loss_name(Loss loss);
const char* loss_names();  // "half_mse | mse | bce | softmax_ce"

// The output activation a loss requires: bce → sigmoid, softmax_ce → softmax;
// half_mse and mse take any activation but softmax. Returns a message naming
// the expected activation when `output` does not fit, nullopt when it does.
std::optional<std::string> output_activation_mismatch(Loss loss, Activation output);

// True when loss_gradient() writes ∂ℓ/∂z (bce, softmax_ce) rather than ∂ℓ/∂o.
bool loss_gradient_is_delta(Loss loss);

// Σ_s ℓ_s over `rows` samples; `z` and `a` are the output layer's
// pre-activations and activations, `t` the targets, all [rows × cols].
// If `per_sample` is not null it receives ℓ_s for each row.
template <typename Scalar>
Scalar loss_sum(Loss loss, int rows, int cols, const Scalar* z, int ldz, const Scalar* a,
                int lda, const Scalar* t, int ldt, Scalar* per_sample);

// grad[s][k] = ∂ℓ_s/∂o_k (half_mse, mse) or ∂ℓ_s/∂z_k (bce, softmax_ce), per sample
// (not divided by the batch size).
template <typename Scalar>
void loss_gradient(Loss loss, int rows, int cols, const Scalar* a, int lda, const Scalar* t,
                   int ldt, Scalar* grad, int ldg);

}  // namespace bpl
