#pragma once
// Everything one forward/backward pass computed, for the derivation panel:
// per layer l = 1..L (layers[l−1]), rows = the traced samples:
//   z = z⁽ˡ⁾, a = a⁽ˡ⁾, delta = δ⁽ˡ⁾ = ∂ℓ_s/∂z⁽ˡ⁾ (per sample)
//   weight_gradient = ∂L/∂W⁽ˡ⁾ = (1/B) Σ_s δ⁽ˡ⁾_sᵀ a⁽ˡ⁻¹⁾_s,  bias_gradient = ∂L/∂b⁽ˡ⁾ (batch means)
// and per sample s: ∂ℓ_s/∂W⁽ˡ⁾ = δ⁽ˡ⁾_sᵀ a⁽ˡ⁻¹⁾_s (outer product), ∂ℓ_s/∂b⁽ˡ⁾ = δ⁽ˡ⁾_s.
// Gradients are of the data loss (no regularization term).
#include <vector>

#include "engine/core/matrix.h"
#include "engine/mlp/network.h"

namespace bpl {

template <typename Scalar>
struct LayerTrace {
  Matrix<Scalar> z;      // [B × units]
  Matrix<Scalar> a;      // [B × units]
  Matrix<Scalar> delta;  // [B × units]
  Matrix<Scalar> weight_gradient;  // [units × units_in], batch mean
  Vector<Scalar> bias_gradient;    // [units], batch mean
};

template <typename Scalar>
struct StepTrace {
  Matrix<Scalar> inputs;             // a⁽⁰⁾ [B × inputs]
  Matrix<Scalar> targets;            // [B × outputs]
  std::vector<LayerTrace<Scalar>> layers;
  std::vector<Scalar> sample_losses;  // ℓ_s
  Scalar mean_loss = Scalar(0);       // L = (1/B) Σ ℓ_s

  int samples() const { return int(inputs.rows()); }
  // a⁽ˡ⁾ of sample s, l = 0..L (l = 0: the inputs).
  Vector<Scalar> activations(int layer, int sample) const;
  // ∂ℓ_s/∂W⁽ˡ⁾ = δ⁽ˡ⁾_sᵀ a⁽ˡ⁻¹⁾_s and ∂ℓ_s/∂b⁽ˡ⁾ = δ⁽ˡ⁾_s, l = 1..L.
  Matrix<Scalar> sample_weight_gradient(int layer, int sample) const;
  Vector<Scalar> sample_bias_gradient(int layer, int sample) const;
  // ∂L/∂θ of one parameter, the batch mean.
  Scalar gradient(ParameterRef p) const {
    const LayerTrace<Scalar>& layer = layers[p.layer - 1];
    return p.is_bias() ? layer.bias_gradient(p.row) : layer.weight_gradient(p.row, p.col);
  }
};

// Runs forward/backward on x [B × inputs] (B ≥ 1) with targets [B × outputs].
template <typename Scalar>
StepTrace<Scalar> trace_step(const Network<Scalar>& net, const Matrix<Scalar>& x,
                             const Matrix<Scalar>& targets);

}  // namespace bpl
