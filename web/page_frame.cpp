#include "page_frame.h"

#include <cmath>

#include "imgui_internal.h"  // HoveredWindow, WheelingWindow: where ImGui sends a wheel turn
#include "app.h"
#include "platform.h"

namespace bpl::web {

PageArea page_area(const App& app, float top_css, bool fit_viewport) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const ImGuiStyle& style = ImGui::GetStyle();
  PageArea area;
  area.width = viewport->WorkSize.x / app.pixel_ratio;
  area.height = viewport->WorkSize.y / app.pixel_ratio;
  area.top = top_css;
  area.gap = style.ItemSpacing.x / app.pixel_ratio;
  area.margin = style.WindowPadding.x / app.pixel_ratio;
  area.fit_viewport = fit_viewport;
  return area;
}

float content_height(const App& app, const std::string& name, float fallback) {
  const auto found = app.page.content.find(name);
  return found == app.page.content.end() ? fallback : found->second;
}

void set_page_layout(App& app, const PageArea& area, const std::vector<PanelSpec>& panels) {
  app.page.layout = layout_page(area, panels);
}

void draw_panel(App& app, const std::string& name, bool border, ImGuiWindowFlags flags,
                const std::function<void()>& draw) {
  const PanelRect* rect = app.page.layout.find(name);
  if (!rect) return;
  const float scale = app.pixel_ratio;
  const ImVec2 window_pos = ImGui::GetWindowPos();
  // Page coordinates, shifted by the browser's scroll (page_frame.h).
  ImGui::SetCursorScreenPos(ImVec2(window_pos.x + rect->x * scale, window_pos.y + (rect->y - app.page.scroll_y) * scale));
  // A panel out of view (scrolled away) skips its items: its height stays the one last measured.
  if (ImGui::BeginChild(name.c_str(), ImVec2(rect->width * scale, rect->height * scale), border, flags)) {
    draw();
    record_content_height(app, name);
  }
  ImGui::EndChild();
}

void record_content_height(App& app, const std::string& name) {
  // GetCursorPosY is in content coordinates (scroll included): the content's true height.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float used = (ImGui::GetCursorPosY() - style.ItemSpacing.y + style.WindowPadding.y) / app.pixel_ratio;
  float& recorded = app.page.content[name];
  if (std::fabs(recorded - used) >= 1.0f) {
    recorded = std::ceil(used);
    wake(app);
  }
}

void scroll_page_with_wheel() {
  const ImGuiContext& g = *GImGui;
  const float wheel = g.IO.MouseWheel;
  if (wheel == 0.0f) return;
  // ImGui's UpdateMouseWheel (1.86): an item that takes the wheel keeps it; otherwise it goes to
  // the hovered window, or up to the first parent that can scroll.
  if ((g.ActiveId != 0 && g.ActiveIdUsingMouseWheel) ||
      (g.HoveredIdPreviousFrame != 0 && g.HoveredIdPreviousFrameUsingMouseWheel))
    return;
  ImGuiWindow* window = g.WheelingWindow ? g.WheelingWindow : g.HoveredWindow;
  while (window && (window->Flags & ImGuiWindowFlags_ChildWindow) &&
         (window->ScrollMax.y == 0.0f || (window->Flags & ImGuiWindowFlags_NoScrollWithMouse)))
    window = window->ParentWindow;
  // Only the page's own window: a popup or a panel with a scrollbar keeps its wheel.
  if (!window || window->ParentWindow || std::string(window->Name) != kPageWindowName) return;
  // main.cpp turned the browser's pixels into notches of 100 px; positive is up.
  scroll_page_by(-wheel * 100.0f);
}

}  // namespace bpl::web
