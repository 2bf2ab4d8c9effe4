// derive_weight: the chain rule for one parameter θ written out line by line,
//   chain      ∂L/∂θ = ∂L/∂ŷ·∂ŷ/∂z⁽ᴸ⁾·…·∂z⁽ˡ⁾ⱼ/∂θ   (one path; else ∂L/∂z⁽ˡ⁾ⱼ·∂z⁽ˡ⁾ⱼ/∂θ = δ⁽ˡ⁾ⱼ·a⁽ˡ⁻¹⁾ᵢ)
//   symbolic   ∂L/∂θ = Σ_paths Π factors                (≤ kMaxDerivationPaths paths; else δ⁽ˡ⁾ⱼ·a⁽ˡ⁻¹⁾ᵢ)
//   numeric    the same with the sample's numbers = ∂ℓ_s/∂θ
//   batch      ∂L/∂θ = (1/B)·Σ_s ∂ℓ_s/∂θ
//   δ recursion, layer by layer from the output down, with the sample's numbers
// each a Line: "lhs = rhs₁ = rhs₂ (label)", in LaTeX "lhs &= rhs₁ = rhs₂ \quad\text{(label)}".
#include "engine/derivation/weight_derivation.h"

#include <algorithm>
#include <cmath>

#include "engine/core/expect.h"
#include "engine/expr/format.h"
#include "engine/mlp/parameter_names.h"
#include "engine/derivation/weight_derivation_parts.h"

namespace bpl {

namespace {

using derivation::Factor;
using derivation::join;
using derivation::join_product;
using derivation::Notation;
using derivation::number;
using derivation::same;
using derivation::Styled;

constexpr int kMaxListedTerms = 8;  // sums of more terms end in "+ … (n more)"
constexpr int kMaxListedUnits = 8;  // δ lines per layer

struct Line {
  Styled lhs;
  std::vector<Styled> rhs;
  std::string label;  // ASCII: it goes into \text{} too
};

std::string text_of(const Line& line) {
  std::string out = line.lhs.text;
  for (const Styled& r : line.rhs) out += " = " + r.text;
  return line.label.empty() ? out : out + "   (" + line.label + ")";
}

std::string latex_of(const Line& line) {
  std::string out = line.lhs.latex + " &= ";
  for (size_t k = 0; k < line.rhs.size(); ++k) out += (k ? " = " : "") + line.rhs[k].latex;
  return line.label.empty() ? out : out + " \\quad\\text{(" + line.label + ")}";
}

// The first terms of a sum of `total`, then "+ … (n more)".
Styled sum_of(const std::vector<Styled>& shown, long long total) {
  Styled out = join(shown, " + ", " + ");
  if (total > (long long)shown.size()) {
    out = out + Styled{" + … (" + std::to_string(total - shown.size()) + " more)", " + \\dots"};
  }
  return out;
}

Styled parenthesized(const Styled& s) { return Styled{"(", "\\left("} + s + Styled{")", "\\right)"}; }

// δ⁽ˡ⁾ⱼ·a⁽ˡ⁻¹⁾ᵢ, or δ⁽ˡ⁾ⱼ for a bias (∂z⁽ˡ⁾ⱼ/∂b⁽ˡ⁾ⱼ = 1).
Styled delta_times_input(const Notation& names, ParameterRef p) {
  const Styled delta = names.delta(p.layer, p.row);
  return p.is_bias() ? delta : join_product({delta, names.unit(p.layer - 1, p.col)});
}

// Every path θ's unit → loss as units[m − l], m = l..L (an odometer over layers l+1..L).
std::vector<std::vector<int>> all_paths(const Network<double>& net, ParameterRef p) {
  std::vector<std::vector<int>> paths;
  std::vector<int> units(net.depth() - p.layer + 1, 0);
  units[0] = p.row;
  for (;;) {
    paths.push_back(units);
    size_t pos = units.size() - 1;
    while (pos >= 1 && ++units[pos] == net.units(p.layer + int(pos))) units[pos--] = 0;
    if (pos == 0) return paths;
  }
}

// ∂L/∂ŷₖ·∂ŷₖ/∂z⁽ᴸ⁾ₖ·…·∂z⁽ˡ⁾ⱼ/∂θ along one path.
Styled leibniz_chain(const Network<double>& net, const Notation& names, ParameterRef p,
                     const std::vector<int>& units) {
  const int depth = net.depth();
  const Styled loss = names.loss();
  const Styled y = names.unit(depth, units.back());
  const Styled z_out = names.pre_activation(depth, units.back());
  std::vector<Styled> parts;
  if (loss_gradient_is_delta(net.loss)) {
    parts.push_back(names.partial(loss, z_out));
  } else {
    parts.push_back(names.partial(loss, y));
    parts.push_back(names.partial(y, z_out));
  }
  for (int m = depth; m > p.layer; --m) {
    const int to = units[m - p.layer], from = units[m - 1 - p.layer];
    const Styled a_from = names.unit(m - 1, from);
    parts.push_back(names.partial(names.pre_activation(m, to), a_from));
    parts.push_back(names.partial(a_from, names.pre_activation(m - 1, from)));
  }
  parts.push_back(names.partial(names.pre_activation(p.layer, p.row), names.parameter(p)));
  return join_product(parts);
}

Line chain_line(const Network<double>& net, const Notation& names, ParameterRef p, long long path_count) {
  const Styled lhs = names.partial(names.loss(), names.parameter(p));
  if (path_count == 1) {
    std::vector<int> units(net.depth() - p.layer + 1, 0);
    units[0] = p.row;
    return {lhs, {leibniz_chain(net, names, p, units)}, ""};
  }
  const Styled z = names.pre_activation(p.layer, p.row);
  const Styled via_z = join_product({names.partial(names.loss(), z), names.partial(z, names.parameter(p))});
  return {lhs, {via_z, delta_times_input(names, p)}, "a sum over " + std::to_string(path_count) + " paths"};
}

DerivationPath make_path(const derivation::Inputs& in, const std::vector<int>& units, Styled& numbers) {
  const std::vector<Factor> factors = derivation::path_factors(in.net, in.names, in.parameter, units);
  std::vector<Styled> symbols, values;
  for (const Factor& f : factors) {
    symbols.push_back(f.symbol);
    values.push_back(number(derivation::factor_value(in.net, in.sample, 0, f), true));
  }
  DerivationPath path;
  path.units = units;
  const Styled symbolic = join_product(symbols);
  numbers = join_product(values);
  path.text = symbolic.text;
  path.latex = symbolic.latex;
  path.sample_value = derivation::product_value(in.net, in.sample, 0, factors);
  path.numeric = numbers.text + " = " + expr::format_number(path.sample_value);
  double sum = 0.0;
  for (int s = 0; s < in.batch.samples(); ++s) sum += derivation::product_value(in.net, in.batch, s, factors);
  path.value = sum / in.batch.samples();
  return path;
}

Line batch_line(const derivation::Inputs& in, const WeightDerivation& d) {
  const Styled lhs = in.names.partial(in.names.loss(), in.names.parameter(in.parameter));
  const int b = in.batch.samples();
  if (b == 1) return {lhs, {number(d.value, false)}, "batch of 1"};
  std::vector<Styled> terms;
  for (int s = 0; s < std::min(b, kMaxListedTerms); ++s) {
    terms.push_back(number(derivation::sample_gradient(in.batch, s, in.parameter), true));
  }
  const Styled mean = Styled{"(1/" + std::to_string(b) + ")·", "\\frac{1}{" + std::to_string(b) + "}"} +
                      parenthesized(sum_of(terms, b));
  return {lhs, {mean, number(d.value, false)}, "batch of " + std::to_string(b)};
}

// δ⁽ᴸ⁾ₖ = ∂ℓ/∂z⁽ᴸ⁾ₖ = ∂ℓ/∂ŷₖ·σ'(z⁽ᴸ⁾ₖ) (bce, softmax_ce: ŷₖ − tₖ), with numbers.
Line output_delta_line(const derivation::Inputs& in, int k) {
  const int depth = in.net.depth();
  const Styled ell{"ℓ", "\\ell"};
  const Factor loss{Factor::Kind::loss, depth, k, 0, {}};
  std::vector<Styled> symbols{in.names.loss_factor(k)};
  std::vector<Styled> values{number(derivation::factor_value(in.net, in.sample, 0, loss), true)};
  if (!loss_gradient_is_delta(in.net.loss) && in.net.layers[depth - 1].activation != Activation::linear) {
    symbols.push_back(in.names.slope(depth, k));
    values.push_back(number(derivation::slope_value(in.net, in.sample, depth, 0, k), true));
  }
  const Styled by_definition = in.names.partial(ell, in.names.pre_activation(depth, k));
  Line line{in.names.delta(depth, k), {by_definition, join_product(symbols)}, ""};
  if (symbols.size() > 1) line.rhs.push_back(join_product(values));
  line.rhs.push_back(number(in.sample.layers[depth - 1].delta(0, k), false));
  return line;
}

// δ⁽ᵐ⁾ᵤ = (Σ_q W⁽ᵐ⁺¹⁾_{qu}·δ⁽ᵐ⁺¹⁾_q)·σ'(z⁽ᵐ⁾ᵤ), with numbers.
Line hidden_delta_line(const derivation::Inputs& in, int m, int u) {
  const int next_units = in.net.units(m + 1);
  std::vector<Styled> symbols, values;
  for (int q = 0; q < std::min(next_units, kMaxListedTerms); ++q) {
    symbols.push_back(join_product({in.names.parameter({m + 1, q, u}), in.names.delta(m + 1, q)}));
    values.push_back(join_product({number(in.net.layers[m].weights(q, u), true),
                                   number(in.sample.layers[m].delta(0, q), true)}));
  }
  Styled symbolic = sum_of(symbols, next_units), numeric = sum_of(values, next_units);
  if (next_units > 1) {
    symbolic = parenthesized(symbolic);
    numeric = parenthesized(numeric);
  }
  if (in.net.layers[m - 1].activation != Activation::linear) {
    symbolic = join_product({symbolic, in.names.slope(m, u)});
    numeric = join_product({numeric, number(derivation::slope_value(in.net, in.sample, m, 0, u), true)});
  }
  return {in.names.delta(m, u), {symbolic, numeric, number(in.sample.layers[m - 1].delta(0, u), false)}, ""};
}

std::vector<Line> delta_recursion(const derivation::Inputs& in, const WeightDerivation& d) {
  const ParameterRef p = in.parameter;
  const int depth = in.net.depth();
  std::vector<Line> lines;
  const auto shown_units = [&](int m) { return m == p.layer ? 1 : std::min(in.net.units(m), kMaxListedUnits); };
  const auto unit_at = [&](int m, int index) { return m == p.layer ? p.row : index; };
  for (int index = 0; index < shown_units(depth); ++index) {
    lines.push_back(output_delta_line(in, unit_at(depth, index)));
  }
  for (int m = depth - 1; m >= p.layer; --m) {
    const std::string l = derivation::superscript_digits(m), next = derivation::superscript_digits(m + 1);
    const std::string lx = std::to_string(m), nextx = std::to_string(m + 1);
    // δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾)ᵀδ⁽ˡ⁺¹⁾ ⊙ σ'(z⁽ˡ⁾), σ' written as the layer's activation's own.
    Styled back{"(W⁽" + next + "⁾)ᵀδ⁽" + next + "⁾", "(W^{(" + nextx + ")})^\\top \\delta^{(" + nextx + ")}"};
    const Styled layer_slope = in.names.slope(m, -1);
    if (!layer_slope.text.empty()) back = back + Styled{" ⊙ ", " \\odot "} + layer_slope;
    Line header{{"δ⁽" + l + "⁾", "\\delta^{(" + lx + ")}"}, {back}, ""};
    if (shown_units(m) < in.net.units(m) && m != p.layer) {
      header.label = "units 1-" + std::to_string(shown_units(m)) + " of " + std::to_string(in.net.units(m));
    }
    lines.push_back(header);
    for (int index = 0; index < shown_units(m); ++index) lines.push_back(hidden_delta_line(in, m, unit_at(m, index)));
  }
  lines.front().label = derivation::sample_label(d.sample);
  const Styled delta_number = number(in.sample.layers[p.layer - 1].delta(0, p.row), true);
  Line last{in.names.partial({"ℓ", "\\ell"}, in.names.parameter(p)), {delta_times_input(in.names, p)}, ""};
  if (!p.is_bias()) {
    const double input = derivation::activation_value(in.sample, p.layer - 1, 0, p.col);
    last.rhs.push_back(join_product({delta_number, number(input, true)}));
  }
  last.rhs.push_back(number(d.sample_value, false));
  lines.push_back(last);
  return lines;
}

void assemble(const derivation::Inputs& in, WeightDerivation& d) {
  const ParameterRef p = in.parameter;
  const Styled theta = in.names.parameter(p);
  const Styled lhs = in.names.partial(in.names.loss(), theta);
  const Styled sample_lhs = in.names.partial({"ℓ", "\\ell"}, theta);
  std::vector<Line> lines{chain_line(in.net, in.names, p, d.path_count)};
  Line symbolic{lhs, {}, ""}, numeric{sample_lhs, {}, derivation::sample_label(d.sample)};
  if (d.path_count <= kMaxDerivationPaths) {
    std::vector<Styled> texts, numbers;
    for (const std::vector<int>& units : all_paths(in.net, p)) {
      Styled path_numbers;
      d.paths.push_back(make_path(in, units, path_numbers));
      texts.push_back({d.paths.back().text, d.paths.back().latex});
      numbers.push_back(path_numbers);
    }
    symbolic.rhs.push_back(join(texts, " + ", " + "));
    numeric.rhs.push_back(join(numbers, " + ", " + "));
  } else {
    symbolic.rhs.push_back(delta_times_input(in.names, p));
    std::vector<Styled> values{number(in.sample.layers[p.layer - 1].delta(0, p.row), true)};
    if (!p.is_bias()) values.push_back(number(derivation::activation_value(in.sample, p.layer - 1, 0, p.col), true));
    numeric.rhs.push_back(join_product(values));
  }
  // One factor: its number is the value ("∂ℓ/∂b3 = 0.06", not "= 0.06 = 0.06").
  if (numeric.rhs.back().text == number(d.sample_value, true).text) numeric.rhs.pop_back();
  numeric.rhs.push_back(number(d.sample_value, false));
  const Line batch = batch_line(in, d);
  d.chain = text_of(lines[0]);
  d.symbolic = text_of(symbolic);
  d.numeric = text_of(numeric);
  d.batch = text_of(batch);
  lines.insert(lines.end(), {symbolic, numeric, batch});
  const std::vector<Line> deltas = delta_recursion(in, d);
  for (const Line& line : deltas) d.delta_recursion.push_back(text_of(line));
  lines.insert(lines.end(), deltas.begin(), deltas.end());

  d.latex = "\\begin{aligned}\n";
  for (size_t k = 0; k < lines.size(); ++k) d.latex += latex_of(lines[k]) + (k + 1 < lines.size() ? " \\\\\n" : "\n");
  d.latex += "\\end{aligned}";
}

// "∂L/∂w1 ≈ 0.067 (relative error 2e-11)"
std::string check_text(const std::string& lhs, double numeric, double error) {
  return lhs + " ≈ " + expr::format_number(numeric) + " (relative error " + expr::format_number(error) + ")";
}

// Every line for the canvas: the chain, the sums, the δ recursion, each path, the checks, the notes.
std::string plain_text(const WeightDerivation& d, const std::string& theta) {
  std::string text = d.chain + "\n" + d.symbolic + "\n" + d.numeric + "\n" + d.batch + "\n";
  for (const std::string& line : d.delta_recursion) text += "  " + line + "\n";
  if (d.paths.size() > 1) {
    for (size_t k = 0; k < d.paths.size(); ++k) {
      text += "path " + std::to_string(k + 1) + ": " + d.paths[k].text + " = " + d.paths[k].numeric + "\n";
    }
  }
  text += "central difference: " + check_text("∂L/∂" + theta, d.numerical_check, d.relative_error) + "; " +
          derivation::sample_label(d.sample) + ": " +
          check_text("∂ℓ/∂" + theta, d.sample_numerical_check, d.sample_relative_error);
  for (const std::string& note : d.notes) text += "\nnote: " + note;
  return text;
}

}  // namespace

Result<DerivationRequest> check_derivation_request(const Trainer& trainer, const std::string& id, int sample) {
  using R = Result<DerivationRequest>;
  FieldErrors errors = trainer.get_parameter(id).errors;  // "id", with the valid forms
  const int train_size = int(trainer.dataset().train.size());
  const std::vector<int> batch_indices = trainer.current_batch();
  if (train_size == 0 || batch_indices.empty()) {
    errors.push_back({"sample", "there are no training points to derive on: add some to the training set"});
  } else if (sample < -1 || sample >= train_size) {
    errors.push_back({"sample", "expected a training point index from 0 to " + std::to_string(train_size - 1) +
                                    ", or -1 for the first point of the current batch, got " + std::to_string(sample)});
  }
  if (!errors.empty()) return R::failure(errors);
  return R::success({*parse_parameter_id(trainer.network(), id), sample < 0 ? batch_indices.front() : sample});
}

WeightDerivation derive_weight(const DerivationInputs& inputs, ParameterRef p) {
  const Network<double>& net = inputs.net;
  const StepTrace<double>& sample_trace = inputs.sample_trace;
  const StepTrace<double>& batch_trace = inputs.batch_trace;
  BPL_EXPECT(p.layer >= 1 && p.layer <= net.depth() && p.row >= 0 && p.row < net.units(p.layer) && p.col >= -1 &&
                 p.col < net.units(p.layer - 1),
             "derive_weight: p is a parameter of the network");
  BPL_EXPECT(sample_trace.samples() == 1 && batch_trace.samples() >= 1 &&
                 int(sample_trace.layers.size()) == net.depth() && int(batch_trace.layers.size()) == net.depth(),
             "derive_weight: traces of this network, of one sample and of a batch");
  WeightDerivation d;
  d.parameter = p;
  d.sample = inputs.sample;
  d.batch_size = batch_trace.samples();
  d.value = batch_trace.gradient(p);
  d.sample_value = derivation::sample_gradient(sample_trace, 0, p);
  d.path_count = derivation::count_paths(net, p.layer);

  const Notation names(net);
  const derivation::Inputs in{net, p, names, sample_trace, batch_trace, inputs.regularization};
  assemble(in, d);

  // J = the data loss alone (no regularization), as the traces' gradients.
  const GradCheck batch_check = gradient_check(net, batch_trace.inputs, batch_trace.targets, {}, p);
  const GradCheck sample_check = gradient_check(net, sample_trace.inputs, sample_trace.targets, {}, p);
  d.numerical_check = batch_check.numeric;
  d.relative_error = relative_error(d.value, batch_check.numeric);
  d.sample_numerical_check = sample_check.numeric;
  d.sample_relative_error = relative_error(d.sample_value, sample_check.numeric);
  d.notes = derivation::why_notes(in, d);
  d.highlight = chain_highlight(net, p);

  d.text = plain_text(d, names.parameter(p).text);
  return d;
}

}  // namespace bpl
