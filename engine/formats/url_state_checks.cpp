#include "engine/formats/url_state_checks.h"

#include <cctype>
#include <limits>

#include "engine/expr/descent.h"
#include "engine/expr/parser.h"
#include "engine/core/json_text.h"
#include "engine/mlp/model_json.h"
#include "engine/mlp/parameter_names.h"
#include "engine/formats/url_state.h"
#include "engine/formats/url_state_text.h"

namespace bpl::url {

namespace {

using json = nlohmann::json;

constexpr double kInf = std::numeric_limits<double>::infinity();

std::optional<std::string> one_of(const json& value, std::initializer_list<const char*> names) {
  std::string list;
  for (const char* name : names) {
    if (value.is_string() && value.get_ref<const std::string&>() == name) return std::nullopt;
    list += (list.empty() ? "\"" : ", \"") + std::string(name) + "\"";
  }
  return "expected one of " + list + ", got " + printable(value.dump(-1, ' ', false, json::error_handler_t::replace));
}

// The reader's message (read_int, read_number in engine/core/json_text.h), or nullopt.
template <typename Check>
std::optional<std::string> first_error(Check check) {
  FieldErrors errors;
  check(errors);
  if (errors.empty()) return std::nullopt;
  return errors.front().message;
}

// A network with the config's shape and no parameters: parse_parameter_id reads only the unit counts.
Network<float> shape_only(const NetworkShape& shape) {
  Network<float> net;
  net.inputs = shape.inputs;
  for (const LayerShape& layer : shape.layers) net.layers.push_back({Matrix<float>(layer.units, 0), Vector<float>(), layer.activation});
  return net;
}

std::optional<std::string> check_selected(const std::string& id, const TrainConfig& config) {
  if (id.empty()) return std::nullopt;
  if (id.size() <= kMaxUrlSelectedLength && parse_parameter_id(shape_only(config.network_shape()), id)) return std::nullopt;
  return "no parameter \"" + printable(id) +
         "\" in this network; expected \"\" (none), w1…w6 / b1…b3 for a 2-2-1 network, or W<l>[j][i] / b<l>[j]";
}

std::optional<std::string> check_names(const json& list) {
  if (!list.is_array() || list.size() > std::size_t(kMaxUrlListItems)) {
    return "expected at most " + std::to_string(kMaxUrlListItems) + " names";
  }
  for (const json& item : list) {
    const std::string& name = item.get_ref<const std::string&>();
    bool ok = !name.empty() && name.size() <= kMaxUrlNameLength && std::isalpha(static_cast<unsigned char>(name[0]));
    for (char c : name) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
    if (!ok) {
      return "\"" + printable(name) + "\" is not a name; expected letters, digits and _ (at most " +
             std::to_string(kMaxUrlNameLength) + "), starting with a letter";
    }
  }
  return std::nullopt;
}

std::string describe_shape(const NetworkShape& shape) {
  std::string text = std::to_string(shape.inputs);
  for (const LayerShape& layer : shape.layers) text += " → " + std::to_string(layer.units) + " " + activation_name(layer.activation);
  return text + ", " + loss_name(shape.loss);
}

std::optional<std::string> check_weights(const json& model, const TrainConfig& config) {
  const Result<Network<double>> net = model_from_json(model);
  if (!net.ok()) return to_string(net.errors.front());
  if (const std::optional<FieldError> overflow = float_overflow(*net.value)) return to_string(*overflow);
  const NetworkShape have = net.value->shape(), want = config.network_shape();
  bool same = have.inputs == want.inputs && have.loss == want.loss && have.layers.size() == want.layers.size();
  for (std::size_t l = 0; same && l < have.layers.size(); ++l) {
    same = have.layers[l].units == want.layers[l].units && have.layers[l].activation == want.layers[l].activation;
  }
  if (same) return std::nullopt;
  return "the weights are for a network " + describe_shape(have) + ", but features, hidden, activation, "
         "outputActivation and loss describe " + describe_shape(want) + "; expected weights of that shape";
}

}  // namespace

std::optional<std::string> check_state_field(const std::string& field, const json& value, const TrainConfig& config) {
  if (field == "demo") return one_of(value, {"network", "expression"});
  if (field == "theme") return one_of(value, {"light", "dark", "auto"});
  if (field == "descent.optimizer") return one_of(value, {"gd", "momentum", "adam"});
  if (field == "selected") return check_selected(value.get_ref<const std::string&>(), config);
  if (field == "panels" || field == "hide") return check_names(value);
  if (field == "weights") return check_weights(value, config);
  if (field == "expression") {
    const std::string& text = value.get_ref<const std::string&>();
    if (text.size() > expr::kMaxExpressionLength) {
      return "expected at most " + std::to_string(expr::kMaxExpressionLength) + " characters, got " + std::to_string(text.size());
    }
    const expr::ParseResult parsed = expr::parse(text);
    if (!parsed.ok) return "expected f(x, y) that parses: " + expr::describe(parsed.error);
    return std::nullopt;
  }
  if (field == "derivationSample") {
    return first_error([&](FieldErrors& e) { long long v; read_int(value, field, 0, kMaxSamples - 1, v, e); });
  }
  if (field == "descent.learningRate") {
    return first_error([&](FieldErrors& e) { double v; read_number(value, field, 0, true, kInf, false, v, e); });
  }
  if (field == "descent.steps") {
    return first_error([&](FieldErrors& e) { long long v; read_int(value, field, 0, expr::kMaxDescentSteps, v, e); });
  }
  if (field == "descent.momentum") {
    return first_error([&](FieldErrors& e) { double v; read_number(value, field, 0, false, 1, true, v, e); });
  }
  return std::nullopt;  // booleans and points: their syntax is their whole check
}

}  // namespace bpl::url
