#pragma once
// Look and feel: mermaid's default flowchart palette (light) and its dark
// theme, the embedded math font, and HiDPI scaling.
#include "imgui.h"

namespace bpl::web {

enum class Theme { light, dark };

// The mermaid-like colours the canvas views draw with.
struct Palette {
  ImU32 node_fill, node_border, node_text;
  ImU32 edge, edge_positive, edge_negative, highlight;
  ImU32 subgraph_fill, subgraph_border;
  ImU32 text_muted;
  ImU32 accent, accent_text;  // the Play button: white text at ≥ 4.5:1
  ImU32 callout_fill;         // first-visit hints
};
const Palette& palette();

// The colours of a derivation's factors, in order (web/derivation_panel.cpp): distinct from each
// other and from the edge colours, ≥ 4.5:1 against the theme's window as text.
ImU32 factor_palette_colour(int index);

// Applies the ImGui style for `theme` at `pixel_ratio` and (once) loads the fonts.
void apply_theme(Theme theme, float pixel_ratio);

// On a coarse pointer (a finger), apply_theme grows frame padding and spacing so
// that every button, checkbox and slider is at least 32 CSS px tall.
void set_touch_targets(bool coarse_pointer);

// Fonts loaded by apply_theme: body text and a larger one for headings.
ImFont* heading_font();
// The typeset formulas' fonts (web/math_view.h): DejaVu Serif, upright or italic, loaded at
// kFormulaFontSize CSS px × the pixel ratio.
inline constexpr float kFormulaFontSize = 17.0f;
ImFont* formula_font(bool italic);

}  // namespace bpl::web
