#pragma once
// The f(x, y) demo's panels, one draw function each (Dear ImGui demo style);
// web/expression_panels.cpp lays them out.
//   expression_panels.cpp           draw_expression_demo, the expression line, presets and point
//   expression_graph_view.cpp       the computation graph and the backward step-through
//   expression_derivation_panel.cpp ∂f/∂x, ∂f/∂y as sums over paths, symbolic, finite differences
//   expression_contour.cpp          f as a contour map with arrows, the point and descent paths
//   expression_descent_panel.cpp    optimizer settings, runs, the per-step table and f by step
#include <string>

#include "imgui.h"

namespace bpl::web {

struct App;
struct DescentRun;

void draw_expression_input_panel(App& app);
void draw_expression_graph_panel(App& app);
void draw_expression_derivation_panel(App& app);
void draw_expression_contour_panel(App& app);
void draw_descent_controls(App& app);
void draw_descent_results(App& app);

// One colour per descent run, distinct from each other and from the contour colours.
ImU32 descent_colour(int index);
// "GD η=0.1 from (1, 1)"
std::string descent_run_title(const DescentRun& run);

}  // namespace bpl::web
