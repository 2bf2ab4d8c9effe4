#include "app.h"

#include <GLFW/glfw3.h>

#include <algorithm>

#include "imgui.h"
#include "imgui_internal.h"  // ClosePopupToLevel: Esc closes every popup
#include "app_state.h"
#include "engine/formats/state_schema.h"
#include "exchange.h"
#include "panels.h"
#include "share.h"
#include "platform.h"

namespace bpl::web {

namespace {

void draw_notice(const std::string& notice) {
  if (notice.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.1f, 0.1f, 1.0f));
  ImGui::TextWrapped("%s", notice.c_str());
  ImGui::PopStyleColor();
}

void handle_keyboard(App& app) {
  const ImGuiIO& io = ImGui::GetIO();
  // Esc closes every open popup and dialog (the value editor, Share, Import, a combo),
  // even from a text field; with none open, it dismisses the link's warnings.
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
    if (!GImGui->OpenPopupStack.empty()) ImGui::ClosePopupToLevel(0, true);
    else app.link_warnings.dismissed = true;
  }
  if (io.WantTextInput || app.demo != Demo::network) return;
  NetworkDemo& demo = app.network;
  // ImGui 1.86 indexes keys by the platform's codes (GLFW's, through its backend).
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) toggle_play(demo);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow)) && !stepping(demo))
    start_step(demo, StepUnit::batch, 1, kSyncStepMs);
  if (ImGui::IsKeyPressed(GLFW_KEY_R, false)) reset_network(demo);
}

void draw_network_demo(App& app) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float left_w = std::clamp(avail.x * 0.24f, 200.0f * app.pixel_ratio, 340.0f * app.pixel_ratio);
  const float right_w = avail.x * 0.30f;
  const float middle_w = avail.x - left_w - right_w - 2 * gap;

  ImGui::BeginChild("training", ImVec2(left_w, avail.y), true);
  draw_training_panel(app);
  ImGui::EndChild();
  ImGui::SameLine();

  ImGui::BeginChild("middle", ImVec2(middle_w, avail.y), false);
  draw_notice(app.network.notice);
  const float view_h = ImGui::GetContentRegionAvail().y * 0.52f;
  ImGui::BeginChild("network", ImVec2(middle_w, view_h), true, ImGuiWindowFlags_NoScrollbar);
  ImGui::Checkbox("gradient lens (edges show ∂L/∂w)", &app.network.gradient_lens);
  draw_network_view(app, ImGui::GetContentRegionAvail());
  ImGui::EndChild();
  ImGui::BeginChild("derivation", ImVec2(middle_w, 0), true);
  draw_derivation_panel(app);
  ImGui::EndChild();
  ImGui::EndChild();
  ImGui::SameLine();

  ImGui::BeginChild("right", ImVec2(right_w, avail.y), false);
  const float output_h = ImGui::GetContentRegionAvail().y * 0.62f;
  ImGui::BeginChild("output", ImVec2(right_w, output_h), true);
  draw_output_panel(app, ImGui::GetContentRegionAvail());
  ImGui::EndChild();
  ImGui::BeginChild("curves", ImVec2(right_w, 0), true, ImGuiWindowFlags_NoScrollbar);
  draw_curves_panel(app, ImGui::GetContentRegionAvail());
  ImGui::EndChild();
  ImGui::EndChild();
}

}  // namespace

const char* demo_name(Demo demo) { return demo == Demo::network ? "network" : "expression"; }

void draw_header(App& app) {
  ImGui::PushFont(heading_font());
  ImGui::TextUnformatted("BackpropLens");
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetFontSize() * 0.3f);
  if (ImGui::RadioButton("Network", app.demo == Demo::network)) app.demo = Demo::network;
  ImGui::SameLine();
  if (ImGui::RadioButton("f(x, y)", app.demo == Demo::expression)) app.demo = Demo::expression;
  ImGui::SameLine();
  bool dark = app.theme == Theme::dark;
  if (ImGui::Checkbox("dark", &dark)) {
    app.theme = dark ? Theme::dark : Theme::light;
    app.embed.theme = dark ? "dark" : "light";
    apply_theme(app.theme, app.pixel_ratio);
  }
  ImGui::SameLine();
  draw_share_dialog(app);
  ImGui::SameLine();
  draw_exchange_menu(app);
  ImGui::SameLine();
  ImGui::TextDisabled("engine %s · %s · SIMD %s", app.build.version.c_str(), app.build.target.c_str(),
                      app.build.simd ? "on" : "off");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("BackpropLens makes backpropagation visible: train a network live and see the chain rule\n"
                      "compute ∂L/∂w for every weight. Keys: Space play/pause, → step a batch, R reset.");
}

void init_app(App& app, float pixel_ratio) {
  app.build = build_info();
  app.pixel_ratio = pixel_ratio;
  apply_theme(app.theme, pixel_ratio);
  reset_network(app.network);
  app.default_state = get_state(app);  // links are read over the seed's xor4 (page_start_config)
  configure_network(app.network, page_start_config());
}

void draw_frame(App& app) {
  app.network.grids_shown = false;
  advance_network(app.network);
  handle_keyboard(app);
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("BackpropLens", nullptr, flags);
  if (app.embed.embed) {
    app.content_height = draw_embedded(app);
  } else {
    draw_header(app);
    if (app.demo == Demo::network) draw_network_demo(app);
    else draw_expression_demo(app);
    app.content_height = viewport->WorkSize.y / app.pixel_ratio;
  }
  ImGui::End();
  draw_link_warnings(app);  // after the page's window: it floats above the panels, not in their layout
}

void wake(App& app) { app.wake_frames = std::max(app.wake_frames, kWakeFrames); }

bool wants_frame(const App& app) {
  const NetworkDemo& demo = app.network;
  const bool grids_pending =
      demo.grids_shown && demo.trainer.status() == TrainStatus::ok && demo.grids_version != demo.weights_version;
  return app.wake_frames > 0 || !app.ready_signalled || training_busy(demo) || grids_pending ||
         descent_animating(app.expression, now_ms()) || ImGui::GetIO().WantTextInput;
}

void after_frame(App& app, double work_ms) {
  ++app.frame_count;
  if (app.wake_frames > 0) --app.wake_frames;
  // The first frame after an idle gap would count the gap as a frame time.
  if (!app.skipped_frame) app.frame_stats.add(ImGui::GetIO().DeltaTime * 1000.0);
  app.skipped_frame = false;
  app.work_stats.add(work_ms);
  // Ready once a real frame is on the canvas, so the page is never blank when it says ready.
  if (!app.ready_signalled && app.frame_count >= 2) {
    app.ready_signalled = true;
    signal_ready();
  }
}

}  // namespace bpl::web
