// The f(x, y) demo's model: presets, the live-edit path, the point, the
// backward step-through, descent runs and the contour grid.
// The panels (web/expression_*_panel.cpp, _view.cpp) only draw and call these.
#include "expression_demo.h"

#include <algorithm>
#include <cmath>

#include "engine/expr/markdown.h"

namespace bpl::web {

using namespace bpl::expr;

namespace {

constexpr int kFieldSize = 128;  // grid samples per side; the shader interpolates between them

// Adopts a parsed graph as the expression on screen: everything recomputed, the
// step-through complete (so the learner first sees the finished picture), old paths gone.
void adopt(ExpressionDemo& demo, Graph graph) {
  demo.graph = std::move(graph);
  demo.draft = demo.graph.source;
  demo.draft_error.reset();
  demo.symbolic = symbolic_gradient(demo.graph);
  demo.show_constants = demo.graph.nodes.size() <= 12;  // beyond that they crowd the columns
  demo.forward_done = true;
  demo.stepper.reset();
  clear_descent_runs(demo);
  demo.field_dirty = true;
  set_point(demo, demo.x, demo.y);
  backward_run_all(demo);
}

}  // namespace

const std::vector<ExpressionPreset>& expression_presets() {
  // Windows are square so the gradient arrows stand at right angles to the contours.
  static const std::vector<ExpressionPreset> presets = {
      {"seed", "(x^2 + x*y) * y^3", 1, 2, {-3, 3, -1, 5}, 0.01, 100, true,
       "The seed tutorial's example. It has no minimum (it falls without bound where x·y < −x²), so descent "
       "runs away: watch for the divergence message."},
      {"bowl x²+y²", "x^2 + y^2", 1, 1, {-2, 2, -2, 2}, 0.1, 30, false,
       "∇f = (2x, 2y): gradient descent with learning rate η multiplies both coordinates by (1 − 2η) each "
       "step, so with η = 0.1 it reaches 0.8ⁿ·(x₀, y₀)."},
      {"Rosenbrock", "(1 - x)^2 + 100*(y - x^2)^2", -1.2, 1, {-2, 2, -1, 3}, 0.001, 2000, true,
       "A curved, narrow valley with its minimum at (1, 1): plain descent crawls along the floor; momentum "
       "and Adam get there sooner."},
      {"Himmelblau", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", 0, 0, {-5, 5, -5, 5}, 0.01, 100, true,
       "Four minima with f = 0, e.g. (3, 2): which one descent finds depends on where it starts."},
      {"Beale", "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2", 1, 1.5,
       {-4.5, 4.5, -4.5, 4.5}, 0.001, 1000, true,
       "Minimum f = 0 at (3, 0.5), in a flat valley between steep walls: a large learning rate diverges."},
      {"sin·cos", "sin(x)*cos(y)", 1, 0.5, {-4, 4, -4, 4}, 0.1, 60, false,
       "A periodic landscape of hills and pits: each start point rolls into its own pit."},
      {"saddle x²−y²", "x^2 - y^2", 1, 0.05, {-2, 2, -2, 2}, 0.1, 30, false,
       "A saddle at (0, 0): ∇f = 0 there but it is no minimum. Descent slides towards it along x and away "
       "from it along y (f has no minimum at all)."},
      {"ReLU neuron", "relu(2*x + y)", 1, 0.5, {-3, 3, -3, 3}, 0.1, 40, false,
       "One neuron of the network demo, relu(w·a + b), seen as a function of its parameters: x plays the "
       "weight w and y the bias b, with the input fixed at a = 2 (this parser knows only x and y). "
       "∂f/∂w = a·relu′(z) is the input times the unit's δ, as in the network's derivation panel. Where "
       "z = 2x + y < 0 both partials are 0: descent stops there, a dead ReLU."},
  };
  return presets;
}

const ExpressionPreset* find_preset(const std::string& text) {
  for (const ExpressionPreset& preset : expression_presets())
    if (text == preset.text) return &preset;
  return nullptr;
}

ExpressionDemo::ExpressionDemo() { apply_preset(*this, expression_presets().front()); }

bool set_expression_draft(ExpressionDemo& demo, const std::string& text) {
  demo.draft = text;
  ParseResult parsed = parse(text);
  if (!parsed.ok) {
    demo.draft_error = parsed.error;
    return false;
  }
  if (parsed.graph.source == demo.graph.source && !demo.graph.nodes.empty()) {
    demo.draft_error.reset();  // back to what is already on screen: keep the step-through where it is
    return true;
  }
  adopt(demo, std::move(parsed.graph));
  demo.draft = text;
  return true;
}

bool load_expression(ExpressionDemo& demo, const std::string& text) {
  ParseResult parsed = parse(text);
  if (!parsed.ok) return false;
  adopt(demo, std::move(parsed.graph));
  const ExpressionPreset* preset = find_preset(text);
  demo.log_colours_auto = !preset;
  if (preset) {
    demo.window = preset->window;
    demo.log_colours = preset->log_colours;
  }
  return true;
}

void apply_preset(ExpressionDemo& demo, const ExpressionPreset& preset) {
  demo.x = preset.x;
  demo.y = preset.y;
  demo.descent.x0 = preset.x;
  demo.descent.y0 = preset.y;
  demo.descent.learning_rate = preset.learning_rate;
  demo.descent.steps = preset.steps;
  load_expression(demo, preset.text);
}

void set_point(ExpressionDemo& demo, double x, double y) {
  demo.x = x;
  demo.y = y;
  Graph& g = demo.graph;
  demo.evaluation = evaluate(g, x, y);
  Graph copy = g;
  demo.gradient = backward(copy);
  demo.derivation = derive(g);
  demo.check = central_difference(g, x, y);
  // Same graph, new numbers: replay the step-through to where the learner was.
  const int position = demo.stepper ? demo.stepper->position() : 0;
  demo.stepper.emplace(g);
  while (demo.stepper->position() < position && demo.stepper->next(g)) {}
}

void forward_pass(ExpressionDemo& demo) {
  demo.forward_done = true;
  demo.stepper->reset(demo.graph);
}

bool backward_step(ExpressionDemo& demo) {
  if (!demo.forward_done) forward_pass(demo);
  return demo.stepper->next(demo.graph);
}

bool backward_step_back(ExpressionDemo& demo) { return demo.stepper->prev(demo.graph); }

void backward_run_all(ExpressionDemo& demo) {
  if (!demo.forward_done) forward_pass(demo);
  while (demo.stepper->next(demo.graph)) {}
}

void reset_passes(ExpressionDemo& demo) {
  demo.forward_done = false;
  demo.stepper->reset(demo.graph);
}

const DescentRun& run_descent(ExpressionDemo& demo, double now_ms) {
  DescentRun run;
  run.config = demo.descent;
  run.trajectory = descend(demo.graph, demo.descent);
  run.colour = demo.next_colour++;
  run.started_ms = now_ms;
  if (int(demo.runs.size()) >= kMaxDescentRuns) demo.runs.erase(demo.runs.begin());
  demo.runs.push_back(std::move(run));
  demo.table_run = -1;
  return demo.runs.back();
}

void clear_descent_runs(ExpressionDemo& demo) {
  demo.runs.clear();
  demo.next_colour = 0;
  demo.table_run = -1;
}

namespace {

// The value at `fraction` of the sorted values (reorders them).
float quantile(std::vector<float>& values, double fraction) {
  const std::size_t k = std::min(values.size() - 1, std::size_t(double(values.size()) * fraction));
  std::nth_element(values.begin(), values.begin() + k, values.end());
  return values[k];
}

}  // namespace

void refresh_field(ExpressionDemo& demo) {
  if (!demo.field_dirty) return;
  demo.field_dirty = false;
  demo.field = sample_field(demo.graph, demo.window, kFieldSize);
  const Field& field = demo.field;
  if (!field.ok) return;
  const int n = field.n;
  std::vector<float> finite;
  for (double v : field.f)
    if (std::isfinite(v)) finite.push_back(float(v - field.f_min));
  if (demo.log_colours_auto && !finite.empty()) {
    // Log colours when the top of the range dwarfs the typical value (steep walls, poles):
    // linear colours would spend every contour line on the walls.
    const float median = quantile(finite, 0.5), top = quantile(finite, 0.99);
    demo.log_colours = median > 0 && top > 20.0f * median;
  }
  std::vector<float> values(std::size_t(n) * n);
  finite.clear();
  for (int j = 0; j < n; ++j) {
    for (int i = 0; i < n; ++i) {
      double v = field.f[field.index(i, j)];
      // sign(f)·ln(1 + |f|): contour levels follow orders of magnitude on both sides of 0.
      if (demo.log_colours && std::isfinite(v)) v = std::copysign(std::log1p(std::fabs(v)), v);
      const float value = std::isfinite(v) ? float(v) : NAN;
      values[std::size_t(n - 1 - j) * n + i] = value;  // texture row 0 is the top, y1
      if (std::isfinite(value)) finite.push_back(value);
    }
  }
  demo.colour_lo = 0;
  demo.colour_hi = 1;
  if (!finite.empty()) {
    // The top 1 % is clipped, so one spike does not wash out every other contour.
    demo.colour_lo = *std::min_element(finite.begin(), finite.end());
    demo.colour_hi = quantile(finite, 0.99);
    if (!(demo.colour_hi > demo.colour_lo)) demo.colour_hi = demo.colour_lo + 1;
  }
  demo.texture.upload(values, n);
}

namespace {

Graph with_full_backward(const ExpressionDemo& demo) {
  Graph copy = demo.graph;
  evaluate(copy, demo.x, demo.y);
  backward(copy);
  return copy;
}

}  // namespace

std::string expression_mermaid(const ExpressionDemo& demo) { return to_mermaid(with_full_backward(demo)); }

std::string expression_latex(const ExpressionDemo& demo) {
  const std::string gradient = "\\begin{aligned}\n\\frac{\\partial f}{\\partial x} &= " + demo.symbolic.latex_x +
                               " \\\\\n\\frac{\\partial f}{\\partial y} &= " + demo.symbolic.latex_y + "\n\\end{aligned}\n";
  if (!demo.derivation.defined) return "% " + demo.derivation.undefined + "\n" + gradient;
  return demo.derivation.latex + "\n\n" + gradient;
}

std::string expression_markdown(const ExpressionDemo& demo) {
  return to_markdown(with_full_backward(demo), demo.derivation);
}

}  // namespace bpl::web
