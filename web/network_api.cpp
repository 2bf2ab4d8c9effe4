// window.backprop methods of the network demo (README "JS API"):
//   getState() setState(partial) play() pause() reset() step({unit, count})
//   metrics() parameters([{offset, limit}]) select(id) derivation(id) networkView()
#include <algorithm>

#include "api_params.h"
#include "app.h"
#include "math_view.h"
#include "app_state.h"
#include "engine/core/count_text.h"
#include "engine/core/text.h"
#include "engine/mlp/parameter_names.h"
#include "engine/derivation/weight_derivation.h"
#include "js_api.h"
#include "keyboard.h"
#include "platform.h"

namespace bpl::web {

namespace {

using nlohmann::json;

constexpr int kMaxStepCount = 1000000;
constexpr int kMaxParametersPerCall = 10000;  // parameters(): one page; JSON of ~1.5 MB

json step_result(const NetworkDemo& demo) {
  return {{"status", train_status_name(demo.trainer.status())}, {"epoch", demo.trainer.epoch()}};
}

json stepping_json(const NetworkDemo& demo) {
  if (!demo.step_job) return nullptr;
  const StepJob& job = *demo.step_job;
  return {{"unit", step_unit_name(job.unit())}, {"count", job.count()}, {"completed", job.completed(demo.trainer)},
          {"fraction", job.fraction(demo.trainer)}};
}

// Done at once when it fits kSyncStepMs; otherwise it goes on across frames and
// the bridge's step() returns a Promise that resolve_step settles.
json step(App& app, const json& params, std::string& error) {
  FieldErrors errors;
  const std::string unit = read_string(params, "unit", errors).value_or("epoch");
  const double count = read_number(params, "count", errors).value_or(1.0);
  if (unit != "sample" && unit != "batch" && unit != "epoch") errors.push_back({"unit", "expected \"sample\", \"batch\" or \"epoch\""});
  if (!(count >= 1 && count <= kMaxStepCount) || count != double(long(count)))
    errors.push_back({"count", "expected a whole number from 1 to 1000000"});
  if (!errors.empty()) { error = to_string(errors.front()); return nullptr; }
  NetworkDemo& demo = app.network;
  if (stepping(demo)) {
    const StepJob& job = *demo.step_job;
    error = "a step of " + count_text(job.count()) + " " + step_unit_name(job.unit()) + (job.count() == 1 ? "" : "s") +
            " is still running (" + std::to_string(int(job.fraction(demo.trainer) * 100.0)) +
            "%); wait for the Promise step() returned, or call pause() to stop it";
    return nullptr;
  }
  const StepUnit step_unit = unit == "sample" ? StepUnit::sample : unit == "batch" ? StepUnit::batch : StepUnit::epoch;
  if (start_step(demo, step_unit, (long long)count, kSyncStepMs)) return step_result(demo);
  static int last_id = 0;
  const int id = ++last_id;
  demo.step_ended = [&demo, id](bool stopped) {
    json result = step_result(demo);
    if (stopped) result["stopped"] = true;
    resolve_step(id, result.dump());
  };
  json pending = stepping_json(demo);
  pending["pending"] = true;
  pending["id"] = id;
  return pending;
}

json curve_hover_json(const NetworkDemo& demo) {
  if (!demo.curve_hover) return nullptr;
  const CurveReadout& r = *demo.curve_hover;
  auto maybe = [](double v, bool meaningful) { return meaningful ? finite_or_null(v) : json(nullptr); };
  return {{"epoch", r.raw.epoch},
          {"trainLoss", finite_or_null(r.raw.train_loss)},
          {"testLoss", maybe(r.raw.test_loss, r.has_test)},
          {"smoothedTrainLoss", finite_or_null(r.smoothed_train_loss)},
          {"smoothedTestLoss", maybe(r.smoothed_test_loss, r.has_test)},
          {"trainAccuracy", maybe(r.raw.train_accuracy, r.has_accuracy)},
          {"testAccuracy", maybe(r.raw.test_accuracy, r.has_accuracy && r.has_test)}};
}

json metrics(App& app) {
  NetworkDemo& demo = app.network;
  const TrainStatus before = demo.trainer.status();
  demo.trainer.check_divergence();  // what the metrics find stops training
  if (demo.trainer.status() != before) wake(app);
  const Metrics& m = demo.trainer.metrics();
  const bool ok = m.status == TrainStatus::ok;
  auto shown = [&](double v, bool meaningful) { return ok && meaningful ? finite_or_null(v) : json(nullptr); };
  return {{"epoch", m.epoch}, {"samplesSeen", m.samples_seen}, {"updates", m.updates},
          {"status", train_status_name(m.status)}, {"message", m.message}, {"playing", demo.playing},
          {"stepping", stepping_json(demo)}, {"parameterCount", demo.trainer.network().parameter_count()},
          {"trainLoss", shown(m.train_loss, true)}, {"testLoss", shown(m.test_loss, m.has_test)},
          {"trainAccuracy", shown(m.train_accuracy, m.has_accuracy)},
          {"testAccuracy", shown(m.test_accuracy, m.has_accuracy && m.has_test)},
          {"stepsPerSecond", demo.samples_per_second},
          {"epochsPerFrame", play_epochs_per_frame(demo)}, {"speedAuto", demo.epochs_per_frame == 0},
          {"curveHover", curve_hover_json(demo)},
          {"curvesPlot", {{"x", demo.curves_rect[0] / app.pixel_ratio}, {"y", demo.curves_rect[1] / app.pixel_ratio},
                          {"width", demo.curves_rect[2] / app.pixel_ratio}, {"height", demo.curves_rect[3] / app.pixel_ratio}}},
          // The value editor (double-click a parameter, or Edit value): its keyboard focus lands one frame after it opens.
          {"editor", demo.editor_frames > 0 ? json{{"parameter", demo.editing}, {"frames", demo.editor_frames}} : json(nullptr)},
          {"framesDrawn", app.frame_count},
          // Typesetting is cached per formula: ms and layouts since load (web/math_view.h).
          {"typeset", {{"ms", typeset_stats().ms}, {"layouts", typeset_stats().layouts}}},
          {"frameMs", {{"p50", app.frame_stats.percentile(0.5)}, {"p95", app.frame_stats.percentile(0.95)}}},
          {"workMs", {{"p50", app.work_stats.percentile(0.5)}, {"p95", app.work_stats.percentile(0.95)},
                      {"max", app.work_stats.percentile(1.0)}}}};
}

// What the bridge's event poll (4 a second) needs, without a pass over the data:
// the last recorded epoch's losses (the curve's last point), status, selection, height.
json event_state(App& app) {
  const NetworkDemo& demo = app.network;
  const Trainer& trainer = demo.trainer;
  const bool ok = trainer.status() == TrainStatus::ok;
  json last = nullptr;
  if (ok && !demo.curve.empty()) {
    const CurvePoint& p = demo.curve.back();
    const bool test = !trainer.dataset().test.empty(), accuracy = is_classification(trainer.config().dataset);
    last = {{"epoch", p.epoch}, {"trainLoss", finite_or_null(p.train_loss)},
            {"testLoss", test ? finite_or_null(p.test_loss) : json(nullptr)},
            {"trainAccuracy", accuracy ? finite_or_null(p.train_accuracy) : json(nullptr)},
            {"testAccuracy", accuracy && test ? finite_or_null(p.test_accuracy) : json(nullptr)}};
  }
  return {{"lastEpoch", last}, {"epoch", trainer.epoch()}, {"status", train_status_name(trainer.status())},
          {"message", ok ? std::string() : trainer.metrics().message}, {"selected", demo.selected},
          {"contentHeight", app.content_height}};
}

// parameters() or parameters({offset, limit}): at most kMaxParametersPerCall at a time.
json parameters(App& app, const json& params, std::string& error) {
  NetworkDemo& demo = app.network;
  const int total = demo.trainer.network().parameter_count();
  FieldErrors errors;
  if (!params.is_null() && !params.is_object()) errors.push_back({"params", "expected nothing or {offset, limit}"});
  const std::optional<double> offset = read_number(params, "offset", errors);
  const std::optional<double> limit = read_number(params, "limit", errors);
  auto whole_in = [](double v, double lo, double hi) { return v >= lo && v <= hi && v == double(long(v)); };
  if (offset && !whole_in(*offset, 0, total))
    errors.push_back({"offset", "expected a whole number from 0 to " + count_text(total) + " (the parameter count)"});
  if (limit && !whole_in(*limit, 1, kMaxParametersPerCall))
    errors.push_back({"limit", "expected a whole number from 1 to " + count_text(kMaxParametersPerCall)});
  if (errors.empty() && !offset && !limit && total > kMaxParametersPerCall) {
    errors.push_back({"limit", "this network has " + count_text(total) + " parameters and parameters() lists at most " +
                                   count_text(kMaxParametersPerCall) + " at a time: call parameters({offset: 0, limit: " +
                                   std::to_string(kMaxParametersPerCall) + "}), then offset " +
                                   std::to_string(kMaxParametersPerCall) + ", and so on (metrics().parameterCount is the total)"});
  }
  if (!errors.empty()) { error = to_string(errors.front()); return nullptr; }
  const StepTrace<double>& trace = batch_trace(demo);
  json out = json::array();
  for (const ParameterInfo& p : demo.trainer.parameters(int(offset.value_or(0)), int(limit.value_or(kMaxParametersPerCall)))) {
    const double grad = trace.gradient(p.ref);
    out.push_back({{"id", p.id}, {"kind", p.ref.is_bias() ? "bias" : "weight"}, {"layer", p.ref.layer},
                   {"from", p.ref.is_bias() ? json(nullptr) : json(p.ref.col)}, {"to", p.ref.row},
                   {"index", indexed_parameter_id(p.ref)},
                   {"value", finite_or_null(p.value)}, {"grad", finite_or_null(grad)}});
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
    stop_step(app.network);  // its Promise resolves with {stopped: true}
    app.network.playing = false;
    return json(false);
  });
  register_api_method("reset", [](App& app, const json&, std::string&) {
    reset_network(app.network);
    return json(true);
  });
  register_api_method("step", step);
  register_api_method("metrics", [](App& app, const json&, std::string&) { return metrics(app); });
  register_api_method("eventState", [](App& app, const json&, std::string&) { return event_state(app); });
  register_api_method("parameters", parameters);
  register_api_method("select", [](App& app, const json& params, std::string& error) {
    const std::string id = id_param(params, error);
    if (!error.empty()) return json(nullptr);
    // The state table checks the id (engine/formats/state_schema.h): one rule, one message.
    const FieldErrors errors = set_state(app, json{{"selected", id}});
    if (!errors.empty()) {
      error = errors.front().message;
      return json(nullptr);
    }
    return json(id);
  });
  // Where each drawn parameter is on the page, in CSS pixels: [{id, x, y}] (the last frame drawn).
  register_api_method("networkView", [](App& app, const json&, std::string&) {
    json out = json::array();
    for (const NetworkDemo::ViewTarget& t : app.network.view_targets)
      out.push_back({{"id", t.id}, {"x", t.x / app.pixel_ratio}, {"y", t.y / app.pixel_ratio}});
    return out;
  });
  // Every keyboard shortcut of both demos: [{keys, what, where}] (the "?" overlay's rows).
  register_api_method("shortcuts", [](App&, const json&, std::string&) { return shortcuts_json(); });
  // Where the controls a test clicks were drawn, in CSS pixels: [{id, x, y}] for "play",
  // "editValue" (a parameter is selected) and "callout:<name>" (the hint's "Got it").
  register_api_method("controlTargets", [](App& app, const json&, std::string&) {
    json out = json::array();
    for (const NetworkDemo::ViewTarget& t : app.network.control_targets)
      out.push_back({{"id", t.id}, {"x", t.x / app.pixel_ratio}, {"y", t.y / app.pixel_ratio}});
    return out;
  });
  register_api_method("derivation", [](App& app, const json& params, std::string& error) {
    std::string id = params.is_null() ? app.network.selected : id_param(params, error);
    if (!error.empty()) return json(nullptr);
    const Result<DerivationRequest> request = check_derivation_request(app.network.trainer, id, app.network.derivation_sample);
    const WeightDerivation* derivation = request.ok() ? derivation_of(app.network, request.value->parameter) : nullptr;
    if (!derivation) {
      error = request.ok() ? "no derivation" : to_string(request.errors.front());
      return json(nullptr);
    }
    return to_json(*derivation, id);
  });
  // typeset({latex, width}): what the page's typesetter makes of a formula (web/math_view.h).
  register_api_method("typeset", [](App&, const json& params, std::string& error) {
    if (!params.is_object() || !params.contains("latex") || !params["latex"].is_string()) {
      error = "latex: expected typeset({latex: '\\frac{a}{b}', width: 300})";
      return json(nullptr);
    }
    const json width = params.value("width", json(0));
    if (!width.is_number() || width.get<double>() < 0 || width.get<double>() > 1e5) {
      error = "width: expected a number of CSS px from 0 (one line) to 100000";
      return json(nullptr);
    }
    return typeset_report(params["latex"].get<std::string>(), width.get<float>());
  });
}

}  // namespace bpl::web
