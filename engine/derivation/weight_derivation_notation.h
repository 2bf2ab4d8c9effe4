#pragma once
// The symbols of the derivation panel (engine/derivation/weight_derivation.h), each both as
// plain Unicode for the canvas and as LaTeX for copying.
//   2-2-1 network, the seed tutorial's names: inputs x1 x2, hidden units h1 h2,
//     output y, target t, weights w1..w6, biases b1..b3; pre-activations z1 z2 z3
//     and deltas δ1 δ2 δ3 are numbered like the biases (h1 ↔ b1 ↔ z1 ↔ δ1,
//     h2 ↔ 2, y ↔ 3). σ' is written in the seed's way, through the unit:
//     1[h1>0], h1(1−h1), (1−h1²).
//   any other network: a⁽ˡ⁾ⱼ (a⁽⁰⁾ᵢ = the inputs), ŷ (ŷₖ when K > 1 outputs), t (tₖ),
//     z⁽ˡ⁾ⱼ, δ⁽ˡ⁾ⱼ, W⁽ˡ⁾ⱼᵢ, b⁽ˡ⁾ⱼ with 1-based unit indices (the id W<l>[j][i] is W⁽ˡ⁾_{j+1,i+1}),
//     as the network view numbers its units;
//     σ' through z: 1[z>0], σ(z)(1−σ(z)), (1−tanh²(z)).
#include <string>
#include <utility>
#include <vector>

#include "engine/derivation/chain_highlight.h"
#include "engine/mlp/gradcheck.h"
#include "engine/mlp/network.h"

namespace bpl::derivation {

struct Styled {
  Styled(std::string text = "", std::string latex = "", std::string brief = "")
      : text(std::move(text)), latex(std::move(latex)), brief(std::move(brief)) {}
  std::string text;   // Unicode
  std::string latex;  // LaTeX, math mode; factors carry \bplmark{key}{…} (engine/typeset/typeset.h)
  std::string brief;  // the LaTeX with long sums collapsed to "t₁ + t₂ + ⋯ + tₙ"; empty: as latex
  const std::string& brief_latex() const { return brief.empty() ? latex : brief; }
};

// s, marked as coming from `source` (an edge, unit or bias: engine/derivation/chain_highlight.h).
Styled marked(const FactorSource& source, const Styled& s);

// a + b, piece by piece.
Styled operator+(const Styled& a, const Styled& b);
// Items joined by `text_separator` / `latex_separator`.
Styled join(const std::vector<Styled>& items, const std::string& text_separator,
            const std::string& latex_separator);
// The product separator: "·" / "\cdot ".
Styled join_product(const std::vector<Styled>& factors);
// A number as shown: 6 significant digits; negative factors in parentheses.
Styled number(double v, bool as_factor);
// Literal text that is the same in both forms ("= ", "(").
Styled same(const std::string& text);

// "⁽¹²⁾"-style digits; "₀₁"-style digits.
std::string superscript_digits(int n);
std::string subscript_digits(int n);

class Notation {
 public:
  explicit Notation(const Network<double>& net);

  bool seed_names() const { return seed_; }
  Styled unit(int layer, int unit) const;            // x1 h1 y | a⁽ˡ⁾ⱼ ŷ ŷₖ
  Styled pre_activation(int layer, int unit) const;  // z1     | z⁽ˡ⁾ⱼ
  Styled delta(int layer, int unit) const;           // δ1     | δ⁽ˡ⁾ⱼ
  Styled parameter(ParameterRef p) const;            // w1 b3  | W⁽ˡ⁾ⱼᵢ b⁽ˡ⁾ⱼ
  Styled target(int output) const;                   // t      | t tₖ
  Styled loss() const;                               // L
  // ∂of/∂by: "∂L/∂y" / "\frac{\partial L}{\partial y}".
  Styled partial(const Styled& of, const Styled& by) const;
  // ∂ℓ/∂ŷₖ by the loss: (ŷ−t) half_mse, 2(ŷ−t)/K mse; for bce and softmax_ce the
  // combined ∂ℓ/∂z⁽ᴸ⁾ₖ: (ŷₖ − tₖ)/K bce, ŷₖ − tₖ softmax_ce.
  Styled loss_factor(int output) const;
  // σ'(z⁽ˡ⁾ⱼ) written as the layer's activation's own derivative (relu 1[z>0], sigmoid
  // σ(z)(1−σ(z)), tanh 1−tanh²z, …); empty for linear (the factor is 1). unit < 0: the
  // layer's whole vector, elementwise: 1[z⁽ˡ⁾>0], σ(z⁽ˡ⁾) ⊙ (1−σ(z⁽ˡ⁾)), ….
  Styled slope(int layer, int unit) const;

 private:
  const Network<double>& net_;
  bool seed_ = false;
  int seed_number(int layer, int unit) const;  // h1 → 1, h2 → 2, y → 3
};

}  // namespace bpl::derivation
