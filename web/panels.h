#pragma once
// One draw function per panel (Dear ImGui demo style). Each draws into the
// current window and reads/edits App.
//   network demo:  draw_network_view, draw_derivation_panel, draw_training_panel,
//                  draw_curves_panel, draw_output_panel
//   shared:        draw_header
#include "imgui.h"

namespace bpl::web {

struct App;

void draw_header(App& app);
void draw_play_controls(App& app);
void draw_network_view(App& app, ImVec2 size);
void draw_derivation_panel(App& app);
void draw_training_panel(App& app);
void draw_curves_panel(App& app, ImVec2 size);
void draw_output_panel(App& app, ImVec2 size);
void draw_expression_demo(App& app);  // the f(x,y) demo: web/expression_*.cpp

// A small heading with a rule under it (ImGui 1.86 has no SeparatorText).
inline void section_title(const char* title) {
  ImGui::Spacing();
  ImGui::TextDisabled("%s", title);
  ImGui::Separator();
}

}  // namespace bpl::web
