#include "engine/derivation/weight_derivation_notation.h"

#include "engine/core/expect.h"
#include "engine/expr/derivation.h"
#include "engine/expr/format.h"
#include "engine/mlp/parameter_names.h"

namespace bpl::derivation {

namespace {

// Unit j (0-based, as in the ids W<l>[j][i]) shown 1-based, as the network view numbers units:
// "a⁽²⁾₁" / "a^{(2)}_{1}"; two indices "W⁽²⁾₁₂" / "W^{(2)}_{1,2}" (a comma in the text too once
// an index has two digits, so W⁽¹⁾₁₂,₃ cannot be misread). No indices: the layer's vector, "z⁽²⁾".
Styled indexed(const std::string& base_text, const std::string& base_latex, int layer,
               std::vector<int> indices) {
  Styled out{base_text + "⁽" + superscript_digits(layer) + "⁾", base_latex + "^{(" + std::to_string(layer) + ")}"};
  if (indices.empty()) return out;
  bool wide = false;
  for (int index : indices) wide = wide || index + 1 >= 10;
  out.latex += "_{";
  for (size_t k = 0; k < indices.size(); ++k) {
    out.text += (k && wide ? "," : "") + subscript_digits(indices[k] + 1);
    out.latex += (k ? "," : "") + std::to_string(indices[k] + 1);
  }
  out.latex += "}";
  return out;
}

// "h1" / "h_1".
Styled seed_symbol(const std::string& text_base, const std::string& latex_base, int number) {
  return {text_base + std::to_string(number), latex_base + "_" + std::to_string(number)};
}

}  // namespace

Styled operator+(const Styled& a, const Styled& b) { return {a.text + b.text, a.latex + b.latex}; }

Styled join(const std::vector<Styled>& items, const std::string& text_separator,
            const std::string& latex_separator) {
  Styled out;
  for (size_t k = 0; k < items.size(); ++k) {
    out.text += (k ? text_separator : "") + items[k].text;
    out.latex += (k ? latex_separator : "") + items[k].latex;
  }
  return out;
}

Styled join_product(const std::vector<Styled>& factors) { return join(factors, "·", "\\cdot "); }

Styled number(double v, bool as_factor) {
  return {as_factor ? expr::format_factor(v) : expr::format_number(v), expr::latex_number(v, as_factor)};
}

Styled same(const std::string& text) { return {text, text}; }

std::string superscript_digits(int n) {
  static const char* const digits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  std::string out;
  for (char c : std::to_string(n)) out += c == '-' ? "⁻" : digits[c - '0'];
  return out;
}

std::string subscript_digits(int n) {
  static const char* const digits[] = {"₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"};
  std::string out;
  for (char c : std::to_string(n)) out += c == '-' ? "₋" : digits[c - '0'];
  return out;
}

// The seed's names exist exactly when parameter_names accepts "w1" (a 2-2-1 network).
Notation::Notation(const Network<double>& net)
    : net_(net), seed_(parse_parameter_id(net, "w1").has_value()) {}

int Notation::seed_number(int layer, int unit) const { return layer == 1 ? unit + 1 : 3; }

Styled Notation::unit(int layer, int unit) const {
  BPL_EXPECT(layer >= 0 && layer <= net_.depth(), "Notation::unit: layer is 0..L");
  if (seed_) {
    if (layer == 0) return seed_symbol("x", "x", unit + 1);
    if (layer == 1) return seed_symbol("h", "h", unit + 1);
    return {"y", "y"};
  }
  if (layer == net_.depth()) {
    if (net_.outputs() == 1) return {"ŷ", "\\hat{y}"};
    return {"ŷ" + subscript_digits(unit + 1), "\\hat{y}_{" + std::to_string(unit + 1) + "}"};
  }
  return indexed("a", "a", layer, {unit});
}

Styled Notation::pre_activation(int layer, int unit) const {
  if (seed_) return seed_symbol("z", "z", seed_number(layer, unit));
  return indexed("z", "z", layer, {unit});
}

Styled Notation::delta(int layer, int unit) const {
  if (seed_) return seed_symbol("δ", "\\delta", seed_number(layer, unit));
  return indexed("δ", "\\delta", layer, {unit});
}

Styled Notation::parameter(ParameterRef p) const {
  if (seed_) {
    const std::string id = parameter_id(net_, p);  // "w5"
    return {id, id.substr(0, 1) + "_" + id.substr(1)};
  }
  if (p.is_bias()) return indexed("b", "b", p.layer, {p.row});
  return indexed("W", "W", p.layer, {p.row, p.col});
}

Styled Notation::target(int output) const {
  if (net_.outputs() == 1) return {"t", "t"};
  return {"t" + subscript_digits(output + 1), "t_{" + std::to_string(output + 1) + "}"};
}

Styled Notation::loss() const { return {"L", "L"}; }

Styled Notation::partial(const Styled& of, const Styled& by) const {
  return {"∂" + of.text + "/∂" + by.text, "\\frac{\\partial " + of.latex + "}{\\partial " + by.latex + "}"};
}

Styled Notation::loss_factor(int output) const {
  const Styled y = unit(net_.depth(), output);
  const Styled t = target(output);
  const Styled error{"(" + y.text + "−" + t.text + ")", "(" + y.latex + " - " + t.latex + ")"};
  // half_mse: ŷ−t; softmax_ce: ∂ℓ/∂z = ŷ−t; mse: 2(ŷ−t)/K; bce: ∂ℓ/∂z = (ŷ−t)/K (engine/mlp/loss.h)
  const int k = net_.outputs();
  const std::string outputs = std::to_string(k);
  switch (net_.loss) {
    case Loss::mse:
      if (k == 1) return Styled{"2", "2"} + error;
      return Styled{"2", "\\frac{2}{" + outputs + "}"} + error + Styled{"/" + outputs, ""};
    case Loss::bce:
      if (k == 1) return error;
      return Styled{"", "\\frac{1}{" + outputs + "}"} + error + Styled{"/" + outputs, ""};
    case Loss::half_mse:
    case Loss::softmax_ce:
      break;
  }
  return error;
}

Styled Notation::slope(int layer, int unit) const {
  const Activation act = net_.layers[layer - 1].activation;
  // unit < 0: the whole layer's vector, elementwise, written through z⁽ˡ⁾.
  const bool vector = unit < 0;
  const Styled a = vector ? indexed("a", "a", layer, {}) : this->unit(layer, unit);
  const Styled z = vector ? indexed("z", "z", layer, {}) : pre_activation(layer, unit);
  // relu and leaky_relu: z > 0 ⟺ a > 0, so the seed can test the unit itself.
  const bool through_unit = seed_ && !vector;
  const Styled on = through_unit ? a : z;
  const Styled indicator{"1[" + on.text + ">0]", "\\mathbb{1}[" + on.latex + ">0]"};
  const Styled times = vector ? Styled{" ⊙ ", " \\odot "} : Styled{"", ""};
  switch (act) {
    case Activation::linear:
      return {};
    case Activation::relu:  // σ' = 1[z>0]
      return indicator;
    case Activation::leaky_relu: {  // σ' = 1[z>0] + s·1[z≤0]
      const Styled s = number(net_.leaky_slope, true);
      return Styled{"(", "("} + indicator + Styled{" + ", " + "} + s +
             Styled{"·1[" + on.text + "≤0])", "\\cdot \\mathbb{1}[" + on.latex + "\\le 0])"};
    }
    case Activation::sigmoid:  // σ' = σ(z)(1−σ(z)) = a(1−a)
      if (through_unit) return {a.text + "(1−" + a.text + ")", a.latex + "(1 - " + a.latex + ")"};
      return Styled{"σ(" + z.text + ")", "\\sigma(" + z.latex + ")"} + times +
             Styled{"(1−σ(" + z.text + "))", "(1 - \\sigma(" + z.latex + "))"};
    case Activation::tanh:  // σ' = 1−tanh²(z) = 1−a²
      if (through_unit) return {"(1−" + a.text + "²)", "(1 - " + a.latex + "^2)"};
      return {"(1−tanh²(" + z.text + "))", "(1 - \\tanh^2(" + z.latex + "))"};
    case Activation::gelu:  // σ' = Φ(z) + z·φ(z)
      return {"(Φ(" + z.text + ")+" + z.text + (vector ? " ⊙ " : "·") + "φ(" + z.text + "))",
              "(\\Phi(" + z.latex + ") + " + z.latex + (vector ? " \\odot " : "\\,") + "\\phi(" + z.latex + "))"};
    case Activation::softmax:
      break;
  }
  BPL_EXPECT(false, "Notation::slope: softmax has no elementwise σ' (its loss gives ∂ℓ/∂z)");
  return {};
}

}  // namespace bpl::derivation
