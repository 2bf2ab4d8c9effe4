// Section index: derived settings · validate() · JSON reading · JSON writing.
#include "engine/training/train_config.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>

#include "engine/core/count_text.h"
#include "engine/core/json_text.h"
#include "engine/core/text.h"

namespace bpl {

using json = nlohmann::json;

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr long long kMaxSeed = 9007199254740992LL;  // 2^53: exact in a JavaScript number
constexpr int kMaxHiddenLayers = kMaxLayers - 1;
}  // namespace

// ---------------------------------------------------------------- derived settings

NetworkShape TrainConfig::network_shape() const {
  NetworkShape shape;
  shape.inputs = int(features.size());
  for (int units : hidden) shape.layers.push_back({units, activation});
  shape.layers.push_back({loss == Loss::softmax_ce ? 2 : 1, output_activation});
  shape.loss = loss;
  shape.leaky_slope = leaky_slope;
  return shape;
}

OptimizerSettings TrainConfig::optimizer_settings() const {
  return {optimizer, learning_rate, momentum, beta1, beta2, epsilon};
}

RegularizationSettings TrainConfig::regularization_settings() const {
  return {regularization, regularization_rate};
}

DatasetSettings TrainConfig::dataset_settings() const {
  return {dataset, samples, noise, train_fraction, seed};
}

long long parameter_count(const TrainConfig& config) {
  const NetworkShape shape = config.network_shape();
  long long count = 0, inputs = shape.inputs;
  for (const LayerShape& layer : shape.layers) {
    count += (inputs + 1) * layer.units;  // W⁽ˡ⁾ [units × inputs] and b⁽ˡ⁾ [units]
    inputs = layer.units;
  }
  return count;
}

// ---------------------------------------------------------------- validate()

namespace {

// The size caps of train_config.h, one error each, naming the field a learner
// would change. Only when the shape itself is valid.
void check_size_caps(const TrainConfig& c, int points, int training_points, FieldErrors& errors) {
  const long long parameters = parameter_count(c);
  if (parameters > kMaxParameters) {
    errors.push_back({"hidden", "the network would have " + count_text(parameters) + " parameters; at most " +
                                    count_text(kMaxParameters) + ": use fewer or narrower hidden layers"});
    return;
  }
  if (parameters * points > kMaxParameterPoints) {
    errors.push_back({c.samples > 0 ? "samples" : "hidden",
                      count_text(points) + " data points × " + count_text(parameters) + " parameters is " +
                          count_text(parameters * points) + "; at most " + count_text(kMaxParameterPoints) +
                          " (one pass over the data for the loss): use fewer points (samples) or a smaller network"});
    return;
  }
  const long long batch = std::min(c.batch_size, std::max(training_points, 1));
  if (parameters * batch > kMaxBatchParameters) {
    errors.push_back({"batchSize", "a batch of " + count_text(batch) + " points × " + count_text(parameters) +
                                       " parameters is " + count_text(parameters * batch) + "; at most " +
                                       count_text(kMaxBatchParameters) +
                                       " (the derivation traces a batch in double precision): use a smaller batch "
                                       "or a smaller network"});
  }
}

}  // namespace

FieldErrors validate(const TrainConfig& c) {
  FieldErrors errors;
  auto require = [&](bool ok, const char* field, std::string message) {
    if (!ok) errors.push_back({field, std::move(message)});
  };
  require(c.samples == 0 || (c.samples >= 4 && c.samples <= kMaxSamples), "samples",
          "expected 0 (the dataset's default) or an integer from 4 to " + std::to_string(kMaxSamples));
  require(c.noise >= 0.0 && c.noise <= 1.0, "noise", "expected a number in [0, 1]");
  require(c.train_fraction > 0.0 && c.train_fraction <= 1.0, "trainFraction", "expected a number in (0, 1]");
  const int total = c.samples > 0 && c.dataset != DatasetKind::xor4 ? c.samples : default_samples(c.dataset);
  require(!(c.train_fraction > 0.0) || training_point_count(c.dataset_settings()) >= 1, "trainFraction",
          "leaves no training points; expected a larger fraction of the " + std::to_string(total) + " points");
  require(!c.features.empty(), "features", std::string("expected at least one of ") + feature_names());
  for (size_t i = 0; i < c.features.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      require(c.features[i] != c.features[j], "features",
              std::string("\"") + feature_name(c.features[i]) + "\" is listed twice; expected each feature once");
    }
  }
  require(int(c.hidden.size()) <= kMaxHiddenLayers, "hidden",
          "expected at most " + std::to_string(kMaxHiddenLayers) + " hidden layers (" +
              std::to_string(kMaxLayers) + " layers with the output)");
  for (size_t i = 0; i < c.hidden.size(); ++i) {
    require(c.hidden[i] >= 1 && c.hidden[i] <= kMaxUnits, "hidden",
            "expected unit counts from 1 to " + std::to_string(kMaxUnits) + ", got " + std::to_string(c.hidden[i]));
  }
  require(c.activation != Activation::softmax, "activation",
          std::string("\"softmax\" is only for the output; expected ") + activation_names(false));
  require(std::isfinite(c.leaky_slope) && c.leaky_slope >= 0.0 && c.leaky_slope < 1.0, "leakySlope",
          "expected a number in [0, 1)");
  if (auto mismatch = output_activation_mismatch(c.loss, c.output_activation)) {
    errors.push_back({"outputActivation", *mismatch});
  }
  if ((c.loss == Loss::bce || c.loss == Loss::softmax_ce) && !is_classification(c.dataset)) {
    errors.push_back({"loss", std::string("dataset \"") + dataset_name(c.dataset) +
                                  "\" is regression (targets in [-1, 1]); expected \"mse\" or \"half_mse\""});
  }
  require(std::isfinite(c.learning_rate) && c.learning_rate > 0.0, "learningRate", "expected a finite number > 0");
  require(c.momentum >= 0.0 && c.momentum < 1.0, "momentum", "expected a number in [0, 1)");
  require(c.beta1 >= 0.0 && c.beta1 < 1.0, "beta1", "expected a number in [0, 1)");
  require(c.beta2 >= 0.0 && c.beta2 < 1.0, "beta2", "expected a number in [0, 1)");
  require(std::isfinite(c.epsilon) && c.epsilon > 0.0, "epsilon", "expected a finite number > 0");
  require(c.batch_size >= 1 && c.batch_size <= kMaxSamples, "batchSize",
          "expected an integer from 1 to " + std::to_string(kMaxSamples));
  require(std::isfinite(c.regularization_rate) && c.regularization_rate >= 0.0, "regularizationRate",
          "expected a finite number >= 0");
  require(c.seed <= std::uint64_t(kMaxSeed), "seed", "expected an integer from 0 to 2^53");
  require(c.epochs >= 0 && c.epochs <= kMaxEpochs, "epochs",
          "expected an integer from 0 to " + std::to_string(kMaxEpochs));
  // The caps need a valid shape and data size; other fields' errors do not hide them.
  const bool sizes_valid = std::none_of(errors.begin(), errors.end(), [](const FieldError& e) {
    for (const char* field : {"hidden", "features", "samples", "trainFraction", "batchSize"})
      if (e.field == field) return true;
    return false;
  });
  if (sizes_valid) check_size_caps(c, total, int(std::floor(total * c.train_fraction)), errors);
  return errors;
}

// ---------------------------------------------------------------- JSON reading

namespace {

// A JSON string naming one value of an enum.
template <typename Enum, typename FromName>
void read_name(const json& value, const char* field, const char* expected, FromName from_name,
               Enum& out, FieldErrors& errors) {
  std::string name;
  if (!value.is_string()) {
    errors.push_back({field, std::string("expected one of ") + expected + ", got " + value.type_name()});
    return;
  }
  name = value.get<std::string>();
  if (auto parsed = from_name(name)) {
    out = *parsed;
  } else {
    errors.push_back({field, "unknown name \"" + printable(name) + "\"; expected one of " + expected});
  }
}

void read_int_field(const json& value, const char* field, long long lo, long long hi, int& out,
                    FieldErrors& errors) {
  long long v = 0;
  if (read_int(value, field, lo, hi, v, errors)) out = int(v);
}

void read_hidden(const json& value, std::vector<int>& out, FieldErrors& errors) {
  const std::string expected = "expected an array of at most " + std::to_string(kMaxHiddenLayers) +
                               " unit counts, each from 1 to " + std::to_string(kMaxUnits);
  if (!value.is_array()) {
    errors.push_back({"hidden", expected + ", got " + value.type_name()});
    return;
  }
  if (value.size() > size_t(kMaxHiddenLayers)) {
    errors.push_back({"hidden", expected + ", got " + std::to_string(value.size()) + " layers"});
    return;
  }
  std::vector<int> hidden;
  const size_t before = errors.size();
  for (size_t i = 0; i < value.size(); ++i) {
    long long units = 0;
    if (read_int(value[i], "hidden[" + std::to_string(i) + "]", 1, kMaxUnits, units, errors)) {
      hidden.push_back(int(units));
    }
  }
  if (errors.size() == before) out = hidden;
}

void read_features(const json& value, std::vector<Feature>& out, FieldErrors& errors) {
  const std::string expected = std::string("expected an array of feature names from ") + feature_names();
  if (!value.is_array()) {
    errors.push_back({"features", expected + ", got " + value.type_name()});
    return;
  }
  if (value.size() > kFeatureCount) {  // each feature at most once: a longer list cannot be valid
    errors.push_back({"features", expected + " (each at most once), got " + std::to_string(value.size()) + " items"});
    return;
  }
  std::vector<Feature> features;
  const size_t before = errors.size();
  for (size_t i = 0; i < value.size(); ++i) {
    const std::string field = "features[" + std::to_string(i) + "]";
    const std::optional<Feature> f =
        value[i].is_string() ? feature_from_name(value[i].get<std::string>()) : std::nullopt;
    if (f) {
      features.push_back(*f);
    } else {
      errors.push_back({field, "unknown feature " + printable(value[i].dump(-1, ' ', false, json::error_handler_t::replace)) +
                                   "; expected one of " + feature_names()});
    }
  }
  if (errors.size() == before) out = features;
}

using FieldReader = std::function<void(const json&, TrainConfig&, FieldErrors&)>;

// One reader per JSON key, in the order of the table in train_config.h.
const std::vector<std::pair<const char*, FieldReader>>& field_readers() {
  static const std::vector<std::pair<const char*, FieldReader>> readers = {
      {"dataset", [](const json& v, TrainConfig& c, FieldErrors& e) { read_name(v, "dataset", dataset_names(), dataset_from_name, c.dataset, e); }},
      {"samples", [](const json& v, TrainConfig& c, FieldErrors& e) { read_int_field(v, "samples", 0, kMaxSamples, c.samples, e); }},
      {"noise", [](const json& v, TrainConfig& c, FieldErrors& e) { read_number(v, "noise", 0, false, 1, false, c.noise, e); }},
      {"trainFraction", [](const json& v, TrainConfig& c, FieldErrors& e) { read_number(v, "trainFraction", 0, true, 1, false, c.train_fraction, e); }},
      {"features", [](const json& v, TrainConfig& c, FieldErrors& e) { read_features(v, c.features, e); }},
      {"hidden", [](const json& v, TrainConfig& c, FieldErrors& e) { read_hidden(v, c.hidden, e); }},
      {"activation", [](const json& v, TrainConfig& c, FieldErrors& e) { read_name(v, "activation", activation_names(false), activation_from_name, c.activation, e); }},
      {"leakySlope", [](const json& v, TrainConfig& c, FieldErrors& e) { read_number(v, "leakySlope", 0, false, 1, true, c.leaky_slope, e); }},
      {"outputActivation", [](const json& v, TrainConfig& c, FieldErrors& e) { read_name(v, "outputActivation", activation_names(true), activation_from_name, c.output_activation, e); }},
      {"loss", [](const json& v, TrainConfig& c, FieldErrors& e) { read_name(v, "loss", loss_names(), loss_from_name, c.loss, e); }},
      {"optimizer", [](const json& v, TrainConfig& c, FieldErrors& e) { read_name(v, "optimizer", optimizer_names(), optimizer_from_name, c.optimizer, e); }},
      {"learningRate", [](const json& v, TrainConfig& c, FieldErrors& e) { read_number(v, "learningRate", 0, true, kInf, false, c.learning_rate, e); }},
      {"momentum", [](const json& v, TrainConfig& c, FieldErrors& e) { read_number(v, "momentum", 0, false, 1, true, c.momentum, e); }},
      {"beta1", [](const json& v, TrainConfig& c, FieldErrors& e) { read_number(v, "beta1", 0, false, 1, true, c.beta1, e); }},
      {"beta2", [](const json& v, TrainConfig& c, FieldErrors& e) { read_number(v, "beta2", 0, false, 1, true, c.beta2, e); }},
      {"epsilon", [](const json& v, TrainConfig& c, FieldErrors& e) { read_number(v, "epsilon", 0, true, kInf, false, c.epsilon, e); }},
      {"batchSize", [](const json& v, TrainConfig& c, FieldErrors& e) { read_int_field(v, "batchSize", 1, kMaxSamples, c.batch_size, e); }},
      {"regularization", [](const json& v, TrainConfig& c, FieldErrors& e) { read_name(v, "regularization", regularization_names(), regularization_from_name, c.regularization, e); }},
      {"regularizationRate", [](const json& v, TrainConfig& c, FieldErrors& e) { read_number(v, "regularizationRate", 0, false, kInf, false, c.regularization_rate, e); }},
      {"init", [](const json& v, TrainConfig& c, FieldErrors& e) { read_name(v, "init", init_names(), init_from_name, c.init, e); }},
      {"seed", [](const json& v, TrainConfig& c, FieldErrors& e) {
         long long seed = 0;
         if (read_int(v, "seed", 0, kMaxSeed, seed, e)) c.seed = std::uint64_t(seed);
       }},
      {"epochs", [](const json& v, TrainConfig& c, FieldErrors& e) { read_int_field(v, "epochs", 0, kMaxEpochs, c.epochs, e); }},
  };
  return readers;
}

std::string known_keys() {
  std::string keys;
  for (const auto& [key, reader] : field_readers()) keys += (keys.empty() ? "" : ", ") + std::string(key);
  return keys;
}

}  // namespace

FieldErrors apply_config_json(const json& value, TrainConfig& config) {
  if (!value.is_object()) {
    return {{"config", std::string("expected a JSON object {\"dataset\": ..., ...}, got ") + value.type_name()}};
  }
  TrainConfig updated = config;
  FieldErrors errors;
  for (auto it = value.begin(); it != value.end(); ++it) {
    const auto& readers = field_readers();
    const auto reader = std::find_if(readers.begin(), readers.end(),
                                     [&](const auto& r) { return it.key() == r.first; });
    if (reader == readers.end()) {
      errors.push_back({it.key(), "unknown field; expected one of " + known_keys()});
    } else {
      reader->second(it.value(), updated, errors);
    }
  }
  if (errors.empty()) errors = validate(updated);
  if (errors.empty()) config = updated;
  return errors;
}

FieldErrors apply_config_json(const std::string& text, TrainConfig& config) {
  Result<json> parsed = parse_json_text(text, "config");
  if (!parsed.ok()) return parsed.errors;
  return apply_config_json(*parsed.value, config);
}

void preselect_for_dataset(TrainConfig& config) {
  if (is_classification(config.dataset)) {
    if (config.loss == Loss::half_mse || config.loss == Loss::mse) {
      config.loss = Loss::bce;
      config.output_activation = Activation::sigmoid;
    }
  } else {
    config.loss = Loss::half_mse;
    config.output_activation = Activation::tanh;
  }
}

// ---------------------------------------------------------------- JSON writing

json config_to_json(const TrainConfig& c) {
  json features = json::array();
  for (Feature f : c.features) features.push_back(feature_name(f));
  json out = json::object();
  out["dataset"] = dataset_name(c.dataset);
  out["samples"] = c.samples;
  out["noise"] = c.noise;
  out["trainFraction"] = c.train_fraction;
  out["features"] = features;
  out["hidden"] = c.hidden;
  out["activation"] = activation_name(c.activation);
  out["leakySlope"] = c.leaky_slope;
  out["outputActivation"] = activation_name(c.output_activation);
  out["loss"] = loss_name(c.loss);
  out["optimizer"] = optimizer_name(c.optimizer);
  out["learningRate"] = c.learning_rate;
  out["momentum"] = c.momentum;
  out["beta1"] = c.beta1;
  out["beta2"] = c.beta2;
  out["epsilon"] = c.epsilon;
  out["batchSize"] = c.batch_size;
  out["regularization"] = regularization_name(c.regularization);
  out["regularizationRate"] = c.regularization_rate;
  out["init"] = init_name(c.init);
  out["seed"] = c.seed;
  out["epochs"] = c.epochs;
  return out;
}

}  // namespace bpl
