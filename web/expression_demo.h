#pragma once
// State of the f(x, y) demo ("from the chain rule to gradient descent") and the
// operations its panels and the JS API share. The last expression that parsed
// stays on screen while the input line holds text that does not.
//
// Index
//   ExpressionPreset, expression_presets()     the preset buttons
//   DescentRun                                 one optimizer path over the contours
//   ExpressionDemo                             all state of the demo
//   set_expression_draft / load_expression     the live-edit path and the whole-expression path
//   set_point                                  moves (x, y): every view is recomputed
//   forward_pass / backward_step / ...         the step-through buttons
//   run_descent                                adds a path with the current settings
//   expression_mermaid / _latex / _markdown    exports
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/expr/autodiff.h"
#include "engine/expr/derivation.h"
#include "engine/expr/descent.h"
#include "engine/expr/field.h"
#include "engine/expr/gradcheck.h"
#include "engine/expr/parser.h"
#include "engine/expr/step_caption.h"
#include "engine/expr/symbolic.h"
#include "engine/core/result.h"
#include "heatmap.h"

namespace bpl::web {

struct ExpressionPreset {
  const char* name;        // the button: "Rosenbrock"
  const char* text;        // what the input line gets
  double x, y;             // a point worth starting from
  expr::FieldWindow window;
  double learning_rate;    // one that walks downhill visibly
  int steps;
  bool log_colours;        // its values span orders of magnitude
  const char* note;        // shown under the input line; "" for none
};
const std::vector<ExpressionPreset>& expression_presets();
// The preset whose text is exactly `text`, or nullptr.
const ExpressionPreset* find_preset(const std::string& text);

struct DescentRun {
  expr::DescentConfig config;
  expr::Trajectory trajectory;
  int colour = 0;          // index into the descent colours
  double started_ms = 0;   // the path is revealed step by step from here
};
constexpr int kMaxDescentRuns = 8;

struct ExpressionDemo {
  ExpressionDemo();  // the seed's (x^2 + x*y) * y^3 at (1, 2)

  // The input line and its live parse.
  std::string draft;
  std::optional<expr::ParseError> draft_error;  // set while the draft does not parse

  // The last good expression, evaluated at the point.
  expr::Graph graph;
  double x = 1, y = 2;
  expr::Evaluation evaluation;
  expr::Gradient gradient;             // one-shot backward (on a copy): what the step-through must reach
  expr::Derivation derivation;
  expr::SymbolicGradient symbolic;
  expr::CentralDifference check;

  // The step-through: values appear after Forward, adjoints one backward step at a time.
  bool forward_done = true;
  std::optional<expr::BackwardStepper> stepper;
  bool show_constants = true;          // constants as their own nodes in the graph

  // The contour plot (window in f's coordinates; kept square so arrows are not skewed).
  expr::FieldWindow window;
  bool show_arrows = true;
  bool log_colours = false;            // colour by sign(f)·ln(1 + |f|): for steep valleys
  bool log_colours_auto = true;        // chosen from the sampled values, until the learner decides
  bool field_dirty = true;
  expr::Field field;
  HeatmapTexture texture;
  float colour_lo = 0, colour_hi = 1;  // of the uploaded (maybe log) values

  // Gradient descent.
  expr::DescentConfig descent;
  std::vector<DescentRun> runs;
  int next_colour = 0;
  int table_run = -1;                  // the run the step table shows; -1: the latest
  bool run_on_click = true;            // a click on the plot starts a run there
  bool animate = true;
  bool log_f_plot = false;

  // Screen rectangles of the last frame, for tests that type and click like a learner.
  ImVec2 input_min{0, 0}, input_max{0, 0};
  ImVec2 plot_min{0, 0}, plot_max{0, 0};
  float pixel_ratio = 1;
};

// The input line's path: parses `text`; if it parses it becomes the expression,
// otherwise draft_error is set and the last good graph stays. Returns whether it parsed.
bool set_expression_draft(ExpressionDemo& demo, const std::string& text);
// Loads an expression that is known to parse (setState, presets); false if it does not.
bool load_expression(ExpressionDemo& demo, const std::string& text);
void apply_preset(ExpressionDemo& demo, const ExpressionPreset& preset);
void set_point(ExpressionDemo& demo, double x, double y);

// The step-through buttons. backward_step runs the forward pass first if needed;
// it returns false when the backward pass is already complete.
void forward_pass(ExpressionDemo& demo);
bool backward_step(ExpressionDemo& demo);
bool backward_step_back(ExpressionDemo& demo);
void backward_run_all(ExpressionDemo& demo);
void reset_passes(ExpressionDemo& demo);  // values and adjoints hidden again
// Its caption and marks: expr::step_caption / expr::pass_marks (engine/expr/step_caption.h).

// Runs descent with demo.descent and keeps the path (oldest dropped past kMaxDescentRuns).
const DescentRun& run_descent(ExpressionDemo& demo, double now_ms);
void clear_descent_runs(ExpressionDemo& demo);

// A descent path still growing on the plot (it is drawn over about a second).
bool descent_animating(const ExpressionDemo& demo, double now_ms);

// Resamples and uploads the contour grid if the expression or the window changed.
void refresh_field(ExpressionDemo& demo);

// Exports (the derivation panel's copy buttons, web/exchange.cpp). Adjoints are
// those of a complete backward pass, whatever step the step-through is at.
std::string expression_mermaid(const ExpressionDemo& demo);   // `graph LR` with values and adjoints
std::string expression_latex(const ExpressionDemo& demo);     // the sums over paths, then ∇f symbolically
std::string expression_markdown(const ExpressionDemo& demo);  // a title, the mermaid block and the LaTeX

}  // namespace bpl::web
