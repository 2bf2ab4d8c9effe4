#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "engine/derivation/chain_highlight.h"
#include "mlp_testing.h"

using namespace bpl;

namespace {

// "W1 1→0": the edge of W⁽¹⁾ from unit 1 of layer 0 to unit 0 of layer 1; "a1 2": unit 2 of layer 1.
std::string name(const DerivationEdge& e) {
  return "W" + std::to_string(e.layer) + " " + std::to_string(e.from) + "→" + std::to_string(e.to);
}
std::string name(const DerivationUnit& u) { return "a" + std::to_string(u.layer) + " " + std::to_string(u.unit); }

template <typename T>
std::vector<std::string> names(const std::vector<T>& items) {
  std::vector<std::string> out;
  for (const T& item : items) out.push_back(name(item));
  return out;
}

// What on_chain says of every edge and unit of the net, in the order chain_highlight lists them
// when nothing is truncated (θ's edge first, then layer by layer): compared as sets below.
std::vector<std::string> edges_on_chain(const Network<double>& net, ParameterRef p) {
  std::vector<std::string> out;
  for (int l = 1; l <= net.depth(); ++l)
    for (int to = 0; to < net.units(l); ++to)
      for (int from = 0; from < net.units(l - 1); ++from)
        if (on_chain(p, DerivationEdge{l, from, to})) out.push_back(name(DerivationEdge{l, from, to}));
  return out;
}
std::vector<std::string> units_on_chain(const Network<double>& net, ParameterRef p) {
  std::vector<std::string> out;
  for (int l = 0; l <= net.depth(); ++l)
    for (int u = 0; u < net.units(l); ++u)
      if (on_chain(p, DerivationUnit{l, u})) out.push_back(name(DerivationUnit{l, u}));
  return out;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

struct Expected {
  ParameterRef parameter;
  std::vector<std::string> edges, units;  // in chain_highlight's order
  std::vector<int> whole_layers;
};

void check_highlight(const Network<double>& net, const Expected& want) {
  const DerivationHighlight h = chain_highlight(net, want.parameter);
  CHECK(names(h.edges) == want.edges);
  CHECK(names(h.units) == want.units);
  CHECK(h.whole_layers == want.whole_layers);
  CHECK_FALSE(h.edges_truncated);
  CHECK(sorted(edges_on_chain(net, want.parameter)) == sorted(want.edges));
  CHECK(sorted(units_on_chain(net, want.parameter)) == sorted(want.units));
}

}  // namespace

// Hand-derived: a path from θ leaves its unit j through an edge into layer l+1, then may take
// any edge above; a weight's input unit a⁽ˡ⁻¹⁾ᵢ is the last factor of δ⁽ˡ⁾ⱼ·a⁽ˡ⁻¹⁾ᵢ.
TEST_CASE("chain_highlight: the seed's 2-2-1 net, by hand") {
  const Network<double> net = make_network<double>(
      testing::make_shape(2, {2, 1}, Activation::relu, Activation::linear, Loss::half_mse));
  SUBCASE("w3 = W1[0][1], x2 → h1: its edge, then w5") {
    check_highlight(net, {{1, 0, 1}, {"W1 1→0", "W2 0→0"}, {"a0 1", "a1 0", "a2 0"}, {}});
  }
  SUBCASE("b2 = b1[1]: no edge of its own, then w6") {
    check_highlight(net, {{1, 1, -1}, {"W2 1→0"}, {"a1 1", "a2 0"}, {}});
  }
  SUBCASE("w6 = W2[0][1], h2 → y") {
    check_highlight(net, {{2, 0, 1}, {"W2 1→0"}, {"a1 1", "a2 0"}, {}});
  }
  SUBCASE("b3 = b2[0]: y alone") { check_highlight(net, {{2, 0, -1}, {}, {"a2 0"}, {}}); }
}

TEST_CASE("chain_highlight: a 2-3-2-1 net, by hand") {
  const Network<double> net = make_network<double>(
      testing::make_shape(2, {3, 2, 1}, Activation::tanh, Activation::linear, Loss::half_mse));
  SUBCASE("W1[2][0]: its edge, both edges out of unit 2, then all of W3") {
    check_highlight(net, {{1, 2, 0},
                          {"W1 0→2", "W2 2→0", "W2 2→1", "W3 0→0", "W3 1→0"},
                          {"a0 0", "a1 2", "a2 0", "a2 1", "a3 0"},
                          {3}});
  }
  SUBCASE("b1[0]: both edges out of unit 0, then all of W3") {
    check_highlight(net, {{1, 0, -1},
                          {"W2 0→0", "W2 0→1", "W3 0→0", "W3 1→0"},
                          {"a1 0", "a2 0", "a2 1", "a3 0"},
                          {3}});
  }
  SUBCASE("W2[1][2]: its edge, then the one edge out of unit 1") {
    check_highlight(net, {{2, 1, 2}, {"W2 2→1", "W3 1→0"}, {"a1 2", "a2 1", "a3 0"}, {}});
  }
  SUBCASE("W3[0][1]: the output layer's weight") {
    check_highlight(net, {{3, 0, 1}, {"W3 1→0"}, {"a2 1", "a3 0"}, {}});
  }
}
