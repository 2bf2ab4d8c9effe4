// The contour plot: f over a window as a heatmap with iso-lines (our fragment
// shader, web/heatmap.h, from the sampled grid), an optional ∇f arrow field,
// the point with its gradient, and the descent paths with a legend.
// Drag pans, the wheel zooms about the mouse, a click sets the point (and starts
// a descent run there when "run on click" is on).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app.h"
#include "engine/expr/format.h"
#include "expression_panels.h"
#include "imgui_internal.h"  // SetItemUsingMouseWheel: the wheel zooms instead of scrolling the panel
#include "panels.h"
#include "platform.h"

namespace bpl::web {

using namespace bpl::expr;

namespace {

constexpr int kArrowsPerSide = 15;
constexpr int kContourLevels = 14;
constexpr double kMinWindow = 1e-4, kMaxWindow = 1e5;  // width of the window in f's coordinates

struct PlotFrame {
  ImVec2 p0, p1;
  FieldWindow w;
  ImVec2 to_screen(double x, double y) const {
    return ImVec2(p0.x + float((x - w.x0) / (w.x1 - w.x0)) * (p1.x - p0.x),
                  p1.y - float((y - w.y0) / (w.y1 - w.y0)) * (p1.y - p0.y));
  }
  double x_at(float sx) const { return w.x0 + (sx - p0.x) / (p1.x - p0.x) * (w.x1 - w.x0); }
  double y_at(float sy) const { return w.y0 + (p1.y - sy) / (p1.y - p0.y) * (w.y1 - w.y0); }
};

// A 1, 2 or 5 × 10ᵏ spacing giving about `count` ticks over `range`.
double nice_step(double range, int count) {
  const double raw = range / count;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  const double m = raw / power;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * power;
}

// Grid lines inside the plot (labels = false) or tick labels outside it (labels = true).
void draw_ticks(ImDrawList* list, const PlotFrame& frame, bool labels) {
  const ImU32 text = palette().text_muted;
  const ImU32 grid = IM_COL32(255, 255, 255, 40);
  char label[32];
  const double step = nice_step(frame.w.x1 - frame.w.x0, 5);
  for (double v = std::ceil(frame.w.x0 / step) * step; v <= frame.w.x1 + step * 1e-9; v += step) {
    const float x = frame.to_screen(v, 0).x;
    std::snprintf(label, sizeof label, "%g", std::fabs(v) < step * 1e-6 ? 0.0 : v);
    if (!labels) list->AddLine(ImVec2(x, frame.p0.y), ImVec2(x, frame.p1.y), grid);
    else list->AddText(ImVec2(x - ImGui::CalcTextSize(label).x * 0.5f, frame.p1.y + 2), text, label);
  }
  for (double v = std::ceil(frame.w.y0 / step) * step; v <= frame.w.y1 + step * 1e-9; v += step) {
    const float y = frame.to_screen(0, v).y;
    std::snprintf(label, sizeof label, "%g", std::fabs(v) < step * 1e-6 ? 0.0 : v);
    if (!labels) list->AddLine(ImVec2(frame.p0.x, y), ImVec2(frame.p1.x, y), grid);
    else list->AddText(ImVec2(frame.p0.x - ImGui::CalcTextSize(label).x - 4, y - ImGui::GetFontSize() * 0.5f), text, label);
  }
  if (labels) return;
  list->AddText(ImVec2(frame.p1.x - ImGui::CalcTextSize("x").x - 3, frame.p1.y - ImGui::GetFontSize() - 2), IM_COL32_WHITE, "x");
  list->AddText(ImVec2(frame.p0.x + 4, frame.p0.y + 2), IM_COL32_WHITE, "y");
}

void draw_arrow(ImDrawList* list, ImVec2 from, ImVec2 to, ImU32 colour, float width) {
  const float dx = to.x - from.x, dy = to.y - from.y;
  const float length = std::max(std::sqrt(dx * dx + dy * dy), 1e-3f);
  const float ux = dx / length, uy = dy / length, head = std::min(length * 0.45f, 4.0f + 2.5f * width);
  const ImVec2 base(to.x - ux * head, to.y - uy * head);
  list->AddLine(from, base, colour, width);
  list->AddTriangleFilled(to, ImVec2(base.x - uy * head * 0.5f, base.y + ux * head * 0.5f),
                          ImVec2(base.x + uy * head * 0.5f, base.y - ux * head * 0.5f), colour);
}

// ∇f on a coarse grid, read from the sampled field: direction exact, length by
// log magnitude (so both steep walls and flat floors stay readable).
void draw_arrow_field(ImDrawList* list, const Field& field, const PlotFrame& frame, float scale) {
  if (!field.ok) return;
  double largest = 0;
  for (std::size_t k = 0; k < field.gx.size(); ++k)
    if (std::isfinite(field.gx[k]) && std::isfinite(field.gy[k])) largest = std::max(largest, std::hypot(field.gx[k], field.gy[k]));
  if (largest <= 0) return;
  const float cell = (frame.p1.x - frame.p0.x) / kArrowsPerSide;
  for (int a = 0; a < kArrowsPerSide; ++a) {
    for (int b = 0; b < kArrowsPerSide; ++b) {
      const int i = int(std::lround((a + 0.5) / kArrowsPerSide * (field.n - 1)));
      const int j = int(std::lround((b + 0.5) / kArrowsPerSide * (field.n - 1)));
      const double gx = field.gx[field.index(i, j)], gy = field.gy[field.index(i, j)];
      const double magnitude = std::hypot(gx, gy);
      if (!std::isfinite(magnitude) || magnitude == 0) continue;
      const float length = cell * 0.8f * float(0.3 + 0.7 * std::log1p(magnitude) / std::log1p(largest));
      const ImVec2 centre = frame.to_screen(field.x_at(i), field.y_at(j));
      const float ux = float(gx / magnitude), uy = float(-gy / magnitude);  // screen y points down
      const ImVec2 from(centre.x - ux * length * 0.5f, centre.y - uy * length * 0.5f);
      const ImVec2 to(centre.x + ux * length * 0.5f, centre.y + uy * length * 0.5f);
      draw_arrow(list, ImVec2(from.x + 1, from.y + 1), ImVec2(to.x + 1, to.y + 1), IM_COL32(0, 0, 0, 90), 1.2f * scale);
      draw_arrow(list, from, to, IM_COL32(255, 255, 255, 190), 1.2f * scale);
    }
  }
}

// How many of a run's points are on screen: the path grows over about a second.
std::size_t revealed(const ExpressionDemo& demo, const DescentRun& run, double now) {
  const std::size_t total = run.trajectory.points.size();
  if (!demo.animate || total < 2) return total;
  const double duration = std::clamp(double(total) * 25.0, 300.0, 1500.0);
  const double fraction = (now - run.started_ms) / duration;
  return std::min(total, std::size_t(1 + std::max(0.0, fraction) * double(total - 1)));
}

}  // namespace

bool descent_animating(const ExpressionDemo& demo, double now) {
  for (const DescentRun& run : demo.runs)
    if (revealed(demo, run, now) < run.trajectory.points.size()) return true;
  return false;
}

namespace {

void draw_runs(ImDrawList* list, const ExpressionDemo& demo, const PlotFrame& frame, float scale) {
  const double now = now_ms();
  for (const DescentRun& run : demo.runs) {
    const std::vector<TrajectoryPoint>& points = run.trajectory.points;
    const std::size_t shown = revealed(demo, run, now);
    if (shown == 0) continue;
    // At most ~2000 segments per path; the last shown point is always drawn.
    const std::size_t stride = std::max<std::size_t>(1, shown / 2000);
    std::vector<ImVec2> line;
    for (std::size_t k = 0; k < shown; k += stride) line.push_back(frame.to_screen(points[k].x, points[k].y));
    line.push_back(frame.to_screen(points[shown - 1].x, points[shown - 1].y));
    const ImU32 colour = descent_colour(run.colour);
    list->AddPolyline(line.data(), int(line.size()), IM_COL32(0, 0, 0, 110), 0, 4.0f * scale);
    list->AddPolyline(line.data(), int(line.size()), colour, 0, 2.0f * scale);
    list->AddCircle(line.front(), 4.0f * scale, colour, 0, 2.0f * scale);
    list->AddCircleFilled(line.back(), 3.5f * scale, colour);
    if (shown == points.size() && run.trajectory.status != DescentStatus::completed) {
      const ImVec2 at = line.back();
      const float r = 6.0f * scale;
      list->AddLine(ImVec2(at.x - r, at.y - r), ImVec2(at.x + r, at.y + r), IM_COL32(0xD3, 0x2F, 0x2F, 0xFF), 3.0f * scale);
      list->AddLine(ImVec2(at.x - r, at.y + r), ImVec2(at.x + r, at.y - r), IM_COL32(0xD3, 0x2F, 0x2F, 0xFF), 3.0f * scale);
    }
  }
}

void draw_legend(ImDrawList* list, const ExpressionDemo& demo, const PlotFrame& frame, float scale) {
  if (demo.runs.empty()) return;
  float width = 0;
  std::vector<std::string> titles;
  for (const DescentRun& run : demo.runs) {
    titles.push_back(descent_run_title(run) + (run.trajectory.status == DescentStatus::completed ? "" : "  ✕ stopped"));
    width = std::max(width, ImGui::CalcTextSize(titles.back().c_str()).x);
  }
  const float line_h = ImGui::GetTextLineHeight(), swatch = 18.0f * scale;
  const ImVec2 q1(frame.p1.x - 4 * scale, frame.p0.y + 4 * scale + line_h * float(titles.size()) + 6 * scale);
  const ImVec2 q0(q1.x - width - swatch - 12 * scale, frame.p0.y + 4 * scale);
  list->AddRectFilled(q0, q1, IM_COL32(255, 255, 255, 215), 4.0f * scale);
  for (std::size_t k = 0; k < titles.size(); ++k) {
    const float y = q0.y + 3 * scale + line_h * float(k);
    list->AddLine(ImVec2(q0.x + 5 * scale, y + line_h * 0.5f), ImVec2(q0.x + 5 * scale + swatch, y + line_h * 0.5f),
                  IM_COL32(0, 0, 0, 110), 4.0f * scale);
    list->AddLine(ImVec2(q0.x + 5 * scale, y + line_h * 0.5f), ImVec2(q0.x + 5 * scale + swatch, y + line_h * 0.5f),
                  descent_colour(demo.runs[k].colour), 2.5f * scale);
    list->AddText(ImVec2(q0.x + 9 * scale + swatch, y), IM_COL32(0x33, 0x33, 0x33, 0xFF), titles[k].c_str());
  }
}

void draw_point_marker(ImDrawList* list, const ExpressionDemo& demo, const PlotFrame& frame, float scale) {
  const ImVec2 at = frame.to_screen(demo.x, demo.y);
  const double magnitude = std::hypot(demo.gradient.dx, demo.gradient.dy);
  if (demo.gradient.defined() && magnitude > 0 && std::isfinite(magnitude)) {
    // Direction is what matters here; the length is fixed, the value is in the label.
    const float length = (frame.p1.x - frame.p0.x) * 0.16f;
    const ImVec2 to(at.x + float(demo.gradient.dx / magnitude) * length, at.y - float(demo.gradient.dy / magnitude) * length);
    draw_arrow(list, ImVec2(at.x + 1, at.y + 1), ImVec2(to.x + 1, to.y + 1), IM_COL32(0, 0, 0, 140), 3.0f * scale);
    draw_arrow(list, at, to, palette().highlight, 3.0f * scale);
    list->AddText(ImVec2(to.x + 4 * scale, to.y - ImGui::GetFontSize()), IM_COL32_WHITE, "∇f");
  }
  list->AddCircleFilled(at, 5.5f * scale, IM_COL32_WHITE);
  list->AddCircle(at, 5.5f * scale, IM_COL32(0x33, 0x33, 0x33, 0xFF), 0, 2.0f * scale);
}

void zoom(ExpressionDemo& demo, const PlotFrame& frame, ImVec2 mouse, float wheel) {
  // Browsers report anything from ±1 to ±100 per notch: a notch is at most ×0.85 or ÷0.85.
  const double notches = std::clamp(double(wheel), -2.0, 2.0);
  const double width = demo.window.x1 - demo.window.x0;
  const double factor = std::clamp(std::pow(0.85, notches), kMinWindow / width, kMaxWindow / width);
  const double mx = frame.x_at(mouse.x), my = frame.y_at(mouse.y);  // stays under the mouse
  FieldWindow& w = demo.window;
  w = {mx - (mx - w.x0) * factor, mx + (w.x1 - mx) * factor, my - (my - w.y0) * factor, my + (w.y1 - my) * factor};
  demo.field_dirty = true;
}

void pan(ExpressionDemo& demo, const PlotFrame& frame, ImVec2 delta) {
  const double dx = -delta.x / (frame.p1.x - frame.p0.x) * (demo.window.x1 - demo.window.x0);
  const double dy = delta.y / (frame.p1.y - frame.p0.y) * (demo.window.y1 - demo.window.y0);
  if (std::fabs(demo.window.x0 + dx) > kMaxWindow || std::fabs(demo.window.y0 + dy) > kMaxWindow) return;
  demo.window = {demo.window.x0 + dx, demo.window.x1 + dx, demo.window.y0 + dy, demo.window.y1 + dy};
  demo.field_dirty = true;
}

void hover_tooltip(const ExpressionDemo& demo, double x, double y) {
  Graph copy = demo.graph;
  const Evaluation e = evaluate(copy, x, y);
  ImGui::BeginTooltip();
  ImGui::Text("(x, y) = (%s, %s)", format_number(x).c_str(), format_number(y).c_str());
  if (!e.defined()) {
    ImGui::Text("f undefined: %s", e.reason.c_str());
  } else {
    const Gradient g = backward(copy);
    ImGui::Text("f = %s", format_number(e.value).c_str());
    if (g.defined()) ImGui::Text("∇f = (%s, %s)", format_number(g.dx).c_str(), format_number(g.dy).c_str());
  }
  ImGui::TextDisabled(demo.run_on_click ? "click: set the point and run descent from it" : "click: set the point");
  ImGui::EndTooltip();
}

void draw_toolbar(ExpressionDemo& demo) {
  section_title("Contour plot of f");
  ImGui::Checkbox("∇f arrows", &demo.show_arrows);
  ImGui::SameLine();
  if (ImGui::Checkbox("log colours", &demo.log_colours)) {
    demo.log_colours_auto = false;
    demo.field_dirty = true;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Colour by sign(f)·ln(1 + |f|): contours follow orders of magnitude");
  ImGui::SameLine();
  if (ImGui::SmallButton("reset view")) {
    const ExpressionPreset* preset = find_preset(demo.graph.source);
    demo.window = preset ? preset->window : FieldWindow{demo.x - 2, demo.x + 2, demo.y - 2, demo.y + 2};
    demo.field_dirty = true;
  }
}

}  // namespace

void draw_expression_contour_panel(App& app) {
  ExpressionDemo& demo = app.expression;
  const float scale = app.pixel_ratio;
  draw_toolbar(demo);
  refresh_field(demo);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float margin_left = ImGui::CalcTextSize("-0.005").x + 6 * scale;
  const float caption_h = ImGui::GetTextLineHeightWithSpacing() * 4;  // tick labels and a wrapped caption
  ImGui::Dummy(ImVec2(1, ImGui::GetFontSize() * 0.3f));  // room for the top tick label
  const float side = std::max(std::min(avail.x - margin_left - 4 * scale, avail.y - caption_h), 60.0f * scale);
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + margin_left);
  PlotFrame frame;
  frame.p0 = ImGui::GetCursorScreenPos();
  frame.p1 = ImVec2(frame.p0.x + side, frame.p0.y + side);
  frame.w = demo.window;
  ImGui::InvisibleButton("contour-plot", ImVec2(side, side));
  demo.plot_min = frame.p0;
  demo.plot_max = frame.p1;
  ImGui::SetItemUsingMouseWheel();
  const ImGuiIO& io = ImGui::GetIO();
  ImDrawList* list = ImGui::GetWindowDrawList();
  if (demo.field.ok) {
    HeatmapStyle style;
    style.map = ColorMap::sequential;
    style.lo = demo.colour_lo;
    style.hi = demo.colour_hi;
    style.contour_levels = kContourLevels;
    draw_heatmap(list, frame.p0, frame.p1, demo.texture, style);
  } else {
    list->AddRectFilled(frame.p0, frame.p1, IM_COL32(0x99, 0x99, 0x99, 0xFF));
    list->AddText(ImVec2(frame.p0.x + 6, frame.p0.y + 6), IM_COL32_WHITE, demo.field.error.c_str());
  }
  list->PushClipRect(frame.p0, frame.p1, true);
  draw_ticks(list, frame, false);
  if (demo.show_arrows) draw_arrow_field(list, demo.field, frame, scale);
  draw_runs(list, demo, frame, scale);
  draw_point_marker(list, demo, frame, scale);
  draw_legend(list, demo, frame, scale);
  list->PopClipRect();
  list->AddRect(frame.p0, frame.p1, palette().text_muted);
  // Tick labels lie outside the plot, so they are drawn after the clip is gone.
  list->PushClipRect(ImVec2(frame.p0.x - margin_left, frame.p0.y - ImGui::GetFontSize() * 0.6f),
                     ImVec2(frame.p1.x + ImGui::GetFontSize(), frame.p1.y + caption_h), true);
  draw_ticks(list, frame, true);
  list->PopClipRect();

  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) pan(demo, frame, io.MouseDelta);
  if (ImGui::IsItemHovered() && io.MouseWheel != 0) zoom(demo, frame, io.MousePos, io.MouseWheel);
  const bool clicked = ImGui::IsItemDeactivated() &&
                       io.MouseDragMaxDistanceSqr[0] < io.MouseDragThreshold * io.MouseDragThreshold;
  if (clicked) {
    const double x = frame.x_at(io.MousePos.x), y = frame.y_at(io.MousePos.y);
    set_point(demo, x, y);
    demo.descent.x0 = x;
    demo.descent.y0 = y;
    if (demo.run_on_click) run_descent(demo, now_ms());
  } else if (ImGui::IsItemHovered() && !ImGui::IsItemActive()) {
    hover_tooltip(demo, frame.x_at(io.MousePos.x), frame.y_at(io.MousePos.y));
  }
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetFontSize());
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("colour: %s from %s (dark) to %s (yellow)%s", demo.log_colours ? "sign(f)·ln(1 + |f|)" : "f",
                     format_number(demo.colour_lo).c_str(), format_number(demo.colour_hi).c_str(),
                     demo.field.undefined_cells ? " · grey: f undefined" : "");
  ImGui::PopStyleColor();
  ImGui::TextDisabled("drag: pan · wheel: zoom · click: set the point%s", demo.run_on_click ? " and run descent" : "");
}

}  // namespace bpl::web
