// The typeset derivation lines (WeightDerivation::lines): each factor marked with the edge or
// unit it comes from, long sums briefly t₁ + t₂ + ⋯ + tₙ, and the copied LaTeX the same
// formulas without the marks.
#include <doctest/doctest.h>

#include <regex>
#include <string>

#include "derivation_testing.h"
#include "engine/derivation/chain_highlight.h"
#include "engine/mlp/parameter_names.h"
#include "engine/typeset/typeset.h"
#include "mlp_testing.h"

using namespace bpl;
using testing::xor4_config;
using testing::derive;

namespace {

// Every \bplmark key in `latex`, in order.
std::vector<std::string> keys_of(const std::string& latex) {
  std::vector<std::string> keys;
  const std::regex mark(R"(\\bplmark\{([^}]*)\})");
  for (auto it = std::sregex_iterator(latex.begin(), latex.end(), mark); it != std::sregex_iterator(); ++it) {
    keys.push_back((*it)[1]);
  }
  return keys;
}

}  // namespace

TEST_CASE("derivation marks: the seed's w1 factors name their edges and units") {
  Trainer t;
  BPL_REQUIRE(t.configure(xor4_config({2}, Activation::relu, Activation::linear, Loss::half_mse)).empty());
  const WeightDerivation d = derive(t, "w1");
  BPL_REQUIRE(d.lines.size() >= 4);
  CHECK(d.lines[1].role == "symbolic");
  // ∂L/∂w1 = (y−t)·w5·1[h1>0]·x1, by hand: the output unit, the edge h1 → y (w5, layer 2 from 0
  // to 0), h1's slope (unit 0 of layer 1) and the input x1 (unit 0 of layer 0).
  const std::vector<std::string> want{"u:2:0", "e:2:0:0", "u:1:0", "u:0:0"};
  CHECK(keys_of(d.lines[1].latex) == want);
  // The numbers carry the same marks, in the same order.
  CHECK(keys_of(d.lines[2].latex) == want);
  CHECK(typeset::strip_marks(d.lines[1].latex) ==
        "\\frac{\\partial L}{\\partial w_1} = (y - t)\\cdot w_5\\cdot \\mathbb{1}[h_1>0]\\cdot x_1");
  // The Leibniz chain's last factor ∂z1/∂w1 is θ's own edge x1 → h1.
  CHECK(keys_of(d.lines[0].latex).back() == "e:1:0:0");
}

TEST_CASE("derivation marks: keys round-trip and every marked edge and unit lies on θ's chain") {
  Trainer t;
  BPL_REQUIRE(t.configure(xor4_config({3, 3, 2}, Activation::tanh, Activation::sigmoid, Loss::bce)).empty());
  for (const ParameterInfo& info : t.parameters()) {
    CAPTURE(info.id);
    const ParameterRef p = *parse_parameter_id(t.network(), info.id);
    const WeightDerivation d = derive(t, info.id);
    for (const DerivationLine& line : d.lines) {
      for (const std::string& key : keys_of(line.latex + line.brief)) {
        CAPTURE(key);
        const std::optional<FactorSource> source = parse_mark_key(key);
        BPL_REQUIRE(source.has_value());
        CHECK(mark_key(*source) == key);
        switch (source->kind) {
          case FactorSource::Kind::edge:
            // The δ recursion also sums edges out of units it needs below θ's layer l+1: all
            // of them lie on a chain from some unit of layer ≥ l to the loss.
            CHECK(source->layer >= p.layer);
            CHECK(source->layer <= t.network().depth());
            break;
          case FactorSource::Kind::unit:
            CHECK(source->layer >= p.layer - 1);
            break;
          case FactorSource::Kind::bias:
            CHECK(p.is_bias());
            break;
        }
      }
    }
    // The copied block is the lines without marks, aligned.
    CHECK(d.latex.find("\\bplmark") == std::string::npos);
    for (const DerivationLine& line : d.lines) {
      std::string plain = typeset::strip_marks(line.latex);
      plain.replace(plain.find(" = "), 3, " &= ");
      CHECK(d.latex.find(plain) != std::string::npos);
    }
  }
  CHECK_FALSE(parse_mark_key("e:1:2").has_value());
  CHECK_FALSE(parse_mark_key("u:1:2x").has_value());
  CHECK_FALSE(parse_mark_key("u:-1:2").has_value());
  CHECK_FALSE(parse_mark_key("w5").has_value());
}

TEST_CASE("derivation marks: a sum of more than 3 terms is briefly t1 + t2 + ⋯ + tn") {
  Trainer t;
  // 2-1-5-1: δ⁽¹⁾₁ sums over the 5 units of layer 2.
  BPL_REQUIRE(t.configure(xor4_config({1, 5}, Activation::tanh, Activation::linear, Loss::half_mse)).empty());
  const WeightDerivation d = derive(t, "W1[0][0]");
  // The δ line of unit 1 of layer 1 sums W⁽²⁾_{q1}·δ⁽²⁾_q over the 5 units q of layer 2.
  const DerivationLine* line = nullptr;
  for (const DerivationLine& l : d.lines) {
    if (l.role == "delta" && l.text.rfind("δ⁽¹⁾₁ = ", 0) == 0) line = &l;
  }
  BPL_REQUIRE(line != nullptr);
  const std::string full = typeset::strip_marks(line->latex), brief = typeset::strip_marks(line->brief);
  CHECK(full.find("W^{(2)}_{5,1}") != std::string::npos);
  CHECK(full.find("W^{(2)}_{3,1}") != std::string::npos);
  CHECK(full.find("\\cdots") == std::string::npos);
  // Briefly: the first two terms, ⋯, the last; the third is gone.
  CHECK(brief.find("W^{(2)}_{1,1}") != std::string::npos);
  CHECK(brief.find("W^{(2)}_{2,1}") != std::string::npos);
  CHECK(brief.find("\\cdots + ") != std::string::npos);
  CHECK(brief.find("W^{(2)}_{5,1}") != std::string::npos);
  CHECK(brief.find("W^{(2)}_{3,1}") == std::string::npos);
  // A short line has no brief form.
  CHECK(d.lines[0].brief.empty());
}
