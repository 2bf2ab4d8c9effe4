#pragma once
// One draw function per panel (Dear ImGui demo style). Each draws into the
// current window and reads/edits App.
//   network demo:  draw_network_view, draw_derivation_panel, draw_training_panel,
//                  draw_curves_panel, draw_output_panel
//   shared:        draw_header (web/page_header.cpp)
#include "imgui.h"
#include "page_layout.h"

namespace bpl::web {

struct App;

// The header stays at the window's top while the page scrolls under it; drawn after the
// panels (on top of them), its height is last frame's (header_height).
float header_height(const App& app);  // CSS px
void draw_header(App& app);
void draw_play_controls(App& app);
void draw_network_view(App& app, ImVec2 size);
void draw_derivation_panel(App& app);
void draw_training_panel(App& app);
void draw_curves_panel(App& app, ImVec2 size);
void draw_output_panel(App& app, ImVec2 size);
// A demo's panels laid out in `area` (web/page_layout.h): web/network_page.cpp, web/expression_panels.cpp.
void draw_network_demo(App& app, PageArea area);
void draw_expression_demo(App& app, PageArea area);

// A small heading with a rule under it (ImGui 1.86 has no SeparatorText).
inline void section_title(const char* title) {
  ImGui::Spacing();
  ImGui::TextDisabled("%s", title);
  ImGui::Separator();
}

}  // namespace bpl::web
