// Why ∂L/∂θ is zero or tiny, read off the factors of ∂ℓ/∂W⁽ˡ⁾ⱼᵢ = δ⁽ˡ⁾ⱼ·a⁽ˡ⁻¹⁾ᵢ:
//   a dead ReLU        σ'(z) = 1[z>0] = 0 on θ's unit (sample / every batch sample) or above it
//   a saturated unit   sigmoid/tanh σ'(z) < kSaturatedSlope
//   a zero input       a⁽ˡ⁻¹⁾ᵢ = 0
//   a zero weight      W⁽ᵐ⁾ = 0 on the way to the loss
//   no error           ŷ = t
//   cancellation       the per-sample terms of (1/B)Σ_s ∂ℓ_s/∂θ have opposite signs
// and about the number itself: a kink that fools the central difference, the
// convention at a ReLU's z = 0, the regularization term the optimizer adds to it,
// and that bce / softmax_ce are computed from the logits.
#include <algorithm>
#include <cmath>

#include "engine/expr/format.h"
#include "engine/derivation/weight_derivation_parts.h"

namespace bpl::derivation {

namespace {

constexpr int kMaxNamedUnits = 3;   // "h1, h2, h3 and 4 more"
constexpr double kKinkDistance = 1e-3;

using expr::format_number;

// "a, b, c and 2 more".
std::string name_list(const std::vector<std::string>& names) {
  std::string out;
  const int shown = std::min(int(names.size()), kMaxNamedUnits);
  for (int k = 0; k < shown; ++k) out += (k ? ", " : "") + names[k];
  if (int(names.size()) > shown) out += " and " + std::to_string(names.size() - shown) + " more";
  return out;
}

// The units whose σ' is a factor of some path: θ's unit, then every unit above it
// (the output's only for half_mse / mse, where σ'(z⁽ᴸ⁾) is a factor).
std::vector<DerivationUnit> sloped_units(const Network<double>& net, ParameterRef p) {
  std::vector<DerivationUnit> units;
  const bool output_sloped = !loss_gradient_is_delta(net.loss);
  for (int m = p.layer; m <= net.depth(); ++m) {
    if (m == net.depth() && !output_sloped) break;
    if (m == p.layer) {
      units.push_back({m, p.row});
    } else {
      for (int u = 0; u < net.units(m); ++u) units.push_back({m, u});
    }
  }
  return units;
}

bool is_relu(Activation act) { return act == Activation::relu; }
bool saturates(Activation act) { return act == Activation::sigmoid || act == Activation::tanh; }

void slope_notes(const Inputs& in, const WeightDerivation& d, std::vector<std::string>& notes) {
  const ParameterRef p = in.parameter;
  const std::string theta = in.names.parameter(p).text;
  const std::string at = sample_label(d.sample);
  std::vector<std::string> dead_above, saturated_above;
  for (const DerivationUnit& unit : sloped_units(in.net, p)) {
    const Activation act = in.net.layers[unit.layer - 1].activation;
    const std::string name = in.names.unit(unit.layer, unit.unit).text;
    const std::string z_name = in.names.pre_activation(unit.layer, unit.unit).text;
    const double z = in.sample.layers[unit.layer - 1].z(0, unit.unit);
    const double slope = slope_value(in.net, in.sample, unit.layer, 0, unit.unit);
    const bool own = unit.layer == p.layer;
    if (is_relu(act) && z <= 0) {
      if (!own) dead_above.push_back(name);
      if (own) {
        notes.push_back(name + " is off on " + at + ": " + z_name + " = " + format_number(z) +
                        " ≤ 0, so its ReLU slope 1[" + z_name + ">0] is 0 and ∂ℓ/∂" + theta + " = 0");
      }
    } else if (saturates(act) && slope < kSaturatedSlope) {
      const std::string text = name + " is saturated on " + at + ": σ'(" + z_name + ") = " + format_number(slope) +
                               " < " + format_number(kSaturatedSlope) + " at " + z_name + " = " + format_number(z);
      if (own) notes.push_back(text + ", which scales ∂ℓ/∂" + theta + " down by that factor");
      if (!own) saturated_above.push_back(name);
    }
    if (own && is_relu(act)) {
      bool all_off = true;
      for (int s = 0; s < in.batch.samples(); ++s) {
        all_off = all_off && in.batch.layers[unit.layer - 1].z(s, unit.unit) <= 0;
      }
      if (all_off) {
        notes.push_back(name + " is off on every sample of the batch (" + z_name + " ≤ 0 on all " +
                        std::to_string(in.batch.samples()) + "): ∂L/∂" + theta +
                        " = 0, and gradient descent alone cannot turn it back on (a dead ReLU)");
      }
    }
  }
  if (!dead_above.empty()) {
    notes.push_back(name_list(dead_above) + (dead_above.size() > 1 ? " are" : " is") + " off (ReLU, z ≤ 0) on " + at +
                    ": every path through them contributes 0");
  }
  if (!saturated_above.empty()) {
    notes.push_back(name_list(saturated_above) + (saturated_above.size() > 1 ? " are" : " is") + " saturated on " + at +
                    " (σ' < " + format_number(kSaturatedSlope) + "): the paths through them are scaled down");
  }
}

void input_and_weight_notes(const Inputs& in, const WeightDerivation& d, std::vector<std::string>& notes) {
  const ParameterRef p = in.parameter;
  const std::string theta = in.names.parameter(p).text;
  if (!p.is_bias()) {
    const std::string input = in.names.unit(p.layer - 1, p.col).text;
    const std::string delta = in.names.delta(p.layer, p.row).text;
    bool zero_on_all = true;
    for (int s = 0; s < in.batch.samples(); ++s) {
      zero_on_all = zero_on_all && activation_value(in.batch, p.layer - 1, s, p.col) == 0;
    }
    if (activation_value(in.sample, p.layer - 1, 0, p.col) == 0) {
      notes.push_back(input + " = 0 on " + sample_label(d.sample) + ", so ∂ℓ/∂" + theta + " = " + delta + "·" + input +
                      " = 0: a weight learns nothing from an input that is 0");
    }
    if (zero_on_all) notes.push_back(input + " = 0 on every sample of the batch, so ∂L/∂" + theta + " = 0");
  }
  std::vector<std::string> zero_out, zero_above;
  for (int m = p.layer + 1; m <= in.net.depth(); ++m) {
    const Matrix<double>& w = in.net.layers[m - 1].weights;
    for (int to = 0; to < w.rows(); ++to) {
      for (int from = 0; from < w.cols(); ++from) {
        if (w(to, from) != 0 || (m == p.layer + 1 && from != p.row)) continue;
        (m == p.layer + 1 ? zero_out : zero_above).push_back(in.names.parameter({m, to, from}).text);
      }
    }
  }
  const std::string unit = in.names.unit(p.layer, p.row).text;
  if (!zero_out.empty() && int(zero_out.size()) == in.net.units(p.layer + 1)) {
    notes.push_back(name_list(zero_out) + " = 0: nothing flows back into " + unit + ", so ∂L/∂" + theta + " = 0");
  } else if (!zero_out.empty()) {
    notes.push_back(name_list(zero_out) + " = 0: the paths through " + (zero_out.size() > 1 ? "these weights" : "it") +
                    " contribute nothing");
  }
  if (!zero_above.empty()) {
    notes.push_back(name_list(zero_above) + " = 0 further up: the paths through " +
                    (zero_above.size() > 1 ? "these weights" : "it") + " contribute nothing");
  }
}

void value_notes(const Inputs& in, const WeightDerivation& d, std::vector<std::string>& notes) {
  const std::string theta = in.names.parameter(in.parameter).text;
  bool no_error = true;
  for (int k = 0; k < in.net.outputs(); ++k) {
    no_error = no_error && in.sample.layers.back().a(0, k) == in.sample.targets(0, k);
  }
  if (no_error) {
    notes.push_back("the output equals the target on " + sample_label(d.sample) +
                    ": the error factor is 0, so this sample pushes no parameter");
  }
  if (!std::isfinite(d.value)) {
    notes.push_back("the network has diverged (a value is NaN or ∞): reset it or lower the learning rate");
  } else if (d.value == 0) {
    notes.push_back("∂L/∂" + theta + " = 0 on this batch: gradient descent leaves " + theta +
                    " unchanged (regularization aside)");
  } else if (std::abs(d.value) < kTinyGradient) {
    notes.push_back("∂L/∂" + theta + " = " + format_number(d.value) + " is tiny: this step barely moves " + theta);
  }
  const int b = in.batch.samples();
  double mean_abs = 0.0;
  for (int s = 0; s < b; ++s) mean_abs += std::abs(sample_gradient(in.batch, s, in.parameter)) / b;
  if (b > 1 && mean_abs > kTinyGradient && std::abs(d.value) < 0.01 * mean_abs) {
    notes.push_back("the samples pull " + theta + " in opposite directions: the mean of |∂ℓₛ/∂" + theta + "| is " +
                    format_number(mean_abs) + ", but their mean ∂L/∂" + theta + " is " + format_number(d.value));
  }
}

// The optimizer steps along ∂J/∂w = ∂L/∂w + λ·R'(w) (engine/mlp/regularization.h); this panel shows ∂L/∂w.
void regularization_note(const Inputs& in, const WeightDerivation& d, std::vector<std::string>& notes) {
  const ParameterRef p = in.parameter;
  if (p.is_bias() || in.regularization.kind == Regularization::none || in.regularization.rate == 0) return;
  Gradients<double> penalty = zero_gradients(in.net);
  add_regularization_gradient(in.net, in.regularization, penalty);
  const double term = penalty.weights[p.layer - 1](p.row, p.col);
  const std::string theta = in.names.parameter(p).text;
  const bool l2 = in.regularization.kind == Regularization::l2;
  const std::string derivative = l2 ? "λ·" + theta : "λ·sign(" + theta + ")";  // λ·R'(w)
  notes.push_back("this is the data loss's gradient; the update also adds " + derivative + " = " +
                  format_number(term) + " from " + (l2 ? "L2" : "L1") + " regularization, " +
                  format_number(d.value + term) + " in all");
}

// A ReLU unit exactly at z = 0 on θ's paths: the slope used there is a convention.
void relu_zero_note(const Inputs& in, std::vector<std::string>& notes) {
  for (const DerivationUnit& unit : sloped_units(in.net, in.parameter)) {
    const Activation act = in.net.layers[unit.layer - 1].activation;
    if (act != Activation::relu && act != Activation::leaky_relu) continue;
    for (int s = 0; s < in.batch.samples(); ++s) {
      if (in.batch.layers[unit.layer - 1].z(s, unit.unit) == 0.0) {
        notes.push_back(in.names.unit(unit.layer, unit.unit).text + " has z = 0 exactly, where ReLU has no slope; " +
                        "this uses " + (act == Activation::relu ? "relu'(0) = 0" : "leaky_relu'(0) = the leak slope") +
                        ", as PyTorch does");
        return;
      }
    }
  }
}

// bce and softmax_ce name the output activation, but the loss is computed from the logits.
void logits_note(const Inputs& in, std::vector<std::string>& notes) {
  if (in.net.loss == Loss::bce) {
    notes.push_back("bce is computed from the logit z, as PyTorch's binary_cross_entropy_with_logits on a linear "
                    "layer: ∂ℓ/∂z = (ŷ−t)/K for K outputs, the mean over outputs, so σ' never appears");
  } else if (in.net.loss == Loss::softmax_ce) {
    notes.push_back("softmax_ce is computed from the logits z, as PyTorch's cross_entropy on a linear layer: "
                    "∂ℓ/∂zₖ = ŷₖ − tₖ, so the softmax's own slope never appears");
  }
}

// A central difference straddling a ReLU kink (z = 0) measures neither side's slope.
void kink_note(const Inputs& in, const WeightDerivation& d, std::vector<std::string>& notes) {
  if (!(d.relative_error > 1e-4 || d.sample_relative_error > 1e-4)) return;
  for (const DerivationUnit& unit : sloped_units(in.net, in.parameter)) {
    const Activation act = in.net.layers[unit.layer - 1].activation;
    if (act != Activation::relu && act != Activation::leaky_relu) continue;
    for (int s = 0; s < in.batch.samples(); ++s) {
      if (std::abs(in.batch.layers[unit.layer - 1].z(s, unit.unit)) < kKinkDistance) {
        notes.push_back("the central difference disagrees with backprop because " +
                        in.names.unit(unit.layer, unit.unit).text + " sits at its ReLU kink (|z| < " +
                        format_number(kKinkDistance) + "), where the slope jumps from one side to the other");
        return;
      }
    }
  }
}

}  // namespace

std::string sample_label(int train_index) { return "sample " + std::to_string(train_index + 1); }

std::vector<std::string> why_notes(const Inputs& in, const WeightDerivation& d) {
  std::vector<std::string> notes;
  slope_notes(in, d, notes);
  input_and_weight_notes(in, d, notes);
  value_notes(in, d, notes);
  kink_note(in, d, notes);
  relu_zero_note(in, notes);
  regularization_note(in, d, notes);
  logits_note(in, notes);
  return notes;
}

}  // namespace bpl::derivation
