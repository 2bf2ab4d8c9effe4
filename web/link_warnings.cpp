#include "link_warnings.h"

#include <algorithm>

#include "app.h"
#include "imgui.h"

namespace bpl::web {

namespace {
int shown_count(const LinkWarnings& w) { return std::min<int>(int(w.kept.size()), kMaxShownWarnings); }
}  // namespace

void set_link_warnings(App& app, const std::vector<std::string>& warnings) {
  LinkWarnings& w = app.link_warnings;
  w = LinkWarnings{};
  w.total = int(warnings.size());
  w.kept.assign(warnings.begin(), warnings.begin() + std::min<std::size_t>(warnings.size(), kMaxKeptWarnings));
}

void draw_link_warnings(App& app) {
  LinkWarnings& w = app.link_warnings;
  if (w.total == 0 || w.dismissed) {
    w.dismiss_w = w.dismiss_h = 0;
    return;
  }
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float margin = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x - margin, viewport->WorkPos.y + margin * 2.5f),
                          ImGuiCond_Always, ImVec2(1.0f, 0.0f));
  // At most half the page's height (the panels under it stay usable, and Dismiss clears it) and
  // never wider than the page: on a phone the text wraps inside it instead of running off the edge.
  const float max_width = viewport->WorkSize.x - 2.0f * margin;
  ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(max_width, viewport->WorkSize.y * 0.5f));
  const ImGuiWindowFlags flags = ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoFocusOnAppearing;
  bool open = true;
  if (ImGui::Begin("This link had fields that could not be used", &open, flags)) {
    // Dismiss first: on a small page the list scrolls, and the button must stay in view.
    if (ImGui::Button("Dismiss")) open = false;
    const ImVec2 min = ImGui::GetItemRectMin(), size = ImGui::GetItemRectSize();
    w.dismiss_x = min.x;
    w.dismiss_y = min.y;
    w.dismiss_w = size.x;
    w.dismiss_h = size.y;
    if (max_width > ImGui::GetFontSize() * 24) ImGui::SameLine();  // a phone gets it on its own line
    ImGui::TextDisabled("The rest of the link applied.");
    const float padding = 2.0f * ImGui::GetStyle().WindowPadding.x + ImGui::GetStyle().ScrollbarSize;
    ImGui::PushTextWrapPos(std::min(ImGui::GetFontSize() * 30, max_width - padding));
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.1f, 0.1f, 1.0f));
    for (int i = 0; i < shown_count(w); ++i) ImGui::TextWrapped("• %s", w.kept[std::size_t(i)].c_str());
    ImGui::PopStyleColor();
    if (w.total > shown_count(w)) {
      ImGui::TextDisabled("… and %d more (window.backprop.urlWarnings lists them)", w.total - shown_count(w));
    }
    ImGui::PopTextWrapPos();
  }
  ImGui::End();
  if (!open) w.dismissed = true;
}

nlohmann::json link_warnings_list(const App& app) {
  const LinkWarnings& w = app.link_warnings;
  nlohmann::json list = w.kept;
  if (w.total > int(w.kept.size())) list.push_back("… and " + std::to_string(w.total - int(w.kept.size())) + " more");
  return list;
}

nlohmann::json link_warnings_layout(const App& app) {
  const LinkWarnings& w = app.link_warnings;
  const bool open = w.total > 0 && !w.dismissed;
  const float r = app.pixel_ratio;
  return {{"total", w.total},
          {"shown", open ? shown_count(w) : 0},
          {"open", open},
          {"dismiss", open && w.dismiss_w > 0 ? nlohmann::json{{"x", w.dismiss_x / r}, {"y", w.dismiss_y / r},
                                                                {"width", w.dismiss_w / r}, {"height", w.dismiss_h / r}}
                                              : nlohmann::json(nullptr)}};
}

}  // namespace bpl::web
