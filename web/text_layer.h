#pragma once
// The page as text, for screen readers and for copying (README "Text layer"): what
// the canvas shows, in sections, kept in a DOM region beside the canvas
// (web/text_layer.js; the "Text view" button shows it as selectable HTML).
//   network demo:  the demo and its settings, the metrics and status, the selected
//                  parameter with its whole derivation (engine/derivation)
//   f(x, y) demo:  the expression, f and ∇f at the point, the backward step's caption
//                  (engine/expr/step_caption.h), the derivation by paths
// A lesson's current step goes in as its own section once lessons exist: see
// text_layer_sections() in text_layer.cpp.
//
// It costs nothing while idle: it is built only in frames that are drawn anyway, and
// the DOM is touched only when the text changed (while training at most every
// kBusyRefreshMs). Status changes are announced once each (aria-live).
#include <string>
#include <vector>

namespace bpl::web {

struct App;

struct TextSection {
  std::string key;      // "metrics": the DOM element's data-key; stable
  std::string heading;  // "Training"
  std::vector<std::string> lines;
};

// The DOM side's copy and what was last announced, so that each change is sent once.
struct TextLayerState {
  std::string sent;      // the JSON last given to the DOM
  double sent_ms = -1e9;
  // What the announcements compare against.
  bool was_diverged = false;
  bool was_playing = false;
  long long samples_seen = 0;
  int expression_step = -1;  // the f(x,y) step-through's position (-1: before Forward)
  std::string expression;
};

inline constexpr double kBusyRefreshMs = 250.0;  // while training, the text changes every frame

// What the canvas shows now, as sections (pure: no DOM).
std::vector<TextSection> text_layer_sections(App& app);
// Announcements for what changed since the last call (diverged: assertive), and the DOM
// update when the text changed. Called once per drawn frame (main.cpp).
void sync_text_layer(App& app);

}  // namespace bpl::web
