#include "engine/mlp/model_json.h"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "engine/core/input_limits.h"
#include "engine/core/json_text.h"

namespace bpl {

using json = nlohmann::json;

namespace {

constexpr size_t kMaxReportedErrors = 20;

// Reads a JSON array of `count` finite numbers into out[0..count).
template <typename Out>
void read_numbers(const json& value, const std::string& field, int count, const char* per_what,
                  Out out, FieldErrors& errors) {
  const std::string expected = "expected an array of " + std::to_string(count) + " numbers (one " + per_what + ")";
  if (!value.is_array()) {
    errors.push_back({field, expected + ", got " + value.type_name()});
    return;
  }
  if (int(value.size()) != count) {
    errors.push_back({field, expected + ", got " + std::to_string(value.size())});
    return;
  }
  for (int i = 0; i < count && errors.size() < kMaxReportedErrors; ++i) {
    const json& v = value[size_t(i)];
    if (!v.is_number() || !std::isfinite(v.get<double>())) {
      errors.push_back({field + "[" + std::to_string(i) + "]", std::string("expected a finite number, got ") + v.dump()});
    } else {
      out(i, v.get<double>());
    }
  }
}

void reject_unknown_keys(const json& object, const std::string& path,
                         std::initializer_list<const char*> known, FieldErrors& errors) {
  for (auto it = object.begin(); it != object.end(); ++it) {
    bool found = false;
    std::string list;
    for (const char* key : known) {
      found = found || it.key() == key;
      list += (list.empty() ? "" : ", ") + std::string(key);
    }
    if (!found) errors.push_back({path + it.key(), "unknown field; expected one of " + list});
  }
}

// One element of "layers": {"units", "activation", "weights", "biases"}.
void read_layer(const json& value, const std::string& path, int units_in, Layer<double>& layer,
                FieldErrors& errors) {
  if (!value.is_object()) {
    errors.push_back({path, std::string("expected an object {\"units\", \"activation\", \"weights\", \"biases\"}, got ") + value.type_name()});
    return;
  }
  reject_unknown_keys(value, path + ".", {"units", "activation", "weights", "biases"}, errors);
  long long units = 0;
  if (!value.contains("units")) {
    errors.push_back({path + ".units", "missing; expected an integer from 1 to " + std::to_string(kMaxUnits)});
    return;
  }
  if (!read_int(value["units"], path + ".units", 1, kMaxUnits, units, errors)) return;
  const auto act_it = value.find("activation");
  if (act_it == value.end() || !act_it->is_string() || !activation_from_name(act_it->get<std::string>())) {
    errors.push_back({path + ".activation", std::string(act_it == value.end() ? "missing" : "got " + act_it->dump()) +
                                               "; expected one of " + activation_names(true)});
  } else {
    layer.activation = *activation_from_name(act_it->get<std::string>());
  }
  layer.weights = Matrix<double>::Zero(units, units_in);
  layer.biases = Vector<double>::Zero(units);
  const auto weights = value.find("weights");
  const std::string rows_expected = "expected " + std::to_string(units) + " rows (one per unit) of " +
                                    std::to_string(units_in) + " numbers (one per input of this layer)";
  if (weights == value.end()) {
    errors.push_back({path + ".weights", "missing; " + rows_expected});
  } else if (!weights->is_array() || int(weights->size()) != units) {
    errors.push_back({path + ".weights", rows_expected + (weights->is_array() ? ", got " + std::to_string(weights->size()) + " rows"
                                                                             : std::string(", got ") + weights->type_name())});
  } else {
    for (int j = 0; j < units && errors.size() < kMaxReportedErrors; ++j) {
      read_numbers((*weights)[size_t(j)], path + ".weights[" + std::to_string(j) + "]", units_in,
                   "per input of this layer", [&](int i, double w) { layer.weights(j, i) = w; }, errors);
    }
  }
  const auto biases = value.find("biases");
  if (biases == value.end()) {
    errors.push_back({path + ".biases", "missing; expected an array of " + std::to_string(units) + " numbers (one per unit)"});
  } else {
    read_numbers(*biases, path + ".biases", int(units), "per unit", [&](int j, double b) { layer.biases(j) = b; }, errors);
  }
}

}  // namespace

Result<Network<double>> model_from_json(const json& value) {
  using R = Result<Network<double>>;
  if (!value.is_object()) {
    return R::failure({{"model", std::string("expected an object {\"inputs\", \"layers\", \"loss\"}, got ") + value.type_name()}});
  }
  FieldErrors errors;
  reject_unknown_keys(value, "", {"inputs", "layers", "loss", "leakySlope"}, errors);
  Network<double> net;
  long long inputs = 0;
  if (!value.contains("inputs")) {
    errors.push_back({"inputs", "missing; expected an integer from 1 to " + std::to_string(kMaxUnits)});
  } else if (read_int(value["inputs"], "inputs", 1, kMaxUnits, inputs, errors)) {
    net.inputs = int(inputs);
  }
  const auto loss = value.find("loss");
  if (loss == value.end() || !loss->is_string() || !loss_from_name(loss->get<std::string>())) {
    errors.push_back({"loss", std::string(loss == value.end() ? "missing" : "got " + loss->dump()) + "; expected one of " + loss_names()});
  } else {
    net.loss = *loss_from_name(loss->get<std::string>());
  }
  if (value.contains("leakySlope")) {
    double slope = kDefaultLeakySlope;
    if (read_number(value["leakySlope"], "leakySlope", 0, false, 1, true, slope, errors)) net.leaky_slope = slope;
  }
  const auto layers = value.find("layers");
  const std::string layers_expected = "expected an array of 1 to " + std::to_string(kMaxLayers) +
                                      " layers {\"units\", \"activation\", \"weights\", \"biases\"}";
  if (layers == value.end()) {
    errors.push_back({"layers", "missing; " + layers_expected});
  } else if (!layers->is_array() || layers->empty() || layers->size() > size_t(kMaxLayers)) {
    errors.push_back({"layers", layers_expected + (layers->is_array() ? ", got " + std::to_string(layers->size())
                                                                      : std::string(", got ") + layers->type_name())});
  } else if (net.inputs > 0) {
    int units_in = net.inputs;
    for (size_t l = 0; l < layers->size() && errors.size() < kMaxReportedErrors; ++l) {
      Layer<double> layer;
      const size_t before = errors.size();
      read_layer((*layers)[l], "layers[" + std::to_string(l) + "]", units_in, layer, errors);
      if (errors.size() != before) break;  // later layers' shapes depend on this one
      if (l + 1 < layers->size() && layer.activation == Activation::softmax) {
        errors.push_back({"layers[" + std::to_string(l) + "].activation",
                          std::string("\"softmax\" is only for the last layer; expected one of ") + activation_names(false)});
      }
      units_in = int(layer.weights.rows());
      net.layers.push_back(std::move(layer));
    }
  }
  if (errors.empty()) {
    const std::string last = "layers[" + std::to_string(net.layers.size() - 1) + "]";
    if (auto mismatch = output_activation_mismatch(net.loss, net.layers.back().activation)) {
      errors.push_back({last + ".activation", *mismatch});
    }
    if (net.loss == Loss::softmax_ce && net.outputs() < 2) {
      errors.push_back({last + ".units", "softmax_ce needs at least 2 output units (one per class)"});
    }
  }
  if (!errors.empty()) return R::failure(std::move(errors));
  return R::success(std::move(net));
}

std::optional<FieldError> float_overflow(const Network<double>& net) {
  for (std::size_t l = 0; l < net.layers.size(); ++l) {
    const Layer<double>& layer = net.layers[l];
    const std::string path = "layers[" + std::to_string(l) + "]";
    auto overflows = [](double v) { return !std::isfinite(double(float(v))); };
    auto message = [](double v) {
      char text[32];
      std::snprintf(text, sizeof text, "%.3g", v);
      return std::string(text) + " does not fit the 32-bit floats the page trains in (|w| ≤ 3.4e38)";
    };
    for (int j = 0; j < layer.weights.rows(); ++j) {
      for (int i = 0; i < layer.weights.cols(); ++i) {
        if (overflows(layer.weights(j, i))) {
          return FieldError{path + ".weights[" + std::to_string(j) + "][" + std::to_string(i) + "]", message(layer.weights(j, i))};
        }
      }
      if (overflows(layer.biases(j))) return FieldError{path + ".biases[" + std::to_string(j) + "]", message(layer.biases(j))};
    }
  }
  return std::nullopt;
}

Result<Network<double>> read_model_json(const std::string& text) {
  if (auto too_big = over_cap("model", "the MODEL.json text", text.size(), kMaxModelJsonBytes, "the model reader")) {
    return Result<Network<double>>::failure({*too_big});
  }
  Result<json> parsed = parse_json_text(text, "model");
  if (!parsed.ok()) return Result<Network<double>>::failure(parsed.errors);
  return model_from_json(*parsed.value);
}

template <typename Scalar>
json model_to_json(const Network<Scalar>& net) {
  json layers = json::array();
  for (const Layer<Scalar>& layer : net.layers) {
    json weights = json::array();
    for (int j = 0; j < layer.weights.rows(); ++j) {
      json row = json::array();
      for (int i = 0; i < layer.weights.cols(); ++i) row.push_back(double(layer.weights(j, i)));
      weights.push_back(std::move(row));
    }
    json biases = json::array();
    for (int j = 0; j < layer.biases.size(); ++j) biases.push_back(double(layer.biases(j)));
    layers.push_back({{"units", layer.weights.rows()},
                      {"activation", activation_name(layer.activation)},
                      {"weights", std::move(weights)},
                      {"biases", std::move(biases)}});
  }
  json out = {{"inputs", net.inputs}, {"layers", std::move(layers)}, {"loss", loss_name(net.loss)}};
  if (net.leaky_slope != Scalar(kDefaultLeakySlope)) out["leakySlope"] = double(net.leaky_slope);
  return out;
}

template <typename Scalar>
std::string write_model_json(const Network<Scalar>& net) {
  return model_to_json(net).dump(2) + "\n";
}

template json model_to_json(const Network<float>&);
template json model_to_json(const Network<double>&);
template std::string write_model_json(const Network<float>&);
template std::string write_model_json(const Network<double>&);

}  // namespace bpl
