#pragma once
// What the UI lights up for a selected parameter θ: every unit and edge on a chain from θ to
// the loss. The layers are fully connected, so for θ = W⁽ˡ⁾ⱼᵢ (or b⁽ˡ⁾ⱼ, which has no edge):
//   edges   θ's own edge i → j in W⁽ˡ⁾ (a weight), every edge out of unit j into layer l+1,
//           and every edge of W⁽ᵐ⁾ for m ≥ l+2
//   units   a⁽ˡ⁻¹⁾ᵢ (a weight: it is the last factor of ∂ℓ/∂W⁽ˡ⁾ⱼᵢ = δ⁽ˡ⁾ⱼ·a⁽ˡ⁻¹⁾ᵢ), unit j of
//           layer l, and every unit of the layers m ≥ l+1
// Layers are numbered as in engine/mlp/network.h (0 = the inputs).
#include <optional>
#include <string>
#include <vector>

#include "engine/mlp/network.h"

namespace bpl {

inline constexpr int kMaxHighlightedEdges = 4096;  // more: whole layers, see DerivationHighlight

struct DerivationUnit {
  int layer = 0;  // 0 = the inputs, 1..L as in engine/mlp/network.h
  int unit = 0;
};

struct DerivationEdge {
  int layer = 1;  // the edge carries W⁽ˡ⁾[to][from], from unit `from` of layer l−1
  int from = 0;
  int to = 0;
};

// The rule above as lists (the JS API's derivation().highlight).
struct DerivationHighlight {
  std::vector<DerivationEdge> edges;  // θ's edge, θ's unit → layer l+1, then every edge above
  std::vector<DerivationUnit> units;  // a⁽ˡ⁻¹⁾ᵢ (weights), θ's unit, every unit of layers l+1..L
  std::vector<int> whole_layers;      // layers m ≥ l+2: every edge of W⁽ᵐ⁾ is on a chain
  bool edges_truncated = false;       // edges lists only layers l, l+1 (more than kMaxHighlightedEdges)
};

// The rule above for one unit or edge: what the network view asks of each one it draws.
bool on_chain(ParameterRef p, const DerivationUnit& unit);
bool on_chain(ParameterRef p, const DerivationEdge& edge);

// Every unit and edge of `net` that on_chain holds for, in the order DerivationHighlight gives.
DerivationHighlight chain_highlight(const Network<double>& net, ParameterRef p);

// What a factor of a typeset derivation comes from, so the page colours it like that edge or
// unit and lights one when the other is hovered. Written into the LaTeX as the key of
// \bplmark{key}{…} (engine/typeset/typeset.h): "e:l:from:to" an edge (a weight), "u:l:j" a
// unit, "b:l:j" a bias.
struct FactorSource {
  enum class Kind { edge, unit, bias };
  Kind kind = Kind::unit;
  int layer = 0;
  int from = 0;  // edges only
  int unit = 0;  // the unit, or the edge's `to`, or the bias's unit
};
std::string mark_key(const FactorSource& source);
std::optional<FactorSource> parse_mark_key(const std::string& key);
// θ's own source: its edge, or its bias.
FactorSource parameter_source(ParameterRef p);

}  // namespace bpl
