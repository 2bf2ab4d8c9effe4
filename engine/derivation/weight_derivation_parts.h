#pragma once
// Pieces of derive_weight (engine/derivation/weight_derivation.h) shared between its files:
//   weight_derivation.cpp           the chain, the paths, the δ recursion, the text
//   weight_derivation_factors.cpp   each path's factors and their values
//   weight_derivation_notes.cpp     "why is this zero / tiny"
//   weight_derivation_json.cpp      to_json
#include <string>
#include <vector>

#include "engine/mlp/network.h"
#include "engine/mlp/regularization.h"
#include "engine/mlp/step_trace.h"
#include "engine/derivation/weight_derivation.h"
#include "engine/derivation/weight_derivation_notation.h"

namespace bpl::derivation {

// One factor of a path's product, from the loss down to θ.
struct Factor {
  enum class Kind {
    loss,          // ∂ℓ/∂ŷₖ (bce, softmax_ce: ∂ℓ/∂z⁽ᴸ⁾ₖ)           unit = k
    output_slope,  // σ'(z⁽ᴸ⁾ₖ)                                      unit = k
    weight,        // W⁽ˡ⁾[unit][from]                               layer, unit, from
    unit_slope,    // σ'(z⁽ˡ⁾ᵤ) of a hidden unit                      layer, unit
    input,         // a⁽ˡ⁾ᵢ feeding θ (layer = θ's layer − 1)        layer, unit
  };
  Kind kind = Kind::loss;
  int layer = 0;
  int unit = 0;
  int from = 0;
  Styled symbol;          // marked with `source`
  FactorSource source{};  // the edge or unit it comes from, for the page's colours
};

// Everything derive_weight computed on, read by the notes.
struct Inputs {
  const Network<double>& net;
  ParameterRef parameter;
  const Notation& names;
  const StepTrace<double>& sample;  // one row: the chosen training point
  const StepTrace<double>& batch;   // the current batch
  RegularizationSettings regularization;  // the trainer's: the optimizer's J = L + λ·Σ R(w)
};

// The factors of the path units[m − l] (m = l..L), leaving out those ≡ 1 (a linear σ').
std::vector<Factor> path_factors(const Network<double>& net, const Notation& names, ParameterRef p,
                                 const std::vector<int>& units);
// A factor's value on sample s of a trace.
double factor_value(const Network<double>& net, const StepTrace<double>& trace, int s, const Factor& f);
// Π factor values on sample s.
double product_value(const Network<double>& net, const StepTrace<double>& trace, int s,
                     const std::vector<Factor>& factors);
// a⁽ˡ⁾ᵢ on sample s (layer 0: the inputs).
double activation_value(const StepTrace<double>& trace, int layer, int s, int unit);
// σ'(z⁽ˡ⁾ᵤ) on sample s, l = 1..L, any activation but softmax.
double slope_value(const Network<double>& net, const StepTrace<double>& trace, int layer, int s, int unit);
// ∂ℓ_s/∂θ = δ⁽ˡ⁾ⱼ·a⁽ˡ⁻¹⁾ᵢ (bias: δ⁽ˡ⁾ⱼ), from the trace.
double sample_gradient(const StepTrace<double>& trace, int s, ParameterRef p);

// The chosen sample as text: "sample 3" (1-based, as the UI numbers them).
std::string sample_label(int train_index);

// Paths from θ's unit to the loss: Π_{m=l+1..L} units⁽ᵐ⁾, saturating at 10⁹.
long long count_paths(const Network<double>& net, int layer);

std::vector<std::string> why_notes(const Inputs& in, const WeightDerivation& d);

}  // namespace bpl::derivation
