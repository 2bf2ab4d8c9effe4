#pragma once
// The derivation panel: the chain rule for ∂L/∂θ of one parameter θ (a weight or
// a bias) of the Trainer's current network, written with symbols, then with
// numbers, then the value; for one training sample (ℓ_s) and for the current
// batch, L = (1/B) Σ_s ℓ_s, whose gradient is the mean of the per-sample ones.
//
// For θ = W⁽ˡ⁾ⱼᵢ (b⁽ˡ⁾ⱼ: the last factor is 1 and dropped):
//   ∂ℓ/∂W⁽ˡ⁾ⱼᵢ = δ⁽ˡ⁾ⱼ · a⁽ˡ⁻¹⁾ᵢ,   δ⁽ᴸ⁾ₖ = ∂ℓ/∂ŷₖ · σ'(z⁽ᴸ⁾ₖ)  (bce: (ŷₖ − tₖ)/K, softmax_ce: ŷₖ − tₖ),
//   δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾)ᵀ δ⁽ˡ⁺¹⁾ ⊙ σ'(z⁽ˡ⁾)
// and, unrolled, a sum over every path j = u_l → u_{l+1} → … → u_L = k to the loss:
//   ∂ℓ/∂W⁽ˡ⁾ⱼᵢ = Σ_paths ∂ℓ/∂ŷₖ·σ'(z⁽ᴸ⁾ₖ) · Π_{m=L..l+1} W⁽ᵐ⁾_{u_m u_{m−1}}·σ'(z⁽ᵐ⁻¹⁾_{u_{m−1}}) · a⁽ˡ⁻¹⁾ᵢ
// Factors equal to 1 for every input (a linear σ', ∂z/∂b) are left out, so the
// seed's 2-2-1 ReLU net reads exactly as the seed: ∂L/∂w1 = (y−t)·w5·1[h1>0]·x1.
// Names: engine/derivation/weight_derivation_notation.h (the seed's x1, h1, y, w1…, b1… for
// 2-2-1 networks, a⁽ˡ⁾ⱼ, z⁽ˡ⁾ⱼ, δ⁽ˡ⁾ⱼ, W⁽ˡ⁾ⱼᵢ otherwise). Gradients are of the data
// loss, as in StepTrace: no regularization term.
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "engine/derivation/chain_highlight.h"
#include "engine/mlp/gradcheck.h"
#include "engine/mlp/regularization.h"
#include "engine/mlp/step_trace.h"
#include "engine/core/result.h"
#include "engine/training/trainer.h"

namespace bpl {

inline constexpr int kMaxDerivationPaths = 8;        // more: the δ recursion only
inline constexpr double kSaturatedSlope = 1e-3;      // σ' below this: "saturated"
inline constexpr double kTinyGradient = 1e-6;        // |∂L/∂θ| below this: "tiny"

// One path from θ's unit to the loss; its product of factors.
struct DerivationPath {
  std::vector<int> units;  // units[m − l] = the unit of layer m, m = l..L (l = θ's layer)
  std::string text;        // symbolic product, "(y−t)·w5·1[h1>0]·x1"
  std::string numeric;     // the sample's numbers, "0.42·0.8·1·0.5 = 0.168"
  std::string latex;       // the symbolic product, each factor marked (strip with typeset::strip_marks)
  double value = 0.0;         // batch mean of the product; Σ_paths value = ∂L/∂θ
  double sample_value = 0.0;  // the product on the sample; Σ_paths sample_value = ∂ℓ_s/∂θ
};

// One line of the derivation as the page typesets it (engine/typeset/typeset.h).
struct DerivationLine {
  std::string role;   // "chain", "symbolic", "numeric", "batch", "delta" (the δ recursion, in order)
  std::string text;   // Unicode, as in the string fields below
  std::string latex;  // one formula; each factor in \bplmark{key}{…}, key = its edge or unit (mark_key)
  std::string brief;  // the same with sums of more than 3 terms as t₁ + t₂ + ⋯ + tₙ; empty: as latex
};

struct WeightDerivation {
  ParameterRef parameter;
  int sample = 0;           // index into dataset().train
  int batch_size = 0;       // B of the current batch
  std::string chain;        // "∂L/∂w1 = ∂L/∂y·∂y/∂z3·∂z3/∂h1·∂h1/∂z1·∂z1/∂w1" (one path) or via δ
  std::string symbolic;     // "∂L/∂w1 = (y−t)·w5·1[h1>0]·x1"; more than 8 paths: "… = δ⁽ˡ⁾ⱼ·a⁽ˡ⁻¹⁾ᵢ"
  std::string numeric;      // "∂ℓ/∂w1 = 0.42·0.8·1·0.5 = 0.168   (sample 3)" (shown 1-based)
  std::string batch;        // "∂L/∂w1 = (1/4)·(0.168 + 0 + …) = 0.067   (batch of 4)"
  double value = 0.0;         // ∂L/∂θ, batch mean: the batch trace's gradient
  double sample_value = 0.0;  // ∂ℓ_s/∂θ: the sample trace's gradient
  std::vector<std::string> delta_recursion;  // δ⁽ᴸ⁾ down to δ⁽ˡ⁾ⱼ with the sample's numbers, then θ
  long long path_count = 0;                  // paths θ → loss (saturates at 10⁹)
  std::vector<DerivationPath> paths;         // all of them when path_count ≤ kMaxDerivationPaths
  double numerical_check = 0.0;         // central difference of L on the batch (engine/mlp/gradcheck.h)
  double relative_error = 0.0;          // value vs numerical_check
  double sample_numerical_check = 0.0;  // the same on a batch of the sample alone
  double sample_relative_error = 0.0;
  std::vector<std::string> notes;  // why the value is zero or tiny: dead ReLU, saturation, …
  std::string text;                // every line above, for the canvas
  std::vector<DerivationLine> lines;  // chain, symbolic, numeric, batch, then the δ recursion
  std::vector<std::string> factor_marks;  // the symbolic line's mark keys, each once, in order
  std::string latex;               // one aligned block, for copying: the lines without marks
  DerivationHighlight highlight;
};

// What derive_weight reads: the network in double and, at its weights, the forward/backward
// traces of one training point and of the current batch (Trainer::trace_sample and
// Trainer::trace_batch; the web app keeps both, web/network_demo.h).
struct DerivationInputs {
  const Network<double>& net;
  const StepTrace<double>& sample_trace;  // one row: training point `sample`
  int sample = 0;                         // its index into dataset().train
  const StepTrace<double>& batch_trace;   // the current batch
  RegularizationSettings regularization;  // the trainer's: the optimizer's J = L + λ·Σ R(w), for a note
};

// The chain rule for θ = p, a parameter of in.net, read off the traces.
WeightDerivation derive_weight(const DerivationInputs& in, ParameterRef p);

// What a learner asked for (the JS API's derivation(id), the tests), checked against the trainer.
struct DerivationRequest {
  ParameterRef parameter;
  int sample = 0;  // an index into dataset().train
};
// `sample`: an index into trainer.dataset().train, or −1 for the first point of the current
// batch. Errors: "id" (unknown parameter, with the valid forms), "sample" (out of range; or no
// training points).
Result<DerivationRequest> check_derivation_request(const Trainer& trainer, const std::string& id, int sample = -1);

// The web API's derivation(id), `id` as the caller named θ: {id, parameter: {layer, row, col}, sample, batchSize, chain,
// symbolic, numeric, batch, value, sampleValue, deltaRecursion, pathCount,
// paths: [{units, text, numeric, latex, value, sampleValue}], numericalCheck, relativeError,
// sampleNumericalCheck, sampleRelativeError, notes, text, latex, lines: [{role, text, latex, brief}],
// highlight: {edges: [{layer, from, to}], units: [{layer, unit}], wholeLayers, edgesTruncated}}.
// NaN and ±∞ become null.
nlohmann::json to_json(const WeightDerivation& derivation, const std::string& id);

}  // namespace bpl
