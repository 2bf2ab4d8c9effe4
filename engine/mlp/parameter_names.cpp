#include "engine/mlp/parameter_names.h"

#include <cstdio>
#include <cstdlib>

#include "engine/core/expect.h"

namespace bpl {

namespace {

// The seed's names in the order w1..w6, b1..b3, as references into a 2-2-1 network.
struct SeedName {
  const char* name;
  ParameterRef ref;
};
constexpr SeedName kSeedNames[] = {
    {"w1", {1, 0, 0}}, {"w2", {1, 1, 0}}, {"w3", {1, 0, 1}}, {"w4", {1, 1, 1}},
    {"w5", {2, 0, 0}}, {"w6", {2, 0, 1}}, {"b1", {1, 0, -1}}, {"b2", {1, 1, -1}},
    {"b3", {2, 0, -1}}};

template <typename Scalar>
bool is_seed_network(const Network<Scalar>& net) {
  return net.inputs == 2 && net.depth() == 2 && net.units(1) == 2 && net.units(2) == 1;
}

bool same(ParameterRef a, ParameterRef b) {
  return a.layer == b.layer && a.row == b.row && (a.col == b.col || (a.col < 0 && b.col < 0));
}

template <typename Scalar>
bool in_range(const Network<Scalar>& net, ParameterRef p) {
  return p.layer >= 1 && p.layer <= net.depth() && p.row >= 0 && p.row < net.units(p.layer) &&
         p.col < net.units(p.layer - 1);
}

// Reads a non-negative decimal integer at text[pos], advancing pos.
bool read_index(std::string_view text, size_t& pos, int& out) {
  if (pos >= text.size() || text[pos] < '0' || text[pos] > '9') return false;
  long value = 0;
  while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
    value = value * 10 + (text[pos++] - '0');
    if (value > 1000000) return false;
  }
  out = int(value);
  return true;
}

bool read_bracketed(std::string_view text, size_t& pos, int& out) {
  if (pos >= text.size() || text[pos] != '[') return false;
  ++pos;
  if (!read_index(text, pos, out) || pos >= text.size() || text[pos] != ']') return false;
  ++pos;
  return true;
}

}  // namespace

std::string indexed_parameter_id(ParameterRef p) {
  char buffer[64];
  if (p.is_bias()) {
    std::snprintf(buffer, sizeof buffer, "b%d[%d]", p.layer, p.row);
  } else {
    std::snprintf(buffer, sizeof buffer, "W%d[%d][%d]", p.layer, p.row, p.col);
  }
  return buffer;
}

template <typename Scalar>
std::string parameter_id(const Network<Scalar>& net, ParameterRef p) {
  if (is_seed_network(net)) {
    for (const SeedName& s : kSeedNames) {
      if (same(s.ref, p)) return s.name;
    }
  }
  return indexed_parameter_id(p);
}

template <typename Scalar>
std::optional<ParameterRef> parse_parameter_id(const Network<Scalar>& net, std::string_view id) {
  if (is_seed_network(net)) {
    for (const SeedName& s : kSeedNames) {
      if (id == s.name) return s.ref;
    }
  }
  ParameterRef p;
  size_t pos = 1;
  if (id.empty() || (id[0] != 'W' && id[0] != 'b')) return std::nullopt;
  if (!read_index(id, pos, p.layer) || !read_bracketed(id, pos, p.row)) return std::nullopt;
  if (id[0] == 'W') {
    if (!read_bracketed(id, pos, p.col)) return std::nullopt;
  } else {
    p.col = -1;
  }
  if (pos != id.size() || !in_range(net, p)) return std::nullopt;
  return p;
}

template <typename Scalar>
Scalar& parameter_value(Network<Scalar>& net, ParameterRef p) {
  BPL_EXPECT(in_range(net, p), "parameter_value: parameter out of range");
  Layer<Scalar>& layer = net.layers[p.layer - 1];
  return p.is_bias() ? layer.biases(p.row) : layer.weights(p.row, p.col);
}

template <typename Scalar>
Scalar parameter_value(const Network<Scalar>& net, ParameterRef p) {
  BPL_EXPECT(in_range(net, p), "parameter_value: parameter out of range");
  const Layer<Scalar>& layer = net.layers[p.layer - 1];
  return p.is_bias() ? layer.biases(p.row) : layer.weights(p.row, p.col);
}

#define BPL_INSTANTIATE(Scalar)                                                              \
  template std::string parameter_id(const Network<Scalar>&, ParameterRef);                  \
  template std::optional<ParameterRef> parse_parameter_id(const Network<Scalar>&,           \
                                                          std::string_view);               \
  template Scalar& parameter_value(Network<Scalar>&, ParameterRef);                          \
  template Scalar parameter_value(const Network<Scalar>&, ParameterRef);
BPL_INSTANTIATE(float)
BPL_INSTANTIATE(double)
#undef BPL_INSTANTIATE

}  // namespace bpl
