#pragma once
// Which training point the derivation panel shows first for a parameter θ.
// Point 0 is often a poor teacher: in the seed's 2-2-1 ReLU net on xor4 it is x = (0, 0),
// where ∂ℓ/∂w1 = (y−t)·w5·1[h1>0]·x1 is 0 because x1 is, so every live number is 0.
// The first point (from `preferred` on, wrapping round) whose ∂ℓ_s/∂θ is not ~0 shows
// every factor at work.
#include "engine/mlp/gradcheck.h"
#include "engine/training/trainer.h"

namespace bpl {

// Points tried at most: each costs one forward/backward pass in double.
inline constexpr int kInformativeSampleTries = 64;

// The first training point s, from `preferred` on (wrapping), with |∂ℓ_s/∂θ| > kTinyGradient
// (engine/derivation/weight_derivation.h); `preferred` when none of the first
// kInformativeSampleTries is, or when there are no training points (then 0).
int informative_sample(const Trainer& trainer, ParameterRef p, int preferred = 0);

}  // namespace bpl
