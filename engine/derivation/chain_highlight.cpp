#include "engine/derivation/chain_highlight.h"

#include <cstdio>

namespace bpl {

bool on_chain(ParameterRef p, const DerivationUnit& unit) {
  if (!p.is_bias() && unit.layer == p.layer - 1) return unit.unit == p.col;
  if (unit.layer == p.layer) return unit.unit == p.row;
  return unit.layer > p.layer;
}

// Every path leaves θ's unit through one of its edges into layer l+1, then may take any
// edge of the layers above.
bool on_chain(ParameterRef p, const DerivationEdge& edge) {
  if (edge.layer == p.layer) return !p.is_bias() && edge.from == p.col && edge.to == p.row;
  if (edge.layer == p.layer + 1) return edge.from == p.row;
  return edge.layer > p.layer + 1;
}

DerivationHighlight chain_highlight(const Network<double>& net, ParameterRef p) {
  DerivationHighlight h;
  if (!p.is_bias()) {
    h.units.push_back({p.layer - 1, p.col});
    h.edges.push_back({p.layer, p.col, p.row});
  }
  h.units.push_back({p.layer, p.row});
  long long above = 0;
  for (int m = p.layer + 1; m <= net.depth(); ++m) {
    for (int u = 0; u < net.units(m); ++u) h.units.push_back({m, u});
    if (m == p.layer + 1) {
      for (int to = 0; to < net.units(m); ++to) h.edges.push_back({m, p.row, to});
    } else {
      h.whole_layers.push_back(m);
      above += (long long)net.units(m) * net.units(m - 1);
    }
  }
  h.edges_truncated = (long long)h.edges.size() + above > kMaxHighlightedEdges;
  if (h.edges_truncated) return h;
  for (int m : h.whole_layers) {
    for (int to = 0; to < net.units(m); ++to) {
      for (int from = 0; from < net.units(m - 1); ++from) h.edges.push_back({m, from, to});
    }
  }
  return h;
}

std::string mark_key(const FactorSource& source) {
  const std::string l = std::to_string(source.layer), u = std::to_string(source.unit);
  switch (source.kind) {
    case FactorSource::Kind::edge:
      return "e:" + l + ":" + std::to_string(source.from) + ":" + u;
    case FactorSource::Kind::bias:
      return "b:" + l + ":" + u;
    case FactorSource::Kind::unit:
      break;
  }
  return "u:" + l + ":" + u;
}

std::optional<FactorSource> parse_mark_key(const std::string& key) {
  FactorSource s;
  int consumed = 0;
  const char* text = key.c_str();
  if (std::sscanf(text, "e:%d:%d:%d%n", &s.layer, &s.from, &s.unit, &consumed) == 3) {
    s.kind = FactorSource::Kind::edge;
  } else if (std::sscanf(text, "u:%d:%d%n", &s.layer, &s.unit, &consumed) == 2) {
    s.kind = FactorSource::Kind::unit;
  } else if (std::sscanf(text, "b:%d:%d%n", &s.layer, &s.unit, &consumed) == 2) {
    s.kind = FactorSource::Kind::bias;
  } else {
    return std::nullopt;
  }
  if (consumed != int(key.size()) || s.layer < 0 || s.from < 0 || s.unit < 0) return std::nullopt;
  return s;
}

FactorSource parameter_source(ParameterRef p) {
  if (p.is_bias()) return {FactorSource::Kind::bias, p.layer, 0, p.row};
  return {FactorSource::Kind::edge, p.layer, p.col, p.row};
}

}  // namespace bpl
