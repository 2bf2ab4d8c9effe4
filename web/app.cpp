#include "app.h"

#include <algorithm>
#include <cstring>

#include "imgui.h"
#include "imgui_internal.h"  // ClosePopupToLevel: Esc closes every popup
#include "app_state.h"
#include "engine/formats/state_schema.h"
#include "exchange.h"
#include "keyboard.h"
#include "page_frame.h"
#include "panels.h"
#include "platform.h"

namespace bpl::web {

namespace {

// Esc closes every open popup and dialog (the value editor, Share, Import, a combo),
// even from a text field; with none open, it puts the focus rectangle away and dismisses
// the link's warnings. The shortcuts (Space, arrows, R, ?): web/keyboard.cpp.
void handle_escape(App& app) {
  if (!ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) return;
  if (!GImGui->OpenPopupStack.empty()) {
    ImGui::ClosePopupToLevel(0, true);
    return;
  }
  hide_focus_rectangle();
  app.link_warnings.dismissed = true;
}

// ImGui 1.86 lets an open popup (the value editor, a combo) block every other window:
// a click outside only closes it, and the button clicked (Play) needs a second click.
// Closing it before anything is drawn lets that first click through. Not a modal dialog
// (Share, Import: a click outside is meant to do nothing), nor a combo's list (a click on
// its own header would open it again instead of closing it).
void close_popups_on_outside_click() {
  if (!ImGui::IsMouseClicked(ImGuiMouseButton_Left) || GImGui->OpenPopupStack.empty()) return;
  const ImGuiWindow* popup = GImGui->OpenPopupStack[0].Window;
  if (!popup || (popup->Flags & ImGuiWindowFlags_Modal) || std::strncmp(popup->Name, "##Combo_", 8) == 0) return;
  const ImGuiWindow* hovered = GImGui->HoveredWindow;
  const bool inside = hovered && (hovered->RootWindow->Flags & ImGuiWindowFlags_Popup);
  if (!inside) ImGui::ClosePopupToLevel(0, true);
}

}  // namespace

const char* demo_name(Demo demo) { return demo == Demo::network ? "network" : "expression"; }

void init_app(App& app, float pixel_ratio) {
  app.build = build_info();
  app.pixel_ratio = pixel_ratio;
  apply_theme(app.theme, pixel_ratio);
  reset_network(app.network);
  load_callouts(app);
  app.default_state = get_state(app);  // links are read over the seed's xor4 (page_start_config)
  configure_network(app.network, page_start_config());
}

void draw_frame(App& app) {
  app.network.grids_shown = false;
  app.network.control_targets.clear();
  advance_network(app.network);
  handle_escape(app);
  close_popups_on_outside_click();
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
  draw_callouts(app);       // likewise
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
