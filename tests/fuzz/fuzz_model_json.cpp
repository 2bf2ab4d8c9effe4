// libFuzzer target: any bytes as MODEL.json → read_model_json; a network it
// accepts has a consistent shape, finite parameters, and writes out to text
// that reads back to the same network. A failed invariant aborts with a message.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/core/input_limits.h"
#include "engine/mlp/model_json.h"

using json = nlohmann::json;
using namespace bpl;

namespace {

void require(bool condition, const char* what) {
  if (condition) return;
  std::fprintf(stderr, "invariant failed: %s\n", what);
  std::abort();
}

void check_network(const Network<double>& net) {
  require(net.inputs >= 1 && net.inputs <= kMaxUnits, "inputs in range");
  require(net.depth() >= 1 && net.depth() <= kMaxLayers, "layers in range");
  int units_in = net.inputs;
  for (const Layer<double>& layer : net.layers) {
    require(layer.weights.cols() == units_in, "weights[j] has one number per input of the layer");
    require(layer.weights.rows() >= 1 && layer.weights.rows() <= kMaxUnits, "units in range");
    require(layer.biases.size() == layer.weights.rows(), "one bias per unit");
    units_in = int(layer.weights.rows());
  }
  require(all_finite(net), "parameters are finite");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const Result<Network<double>> read = read_model_json(text);
  require(read.ok() != !read.errors.empty(), "a network or errors, never both");
  // The caps (README "Input limits"): the size, refused unread; the nesting, refused before a tree is built.
  const bool refused_for_length = !read.ok() && read.errors.front().message.find("bytes, more than the 64 MiB") != std::string::npos;
  require(refused_for_length == (size > kMaxModelJsonBytes), "refused for its length exactly when over the cap");
  const std::size_t opening = std::min(text.find_first_not_of('['), text.size());
  const bool refused_for_depth = !read.ok() && read.errors.front().message.find("nested deeper than 64 levels") != std::string::npos;
  if (opening > std::size_t(kMaxJsonDepth)) require(refused_for_depth, "nesting past the cap is refused");
  if (text == std::string(opening, '[') + std::string(opening, ']')) {
    require(refused_for_depth == (opening > std::size_t(kMaxJsonDepth)), "nesting up to the cap is read");
  }
  for (const FieldError& e : read.errors) require(!e.message.empty(), "errors say what was expected");
  if (!read.ok()) return 0;
  check_network(*read.value);
  const std::string written = write_model_json(*read.value);
  const Result<Network<double>> again = read_model_json(written);
  require(again.ok(), "what write_model_json writes reads back");
  require(model_to_json(*again.value) == model_to_json(*read.value), "read(write(net)) == net");
  // The same through the float network the trainer uses: the floats read back exactly.
  const Network<float> as_float = read.value->cast<float>();
  if (all_finite(as_float)) {
    const Result<Network<double>> from_float = read_model_json(write_model_json(as_float));
    require(from_float.ok(), "a float network's MODEL.json reads back");
    require(model_to_json(from_float.value->cast<float>()) == model_to_json(as_float), "floats round-trip exactly");
  }
  return 0;
}
