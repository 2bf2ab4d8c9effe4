#pragma once
// Typeset formulas on the canvas: engine/typeset lays a LaTeX formula out in boxes, this
// measures its glyphs with the formula fonts (web/theme.h) and paints the runs and rules
// with an ImGui draw list, in the theme's colours, at the display's pixel ratio.
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "imgui.h"

namespace bpl::web {

struct FormulaStyle {
  float scale = 1.0f;      // × kFormulaFontSize CSS px
  bool wrap = true;        // break lines at operators to fit the width; unbreakable parts scroll
  ImU32 text = 0;          // 0: the style's text colour
  // The colour of a factor marked \bplmark{key}{…} (engine/derivation/chain_highlight.h); 0: text.
  std::function<ImU32(const std::string& key)> mark_colour;
  std::string lit_key;     // marks with this key get a soft background (the network view's hover)
};

// Draws `latex` at the cursor and advances it. A formula wider than the space (an unbreakable
// piece) gets its own box that scrolls sideways. Returns the key of the hovered mark, or "".
// A LaTeX error shows as the error text (it is a bug of ours, not the reader's).
std::string draw_formula(const char* id, const std::string& latex, const FormulaStyle& style = {});

// The formula's size in px at this width (for layout, e.g. embeds growing to their content).
ImVec2 formula_size(const std::string& latex, const FormulaStyle& style, float max_width);

// What the page's typesetter makes of `latex` at `max_width` px (0: one line), for the JS API's
// typeset({latex, width}): {ok, error, width, height, lines, runs, marks: [keys]} in CSS px.
nlohmann::json typeset_report(const std::string& latex, float max_width_css);

// The UI's own CPU time spent typesetting (not painting) since the page started, ms; and how
// many formulas were typeset (a cache keeps each one until its text or width changes).
struct TypesetStats {
  double ms = 0.0;
  long long layouts = 0;
};
const TypesetStats& typeset_stats();

}  // namespace bpl::web
