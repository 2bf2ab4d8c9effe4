#pragma once
// Losses ℓ of one sample (output o = a⁽ᴸ⁾, target t, K outputs); the network
// reports L = (1/B) Σ_s ℓ_s, the batch mean. Each matches PyTorch's mean-reduced loss
// (F.mse_loss, F.binary_cross_entropy_with_logits, F.cross_entropy) except half_mse,
// which is the seeds' ½Σ (summed over the outputs, not averaged).
//   half_mse    ℓ = ½ Σ_k (o_k − t_k)²                 ∂ℓ/∂o_k = o_k − t_k          (the seeds' loss)
//   mse         ℓ = (1/K) Σ_k (o_k − t_k)²             ∂ℓ/∂o_k = (2/K)(o_k − t_k)
//   bce         ℓ = (1/K) Σ_k −[t_k log o_k + (1−t_k) log(1−o_k)], o = σ(z), from the logits z:
//               ℓ = (1/K) Σ_k max(z_k,0) − t_k·z_k + log(1 + e^{−|z_k|})
//                                                      ∂ℓ/∂z_k = (o_k − t_k)/K   (sigmoid output only)
//   softmax_ce  ℓ = −Σ_k t_k log softmax(z)_k = logsumexp(z) − Σ_k t_k z_k
//                                                      ∂ℓ/∂z_k = o_k − t_k (softmax output only;
//               targets one-hot, or class probabilities summing to 1)
// For bce and softmax_ce the output delta δ⁽ᴸ⁾ = ∂ℓ/∂z comes straight from the
// loss; for the others δ⁽ᴸ⁾ = ∂ℓ/∂o ⊙ σ'(z⁽ᴸ⁾).
#include <optional>
#include <string>
#include <string_view>

#include "engine/mlp/activation.h"

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

// c in ∂ℓ/∂(o or z)_k = c·(o_k − t_k) for K outputs: mse 2/K, bce 1/K, half_mse and softmax_ce 1.
double loss_gradient_factor(Loss loss, int outputs);

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
