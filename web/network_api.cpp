// window.backprop methods of the network demo (README "JS API"):
//   getState() setState(partial) play() pause() reset() step({unit, count})
//   metrics() parameters() select(id) derivation(id) networkView()
#include <algorithm>

#include "api_params.h"
#include "app.h"
#include "app_state.h"
#include "engine/mlp/parameter_names.h"
#include "engine/derivation/weight_derivation.h"
#include "js_api.h"

namespace bpl::web {

namespace {

using nlohmann::json;

constexpr int kMaxStepCount = 1000000;

json step(App& app, const json& params, std::string& error) {
  FieldErrors errors;
  const std::string unit = read_string(params, "unit", errors).value_or("epoch");
  const double count = read_number(params, "count", errors).value_or(1.0);
  if (unit != "sample" && unit != "batch" && unit != "epoch") errors.push_back({"unit", "expected \"sample\", \"batch\" or \"epoch\""});
  if (!(count >= 1 && count <= kMaxStepCount) || count != double(long(count)))
    errors.push_back({"count", "expected a whole number from 1 to 1000000"});
  if (!errors.empty()) { error = to_string(errors.front()); return nullptr; }
  const StepUnit step_unit = unit == "sample" ? StepUnit::sample : unit == "batch" ? StepUnit::batch : StepUnit::epoch;
  step_network(app.network, step_unit, int(count));
  return {{"status", train_status_name(app.network.trainer.status())}, {"epoch", app.network.trainer.metrics().epoch}};
}

json metrics(App& app) {
  NetworkDemo& demo = app.network;
  const Metrics& m = demo.trainer.metrics();
  const bool ok = m.status == TrainStatus::ok;
  auto shown = [&](double v, bool meaningful) { return ok && meaningful ? finite_or_null(v) : json(nullptr); };
  return {{"epoch", m.epoch}, {"samplesSeen", m.samples_seen}, {"updates", m.updates},
          {"status", train_status_name(m.status)}, {"message", m.message}, {"playing", demo.playing},
          {"trainLoss", shown(m.train_loss, true)}, {"testLoss", shown(m.test_loss, m.has_test)},
          {"trainAccuracy", shown(m.train_accuracy, m.has_accuracy)},
          {"testAccuracy", shown(m.test_accuracy, m.has_accuracy && m.has_test)},
          {"stepsPerSecond", demo.steps_per_second},
          // The value editor (click a parameter while paused): its keyboard focus lands one frame after it opens.
          {"editor", demo.editor_frames > 0 ? json{{"parameter", demo.editing}, {"frames", demo.editor_frames}} : json(nullptr)},
          {"frameMs", {{"p50", app.frame_stats.percentile(0.5)}, {"p95", app.frame_stats.percentile(0.95)}}}};
}

json parameters(App& app) {
  NetworkDemo& demo = app.network;
  const StepTrace<double>& trace = batch_trace(demo);
  const Network<float>& net = demo.trainer.network();
  json out = json::array();
  for (const ParameterInfo& p : demo.trainer.parameters()) {
    const LayerTrace<double>& layer = trace.layers[p.ref.layer - 1];
    const double grad = p.ref.is_bias() ? layer.bias_gradient(p.ref.row) : layer.weight_gradient(p.ref.row, p.ref.col);
    out.push_back({{"id", p.id}, {"kind", p.ref.is_bias() ? "bias" : "weight"}, {"layer", p.ref.layer},
                   {"from", p.ref.is_bias() ? json(nullptr) : json(p.ref.col)}, {"to", p.ref.row},
                   {"index", indexed_parameter_id(p.ref)},
                   {"value", finite_or_null(parameter_value(net, p.ref))}, {"grad", finite_or_null(grad)}});
  }
  return out;
}

std::string id_param(const json& params, std::string& error) {
  if (params.is_string()) return params.get<std::string>();
  FieldErrors errors;
  std::optional<std::string> id = read_string(params, "id", errors);
  if (!id) error = "expected a parameter id, e.g. select('w1') or select({id: 'w1'})";
  return id.value_or("");
}

}  // namespace

void register_network_api() {
  register_api_method("getState", [](App& app, const json&, std::string&) { return get_state(app); });
  register_api_method("setState", [](App& app, const json& params, std::string&) {
    FieldErrors errors = set_state(app, params);
    return json{{"ok", errors.empty()}, {"errors", errors_json(errors)}};
  });
  register_api_method("play", [](App& app, const json&, std::string& error) {
    if (app.network.trainer.status() != TrainStatus::ok) error = "training diverged; reset() first";
    else app.network.playing = true;
    return json(app.network.playing);
  });
  register_api_method("pause", [](App& app, const json&, std::string&) {
    app.network.playing = false;
    return json(false);
  });
  register_api_method("reset", [](App& app, const json&, std::string&) {
    reset_network(app.network);
    return json(true);
  });
  register_api_method("step", step);
  register_api_method("metrics", [](App& app, const json&, std::string&) { return metrics(app); });
  register_api_method("parameters", [](App& app, const json&, std::string&) { return parameters(app); });
  register_api_method("select", [](App& app, const json& params, std::string& error) {
    const std::string id = id_param(params, error);
    if (!error.empty()) return json(nullptr);
    if (!id.empty() && !parse_parameter_id(app.network.trainer.network(), id)) {
      error = "no parameter \"" + id + "\" in this network";
      return json(nullptr);
    }
    app.network.selected = id;
    return json(id);
  });
  // Where each drawn parameter is on the page, in CSS pixels: [{id, x, y}] (the last frame drawn).
  register_api_method("networkView", [](App& app, const json&, std::string&) {
    json out = json::array();
    for (const NetworkDemo::ViewTarget& t : app.network.view_targets)
      out.push_back({{"id", t.id}, {"x", t.x / app.pixel_ratio}, {"y", t.y / app.pixel_ratio}});
    return out;
  });
  register_api_method("derivation", [](App& app, const json& params, std::string& error) {
    std::string id = params.is_null() ? app.network.selected : id_param(params, error);
    if (!error.empty()) return json(nullptr);
    Result<WeightDerivation> derivation = derive_weight(app.network.trainer, id, app.network.derivation_sample);
    if (!derivation.ok()) {
      error = to_string(derivation.errors.front());
      return json(nullptr);
    }
    return to_json(*derivation.value);
  });
}

}  // namespace bpl::web
