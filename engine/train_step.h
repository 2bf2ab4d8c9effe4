#pragma once
// One optimizer update on one batch, without a Trainer: the loop a benchmark
// or a custom dataset runs. Allocation-free once `ws` and `grads` are sized.
//   g = ∂L/∂θ (batch mean) + λ·R'(W);  θ ← optimizer(θ, g)
#include "engine/backprop.h"
#include "engine/optimizer.h"
#include "engine/regularization.h"

namespace bpl {

// Returns the batch-mean data loss L (before the update).
template <typename Scalar>
Scalar train_step(Network<Scalar>& net, Optimizer<Scalar>& optimizer, const Scalar* x, int ldx,
                  const Scalar* targets, int ldt, int batch, const RegularizationSettings& reg,
                  Workspace<Scalar>& ws, Gradients<Scalar>& grads);

}  // namespace bpl
