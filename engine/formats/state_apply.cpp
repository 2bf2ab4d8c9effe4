// The rules between the state's fields, and the two ways to apply a state:
// all or nothing (setState) and leniently (links). The table: state_schema.cpp.
#include <algorithm>
#include <set>

#include "engine/core/json_text.h"
#include "engine/core/text.h"
#include "engine/formats/state_schema.h"
#include "engine/mlp/model_json.h"
#include "engine/mlp/parameter_names.h"

namespace bpl {

using json = nlohmann::json;

namespace {

// A network with the config's shape and no parameters: parse_parameter_id reads only the unit counts.
Network<float> shape_only(const NetworkShape& shape) {
  Network<float> net;
  net.inputs = shape.inputs;
  for (const LayerShape& layer : shape.layers) net.layers.push_back({Matrix<float>(layer.units, 0), Vector<float>(), layer.activation});
  return net;
}

std::string describe_shape(const NetworkShape& shape) {
  std::string text = std::to_string(shape.inputs);
  for (const LayerShape& layer : shape.layers) text += " → " + std::to_string(layer.units) + " " + activation_name(layer.activation);
  return text + ", " + loss_name(shape.loss);
}

std::optional<FieldError> weights_mismatch(const json& model, const TrainConfig& config) {
  const Result<Network<double>> net = model_from_json(model);
  if (!net.ok()) return FieldError{"weights", to_string(net.errors.front())};
  const NetworkShape have = net.value->shape(), want = config.network_shape();
  bool same = have.inputs == want.inputs && have.loss == want.loss && have.layers.size() == want.layers.size();
  for (std::size_t l = 0; same && l < have.layers.size(); ++l) {
    same = have.layers[l].units == want.layers[l].units && have.layers[l].activation == want.layers[l].activation;
  }
  if (same) return std::nullopt;
  return FieldError{"weights", "the weights are for a network " + describe_shape(have) +
                                   ", but features, hidden, activation, outputActivation and loss describe " +
                                   describe_shape(want) + "; expected weights of that shape"};
}

// "hidden[1]" → "hidden".
std::string top_field(const std::string& field) { return field.substr(0, field.find('[')); }

// A string the reader was given for a number (a link's text): show the text, not "got string".
std::string with_text(std::string message, const json& value) {
  const std::string suffix = ", got string";
  if (value.is_string() && message.size() >= suffix.size() &&
      message.compare(message.size() - suffix.size(), suffix.size(), suffix) == 0) {
    message.replace(message.size() - suffix.size(), suffix.size(), ", got \"" + printable(value.get<std::string>()) + "\"");
  }
  return message;
}

// The fields that yield to settle a conflict the rule on `field` reports, in order.
std::vector<std::string> yield_order(const std::string& field) {
  if (field == "outputActivation") return {"outputActivation", "loss"};
  if (field == "loss") return {"loss", "dataset"};
  if (field == "trainFraction") return {"trainFraction", "samples", "dataset"};
  return {field, "batchSize", "hidden", "samples", "features", "dataset"};  // the size caps
}

struct Lenient {
  PageState& state;
  const PageState base;  // the state before: what a field that yields falls back to
  std::vector<std::string> given;  // fields holding the link's value, in table order
  std::vector<std::pair<std::string, std::string>> reasons;  // field, why it holds its default

  bool is_given(const std::string& field) const { return std::find(given.begin(), given.end(), field) != given.end(); }

  void fall_back(const std::string& field, std::string reason) {
    const StateField* row = find_state_field(field);
    FieldErrors ignored;
    row->read(row->write(base), state, ignored);  // the base is valid: reading it back cannot fail
    if (row->scope == StateScope::link) state.weights = base.weights;
    given.erase(std::remove(given.begin(), given.end(), field), given.end());
    reasons.emplace_back(field, std::move(reason));
  }

  // A link's regression dataset wins over a classification loss: the loss and the
  // output take the pairing the page's dataset picker makes (preselect_for_dataset).
  void pair_loss_with_dataset() {
    TrainConfig& c = state.config;
    if (!is_given("dataset") || is_classification(c.dataset)) return;
    if (c.loss != Loss::bce && c.loss != Loss::softmax_ce) return;
    TrainConfig paired = c;
    preselect_for_dataset(paired);
    const std::string pairing = std::string("using \"") + loss_name(paired.loss) + "\" with the output \"" +
                                activation_name(paired.output_activation) +
                                "\", the page's pairing for a regression dataset";
    if (is_given("loss")) {
      reasons.emplace_back("loss", std::string("\"") + loss_name(c.loss) + "\" cannot train on the regression dataset \"" +
                                       dataset_name(c.dataset) + "\" (targets in [-1, 1]); " + pairing);
    }
    c.loss = paired.loss;
    if (is_given("outputActivation") && !output_activation_mismatch(c.loss, c.output_activation)) return;
    if (is_given("outputActivation")) {
      reasons.emplace_back("outputActivation", *output_activation_mismatch(c.loss, c.output_activation) + "; " + pairing);
    }
    c.output_activation = paired.output_activation;
    for (const char* field : {"loss", "outputActivation"})
      if (!is_given(field)) given.push_back(field);
  }

  // Each round makes one given field yield, so this ends; the base is valid, so it ends valid.
  void settle_config() {
    for (FieldErrors errors = validate_combination(state.config); !errors.empty();
         errors = validate_combination(state.config)) {
      const FieldError& e = errors.front();
      std::string yielding;
      for (const std::string& field : yield_order(top_field(e.field)))
        if (yielding.empty() && is_given(field)) yielding = field;
      for (const StateField& row : state_fields())
        if (yielding.empty() && row.scope == StateScope::config && is_given(row.name)) yielding = row.name;
      if (yielding.empty()) {  // unreachable: with no given config field the config is the base's
        state.config = base.config;
        return;
      }
      fall_back(yielding, top_field(e.field) == yielding ? e.message : "conflicts with " + e.field + ": " + e.message);
    }
  }

  // A link's points whose label does not fit its dataset are left out; the others stay.
  void keep_fitting_points() {
    std::vector<Point>& points = state.points;
    const std::size_t before = points.size();
    std::string expected;
    points.erase(std::remove_if(points.begin(), points.end(),
                                [&](const Point& p) {
                                  const std::optional<const char*> why = label_error(state.config.dataset, p.label);
                                  if (why) expected = *why;
                                  return why.has_value();
                                }),
                 points.end());
    if (points.size() == before) return;
    reasons.emplace_back("points", std::to_string(before - points.size()) + " of " + std::to_string(before) +
                                       " points have a label that does not fit the dataset \"" +
                                       dataset_name(state.config.dataset) + "\" (" + expected + "); using the other " +
                                       std::to_string(points.size()));
  }

  void settle_others(const StateContext& context) {
    for (const FieldError& e : check_combination(state, context))
      if (is_given(top_field(e.field))) fall_back(top_field(e.field), e.message);
  }
};

}  // namespace

FieldErrors check_combination(const PageState& s, const StateContext& context) {
  FieldErrors errors = validate_combination(s.config);
  if (!errors.empty()) return errors;
  constexpr std::size_t kMaxSelectedLength = 64;  // "W15[1023][1023]" is 15
  if (!s.view.selected.empty() && (s.view.selected.size() > kMaxSelectedLength ||
                                   !parse_parameter_id(shape_only(s.config.network_shape()), s.view.selected))) {
    errors.push_back({"selected", "no parameter \"" + printable(s.view.selected) +
                                      "\" in this network; expected \"\" (none), w1…w6 / b1…b3 for a 2-2-1 network, "
                                      "or W<l>[j][i] / b<l>[j]"});
  }
  for (std::size_t i = 0; i < s.points.size(); ++i) {
    if (const std::optional<const char*> why = label_error(s.config.dataset, s.points[i].label)) {
      errors.push_back({"points[" + std::to_string(i) + "].label",
                        std::string(*why) + " on the dataset \"" + dataset_name(s.config.dataset) + "\""});
    }
  }
  const int points = context.training_points(s.config) + int(s.points.size());
  if (s.view.derivation_sample >= points) {
    errors.push_back({"derivationSample", "expected a training point index from 0 to " + std::to_string(points - 1) +
                                              " (this data has " + std::to_string(points) + " training points)"});
  }
  if (!s.weights.is_null())
    if (std::optional<FieldError> mismatch = weights_mismatch(s.weights, s.config)) errors.push_back(*mismatch);
  return errors;
}

json state_to_json(const PageState& state) {
  json out = json::object();
  for (const StateField& row : state_fields()) {
    if (row.scope == StateScope::link && state.weights.is_null()) continue;
    const std::string name = row.name;
    const std::size_t dot = name.find('.');
    if (dot == std::string::npos) out[name] = row.write(state);
    else out[name.substr(0, dot)][name.substr(dot + 1)] = row.write(state);
  }
  return out;
}

std::vector<std::pair<std::string, json>> flatten_state(const json& partial, FieldErrors& errors) {
  std::vector<std::pair<std::string, json>> flat;
  if (!partial.is_object()) {
    errors.push_back({"", "expected an object of state keys"});
    return flat;
  }
  for (auto it = partial.begin(); it != partial.end(); ++it) {
    if (it.key() != "descent") {
      flat.emplace_back(it.key(), it.value());
    } else if (!it.value().is_object()) {
      errors.push_back({"descent", "expected an object {optimizer, learningRate, steps, momentum, start}"});
    } else {
      for (auto inner = it.value().begin(); inner != it.value().end(); ++inner) flat.emplace_back("descent." + inner.key(), inner.value());
    }
  }
  return flat;
}

FieldErrors apply_state_json(const json& partial, PageState& state, const StateContext& context) {
  FieldErrors errors;
  const auto flat = flatten_state(partial, errors);
  PageState next = state;
  bool points_given = false;
  for (const auto& [name, value] : flat) {
    const StateField* row = find_state_field(name);
    if (!row || row->scope == StateScope::link) errors.push_back({name, "unknown field"});
    else row->read(value, next, errors);
    points_given = points_given || name == "points";
  }
  // Added points belong to the data they were added to (Trainer::configure drops them with it).
  if (!points_given && !same_data(next.config.dataset_settings(), state.config.dataset_settings())) next.points.clear();
  if (errors.empty()) errors = check_combination(next, context);
  if (errors.empty()) state = std::move(next);
  return errors;
}

LenientResult apply_state_leniently(const std::vector<std::pair<std::string, json>>& given, PageState& state,
                                    const StateContext& context) {
  Lenient l{state, state, {}, {}};
  // One pass over the table: each given field through its reader.
  for (const StateField& row : state_fields()) {
    const auto it = std::find_if(given.begin(), given.end(), [&](const auto& g) { return g.first == row.name; });
    if (it == given.end()) continue;
    FieldErrors errors;
    PageState trial = state;
    row.read(it->second, trial, errors);
    if (errors.empty()) {
      state = std::move(trial);
      l.given.push_back(row.name);
    } else if (std::string(row.name) == "origin") {  // fails closed: no parent rather than any
      state.embed.origin = "none";
      l.given.push_back(row.name);
      l.reasons.emplace_back("origin", errors.front().message +
                                           "; so postMessage is answered by no parent (origin=none) until the link gives a valid one");
    } else {
      const FieldError& e = errors.front();
      l.reasons.emplace_back(row.name, with_text(e.field == row.name ? e.message : e.field + ": " + e.message, it->second));
    }
  }
  l.pair_loss_with_dataset();
  l.settle_config();
  if (l.is_given("points")) l.keep_fitting_points();
  l.settle_others(context);

  LenientResult result;
  for (const StateField& row : state_fields())
    if (l.is_given(row.name)) result.kept.push_back(row.name);
  for (const auto& [field, reason] : l.reasons) {
    const bool stated = reason.find("; using ") != std::string::npos || reason.find("; so postMessage") != std::string::npos;
    const StateField* row = find_state_field(field);
    const json now = row->write(state);
    result.warnings.push_back({field, stated ? reason
                                             : reason + "; using the default" +
                                                   (now.is_null() ? "" : " " + printable(dump_safely(now), 60))});
  }
  return result;
}

PageState state_from_json(const json& value) {
  PageState state;
  FieldErrors errors;
  std::vector<std::pair<std::string, json>> flat = flatten_state(value, errors);
  apply_state_leniently(flat, state);
  return state;
}

}  // namespace bpl
