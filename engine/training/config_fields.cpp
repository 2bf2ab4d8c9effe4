// The config rows of the state schema (config_fields.h): readers, then the table.
#include "engine/training/config_fields.h"

#include <algorithm>
#include <limits>

#include "engine/core/json_text.h"
#include "engine/core/text.h"

namespace bpl {

using json = nlohmann::json;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr long long kMaxSeed = 9007199254740992LL;  // 2^53: exact in a JavaScript number
constexpr int kMaxHiddenLayers = kMaxLayers - 1;

// A JSON string naming one value of an enum.
template <typename Enum, typename FromName>
void read_name(const json& value, const char* field, const char* expected, FromName from_name, Enum& out,
               FieldErrors& errors) {
  if (!value.is_string()) {
    errors.push_back({field, std::string("expected one of ") + expected + ", got " + value.type_name()});
    return;
  }
  const std::string& name = value.get_ref<const std::string&>();
  if (auto parsed = from_name(name)) out = *parsed;
  else errors.push_back({field, "unknown name \"" + printable(name) + "\"; expected one of " + expected});
}

void read_int_field(const json& value, const char* field, long long lo, long long hi, int& out, FieldErrors& errors) {
  long long v = 0;
  if (read_int(value, field, lo, hi, v, errors)) out = int(v);
}

void read_samples(const json& value, TrainConfig& c, FieldErrors& errors) {
  const std::string expected = "expected 0 (the dataset's default) or an integer from 4 to " + std::to_string(kMaxSamples);
  long long v = 0;
  FieldErrors inner;
  if (!read_int(value, "samples", 0, kMaxSamples, v, inner) || (v > 0 && v < 4)) {
    errors.push_back({"samples", expected + ", got " + printable(dump_safely(value), 40)});
    return;
  }
  c.samples = int(v);
}

void read_activation(const json& value, TrainConfig& c, FieldErrors& errors) {
  Activation a = c.activation;
  read_name(value, "activation", activation_names(false), activation_from_name, a, errors);
  if (a == Activation::softmax) {
    errors.push_back({"activation", std::string("\"softmax\" is only for the output; expected ") + activation_names(false)});
    return;
  }
  c.activation = a;
}

void read_hidden(const json& value, TrainConfig& c, FieldErrors& errors) {
  const std::string expected = "expected an array of at most " + std::to_string(kMaxHiddenLayers) +
                               " unit counts, each from 1 to " + std::to_string(kMaxUnits) + " (" +
                               std::to_string(kMaxLayers) + " layers with the output)";
  if (!value.is_array()) {
    errors.push_back({"hidden", expected + ", got " + value.type_name()});
    return;
  }
  if (value.size() > std::size_t(kMaxHiddenLayers)) {
    errors.push_back({"hidden", expected + ", got " + std::to_string(value.size()) + " layers"});
    return;
  }
  std::vector<int> hidden;
  const std::size_t before = errors.size();
  for (std::size_t i = 0; i < value.size(); ++i) {
    long long units = 0;
    if (read_int(value[i], "hidden[" + std::to_string(i) + "]", 1, kMaxUnits, units, errors)) hidden.push_back(int(units));
  }
  if (errors.size() == before) c.hidden = hidden;
}

void read_features(const json& value, TrainConfig& c, FieldErrors& errors) {
  const std::string expected = std::string("expected an array of feature names from ") + feature_names();
  if (!value.is_array()) {
    errors.push_back({"features", expected + ", got " + value.type_name()});
    return;
  }
  if (value.size() > kFeatureCount) {  // each feature at most once: a longer list cannot be valid
    errors.push_back({"features", expected + " (each at most once), got " + std::to_string(value.size()) + " items"});
    return;
  }
  if (value.empty()) {
    errors.push_back({"features", std::string("expected at least one of ") + feature_names()});
    return;
  }
  std::vector<Feature> features;
  const std::size_t before = errors.size();
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string field = "features[" + std::to_string(i) + "]";
    const std::optional<Feature> f = value[i].is_string() ? feature_from_name(value[i].get<std::string>()) : std::nullopt;
    if (!f) {
      errors.push_back({field, "unknown feature " + printable(dump_safely(value[i])) + "; expected one of " + feature_names()});
    } else if (std::find(features.begin(), features.end(), *f) != features.end()) {
      errors.push_back({"features", std::string("\"") + feature_name(*f) + "\" is listed twice; expected each feature once"});
    } else {
      features.push_back(*f);
    }
  }
  if (errors.size() == before) c.features = features;
}

void read_seed(const json& value, TrainConfig& c, FieldErrors& errors) {
  long long seed = 0;
  if (read_int(value, "seed", 0, kMaxSeed, seed, errors)) c.seed = std::uint64_t(seed);
}

json feature_list(const TrainConfig& c) {
  json out = json::array();
  for (Feature f : c.features) out.push_back(feature_name(f));
  return out;
}

// A number field: its range in read_number's terms, its member.
#define BPL_NUMBER(key, url, lo, lo_open, hi, hi_open, member)                                                   \
  {key, url, FieldSyntax::number,                                                                                \
   [](const json& v, TrainConfig& c, FieldErrors& e) { read_number(v, key, lo, lo_open, hi, hi_open, c.member, e); }, \
   [](const TrainConfig& c) { return json(c.member); }}
#define BPL_NAME(key, url, names, from_name, to_name, member)                                                   \
  {key, url, FieldSyntax::name,                                                                                  \
   [](const json& v, TrainConfig& c, FieldErrors& e) { read_name(v, key, names, from_name, c.member, e); },      \
   [](const TrainConfig& c) { return json(to_name(c.member)); }}

}  // namespace

const std::vector<ConfigField>& config_fields() {
  static const std::vector<ConfigField> fields = {
      BPL_NAME("dataset", "dataset", dataset_names(), dataset_from_name, dataset_name, dataset),
      {"samples", "samples", FieldSyntax::number, read_samples, [](const TrainConfig& c) { return json(c.samples); }},
      BPL_NUMBER("noise", "noise", 0, false, 1, false, noise),
      BPL_NUMBER("trainFraction", "train", 0, true, 1, false, train_fraction),
      {"features", "features", FieldSyntax::name_list, read_features, feature_list},
      {"hidden", "hidden", FieldSyntax::number_list, read_hidden, [](const TrainConfig& c) { return json(c.hidden); }},
      {"activation", "activation", FieldSyntax::name, read_activation,
       [](const TrainConfig& c) { return json(activation_name(c.activation)); }},
      BPL_NUMBER("leakySlope", "slope", 0, false, 1, true, leaky_slope),
      BPL_NAME("outputActivation", "output", activation_names(true), activation_from_name, activation_name, output_activation),
      BPL_NAME("loss", "loss", loss_names(), loss_from_name, loss_name, loss),
      BPL_NAME("optimizer", "optimizer", optimizer_names(), optimizer_from_name, optimizer_name, optimizer),
      BPL_NUMBER("learningRate", "lr", 0, true, kInf, false, learning_rate),
      BPL_NUMBER("momentum", "momentum", 0, false, 1, true, momentum),
      BPL_NUMBER("beta1", "beta1", 0, false, 1, true, beta1),
      BPL_NUMBER("beta2", "beta2", 0, false, 1, true, beta2),
      BPL_NUMBER("epsilon", "eps", 0, true, kInf, false, epsilon),
      {"batchSize", "batch", FieldSyntax::number,
       [](const json& v, TrainConfig& c, FieldErrors& e) { read_int_field(v, "batchSize", 1, kMaxSamples, c.batch_size, e); },
       [](const TrainConfig& c) { return json(c.batch_size); }},
      BPL_NAME("regularization", "reg", regularization_names(), regularization_from_name, regularization_name, regularization),
      BPL_NUMBER("regularizationRate", "regRate", 0, false, kInf, false, regularization_rate),
      BPL_NAME("init", "init", init_names(), init_from_name, init_name, init),
      {"seed", "seed", FieldSyntax::number, read_seed, [](const TrainConfig& c) { return json(c.seed); }},
      {"epochs", "epochs", FieldSyntax::number,
       [](const json& v, TrainConfig& c, FieldErrors& e) { read_int_field(v, "epochs", 0, kMaxEpochs, c.epochs, e); },
       [](const TrainConfig& c) { return json(c.epochs); }},
  };
  return fields;
}

#undef BPL_NUMBER
#undef BPL_NAME

const ConfigField* find_config_field(const std::string& name) {
  for (const ConfigField& field : config_fields())
    if (name == field.name) return &field;
  return nullptr;
}

FieldErrors field_errors(const TrainConfig& config) {
  FieldErrors errors;
  TrainConfig scratch;
  for (const ConfigField& field : config_fields()) field.read(field.write(config), scratch, errors);
  return errors;
}

// ---------------------------------------------------------------- JSON reading and writing

namespace {
std::string known_keys() {
  std::string keys;
  for (const ConfigField& field : config_fields()) keys += (keys.empty() ? "" : ", ") + std::string(field.name);
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
    if (const ConfigField* field = find_config_field(it.key())) field->read(it.value(), updated, errors);
    else errors.push_back({it.key(), "unknown field; expected one of " + known_keys()});
  }
  if (errors.empty()) errors = validate_combination(updated);
  if (errors.empty()) config = updated;
  return errors;
}

FieldErrors apply_config_json(const std::string& text, TrainConfig& config) {
  Result<json> parsed = parse_json_text(text, "config");
  if (!parsed.ok()) return parsed.errors;
  return apply_config_json(*parsed.value, config);
}

json config_to_json(const TrainConfig& config) {
  json out = json::object();
  for (const ConfigField& field : config_fields()) out[field.name] = field.write(config);
  return out;
}

}  // namespace bpl
