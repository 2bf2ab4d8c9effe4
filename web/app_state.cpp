// getState/setState over the engine's state table (engine/formats/state_schema.h):
// the table reads and checks every field once; this file only moves values
// between the page and a PageState.
#include "app_state.h"

#include <algorithm>

#include "app.h"
#include "engine/formats/state_schema.h"

namespace bpl::web {

namespace {

PageState page_state(const App& app) {
  const NetworkDemo& demo = app.network;
  PageState s;
  s.config = demo.trainer.config();
  s.points = demo.trainer.added_points();
  s.view = {demo_name(app.demo), demo.selected, demo.derivation_sample, demo.gradient_lens, demo.log_scale,
            demo.discretize, demo.show_test_points};
  s.expression = {app.expression.graph.source, app.expression.x, app.expression.y, app.expression.descent};
  s.embed = app.embed;
  return s;
}

bool given(const std::vector<std::string>& names, StateScope scope) {
  return std::any_of(names.begin(), names.end(), [&](const std::string& n) { return find_state_field(n)->scope == scope; });
}

bool given(const std::vector<std::string>& names, const char* name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

nlohmann::json get_state(App& app) { return state_to_json(page_state(app)); }

FieldErrors set_state(App& app, const nlohmann::json& partial) {
  NetworkDemo& demo = app.network;
  PageState s = page_state(app);
  FieldErrors errors = apply_state_json(partial, s);
  if (!errors.empty()) return errors;
  std::vector<std::string> names;
  for (const auto& [name, value] : flatten_state(partial, errors)) names.push_back(name);

  // The config decides the network that "selected" names, so it goes first.
  if (given(names, StateScope::config)) {
    bool rebuilt = false;
    FieldErrors late = demo.trainer.update(s.config, &rebuilt);
    if (!late.empty()) return late;  // checked above; kept for safety
    if (rebuilt) reset_network(demo);
    ++demo.weights_version;
  }
  if (s.points != demo.trainer.added_points()) {  // new points: new data, fresh weights
    FieldErrors late = demo.trainer.set_added_points(s.points);
    if (!late.empty()) return late;  // checked above; kept for safety
    reset_network(demo);
  }
  if (given(names, "derivationSample")) {
    demo.derivation_sample = s.view.derivation_sample;
    demo.traces_version = -1;
  }
  if (given(names, "selected")) select_parameter(demo, s.view.selected, given(names, "derivationSample"));
  demo.gradient_lens = s.view.gradient_lens;
  demo.log_scale = s.view.log_scale;
  demo.discretize = s.view.discretize;
  demo.show_test_points = s.view.show_test_points;
  app.demo = s.view.demo == "network" ? Demo::network : Demo::expression;

  ExpressionDemo& expression = app.expression;
  if (given(names, "expression")) load_expression(expression, s.expression.expression);
  if (given(names, "point")) set_point(expression, s.expression.x, s.expression.y);
  expression.descent = s.expression.descent;

  const std::string theme_before = app.embed.theme;
  app.embed = s.embed;
  if (app.embed.theme != theme_before || given(names, "theme")) {
    const std::string& theme = app.embed.theme;
    const Theme wanted = theme == "dark" || (theme == "auto" && app.prefers_dark) ? Theme::dark : Theme::light;
    if (wanted != app.theme) {
      app.theme = wanted;
      apply_theme(app.theme, app.pixel_ratio);
    }
  }
  return {};
}

}  // namespace bpl::web
