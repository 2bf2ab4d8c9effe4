#include "app_state.h"

#include <algorithm>

#include "api_params.h"
#include "app.h"
#include "engine/core/text.h"
#include "engine/formats/origin.h"
#include "engine/mlp/parameter_names.h"
#include "engine/training/train_config.h"

namespace bpl::web {

namespace {

const char* const kViewKeys[] = {"gradientLens", "logScale", "discretize", "showTestPoints"};

bool& view_option(NetworkDemo& demo, const std::string& key) {
  if (key == "gradientLens") return demo.gradient_lens;
  if (key == "logScale") return demo.log_scale;
  if (key == "discretize") return demo.discretize;
  return demo.show_test_points;
}

bool is_config_key(const std::string& key) {
  static const nlohmann::json keys = config_to_json(TrainConfig{});
  return keys.contains(key);
}

bool is_embed_key(const std::string& key) {
  return key == "embed" || key == "panels" || key == "hide" || key == "theme" || key == "autoplay" || key == "origin";
}

// A list of names, each one of `known`.
std::optional<std::vector<std::string>> read_names(const nlohmann::json& partial, const char* key,
                                                   const std::vector<std::string>& known, FieldErrors& errors) {
  if (!partial.contains(key)) return std::nullopt;
  const nlohmann::json& value = partial[key];
  std::vector<std::string> names;
  std::string expected;
  for (const std::string& name : known) expected += (expected.empty() ? "" : ", ") + name;
  if (!value.is_array() || value.size() > known.size()) {  // each name at most once
    errors.push_back({key, "expected a list of at most " + std::to_string(known.size()) + " names from: " + expected});
    return std::nullopt;
  }
  for (const nlohmann::json& item : value) {
    if (!item.is_string() || std::find(known.begin(), known.end(), item.get<std::string>()) == known.end()) {
      errors.push_back({key, "unknown name " + printable(item.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)) +
                                 "; expected names from: " + expected});
      return std::nullopt;
    }
    names.push_back(item.get<std::string>());
  }
  return names;
}

// The training set size after `config` applies: the current one (with any added
// points) if the data settings stay, else what the new settings generate.
int training_points_after(NetworkDemo& demo, const TrainConfig& config) {
  const DatasetSettings now = demo.trainer.config().dataset_settings(), next = config.dataset_settings();
  const bool same = now.kind == next.kind && now.samples == next.samples && now.noise == next.noise &&
                    now.train_fraction == next.train_fraction && now.seed == next.seed;
  return same ? int(demo.trainer.dataset().train.size()) : training_point_count(next);
}

bool is_view_key(const std::string& key) {
  for (const char* view : kViewKeys)
    if (key == view) return true;
  return false;
}

}  // namespace

nlohmann::json get_state(App& app) {
  NetworkDemo& demo = app.network;
  nlohmann::json state = config_to_json(demo.trainer.config());
  state["demo"] = demo_name(app.demo);
  state["selected"] = demo.selected;
  state["derivationSample"] = demo.derivation_sample;
  for (const char* key : kViewKeys) state[key] = view_option(demo, key);
  write_expression_state(app.expression, state);
  state["embed"] = app.embed.embed;
  state["panels"] = app.embed.panels;
  state["hide"] = app.embed.hide;
  state["theme"] = app.embed.theme;
  state["autoplay"] = app.embed.autoplay;
  state["origin"] = app.embed.origin;
  return state;
}

FieldErrors set_state(App& app, const nlohmann::json& partial) {
  if (!partial.is_object()) return {{"", "expected an object of state keys"}};
  NetworkDemo& demo = app.network;
  FieldErrors errors;
  nlohmann::json config_part = nlohmann::json::object();
  nlohmann::json expression_part = nlohmann::json::object();
  for (auto it = partial.begin(); it != partial.end(); ++it) {
    const std::string& key = it.key();
    if (is_config_key(key)) config_part[key] = it.value();
    else if (is_expression_key(key)) expression_part[key] = it.value();
    else if (key != "demo" && key != "selected" && key != "derivationSample" && !is_view_key(key) && !is_embed_key(key))
      errors.push_back({key, "unknown field"});
  }
  // Validate everything before changing anything.
  TrainConfig config = demo.trainer.config();
  FieldErrors config_errors = apply_config_json(config_part, config);
  errors.insert(errors.end(), config_errors.begin(), config_errors.end());
  FieldErrors expression_errors = check_expression_state(app.expression, expression_part);
  errors.insert(errors.end(), expression_errors.begin(), expression_errors.end());
  const std::optional<std::string> demo_value = read_string(partial, "demo", errors);
  if (demo_value && *demo_value != "network" && *demo_value != "expression")
    errors.push_back({"demo", "expected \"network\" or \"expression\""});
  for (const char* key : kViewKeys) read_bool(partial, key, errors);
  const std::optional<double> sample = read_number(partial, "derivationSample", errors);
  const std::optional<std::string> selected = read_string(partial, "selected", errors);
  const std::optional<bool> embed = read_bool(partial, "embed", errors);
  const std::optional<bool> autoplay = read_bool(partial, "autoplay", errors);
  const std::optional<std::string> theme = read_string(partial, "theme", errors);
  if (theme && *theme != "light" && *theme != "dark" && *theme != "auto")
    errors.push_back({"theme", "expected \"light\", \"dark\" or \"auto\""});
  std::optional<std::string> origin = read_string(partial, "origin", errors);
  if (origin) {  // the link's rules (engine/formats/origin.h), normalised; malformed: refused, nothing changes
    Result<std::string> normalised = normalise_origin(*origin);
    if (normalised.ok()) origin = *normalised.value;
    else errors.push_back(normalised.errors.front());
  }
  const auto panels = read_names(partial, "panels", embed_panel_names(), errors);
  const auto hide = read_names(partial, "hide", embed_control_names(), errors);
  // The id must name a parameter of the network the new config describes.
  if (errors.empty() && selected && !selected->empty() &&
      !parse_parameter_id(make_network<float>(config.network_shape()), *selected)) {
    errors.push_back({"selected", "no parameter \"" + printable(*selected) +
                                      "\" in this network; use w1…w6 / b1…b3 for a 2-2-1 net, or W<l>[j][i] / b<l>[j]"});
  }
  // The sample must be a training point of the data the new config describes.
  if (errors.empty() && sample) {
    const int points = training_points_after(demo, config);
    if (!(*sample >= 0 && *sample < points) || *sample != double(long(*sample))) {
      errors.push_back({"derivationSample", "expected a training point index from 0 to " + std::to_string(points - 1) +
                                                " (this data has " + std::to_string(points) + " training points)"});
    }
  }
  if (!errors.empty()) return errors;

  // The config decides the network that "selected" must name, so apply it first.
  if (!config_part.empty()) {
    bool rebuilt = false;
    FieldErrors late = demo.trainer.update(config, &rebuilt);
    if (!late.empty()) return late;  // validated above; kept for safety
    if (rebuilt) reset_network(demo);
    ++demo.weights_version;
  }
  if (selected) demo.selected = *selected;
  if (sample) { demo.derivation_sample = int(*sample); demo.traces_version = -1; }
  for (const char* key : kViewKeys)
    if (partial.contains(key)) view_option(demo, key) = partial[key].get<bool>();
  if (demo_value) app.demo = *demo_value == "network" ? Demo::network : Demo::expression;
  apply_expression_state(app.expression, expression_part);
  if (embed) app.embed.embed = *embed;
  if (autoplay) app.embed.autoplay = *autoplay;
  if (origin) app.embed.origin = *origin;
  if (panels) app.embed.panels = *panels;
  if (hide) app.embed.hide = *hide;
  if (theme) {
    app.embed.theme = *theme;
    const Theme wanted = *theme == "dark" || (*theme == "auto" && app.prefers_dark) ? Theme::dark : Theme::light;
    if (wanted != app.theme) {
      app.theme = wanted;
      apply_theme(app.theme, app.pixel_ratio);
    }
  }
  return {};
}

}  // namespace bpl::web
