// The output view: the network's output over the input window as a heatmap
// (our fragment shader), the train and test points, and under it the colour
// bar and the classes' colours. Click adds a point of class 1 (shift: class 0).
// Each hidden unit's own picture is in its node (network_view.cpp).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app.h"
#include "engine/expr/format.h"
#include "panels.h"

namespace bpl::web {

namespace {

constexpr ImU32 kClassOne = IM_COL32(0x08, 0x77, 0xBD, 0xFF);   // Playground blue
constexpr ImU32 kClassZero = IM_COL32(0xF5, 0x93, 0x22, 0xFF);  // Playground orange

HeatmapStyle output_style(const NetworkDemo& demo) {
  HeatmapStyle style;
  style.discretize = demo.discretize;
  if (is_classification(demo.trainer.config().dataset)) {
    style.lo = 0.0f;
    style.hi = 1.0f;
  } else {
    style.lo = -1.0f;
    style.hi = 1.0f;
  }
  return style;
}

ImU32 point_colour(const NetworkDemo& demo, double label) {
  if (is_classification(demo.trainer.config().dataset)) return label > 0.5 ? kClassOne : kClassZero;
  const float t = float(std::clamp((label + 1.0) * 0.5, 0.0, 1.0));
  const ImVec4 a = ImColor(kClassZero).Value, b = ImColor(kClassOne).Value;
  return ImColor(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, a.z + (b.z - a.z) * t, 1.0f);
}

// Drawing every point of a 100,000-point set took seconds a frame: past
// kMaxDrawnPoints a set is drawn 1 point in `stride`, and the view says so.
constexpr std::size_t kMaxDrawnPoints = 2000;

void draw_points(ImDrawList* list, NetworkDemo& demo, ImVec2 p0, ImVec2 p1, float scale) {
  const InputWindow window = demo.trainer.window();
  auto to_screen = [&](const Point& p) {
    const float u = float((p.x1 - window.min) / (window.max - window.min));
    const float v = float((window.max - p.x2) / (window.max - window.min));
    return ImVec2(p0.x + u * (p1.x - p0.x), p0.y + v * (p1.y - p0.y));
  };
  const float radius = (demo.trainer.dataset().train.size() <= 16 ? 6.0f : 3.0f) * scale;
  std::size_t stride = 1;
  auto draw_set = [&](const std::vector<Point>& points, ImU32 rim) {
    stride = std::max(stride, (points.size() + kMaxDrawnPoints - 1) / kMaxDrawnPoints);
    for (std::size_t i = 0; i < points.size(); i += stride) {
      list->AddCircleFilled(to_screen(points[i]), radius, point_colour(demo, points[i].label));
      list->AddCircle(to_screen(points[i]), radius, rim, 0, 1.0f * scale);
    }
  };
  draw_set(demo.trainer.dataset().train, IM_COL32_WHITE);
  if (demo.show_test_points) draw_set(demo.trainer.dataset().test, IM_COL32_BLACK);
  if (stride > 1) {
    char note[64];
    std::snprintf(note, sizeof note, "1 point in %zu drawn", stride);
    list->AddText(ImVec2(p0.x + 4.0f * scale, p0.y + 2.0f * scale), palette().text_muted, note);
  }
}

void draw_ticks(ImDrawList* list, const InputWindow& window, ImVec2 p0, ImVec2 p1) {
  char text[16];
  for (int i = 0; i <= 4; ++i) {
    const double value = window.min + (window.max - window.min) * i / 4.0;
    std::snprintf(text, sizeof text, "%g", value);
    const float x = p0.x + (p1.x - p0.x) * float(i) / 4.0f;
    const float y = p1.y - (p1.y - p0.y) * float(i) / 4.0f;
    list->AddText(ImVec2(x - ImGui::CalcTextSize(text).x * 0.5f, p1.y + 1), palette().text_muted, text);
    list->AddText(ImVec2(p0.x - ImGui::CalcTextSize(text).x - 3, y - ImGui::GetFontSize() * 0.5f), palette().text_muted, text);
  }
}

void add_point_at(NetworkDemo& demo, ImVec2 mouse, ImVec2 p0, ImVec2 p1) {
  const InputWindow window = demo.trainer.window();
  // 3 decimals: finer than a pixel of the plot, and short in a link (points=…).
  auto rounded = [](double v) { return std::round(v * 1000.0) / 1000.0; };
  const double x1 = rounded(window.min + (mouse.x - p0.x) / (p1.x - p0.x) * (window.max - window.min));
  const double x2 = rounded(window.max - (mouse.y - p0.y) / (p1.y - p0.y) * (window.max - window.min));
  const bool other = ImGui::GetIO().KeyShift;
  const double label = is_classification(demo.trainer.config().dataset) ? (other ? 0.0 : 1.0) : (other ? -1.0 : 1.0);
  FieldErrors errors = demo.trainer.add_point(x1, x2, label, false);
  demo.notice = errors.empty() ? "" : to_string(errors.front());
  ++demo.weights_version;
}

// The colour bar (lo … hi as the map draws them) and, for classes, their colours.
void draw_map_legend(NetworkDemo& demo, ImVec2 p0, float side, float scale) {
  const HeatmapStyle style = output_style(demo);
  ImDrawList* list = ImGui::GetWindowDrawList();
  const float bar_h = 10.0f * scale;
  ImGui::SetCursorScreenPos(ImVec2(p0.x, ImGui::GetCursorScreenPos().y));
  const ImVec2 b0 = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(side, bar_h + ImGui::GetTextLineHeight()));
  draw_colour_bar(list, b0, ImVec2(b0.x + side, b0.y + bar_h), style);
  list->AddRect(b0, ImVec2(b0.x + side, b0.y + bar_h), palette().text_muted);
  const float values[] = {style.lo, (style.lo + style.hi) * 0.5f, style.hi};
  for (int i = 0; i < 3; ++i) {
    const std::string text = expr::format_number(values[i]);
    const float w = ImGui::CalcTextSize(text.c_str()).x;
    const float x = b0.x + side * float(i) * 0.5f - w * float(i) * 0.5f;
    list->AddText(ImVec2(x, b0.y + bar_h), palette().text_muted, text.c_str());
  }
  ImGui::SetCursorScreenPos(ImVec2(p0.x, ImGui::GetCursorScreenPos().y));
  const bool classes = is_classification(demo.trainer.config().dataset);
  auto dot = [&](ImU32 colour, const char* text) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float r = 5.0f * scale;
    ImGui::Dummy(ImVec2(2.0f * r, ImGui::GetTextLineHeight()));
    list->AddCircleFilled(ImVec2(at.x + r, at.y + ImGui::GetTextLineHeight() * 0.5f), r, colour);
    ImGui::SameLine();
    ImGui::TextUnformatted(text);
  };
  if (classes) {
    dot(kClassOne, "class 1 (P → 1)");
    ImGui::SameLine();
    dot(kClassZero, "class 0 (P → 0)");
    ImGui::SetCursorScreenPos(ImVec2(p0.x, ImGui::GetCursorScreenPos().y));
    ImGui::TextDisabled("map: P(class 1) at each point");
  } else {
    dot(kClassOne, "target 1");
    ImGui::SameLine();
    dot(kClassZero, "target −1");
    ImGui::SetCursorScreenPos(ImVec2(p0.x, ImGui::GetCursorScreenPos().y));
    ImGui::TextDisabled("map: the output at each point");
  }
}

}  // namespace

void draw_output_panel(App& app, ImVec2 size) {
  NetworkDemo& demo = app.network;
  if (!demo.grids_shown) refresh_grids(demo);  // once a frame, whichever view asks first
  ImGui::Checkbox("discretize", &demo.discretize);
  ImGui::SameLine();
  ImGui::TextDisabled("click: add point · shift+click: other class");
  const float margin = ImGui::CalcTextSize("-0.5").x + 6.0f;
  // The map, its tick labels and its legend (bar, bar labels, classes, caption) fill the panel.
  const float below = ImGui::GetFontSize() + 10.0f * app.pixel_ratio + 4.0f * ImGui::GetTextLineHeightWithSpacing();
  const float side = std::max(std::min(size.x - margin, size.y - ImGui::GetFrameHeightWithSpacing() - below), 60.0f);
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + margin);
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const ImVec2 p1(p0.x + side, p0.y + side);
  ImGui::InvisibleButton("output-view", ImVec2(side, side + ImGui::GetFontSize()));
  ImDrawList* list = ImGui::GetWindowDrawList();
  if (demo.trainer.status() == TrainStatus::ok) {
    draw_heatmap(list, p0, p1, demo.output_texture, output_style(demo));
  } else {
    list->AddRectFilled(p0, p1, IM_COL32(0xEE, 0xEE, 0xEE, 0xFF));
    list->AddText(ImVec2(p0.x + 8, p0.y + 8), palette().text_muted, "diverged: no picture to show");
  }
  draw_points(list, demo, p0, p1, app.pixel_ratio);
  list->AddRect(p0, p1, palette().text_muted);
  draw_ticks(list, demo.trainer.window(), p0, p1);
  if (ImGui::IsItemClicked() && ImGui::GetIO().MousePos.y <= p1.y) add_point_at(demo, ImGui::GetIO().MousePos, p0, p1);
  draw_map_legend(demo, p0, side, app.pixel_ratio);
}

}  // namespace bpl::web
