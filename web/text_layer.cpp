// The text layer's sections (what the canvas shows, in words) and their sync to the DOM.
//   network_sections / parameter_section   the network demo
//   expression_sections                    the f(x, y) demo
//   announce_changes                       aria-live announcements, once per change
//   sync_text_layer                        the DOM update, only when the text changed
#include "text_layer.h"

#include <nlohmann/json.hpp>

#include "app.h"
#include "engine/core/count_text.h"
#include "engine/core/json_text.h"
#include "engine/expr/format.h"
#include "platform.h"

namespace bpl::web {

namespace {

using expr::format_number;

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (line.find_first_not_of(' ') != std::string::npos) lines.push_back(line);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return lines;
}

// "2 inputs → 2 relu → 1 linear"
std::string shape_text(const TrainConfig& config) {
  const NetworkShape shape = config.network_shape();
  std::string text = std::to_string(shape.inputs) + " inputs";
  for (const LayerShape& layer : shape.layers) text += " → " + std::to_string(layer.units) + " " + activation_name(layer.activation);
  return text;
}

TextSection demo_section(const NetworkDemo& demo) {
  const TrainConfig& config = demo.trainer.config();
  const Dataset& data = demo.trainer.dataset();
  return {"demo", "Network demo: train a network and derive ∂L/∂w for any weight",
          {"Network: " + shape_text(config) + ", " + count_text(demo.trainer.network().parameter_count()) + " parameters",
           "Data: " + std::string(dataset_name(config.dataset)) + ", " + count_text(long(data.train.size())) +
               " training points, " + count_text(long(data.test.size())) + " test points",
           "Training: loss " + std::string(loss_name(config.loss)) + ", optimizer " + optimizer_name(config.optimizer) +
               ", learning rate " + format_number(config.learning_rate) + ", batch size " +
               std::to_string(config.batch_size)}};
}

// The metrics last recorded (the curve's last point): reading them makes no pass over the data.
TextSection metrics_section(const NetworkDemo& demo) {
  const Trainer& trainer = demo.trainer;
  TextSection section{"metrics", "Training", {"Epoch " + count_text(trainer.epoch())}};
  std::vector<std::string>& lines = section.lines;
  if (trainer.status() != TrainStatus::ok) {
    lines.push_back("Status: diverged. " + trainer.metrics().message + " Reset to train again.");
    return section;
  }
  const std::string activity = stepping(demo) ? "stepping" : demo.playing ? "training" : "paused";
  lines.push_back("Status: " + activity);
  if (demo.curve.empty()) return section;
  const CurvePoint& p = demo.curve.back();
  const bool test = !trainer.dataset().test.empty(), accuracy = is_classification(trainer.config().dataset);
  const std::string at = p.epoch == trainer.epoch() ? "" : " (at epoch " + count_text(p.epoch) + ")";
  lines.push_back("Train loss " + format_number(p.train_loss) + at);
  if (test) lines.push_back("Test loss " + format_number(p.test_loss) + at);
  if (accuracy) lines.push_back("Train accuracy " + format_number(100.0 * p.train_accuracy) + " %" + at);
  if (accuracy && test) lines.push_back("Test accuracy " + format_number(100.0 * p.test_accuracy) + " %" + at);
  return section;
}

// The selected parameter and its derivation: the engine's own text, every line (WeightDerivation::text).
TextSection parameter_section(NetworkDemo& demo) {
  TextSection section{"parameter", "Selected parameter", {}};
  std::vector<std::string>& lines = section.lines;
  if (demo.selected.empty()) {
    lines.push_back("None. Click an edge or a bias tag in the network (or call backprop.select('w1')) to derive "
                    "∂L/∂w for it with the live numbers.");
    return section;
  }
  section.heading = "Selected parameter " + demo.selected + ": ∂L/∂" + demo.selected;
  if (demo.trainer.status() != TrainStatus::ok) {
    lines.push_back("Training diverged: reset to see derivations again.");
    return section;
  }
  const std::optional<ParameterRef> p = selected_parameter(demo);
  const WeightDerivation* d = p ? derivation_of(demo, *p, true) : nullptr;  // the panel's: no extra work
  if (!d) {
    const FieldErrors errors = check_derivation_request(demo.trainer, demo.selected, demo.derivation_sample).errors;
    lines.push_back(errors.empty() ? "No derivation." : to_string(errors.front()));
    return section;
  }
  lines.push_back("∂L/∂" + demo.selected + " = " + format_number(d->value) + " (mean over the batch of " +
                  std::to_string(d->batch_size) + "); on sample " + std::to_string(d->sample + 1) + ": " +
                  format_number(d->sample_value));
  if (!demo.derivations.current({demo.weights_version, *p, demo.derivation_sample}))
    lines.push_back("Numbers from epoch " + count_text(demo.derivation_epoch) + ": redone when training pauses.");
  for (const std::string& line : split_lines(d->text)) lines.push_back(line);
  return section;
}

std::vector<TextSection> network_sections(App& app) {
  return {demo_section(app.network), metrics_section(app.network), parameter_section(app.network)};
}

TextSection expression_section(const ExpressionDemo& demo) {
  TextSection section{"expression", "f(x, y) demo: from the chain rule to gradient descent",
                      {"f(x, y) = " + demo.graph.source}};
  std::vector<std::string>& lines = section.lines;
  if (demo.draft_error) {
    lines.push_back("The input line \"" + demo.draft + "\" does not parse: " + describe(*demo.draft_error) +
                    ". Showing the last expression that parsed.");
  }
  const std::string point = "(x, y) = (" + format_number(demo.x) + ", " + format_number(demo.y) + ")";
  if (!demo.evaluation.defined()) {
    lines.push_back("At " + point + " f is undefined: " + demo.evaluation.reason);
    return section;
  }
  lines.push_back("At " + point + ": f = " + format_number(demo.evaluation.value));
  if (demo.gradient.defined()) {
    lines.push_back("∇f = (∂f/∂x, ∂f/∂y) = (" + format_number(demo.gradient.dx) + ", " + format_number(demo.gradient.dy) + ")");
  } else {
    lines.push_back("∇f is undefined here: " + demo.gradient.reason);
  }
  return section;
}

std::string expression_caption(const ExpressionDemo& demo) {
  return demo.stepper ? expr::step_caption(demo.graph, *demo.stepper, demo.forward_done) : std::string();
}

TextSection derivation_by_paths_section(const ExpressionDemo& demo) {
  TextSection section{"expression-derivation", "Derivation: one product per path from f to the variable", {}};
  const expr::Derivation& d = demo.derivation;
  if (!d.defined) {
    section.lines.push_back(d.undefined);
    return section;
  }
  const std::string symbolic[] = {demo.symbolic.text_x, demo.symbolic.text_y};
  for (std::size_t i = 0; i < d.variables.size(); ++i) {
    const expr::VariableDerivation& v = d.variables[i];
    if (!v.used) {
      section.lines.push_back("∂f/∂" + v.variable + " = 0: f does not use " + v.variable);
      continue;
    }
    for (const std::string& line : v.lines) section.lines.push_back(line);
    if (!v.defined) section.lines.push_back("undefined: " + v.undefined);
    if (i < 2) section.lines.push_back("symbolic: ∂f/∂" + v.variable + " = " + symbolic[i]);
  }
  return section;
}

std::vector<TextSection> expression_sections(const ExpressionDemo& demo) {
  return {expression_section(demo),
          {"expression-step", "Backward pass, step by step", split_lines(expression_caption(demo))},
          derivation_by_paths_section(demo)};
}

std::string layer_json(const App& app, const std::vector<TextSection>& sections) {
  nlohmann::json out = {{"theme", app.theme == Theme::dark ? "dark" : "light"}, {"demo", demo_name(app.demo)},
                        {"sections", nlohmann::json::array()}};
  for (const TextSection& s : sections) out["sections"].push_back({{"key", s.key}, {"heading", s.heading}, {"lines", s.lines}});
  return dump_safely(out);
}

std::string loss_summary(const NetworkDemo& demo) {
  std::string text = "epoch " + count_text(demo.trainer.epoch());
  if (!demo.curve.empty()) text += ", train loss " + format_number(demo.curve.back().train_loss);
  return text;
}

// Each status change once: diverged (assertive), training started / paused, a step done, a reset;
// in the f(x, y) demo, each step of the backward pass (its caption).
void announce_changes(App& app) {
  TextLayerState& state = app.text_layer;
  const NetworkDemo& demo = app.network;
  const bool diverged = demo.trainer.status() != TrainStatus::ok;
  const bool is_stepping = stepping(demo);
  const long long seen = demo.trainer.samples_seen();
  if (diverged && !state.was_diverged) {
    announce("Training diverged at epoch " + count_text(demo.trainer.epoch()) + ": " + demo.trainer.metrics().message +
                 " Reset to train again.", true);
  } else if (!diverged) {
    if (demo.playing && !state.was_playing) announce("Training: " + loss_summary(demo), false);
    else if (!demo.playing && state.was_playing) announce("Paused at " + loss_summary(demo), false);
    else if (!demo.playing && !is_stepping && seen != state.samples_seen)
      announce((seen < state.samples_seen ? "Reset: " : "Step done: ") + loss_summary(demo), false);
  }
  state.was_diverged = diverged;
  state.was_playing = demo.playing;
  state.samples_seen = seen;

  const ExpressionDemo& e = app.expression;
  const int position = e.stepper && e.forward_done ? e.stepper->position() : -1;
  if (app.demo == Demo::expression && e.graph.source == state.expression && position != state.expression_step)
    announce(expression_caption(e), false);
  state.expression_step = position;
  state.expression = e.graph.source;
}

}  // namespace

std::vector<TextSection> text_layer_sections(App& app) {
  // A lesson's current step will be the first section here, once lessons exist.
  if (app.demo == Demo::network) return network_sections(app);
  return expression_sections(app.expression);
}

void sync_text_layer(App& app) {
  announce_changes(app);
  TextLayerState& state = app.text_layer;
  // While training the numbers change every frame: a reader gets them a few times a second.
  const double now = now_ms();
  if (training_busy(app.network) && now - state.sent_ms < kBusyRefreshMs) return;
  const std::string json = layer_json(app, text_layer_sections(app));
  if (json == state.sent) return;
  state.sent = json;
  state.sent_ms = now;
  set_text_layer(json);
}

}  // namespace bpl::web
