// Gradient descent on f: the settings (GD, momentum, Adam; learning rate,
// steps, start), the runs with their outcome, and for one run a per-step table
// of x, y, f and |∇f| with f plotted by step for every run.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app.h"
#include "engine/expr/format.h"
#include "expression_panels.h"
#include "panels.h"
#include "platform.h"

namespace bpl::web {

using namespace bpl::expr;

namespace {

const ImVec4 kStoppedColour(0.83f, 0.18f, 0.18f, 1.0f);

const char* optimizer_title(expr::Optimizer optimizer) {
  switch (optimizer) {
    case expr::Optimizer::gd: return "GD";
    case expr::Optimizer::momentum: return "momentum";
    case expr::Optimizer::adam: return "Adam";
  }
  return "?";
}

void draw_settings(ExpressionDemo& demo) {
  DescentConfig& c = demo.descent;
  int optimizer = int(c.optimizer);
  ImGui::RadioButton("GD", &optimizer, int(expr::Optimizer::gd));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("p ← p − η·∇f");
  ImGui::SameLine();
  ImGui::RadioButton("momentum", &optimizer, int(expr::Optimizer::momentum));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("v ← μ·v + ∇f;  p ← p − η·v");
  ImGui::SameLine();
  ImGui::RadioButton("Adam", &optimizer, int(expr::Optimizer::adam));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("p ← p − η·m̂/(√ŝ + ε), m and s running means of ∇f and ∇f²");
  c.optimizer = expr::Optimizer(optimizer);
  const float label_w = ImGui::CalcTextSize("learning rate η ").x;
  const double rate_min = 1e-4, rate_max = 2.0;
  ImGui::SetNextItemWidth(-label_w);
  ImGui::SliderScalar("learning rate η", ImGuiDataType_Double, &c.learning_rate, &rate_min, &rate_max, "%.4g",
                      ImGuiSliderFlags_Logarithmic);
  c.learning_rate = std::max(c.learning_rate, 1e-12);
  ImGui::SetNextItemWidth(-label_w);
  ImGui::SliderInt("steps", &c.steps, 1, 5000, "%d", ImGuiSliderFlags_Logarithmic);
  c.steps = std::clamp(c.steps, 0, kMaxDescentSteps);
  if (c.optimizer == expr::Optimizer::momentum) {
    const double lo = 0.0, hi = 0.99;
    ImGui::SetNextItemWidth(-label_w);
    ImGui::SliderScalar("momentum μ", ImGuiDataType_Double, &c.momentum, &lo, &hi, "%.2f");
  }
  double start[2] = {c.x0, c.y0};
  ImGui::SetNextItemWidth(-label_w);
  if (ImGui::InputScalarN("start (x, y)", ImGuiDataType_Double, start, 2, nullptr, nullptr, "%.4g") &&
      std::isfinite(start[0]) && std::isfinite(start[1])) {
    c.x0 = start[0];
    c.y0 = start[1];
  }
}

void draw_run_buttons(ExpressionDemo& demo) {
  if (ImGui::Button("Run from the point")) {
    demo.descent.x0 = demo.x;
    demo.descent.y0 = demo.y;
    run_descent(demo, now_ms());
  }
  ImGui::SameLine();
  if (ImGui::Button("Run from start")) run_descent(demo, now_ms());
  if (ImGui::Button("Compare all three")) {
    // The same start, learning rate and steps for all three, side by side.
    const expr::Optimizer chosen = demo.descent.optimizer;
    for (expr::Optimizer o : {expr::Optimizer::gd, expr::Optimizer::momentum, expr::Optimizer::adam}) {
      demo.descent.optimizer = o;
      run_descent(demo, now_ms());
    }
    demo.descent.optimizer = chosen;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("GD, momentum and Adam from the start, with the same η and steps");
  ImGui::SameLine();
  ImGui::BeginDisabled(demo.runs.empty());
  if (ImGui::Button("Clear")) clear_descent_runs(demo);
  ImGui::EndDisabled();
  ImGui::Checkbox("run on click", &demo.run_on_click);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("A click on the contour plot starts a run from there");
  ImGui::SameLine();
  ImGui::Checkbox("animate", &demo.animate);
}

void draw_run_list(const ExpressionDemo& demo) {
  for (const DescentRun& run : demo.runs) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(at.x, at.y + h * 0.3f), ImVec2(at.x + h, at.y + h * 0.7f),
                                              descent_colour(run.colour));
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + h * 1.3f);
    const bool stopped = run.trajectory.status != DescentStatus::completed;
    ImGui::TextWrapped("%s", descent_run_title(run).c_str());
    if (stopped) ImGui::PushStyleColor(ImGuiCol_Text, kStoppedColour);
    else ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", run.trajectory.message.c_str());
    ImGui::PopStyleColor();
  }
}

const DescentRun* table_run(const ExpressionDemo& demo) {
  if (demo.runs.empty()) return nullptr;
  if (demo.table_run < 0 || demo.table_run >= int(demo.runs.size())) return &demo.runs.back();
  return &demo.runs[demo.table_run];
}

void draw_f_plot(ExpressionDemo& demo, ImVec2 size, float scale) {
  const ImVec2 p0 = ImGui::GetCursorScreenPos(), p1(p0.x + size.x, p0.y + size.y);
  ImGui::InvisibleButton("f-by-step", size);
  ImDrawList* list = ImGui::GetWindowDrawList();
  list->AddRectFilled(p0, p1, ImGui::GetColorU32(ImGuiCol_FrameBg));
  list->AddRect(p0, p1, palette().text_muted);
  double lo = INFINITY, hi = -INFINITY;
  std::size_t longest = 1;
  bool positive = true;
  for (const DescentRun& run : demo.runs) {
    longest = std::max(longest, run.trajectory.points.size());
    for (const TrajectoryPoint& p : run.trajectory.points) {
      positive = positive && p.f > 0;
      lo = std::min(lo, p.f);
      hi = std::max(hi, p.f);
    }
  }
  const bool log = demo.log_f_plot && positive;
  auto map = [&](double f) { return log ? std::log10(std::max(f, 1e-300)) : f; };
  if (!(hi >= lo)) return;
  const double a = map(lo), b = map(hi) > map(lo) ? map(hi) : map(lo) + 1;
  for (const DescentRun& run : demo.runs) {
    const auto& points = run.trajectory.points;
    const std::size_t stride = std::max<std::size_t>(1, points.size() / std::size_t(size.x));
    std::vector<ImVec2> line;
    for (std::size_t k = 0; k < points.size(); k += stride) {
      const float u = float(k) / float(std::max<std::size_t>(longest - 1, 1));
      const float v = float((map(points[k].f) - a) / (b - a));
      line.push_back(ImVec2(p0.x + u * size.x, p1.y - std::clamp(v, 0.0f, 1.0f) * size.y));
    }
    list->AddPolyline(line.data(), int(line.size()), descent_colour(run.colour), 0, 1.8f * scale);
  }
  char label[48];
  std::snprintf(label, sizeof label, log ? "f %.3g (log)" : "f %.4g", hi);
  list->AddText(ImVec2(p0.x + 3, p0.y + 1), palette().text_muted, label);
  std::snprintf(label, sizeof label, "%.4g", lo);
  list->AddText(ImVec2(p0.x + 3, p1.y - ImGui::GetFontSize() - 1), palette().text_muted, label);
  std::snprintf(label, sizeof label, "step %zu", longest - 1);
  list->AddText(ImVec2(p1.x - ImGui::CalcTextSize(label).x - 3, p1.y - ImGui::GetFontSize() - 1), palette().text_muted, label);
}

void draw_step_table(const DescentRun& run) {
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                ImGuiTableFlags_BordersV | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("descent-steps", 5, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("step", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("100000").x);
  ImGui::TableSetupColumn("x");
  ImGui::TableSetupColumn("y");
  ImGui::TableSetupColumn("f");
  ImGui::TableSetupColumn("|∇f|");
  ImGui::TableHeadersRow();
  const std::vector<TrajectoryPoint>& points = run.trajectory.points;
  ImGuiListClipper clipper;  // only the visible rows are laid out: runs may have 100000 steps
  clipper.Begin(int(points.size()));
  while (clipper.Step()) {
    for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
      const TrajectoryPoint& p = points[k];
      ImGui::TableNextRow();
      ImGui::TableNextColumn(); ImGui::Text("%d", k);
      ImGui::TableNextColumn(); ImGui::TextUnformatted(format_number(p.x).c_str());
      ImGui::TableNextColumn(); ImGui::TextUnformatted(format_number(p.y).c_str());
      ImGui::TableNextColumn(); ImGui::TextUnformatted(format_number(p.f).c_str());
      ImGui::TableNextColumn(); ImGui::TextUnformatted(format_number(p.grad_norm).c_str());
    }
  }
  ImGui::EndTable();
}

}  // namespace

ImU32 descent_colour(int index) {
  // Bright on viridis' dark blues and yellows alike (each path also gets a dark underlay).
  static const ImU32 colours[] = {IM_COL32(0xFF, 0x45, 0x3A, 0xFF), IM_COL32(0xFF, 0xFF, 0xFF, 0xFF),
                                  IM_COL32(0xFF, 0x9F, 0x1C, 0xFF), IM_COL32(0xF7, 0x81, 0xBF, 0xFF),
                                  IM_COL32(0x00, 0xE5, 0xFF, 0xFF), IM_COL32(0xB0, 0x6A, 0x3B, 0xFF),
                                  IM_COL32(0xFF, 0x00, 0xFF, 0xFF), IM_COL32(0x1F, 0x1F, 0x1F, 0xFF)};
  return colours[index % 8];
}

std::string descent_run_title(const DescentRun& run) {
  const DescentConfig& c = run.config;
  std::string title = std::string(optimizer_title(c.optimizer)) + " η=" + format_number(c.learning_rate);
  if (c.optimizer == expr::Optimizer::momentum) title += " μ=" + format_number(c.momentum);
  return title + " from (" + format_number(c.x0) + ", " + format_number(c.y0) + ")";
}

void draw_descent_controls(App& app) {
  ExpressionDemo& demo = app.expression;
  section_title("Gradient descent");
  draw_settings(demo);
  draw_run_buttons(demo);
  draw_run_list(demo);
}

void draw_descent_results(App& app) {
  ExpressionDemo& demo = app.expression;
  const DescentRun* run = table_run(demo);
  if (!run) {
    section_title("Descent steps");
    ImGui::TextWrapped("Click on the contour plot, or press Run, to walk downhill from a point. Each run adds a path; "
                       "its steps appear here.");
    return;
  }
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.6f);
  const int shown = demo.table_run < 0 ? int(demo.runs.size()) - 1 : demo.table_run;
  if (ImGui::BeginCombo("##run", descent_run_title(*run).c_str())) {
    for (int k = 0; k < int(demo.runs.size()); ++k)
      if (ImGui::Selectable(descent_run_title(demo.runs[k]).c_str(), k == shown)) demo.table_run = k;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::Checkbox("log f", &demo.log_f_plot);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("A log scale, when every f on the paths is > 0");
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  draw_f_plot(demo, ImVec2(avail.x, std::max(avail.y * 0.32f, 40.0f * app.pixel_ratio)), app.pixel_ratio);
  if (run->trajectory.status != DescentStatus::completed) {
    ImGui::PushStyleColor(ImGuiCol_Text, kStoppedColour);
    ImGui::TextWrapped("%s", run->trajectory.message.c_str());
    ImGui::PopStyleColor();
  }
  draw_step_table(*run);
}

}  // namespace bpl::web
