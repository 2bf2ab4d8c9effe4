// Training curves: train and test loss by epoch (linear or log scale) and,
// for classification, accuracy on a 0–100 % axis; values on hover.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app.h"
#include "panels.h"

namespace bpl::web {

namespace {

constexpr ImU32 kTrainColour = IM_COL32(0x1F, 0x77, 0xB4, 0xFF);
constexpr ImU32 kTestColour = IM_COL32(0xE6, 0x55, 0x0D, 0xFF);
constexpr ImU32 kAccuracyColour = IM_COL32(0x2C, 0xA0, 0x2C, 0xFF);

struct Axis {
  double lo, hi;
  bool log;
  double map(double v) const {  // → [0, 1]
    if (log) v = std::log10(std::max(v, 1e-12));
    return (v - lo) / std::max(hi - lo, 1e-12);
  }
};

Axis loss_axis(const std::vector<CurvePoint>& curve, bool log) {
  double lo = 1e300, hi = -1e300;
  for (const CurvePoint& p : curve) {
    for (double v : {p.train_loss, p.test_loss}) {
      if (!std::isfinite(v)) continue;
      const double t = log ? std::log10(std::max(v, 1e-12)) : v;
      lo = std::min(lo, t);
      hi = std::max(hi, t);
    }
  }
  if (lo > hi) { lo = 0; hi = 1; }
  if (!log) lo = std::min(lo, 0.0);
  if (hi - lo < 1e-9) hi = lo + 1.0;
  return {lo, hi, log};
}

}  // namespace

void draw_curves_panel(App& app, ImVec2 size) {
  NetworkDemo& demo = app.network;
  const Trainer& trainer = demo.trainer;
  const bool accuracy = is_classification(trainer.config().dataset);
  const bool has_test = !trainer.dataset().test.empty();
  ImGui::Checkbox("log scale", &demo.log_scale);
  ImGui::SameLine();
  ImGui::TextColored(ImColor(kTrainColour), "— train");
  if (has_test) { ImGui::SameLine(); ImGui::TextColored(ImColor(kTestColour), "— test"); }
  if (accuracy) { ImGui::SameLine(); ImGui::TextColored(ImColor(kAccuracyColour), "— train accuracy"); }
  // While training, the last recorded point: fresh numbers would be a pass over the data every frame.
  std::optional<CurvePoint> shown;
  if (trainer.status() == TrainStatus::ok && !training_busy(demo)) {
    const Metrics& m = trainer.metrics();
    shown = CurvePoint{m.epoch, m.train_loss, m.test_loss, m.train_accuracy, m.test_accuracy};
  } else if (trainer.status() == TrainStatus::ok && !demo.curve.empty()) {
    shown = demo.curve.back();
  }
  if (shown) {
    ImGui::Text("epoch %d   loss %.4f", shown->epoch, shown->train_loss);
    if (has_test) { ImGui::SameLine(); ImGui::Text("  test %.4f", shown->test_loss); }
    if (accuracy) { ImGui::SameLine(); ImGui::Text("  accuracy %.1f%%", shown->train_accuracy * 100.0); }
  }
  const ImVec2 plot_size(size.x, std::max(size.y - ImGui::GetCursorPosY(), 40.0f * app.pixel_ratio));
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const ImVec2 p1(p0.x + plot_size.x, p0.y + plot_size.y);
  ImGui::InvisibleButton("curves", plot_size);
  ImDrawList* list = ImGui::GetWindowDrawList();
  list->AddRectFilled(p0, p1, IM_COL32(255, 255, 255, app.theme == Theme::light ? 255 : 20));
  list->AddRect(p0, p1, palette().text_muted);
  const std::vector<CurvePoint>& curve = demo.curve;
  if (curve.size() < 2) {
    list->AddText(ImVec2(p0.x + 6, p0.y + 6), palette().text_muted, "Press Play or step to see the loss fall.");
    return;
  }
  const Axis y_axis = loss_axis(curve, demo.log_scale);
  const double first = curve.front().epoch, last = std::max(curve.back().epoch, curve.front().epoch + 1);
  auto to_screen = [&](double epoch, double fraction) {
    return ImVec2(p0.x + float((epoch - first) / (last - first)) * plot_size.x,
                  p1.y - float(std::clamp(fraction, 0.0, 1.0)) * plot_size.y);
  };
  // At most ~2 points per pixel column.
  const std::size_t stride = std::max<std::size_t>(1, curve.size() / std::size_t(plot_size.x * 2.0f));
  auto plot = [&](auto value, ImU32 colour, auto axis_map) {
    std::vector<ImVec2> points;
    for (std::size_t i = 0; i < curve.size(); i += stride) points.push_back(to_screen(curve[i].epoch, axis_map(value(curve[i]))));
    points.push_back(to_screen(curve.back().epoch, axis_map(value(curve.back()))));
    list->AddPolyline(points.data(), int(points.size()), colour, 0, 1.5f * app.pixel_ratio);
  };
  auto loss_map = [&](double v) { return y_axis.map(v); };
  auto unit_map = [](double v) { return v; };
  plot([](const CurvePoint& p) { return p.train_loss; }, kTrainColour, loss_map);
  if (has_test) plot([](const CurvePoint& p) { return p.test_loss; }, kTestColour, loss_map);
  if (accuracy) plot([](const CurvePoint& p) { return p.train_accuracy; }, kAccuracyColour, unit_map);
  char label[64];
  std::snprintf(label, sizeof label, y_axis.log ? "1e%.1f" : "%.3g", y_axis.hi);
  list->AddText(ImVec2(p0.x + 3, p0.y + 2), palette().text_muted, label);
  std::snprintf(label, sizeof label, y_axis.log ? "1e%.1f" : "%.3g", y_axis.lo);
  list->AddText(ImVec2(p0.x + 3, p1.y - ImGui::GetFontSize() - 2), palette().text_muted, label);

  if (ImGui::IsItemHovered()) {  // values at the hovered epoch
    const double epoch = first + (ImGui::GetIO().MousePos.x - p0.x) / plot_size.x * (last - first);
    auto nearest = std::lower_bound(curve.begin(), curve.end(), epoch,
                                    [](const CurvePoint& p, double e) { return p.epoch < e; });
    if (nearest == curve.end()) --nearest;
    const ImVec2 top = to_screen(nearest->epoch, 1.0), bottom = to_screen(nearest->epoch, 0.0);
    list->AddLine(top, bottom, palette().text_muted);
    ImGui::BeginTooltip();
    ImGui::Text("epoch %d\ntrain loss %.5g", nearest->epoch, nearest->train_loss);
    if (has_test) ImGui::Text("test loss %.5g", nearest->test_loss);
    if (accuracy) ImGui::Text("train accuracy %.1f%%", nearest->train_accuracy * 100.0);
    if (accuracy && has_test) ImGui::Text("test accuracy %.1f%%", nearest->test_accuracy * 100.0);
    ImGui::EndTooltip();
  }
}

}  // namespace bpl::web
