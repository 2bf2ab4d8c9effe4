#include "app.h"

#include <GLFW/glfw3.h>

#include <algorithm>

#include "imgui.h"
#include "imgui_internal.h"  // ClosePopupToLevel: Esc closes every popup
#include "app_state.h"
#include "page_frame.h"
#include "panels.h"
#include "platform.h"

namespace bpl::web {

namespace {

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

}  // namespace

const char* demo_name(Demo demo) { return demo == Demo::network ? "network" : "expression"; }

void init_app(App& app, float pixel_ratio) {
  app.build = build_info();
  app.pixel_ratio = pixel_ratio;
  apply_theme(app.theme, pixel_ratio);
  reset_network(app.network);
  app.default_state = get_state(app);
}

void draw_frame(App& app) {
  app.network.grids_shown = false;
  advance_network(app.network);
  handle_keyboard(app);
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGui::SetNextWindowScroll(ImVec2(0, 0));  // the browser scrolls the page (page_frame.h)
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                 ImGuiWindowFlags_NoScrollWithMouse;
  ImGui::Begin(kPageWindowName, nullptr, flags);
  scroll_page_with_wheel();
  if (app.embed.embed) {
    app.content_height = draw_embedded(app);
  } else {
    // The panels scroll under the header: clipped below it, they are neither drawn nor hovered there.
    const float top = header_height(app);
    const ImVec2 window_pos = ImGui::GetWindowPos();
    ImGui::PushClipRect(ImVec2(window_pos.x, window_pos.y + top * app.pixel_ratio),
                        ImVec2(window_pos.x + viewport->WorkSize.x, window_pos.y + viewport->WorkSize.y), false);
    const PageArea area = page_area(app, top, true);
    if (app.demo == Demo::network) draw_network_demo(app, area);
    else draw_expression_demo(app, area);
    ImGui::PopClipRect();
    draw_header(app);
    app.content_height = app.page.layout.height;
  }
  ImGui::End();
  set_page_height(app.content_height);
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
