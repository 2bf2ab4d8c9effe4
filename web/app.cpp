#include "app.h"

#include "imgui.h"
#include "platform.h"

namespace bpl::web {

namespace {

void draw_about_panel(App& app) {
  ImGui::PushFont(heading_font());
  ImGui::TextUnformatted("BackpropLens");
  ImGui::PopFont();
  ImGui::TextWrapped(
      "BackpropLens makes backpropagation visible: train a small network live and see the chain "
      "rule compute ∂L/∂w for every weight, with the numbers.");
  ImGui::TextDisabled("engine %s · %s · SIMD %s", app.build.version.c_str(), app.build.target.c_str(),
                      app.build.simd ? "on" : "off");
}

}  // namespace

void init_app(App& app, float pixel_ratio) {
  app.build = build_info();
  app.pixel_ratio = pixel_ratio;
  apply_theme(app.theme, pixel_ratio);
}

void draw_frame(App& app) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("BackpropLens", nullptr, flags);
  draw_about_panel(app);
  ImGui::End();
}

void after_frame(App& app) {
  ++app.frame_count;
  app.frame_stats.add(ImGui::GetIO().DeltaTime * 1000.0);
  // Ready once a real frame is on the canvas, so the page is never blank when it says ready.
  if (!app.ready_signalled && app.frame_count >= 2) {
    app.ready_signalled = true;
    signal_ready();
  }
}

}  // namespace bpl::web
