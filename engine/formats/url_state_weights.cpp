#include "engine/formats/url_state_weights.h"

#include <cstdint>
#include <cstring>
#include <vector>

#include "engine/mlp/model_json.h"
#include "engine/formats/url_state_text.h"

namespace bpl::url {

namespace {

const char* const kExpected =
    "expected <inputs>,<units>:<activation>,…,<loss>,f32:<base64url> (e.g. 2,2:relu,1:linear,half_mse,f32:…)";

// Every parameter in network order: per layer, weights[j][i] row by row, then the biases.
template <typename Visit>
void for_each_parameter(Network<double>& net, Visit visit) {
  for (Layer<double>& layer : net.layers) {
    for (int j = 0; j < layer.weights.rows(); ++j)
      for (int i = 0; i < layer.weights.cols(); ++i) visit(layer.weights(j, i));
    for (int j = 0; j < layer.biases.size(); ++j) visit(layer.biases(j));
  }
}

// Little-endian bytes of an IEEE float or double, independent of the host's order.
template <typename Bits>
void append_le(std::vector<unsigned char>& out, Bits bits) {
  for (std::size_t k = 0; k < sizeof(Bits); ++k) out.push_back(static_cast<unsigned char>(bits >> (8 * k)));
}

template <typename Bits>
Bits read_le(const unsigned char* bytes) {
  Bits bits = 0;
  for (std::size_t k = 0; k < sizeof(Bits); ++k) bits |= Bits(bytes[k]) << (8 * k);
  return bits;
}

std::optional<int> parse_count(std::string_view text, int lo, int hi) {
  const std::optional<nlohmann::json> n = parse_number(text);
  if (!n || !n->is_number_integer()) return std::nullopt;
  const std::int64_t v = n->get<std::int64_t>();
  if (v < lo || v > hi) return std::nullopt;
  return int(v);
}

// The header items before the payload → a shape, or an error message.
std::optional<NetworkShape> parse_header(const std::vector<std::string_view>& parts, std::string& error) {
  NetworkShape shape;
  const std::optional<int> inputs = parse_count(parts[0], 1, kMaxUnits);
  if (!inputs) {
    error = "the input count \"" + printable(parts[0]) + "\" is not an integer from 1 to " + std::to_string(kMaxUnits);
    return std::nullopt;
  }
  shape.inputs = *inputs;
  std::size_t i = 1;
  for (; i + 2 < parts.size() && parts[i].find(':') != std::string_view::npos; ++i) {
    const std::string_view item = parts[i];
    const std::size_t colon = item.find(':');
    const std::optional<int> units = parse_count(item.substr(0, colon), 1, kMaxUnits);
    const std::optional<Activation> act = activation_from_name(item.substr(colon + 1));
    if (!units || !act) {
      error = "layer " + std::to_string(i) + " \"" + printable(item) + "\" is not <units 1.." +
              std::to_string(kMaxUnits) + ">:<" + activation_names(true) + ">";
      return std::nullopt;
    }
    if (int(shape.layers.size()) == kMaxLayers) {
      error = "more than " + std::to_string(kMaxLayers) + " layers";
      return std::nullopt;
    }
    shape.layers.push_back({*units, *act});
  }
  if (shape.layers.empty()) {
    error = std::string("no layers; ") + kExpected;
    return std::nullopt;
  }
  const std::optional<Loss> loss = i < parts.size() ? loss_from_name(parts[i]) : std::nullopt;
  if (!loss) {
    error = "\"" + printable(i < parts.size() ? parts[i] : "") + "\" is not a loss (" + loss_names() + ")";
    return std::nullopt;
  }
  shape.loss = *loss;
  ++i;
  if (i + 1 < parts.size() && parts[i].substr(0, 6) == "slope:") {
    const std::optional<nlohmann::json> slope = parse_number(parts[i].substr(6));
    if (!slope) {
      error = "\"" + printable(parts[i]) + "\" is not slope:<number>";
      return std::nullopt;
    }
    shape.leaky_slope = slope->get<double>();
    ++i;
  }
  if (i + 1 != parts.size()) {
    error = "unexpected \"" + printable(parts[i]) + "\"; " + kExpected;
    return std::nullopt;
  }
  return shape;
}

}  // namespace

std::optional<std::string> encode_weights(const nlohmann::json& model) {
  Result<Network<double>> read = model_from_json(model);
  if (!read.ok()) return std::nullopt;
  Network<double>& net = *read.value;
  std::string out = std::to_string(net.inputs);
  for (const Layer<double>& layer : net.layers)
    out += "," + std::to_string(layer.weights.rows()) + ":" + activation_name(layer.activation);
  out += std::string(",") + loss_name(net.loss);
  if (net.leaky_slope != kDefaultLeakySlope) out += ",slope:" + *format_number(nlohmann::json(net.leaky_slope));
  bool all_float = true;
  for_each_parameter(net, [&](double v) { all_float = all_float && double(float(v)) == v; });
  std::vector<unsigned char> bytes;
  for_each_parameter(net, [&](double v) {
    if (all_float) {
      const float f = float(v);
      std::uint32_t bits;
      std::memcpy(&bits, &f, sizeof bits);
      append_le(bytes, bits);
    } else {
      std::uint64_t bits;
      std::memcpy(&bits, &v, sizeof bits);
      append_le(bytes, bits);
    }
  });
  return out + (all_float ? ",f32:" : ",f64:") + base64url_encode(bytes);
}

DecodedWeights decode_weights(std::string_view text) {
  const std::vector<std::string_view> parts = split(text, ',');
  if (parts.size() < 4) return {std::nullopt, kExpected};
  std::string error;
  const std::optional<NetworkShape> shape = parse_header(parts, error);
  if (!shape) return {std::nullopt, error};
  const std::string_view payload = parts.back();
  const bool is_f32 = payload.substr(0, 4) == "f32:", is_f64 = payload.substr(0, 4) == "f64:";
  if (!is_f32 && !is_f64) return {std::nullopt, "the values must start with f32: or f64:; " + std::string(kExpected)};
  std::size_t count = 0;
  int units_in = shape->inputs;
  for (const LayerShape& layer : shape->layers) {
    count += std::size_t(layer.units) * std::size_t(units_in + 1);
    units_in = layer.units;
  }
  const std::size_t width = is_f32 ? 4 : 8;
  const std::string_view encoded = payload.substr(4);
  if (encoded.size() != base64url_length(count * width)) {
    return {std::nullopt, "expected " + std::to_string(count) + " values (" + std::to_string(base64url_length(count * width)) +
                              " base64url characters) for this shape, got " + std::to_string(encoded.size()) + " characters"};
  }
  const std::optional<std::vector<unsigned char>> bytes = base64url_decode(encoded);
  if (!bytes) return {std::nullopt, "the values are not base64url (A-Z a-z 0-9 - _)"};
  Network<double> net = make_network<double>(*shape);
  std::size_t at = 0;
  for_each_parameter(net, [&](double& v) {
    if (is_f32) {
      const std::uint32_t bits = read_le<std::uint32_t>(bytes->data() + at);
      float f;
      std::memcpy(&f, &bits, sizeof f);
      v = f;
    } else {
      const std::uint64_t bits = read_le<std::uint64_t>(bytes->data() + at);
      std::memcpy(&v, &bits, sizeof v);
    }
    at += width;
  });
  // The MODEL.json reader's own rules: finite values, softmax last, loss vs output.
  Result<Network<double>> checked = model_from_json(model_to_json(net));
  if (!checked.ok()) return {std::nullopt, to_string(checked.errors.front())};
  return {std::move(checked.value), ""};
}

}  // namespace bpl::url
