#include "embed.h"

#include <algorithm>

#include "app.h"
#include "panels.h"

namespace bpl::web {

namespace {
bool contains(const std::vector<std::string>& list, const char* name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}
}  // namespace

bool panel_visible(const App& app, const char* panel) {
  return !app.embed.embed || app.embed.panels.empty() || contains(app.embed.panels, panel);
}

bool control_visible(const App& app, const char* control) { return !contains(app.embed.hide, control); }

float draw_embedded(App& app) {
  const float scale = app.pixel_ratio;
  const float width = ImGui::GetContentRegionAvail().x;
  const float start_y = ImGui::GetCursorPosY();
  // Natural heights in CSS pixels: the frame's height follows from the panels chosen.
  auto panel = [&](const char* name, float height, auto draw) {
    if (!panel_visible(app, name)) return;
    ImGui::BeginChild(name, ImVec2(width, height * scale), true, ImGuiWindowFlags_NoScrollbar);
    draw();
    ImGui::EndChild();
  };
  if (app.demo == Demo::expression) {
    panel("expression", 720, [&] { draw_expression_demo(app); });
  } else {
    if (!app.network.notice.empty()) ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1.0f), "%s", app.network.notice.c_str());
    draw_play_controls(app);  // always: a hidden control keeps its metric (the epoch counter stays)
    panel("network", 300, [&] {
      if (control_visible(app, "gradientLens")) ImGui::Checkbox("gradient lens", &app.network.gradient_lens);
      draw_network_view(app, ImGui::GetContentRegionAvail());
    });
    panel("training", 430, [&] { draw_training_panel(app); });
    panel("derivation", 260, [&] { draw_derivation_panel(app); });
    panel("output", 380, [&] { draw_output_panel(app, ImGui::GetContentRegionAvail()); });
    panel("curves", 200, [&] { draw_curves_panel(app, ImGui::GetContentRegionAvail()); });
  }
  return (ImGui::GetCursorPosY() - start_y) / scale + 2.0f * ImGui::GetStyle().WindowPadding.y / scale;
}

}  // namespace bpl::web
