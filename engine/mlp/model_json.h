#pragma once
// MODEL.json, the `bp grad` model format:
//   {"inputs": 2,
//    "layers": [{"units": 2, "activation": "relu", "weights": [[w, w], [w, w]], "biases": [b, b]},
//               {"units": 1, "activation": "linear", "weights": [[w, w]], "biases": [b]}],
//    "loss": "half_mse"}
// weights[j][i] is from input i of that layer to its unit j (layers[l−1] = W⁽ˡ⁾,
// engine/mlp/network.h). Optional: "leakySlope" (default 0.01).
#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "engine/mlp/network.h"
#include "engine/core/result.h"

namespace bpl {

// Every error found, with paths like "layers[1].weights[0][2]"; no network if any.
Result<Network<double>> model_from_json(const nlohmann::json& json);
// Text longer than kMaxModelJsonBytes (engine/core/input_limits.h) is refused unread.
Result<Network<double>> read_model_json(const std::string& text);

// The first parameter a 32-bit float cannot hold (|value| > 3.4e38), named by its
// path ("layers[1].weights[0][2]"): the page trains in floats, where it would be ±inf.
std::optional<FieldError> float_overflow(const Network<double>& net);

template <typename Scalar>
nlohmann::json model_to_json(const Network<Scalar>& net);
template <typename Scalar>
std::string write_model_json(const Network<Scalar>& net);  // pretty-printed, ends with "\n"

}  // namespace bpl
