// window.backprop methods of the f(x, y) demo (state keys: engine/formats/state_schema.h):
//   expression({expression, point})  value and gradient of any text; changes nothing on screen
//   expressionView()                 what the demo shows: graph nodes, step, derivation, runs
//   expressionPresets()              the preset buttons
//   setExpressionText(text)          the input line's live-edit path (a bad text keeps the graph)
//   forward() backwardStep() backwardStepBack() backwardRunAll() backwardReset()   the step buttons
//   descend()                        runs the current descent settings, draws and returns the path
//   clearDescents()
#include "api_params.h"
#include "app.h"
#include "engine/expr/json.h"
#include "expression_panels.h"
#include "js_api.h"
#include "platform.h"

namespace bpl::web {

namespace {

using nlohmann::json;
using namespace bpl::expr;

json point_json(double x, double y) { return {{"x", finite_or_null(x)}, {"y", finite_or_null(y)}}; }

// expression(text, {x, y}): {ok, value, gradient, error}; the point defaults to the demo's.
// bridge.js passes several arguments as an array, so ['x^2', {x: 1, y: 2}] and
// 'x^2' are read as {expression, point} too.
json expression_method(App& app, const json& raw, std::string& error) {
  json params = raw;
  if (raw.is_string()) params = {{"expression", raw}};
  if (raw.is_array() && !raw.empty() && raw.size() <= 2)
    params = {{"expression", raw[0]}, {"point", raw.size() == 2 ? raw[1] : json(nullptr)}};
  FieldErrors errors;
  const std::optional<std::string> text = read_string(params, "expression", errors);
  double x = app.expression.x, y = app.expression.y;
  if (params.is_object() && params.contains("point") && !params["point"].is_null()) {
    const json& point = params["point"];
    const std::optional<double> px = read_number(point, "x", errors), py = read_number(point, "y", errors);
    if (!point.is_object() || !px || !py) errors.push_back({"point", "expected {x: number, y: number}"});
    if (px) x = *px;
    if (py) y = *py;
  }
  if (!text) errors.push_back({"expression", "expected a string, e.g. expression('x^2 + y^2', {x: 1, y: 1})"});
  if (!errors.empty()) { error = to_string(errors.front()); return nullptr; }
  ParseResult parsed = parse(*text);
  if (!parsed.ok) {
    return {{"ok", false}, {"value", nullptr}, {"gradient", nullptr},
            {"error", {{"message", describe(parsed.error)}, {"column", parsed.error.column}}}};
  }
  const Evaluation e = evaluate(parsed.graph, x, y);
  const Gradient g = backward(parsed.graph);
  json out = {{"ok", true}, {"value", finite_or_null(e.value)}, {"error", nullptr},
              {"gradient", g.defined() ? point_json(g.dx, g.dy) : json(nullptr)}};
  if (!e.defined()) out["undefined"] = e.reason;
  else if (!g.defined()) out["undefined"] = "∇f: " + g.reason;
  return out;
}

json step_json(const ExpressionDemo& demo, bool advanced) {
  const BackwardStepper& stepper = *demo.stepper;
  json out = {{"advanced", advanced}, {"forwardDone", demo.forward_done}, {"position", stepper.position()},
              {"stepCount", stepper.step_count()}, {"done", demo.forward_done && stepper.at_end()},
              {"caption", step_caption(demo.graph, stepper, demo.forward_done)}, {"step", nullptr}};
  if (demo.forward_done && stepper.last()) out["step"] = to_json(demo.graph, *stepper.last());
  return out;
}

json nodes_json(const ExpressionDemo& demo) {
  const PassMarks marks = pass_marks(demo.graph, *demo.stepper, demo.forward_done);
  json nodes = json::array();
  for (NodeId id = 0; id < NodeId(demo.graph.nodes.size()); ++id) {
    const Node& node = demo.graph.nodes[id];
    nodes.push_back({{"id", id}, {"label", node.label}, {"op", op_name(node.op)},
                     {"formula", formula(demo.graph, id)}, {"varies", node.varies},
                     {"value", demo.forward_done ? finite_or_null(node.value) : json(nullptr)},
                     {"adjoint", demo.forward_done && node.varies ? finite_or_null(node.adjoint) : json(nullptr)},
                     {"final", bool(marks.final_adjoint[id])}, {"processed", bool(marks.processed[id])},
                     {"undefined", node.undefined.empty() ? json(nullptr) : json(node.undefined)},
                     {"slopeUndefined", node.slope_undefined.empty() ? json(nullptr) : json(node.slope_undefined)}});
  }
  return nodes;
}

json runs_json(const ExpressionDemo& demo) {
  json runs = json::array();
  for (const DescentRun& run : demo.runs) {
    const Trajectory& t = run.trajectory;
    json last = t.points.empty() ? json(nullptr) : json{{"x", t.points.back().x}, {"y", t.points.back().y}, {"f", t.points.back().f}};
    runs.push_back({{"title", descent_run_title(run)}, {"optimizer", optimizer_name(run.config.optimizer)},
                    {"status", descent_status_name(t.status)}, {"message", t.message},
                    {"points", t.points.size()}, {"last", last}});
  }
  return runs;
}

// The adjoints a one-shot backward() leaves at the point, for comparing with the step-through.
json one_shot_adjoints(const ExpressionDemo& demo) {
  Graph copy = demo.graph;
  evaluate(copy, demo.x, demo.y);
  backward(copy);
  json adjoints = json::array();
  for (const Node& node : copy.nodes) adjoints.push_back(node.varies ? finite_or_null(node.adjoint) : json(nullptr));
  return adjoints;
}

// A widget's rectangle in CSS pixels (ImGui draws in device pixels).
json rect_json(ImVec2 min, ImVec2 max, float ratio) {
  return {{"x", min.x / ratio}, {"y", min.y / ratio}, {"width", (max.x - min.x) / ratio}, {"height", (max.y - min.y) / ratio}};
}

json view(const App& app) {
  const ExpressionDemo& demo = app.expression;
  const float ratio = demo.pixel_ratio > 0 ? demo.pixel_ratio : 1.0f;
  json error = demo.draft_error ? to_json(*demo.draft_error) : json(nullptr);
  json derivation = json::object();
  for (const VariableDerivation& v : demo.derivation.variables)
    derivation[v.variable] = {{"lines", v.lines}, {"total", finite_or_null(v.total)}, {"paths", v.path_count}};
  return {{"expression", demo.graph.source}, {"draft", demo.draft}, {"error", error},
          {"point", point_json(demo.x, demo.y)},
          {"value", finite_or_null(demo.evaluation.value)}, {"defined", demo.evaluation.defined()},
          {"reason", demo.evaluation.reason},
          {"gradient", demo.gradient.defined() ? point_json(demo.gradient.dx, demo.gradient.dy) : json(nullptr)},
          {"step", step_json(demo, false)}, {"nodes", nodes_json(demo)}, {"oneShot", one_shot_adjoints(demo)},
          {"derivation", derivation},
          {"symbolic", {{"x", demo.symbolic.text_x}, {"y", demo.symbolic.text_y}}},
          {"check", demo.check.defined ? point_json(demo.check.dx, demo.check.dy) : json(nullptr)},
          {"runs", runs_json(demo)},
          {"window", {{"x0", demo.window.x0}, {"x1", demo.window.x1}, {"y0", demo.window.y0}, {"y1", demo.window.y1}}},
          {"widgets", {{"input", rect_json(demo.input_min, demo.input_max, ratio)},
                       {"plot", rect_json(demo.plot_min, demo.plot_max, ratio)}}}};
}

json presets() {
  json out = json::array();
  for (const ExpressionPreset& p : expression_presets())
    out.push_back({{"name", p.name}, {"expression", p.text}, {"point", point_json(p.x, p.y)},
                   {"learningRate", p.learning_rate}, {"steps", p.steps}, {"note", p.note}});
  return out;
}

json descend_method(App& app) {
  const DescentRun& run = run_descent(app.expression, now_ms());
  json out = to_json(run.trajectory);
  out["title"] = descent_run_title(run);
  out["optimizer"] = optimizer_name(run.config.optimizer);
  return out;
}

// A method with no parameters that acts on the demo and returns its step state.
template <typename Action>
void register_step_method(const char* name, Action action) {
  register_api_method(name, [action](App& app, const json&, std::string&) {
    const bool advanced = action(app.expression);
    return step_json(app.expression, advanced);
  });
}

}  // namespace

void register_expression_api() {
  register_api_method("expression", expression_method);
  register_api_method("expressionView", [](App& app, const json&, std::string&) { return view(app); });
  register_api_method("expressionPresets", [](App&, const json&, std::string&) { return presets(); });
  register_api_method("setExpressionText", [](App& app, const json& params, std::string& error) {
    FieldErrors errors;
    const std::optional<std::string> text = params.is_string() ? params.get<std::string>() : read_string(params, "text", errors);
    if (!text) { error = "expected a string, e.g. setExpressionText('x^2 + y')"; return json(nullptr); }
    const bool ok = set_expression_draft(app.expression, *text);
    return json{{"ok", ok}, {"expression", app.expression.graph.source},
                {"error", app.expression.draft_error ? to_json(*app.expression.draft_error) : json(nullptr)}};
  });
  register_step_method("forward", [](ExpressionDemo& d) { forward_pass(d); return true; });
  register_step_method("backwardStep", backward_step);
  register_step_method("backwardStepBack", backward_step_back);
  register_step_method("backwardRunAll", [](ExpressionDemo& d) { backward_run_all(d); return true; });
  register_step_method("backwardReset", [](ExpressionDemo& d) { reset_passes(d); return true; });
  register_api_method("descend", [](App& app, const json&, std::string&) { return descend_method(app); });
  register_api_method("clearDescents", [](App& app, const json&, std::string&) {
    clear_descent_runs(app.expression);
    return json(true);
  });
}

}  // namespace bpl::web
