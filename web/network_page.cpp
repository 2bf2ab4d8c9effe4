// The network demo's panels on the page and in an embed, in teaching order:
// play controls and metrics, the network, the chain rule of the selected
// weight, the data and output, the curves, the training settings
// (web/page_layout.h places them in one, two or three columns).
#include <algorithm>

#include "app.h"
#include "embed.h"
#include "network_layout.h"
#include "page_frame.h"
#include "panels.h"

namespace bpl::web {

namespace {

int widest_drawn_layer(const Network<float>& net) {
  int widest = 1;
  for (int l = 0; l <= net.depth(); ++l) widest = std::max(widest, std::min(net.units(l), kMaxDrawnUnits));
  return widest;
}

// Sizes in CSS px. A view (network, output, curves) wants a height that suits its width;
// a text panel (controls, derivation, training) wants its content's height.
std::vector<PanelSpec> network_panels(const App& app) {
  std::vector<PanelSpec> panels = {
      //  name          min w  min h  height                                        share col3 col2
      {"controls", 260, 0, content_height(app, "controls", 60), 0, 0, 0},
      {"network", 300, 300, 0, 0.52f, 1, 0},
      {"derivation", 300, 160, content_height(app, "derivation", 300), 0.48f, 1, 0},
      {"output", 260, 260, content_height(app, "output", 0), 0.62f, 2, 1},
      {"curves", 260, 170, 0, 0.38f, 2, 1},
      {"training", 260, 200, content_height(app, "training", 430), 1.0f, 0, 1},
  };
  panels[1].aspect = 0.8f, panels[1].max_height = 520;   // the net reads left to right: wider than tall
  panels[1].height = 140.0f + 48.0f * float(widest_drawn_layer(app.network.trainer.network()));  // room per unit row
  panels[3].aspect = 1.35f, panels[3].max_height = 760;  // a square map, the hidden units' maps below
  panels[4].aspect = 0.5f, panels[4].max_height = 260;
  if (app.embed.embed) {
    panels.erase(std::remove_if(panels.begin() + 1, panels.end(),
                                [&](const PanelSpec& panel) { return !panel_visible(app, panel.name.c_str()); }),
                 panels.end());
  }
  return panels;
}

void draw_notice(const std::string& notice) {
  if (notice.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.1f, 0.1f, 1.0f));
  ImGui::TextWrapped("%s", notice.c_str());
  ImGui::PopStyleColor();
}

}  // namespace

void draw_network_demo(App& app, PageArea area) {
  area.column_weights3[0] = 0.15f, area.column_weights3[1] = 0.55f, area.column_weights3[2] = 0.30f;
  set_page_layout(app, area, network_panels(app));
  const ImGuiWindowFlags fixed = ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
  draw_panel(app, "controls", false, ImGuiWindowFlags_NoScrollbar, [&] {
    draw_notice(app.network.notice);
    draw_play_controls(app);  // always: a hidden control keeps its metric (the epoch counter stays)
  });
  draw_panel(app, "network", true, fixed, [&] {
    if (control_visible(app, "gradientLens"))
      ImGui::Checkbox("gradient lens (edges show ∂L/∂w)", &app.network.gradient_lens);
    draw_network_view(app, ImGui::GetContentRegionAvail());
  });
  draw_panel(app, "derivation", true, 0, [&] { draw_derivation_panel(app); });
  draw_panel(app, "output", true, 0, [&] { draw_output_panel(app, ImGui::GetContentRegionAvail()); });
  draw_panel(app, "curves", true, fixed, [&] { draw_curves_panel(app, ImGui::GetContentRegionAvail()); });
  draw_panel(app, "training", true, 0, [&] { draw_training_panel(app); });
}

}  // namespace bpl::web
