#pragma once
// The w= value of the URL state (engine/formats/url_state.h): a MODEL.json as
//   <inputs>,<units>:<activation>,…,<loss>[,slope:<leakySlope>],<f32|f64>:<base64url>
// Internal to the url_state*.cpp files.
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/mlp/network.h"

namespace bpl::url {

// nullopt when `model` is not a valid MODEL.json (model_from_json).
std::optional<std::string> encode_weights(const nlohmann::json& model);

struct DecodedWeights {
  std::optional<Network<double>> network;
  std::string error;  // what was expected, when there is no network
};
// `text` is percent-decoded already.
DecodedWeights decode_weights(std::string_view text);

}  // namespace bpl::url
