#pragma once
// Forward and backward over a batch, with every intermediate kept (the
// step trace reads them). For a batch X [B × inputs]:
//   forward   Z⁽ˡ⁾ = A⁽ˡ⁻¹⁾·W⁽ˡ⁾ᵀ + b⁽ˡ⁾ (gemm_nt, bias_activation), A⁽ˡ⁾ = σ(Z⁽ˡ⁾), A⁽⁰⁾ = X
//   output    δ⁽ᴸ⁾ = ∂ℓ/∂z⁽ᴸ⁾ per sample (engine/mlp/loss.h)
//   backward  δ⁽ˡ⁾ = (δ⁽ˡ⁺¹⁾·W⁽ˡ⁺¹⁾) ⊙ σ'(Z⁽ˡ⁾)            (gemm_nn, activation_backward)
//             ∂L/∂W⁽ˡ⁾ = (1/B)·δ⁽ˡ⁾ᵀ·A⁽ˡ⁻¹⁾,  ∂L/∂b⁽ˡ⁾ = (1/B)·Σ_s δ⁽ˡ⁾_s   (gemm_tn, column_sums)
// Rows of δ are per sample: δ⁽ˡ⁾_s = ∂ℓ_s/∂z⁽ˡ⁾_s, not divided by B.
#include "engine/core/matrix.h"
#include "engine/mlp/network.h"

namespace bpl {

// Buffers for batches of up to `capacity` rows, allocated once (reserve) and
// reused by every step: no allocation on the training path.
template <typename Scalar>
struct Workspace {
  int capacity = 0;
  std::vector<Matrix<Scalar>> z;      // z[l−1] = Z⁽ˡ⁾      [capacity × units⁽ˡ⁾]
  std::vector<Matrix<Scalar>> a;      // a[l−1] = A⁽ˡ⁾
  std::vector<Matrix<Scalar>> delta;  // delta[l−1] = δ⁽ˡ⁾
  std::vector<Scalar> sample_losses;  // ℓ_s of the last backprop()

  // (Re)allocates only when the network's shape or the capacity grew.
  void reserve(const Network<Scalar>& net, int batch_capacity);
};

// How backprop() writes into the gradients: grads = scale·Σ_s ∂ℓ_s/∂θ (+ grads if accumulate).
// scale = 1/B gives the batch mean; over k micro-batches of a batch of N,
// scale = 1/N with accumulate on every micro-batch after the first gives the
// full-batch gradient.
template <typename Scalar>
struct GradientScale {
  Scalar scale = Scalar(1);
  bool accumulate = false;
};

// Forward only: fills ws.z and ws.a for the first `batch` rows of x
// ([batch × net.inputs], leading dimension ldx). batch ≤ ws.capacity.
template <typename Scalar>
void forward(const Network<Scalar>& net, const Scalar* x, int ldx, int batch, Workspace<Scalar>& ws);

// Forward, loss, backward. Returns Σ_s ℓ_s (divide by B for the batch mean);
// fills ws (z, a, δ, sample_losses) and grads as `how` says.
template <typename Scalar>
Scalar backprop(const Network<Scalar>& net, const Scalar* x, int ldx, const Scalar* targets,
                int ldt, int batch, Workspace<Scalar>& ws, Gradients<Scalar>& grads,
                GradientScale<Scalar> how);

// Σ_s ℓ_s for a batch without touching gradients (forward + loss).
template <typename Scalar>
Scalar evaluate_loss_sum(const Network<Scalar>& net, const Scalar* x, int ldx, const Scalar* targets,
                int ldt, int batch, Workspace<Scalar>& ws);

// Convenience for whole matrices (rows = samples): the batch-mean loss and gradient.
template <typename Scalar>
Scalar mean_loss_and_gradients(const Network<Scalar>& net, const Matrix<Scalar>& x,
                               const Matrix<Scalar>& targets, Gradients<Scalar>& grads);

}  // namespace bpl
