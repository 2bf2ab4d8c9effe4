// The network view's footer: the selected parameter's line and the legend
// (edge colour = sign, width = magnitude, of w or of ∂L/∂w under the gradient
// lens; the highlight; the nodes' heatmaps).
#include "network_legend.h"

#include <algorithm>
#include <string>
#include <vector>

#include "app.h"
#include "engine/expr/format.h"
#include "engine/mlp/parameter_names.h"
#include "heatmap.h"

namespace bpl::web {

namespace {

enum class Swatch { line, widths, ramp };

struct LegendItem {
  Swatch swatch;
  ImU32 colour;
  std::string text;
};

std::vector<LegendItem> legend_items(const App& app) {
  const Palette& colours = palette();
  const bool lens = app.network.gradient_lens;
  std::vector<LegendItem> items;
  if (lens) {
    items.push_back({Swatch::line, colours.edge_positive, "∂L/∂w > 0: a step lowers w"});
    items.push_back({Swatch::line, colours.edge_negative, "∂L/∂w < 0: a step raises w"});
    items.push_back({Swatch::widths, colours.text_muted, "width ∝ |∂L/∂w|"});
  } else {
    items.push_back({Swatch::line, colours.edge_positive, "w > 0"});
    items.push_back({Swatch::line, colours.edge_negative, "w < 0"});
    items.push_back({Swatch::widths, colours.text_muted, "width ∝ |w|"});
  }
  if (!app.network.selected.empty()) items.push_back({Swatch::line, colours.highlight, "paths to the loss"});
  items.push_back({Swatch::ramp, 0, "node maps: low → high"});
  return items;
}

float swatch_width(float scale) { return 24.0f * scale; }

float item_width(const LegendItem& item, float scale) {
  return swatch_width(scale) + 4.0f * scale + ImGui::CalcTextSize(item.text.c_str()).x + 12.0f * scale;
}

// Rows the items flow into at `width`.
int legend_rows(const std::vector<LegendItem>& items, float width, float scale) {
  int rows = 1;
  float x = 0.0f;
  for (const LegendItem& item : items) {
    const float w = item_width(item, scale);
    if (x > 0.0f && x + w > width) { ++rows; x = 0.0f; }
    x += w;
  }
  return rows;
}

void draw_swatch(ImDrawList* list, const LegendItem& item, ImVec2 p, float line_h, float scale) {
  const float w = swatch_width(scale), mid = p.y + line_h * 0.5f;
  switch (item.swatch) {
    case Swatch::line:
      list->AddLine(ImVec2(p.x, mid), ImVec2(p.x + w, mid), item.colour, 3.0f * scale);
      break;
    case Swatch::widths:  // thin to thick: the edge width scale
      list->AddLine(ImVec2(p.x, mid - 4.0f * scale), ImVec2(p.x + w, mid - 4.0f * scale), item.colour, 1.0f * scale);
      list->AddLine(ImVec2(p.x, mid + 3.0f * scale), ImVec2(p.x + w, mid + 3.0f * scale), item.colour, 5.0f * scale);
      break;
    case Swatch::ramp: {
      HeatmapStyle style;
      style.lo = 0.0f;
      style.hi = 1.0f;
      draw_colour_bar(list, ImVec2(p.x, mid - 5.0f * scale), ImVec2(p.x + w, mid + 5.0f * scale), style);
      break;
    }
  }
}

void draw_selected_line(App& app) {
  NetworkDemo& demo = app.network;
  const std::optional<ParameterRef> p = selected_parameter(demo);
  if (!p) {
    ImGui::TextDisabled("Click a weight to select it · double-click to edit it");
    return;
  }
  const Network<float>& net = demo.trainer.network();
  const StepTrace<double>& trace = batch_trace(demo, false);
  const bool traced = int(trace.layers.size()) == net.depth();
  const std::string id = parameter_id(net, *p);
  ImGui::AlignTextToFramePadding();
  ImGui::Text("%s = %s", id.c_str(), expr::format_number(parameter_value(net, *p)).c_str());
  // The gradient only where it leaves room for the button (the tooltip and the derivation have it too).
  const float button_w = ImGui::CalcTextSize("Edit value").x + 2.0f * ImGui::GetStyle().FramePadding.x;
  const std::string gradient = traced ? "∂L/∂" + id + " = " + expr::format_number(trace.gradient(*p)) : "";
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  ImGui::SameLine();
  if (traced && ImGui::GetContentRegionAvail().x >= ImGui::CalcTextSize(gradient.c_str()).x + 2 * spacing + button_w) {
    ImGui::TextDisabled("%s", gradient.c_str());
    ImGui::SameLine();
  }
  const ImVec2 at = ImGui::GetCursorScreenPos();
  if (ImGui::Button("Edit value")) open_value_editor(demo);
  const ImVec2 size = ImGui::GetItemRectSize();
  demo.control_targets.push_back({"editValue", at.x + size.x * 0.5f, at.y + size.y * 0.5f});
}

}  // namespace

float network_footer_height(const App& app, float width) {
  const float line_h = ImGui::GetTextLineHeightWithSpacing();
  return ImGui::GetFrameHeightWithSpacing() + line_h * float(legend_rows(legend_items(app), width, app.pixel_ratio));
}

void draw_network_footer(App& app, float left, float right) {
  draw_selected_line(app);
  const float scale = app.pixel_ratio;
  const std::vector<LegendItem> items = legend_items(app);
  const float line_h = ImGui::GetTextLineHeightWithSpacing();
  ImDrawList* list = ImGui::GetWindowDrawList();
  const ImVec2 start = ImGui::GetCursorScreenPos();
  ImVec2 p(left, start.y);
  for (const LegendItem& item : items) {
    const float w = item_width(item, scale);
    if (p.x > left && p.x + w > right) p = ImVec2(left, p.y + line_h);
    draw_swatch(list, item, p, ImGui::GetTextLineHeight(), scale);
    list->AddText(ImVec2(p.x + swatch_width(scale) + 4.0f * scale, p.y), palette().text_muted, item.text.c_str());
    p.x += w;
  }
  ImGui::Dummy(ImVec2(right - left, p.y + line_h - start.y));
  anchor_callout(app, Callout::edge_width, ImVec2(left + 40.0f * scale, p.y + line_h + 2.0f * scale));
}

}  // namespace bpl::web
