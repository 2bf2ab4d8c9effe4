#include "callouts.h"

#include <algorithm>
#include <cstdlib>
#include <string>

#include "app.h"
#include "imgui_internal.h"  // FindWindowByName: the note's size last frame
#include "platform.h"

namespace bpl::web {

namespace {

const char* callout_name(Callout callout) {
  switch (callout) {
    case Callout::play: return "play";
    case Callout::click_weight: return "clickWeight";
    case Callout::edge_width: return "edgeWidth";
  }
  return "";
}

const char* callout_text(Callout callout) {
  switch (callout) {
    case Callout::play: return "Press Play to train the network.";
    case Callout::click_weight: return "Click a weight to see its chain rule.";
    case Callout::edge_width: return "Edge thickness = |weight|; blue > 0, orange < 0.";
  }
  return "";
}

// Where the note sits relative to its anchor: below Play, above the network's edges, below the legend.
ImVec2 callout_pivot(Callout callout) { return callout == Callout::click_weight ? ImVec2(0.5f, 1.0f) : ImVec2(0.0f, 0.0f); }

bool is_dismissed(const App& app, Callout callout) { return app.callouts.dismissed & (1u << int(callout)); }

}  // namespace

void load_callouts(App& app) {
  const std::string stored = load_local_setting(kCalloutsStorageKey);
  app.callouts.dismissed = stored.empty() ? 0u : unsigned(std::strtoul(stored.c_str(), nullptr, 10));
}

void anchor_callout(App& app, Callout callout, ImVec2 point) {
  app.callouts.anchor[int(callout)] = point;
  app.callouts.anchored[int(callout)] = true;
}

void dismiss_callout(App& app, Callout callout) {
  if (is_dismissed(app, callout)) return;
  app.callouts.dismissed |= 1u << int(callout);
  save_local_setting(kCalloutsStorageKey, std::to_string(app.callouts.dismissed));
}

void draw_callouts(App& app) {
  const Palette& colours = palette();
  for (int i = 0; i < kCalloutCount; ++i) {
    const Callout callout = Callout(i);
    const bool shown = app.callouts.anchored[i] && !is_dismissed(app, callout) && !app.embed.embed;
    app.callouts.anchored[i] = false;  // the next frame anchors it again if its target is drawn
    if (!shown) continue;
    const std::string id = std::string("##callout-") + callout_name(callout);
    // Placed by the pivot and kept on screen before Begin, with the note's size from its last
    // frame: moving it after Begin would leave its background behind its text.
    const ImVec2 display = ImGui::GetIO().DisplaySize, pivot = callout_pivot(callout);
    const ImGuiWindow* last = ImGui::FindWindowByName(id.c_str());
    const ImVec2 extent = last ? last->Size : ImVec2(0, 0);
    const ImVec2 at(app.callouts.anchor[i].x - pivot.x * extent.x, app.callouts.anchor[i].y - pivot.y * extent.y);
    ImGui::SetNextWindowPos(ImVec2(std::clamp(at.x, 0.0f, std::max(display.x - extent.x, 0.0f)),
                                   std::clamp(at.y, 0.0f, std::max(display.y - extent.y, 0.0f))),
                            ImGuiCond_Always);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, colours.callout_fill);
    ImGui::PushStyleColor(ImGuiCol_Border, colours.highlight);
    ImGui::PushStyleColor(ImGuiCol_Text, colours.node_text);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.5f * app.pixel_ratio);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                   ImGuiWindowFlags_NoMove;
    if (ImGui::Begin(id.c_str(), nullptr, flags)) {
      // Wrapped to fit a phone: at most 90 % of the screen, with the button beside or under it.
      const float wrap = std::min(display.x * 0.9f, ImGui::GetFontSize() * 26.0f) - ImGui::GetStyle().WindowPadding.x * 2;
      const float button_w = ImGui::CalcTextSize("Got it").x + ImGui::GetStyle().FramePadding.x * 2;
      const bool beside = ImGui::CalcTextSize(callout_text(callout)).x + button_w + ImGui::GetStyle().ItemSpacing.x <= wrap;
      ImGui::PushTextWrapPos(beside ? -1.0f : ImGui::GetCursorPosX() + wrap);  // -1: no wrapping
      ImGui::TextUnformatted(callout_text(callout));
      ImGui::PopTextWrapPos();
      if (beside) ImGui::SameLine();
      const ImVec2 button = ImGui::GetCursorScreenPos();
      if (ImGui::SmallButton((std::string("Got it") + id).c_str())) dismiss_callout(app, callout);
      const ImVec2 size = ImGui::GetItemRectSize();
      app.network.control_targets.push_back({std::string("callout:") + callout_name(callout),
                                             button.x + size.x * 0.5f, button.y + size.y * 0.5f});
    }
    ImGui::End();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(3);
  }
}

}  // namespace bpl::web
