// Training curves, two stacked plots that share the epoch axis: loss above (train and
// test, linear or log scale, its own axis on the left) and, for classification,
// accuracy below (0–100 %). Bold lines are smoothed, the raw values faint behind;
// hovering shows a guide line and the raw and smoothed values at that epoch.
// Section index: axes and ticks · smoothing · series · hover readout · the panel.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app.h"
#include "panels.h"

namespace bpl::web {

namespace {

constexpr ImU32 kTrainColour = IM_COL32(0x1F, 0x77, 0xB4, 0xFF);
constexpr ImU32 kTestColour = IM_COL32(0xE6, 0x55, 0x0D, 0xFF);
constexpr int kRawAlpha = 0x55;  // raw values: the same colour, faint
// Exponential moving average over the recorded points, TensorBoard's default weight:
// s₀ = x₀, sᵢ = 0.6·sᵢ₋₁ + 0.4·xᵢ.
constexpr double kSmoothing = 0.6;

ImU32 faint(ImU32 colour) { return (colour & ~IM_COL32_A_MASK) | (ImU32(kRawAlpha) << IM_COL32_A_SHIFT); }

// ---------------------------------------------------------------- axes and ticks

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
  if (log) { lo = std::floor(lo); hi = std::ceil(hi); }  // whole decades: the ticks are powers of ten
  else lo = std::min(lo, 0.0);
  if (hi - lo < 1e-9) hi = lo + 1.0;
  return {lo, hi, log};
}

// A round tick step (1, 2 or 5 × 10ᵏ) giving at most `max_ticks` ticks over `span`.
double round_step(double span, int max_ticks) {
  const double raw = span / std::max(max_ticks, 1);
  const double decade = std::pow(10.0, std::floor(std::log10(std::max(raw, 1e-12))));
  for (double m : {1.0, 2.0, 5.0})
    if (m * decade >= raw) return m * decade;
  return 10.0 * decade;
}

struct Plot {
  ImVec2 p0, p1;  // device pixels
  double first, last;  // epochs at the left and right edges
  float x(double epoch) const { return p0.x + float((epoch - first) / (last - first)) * (p1.x - p0.x); }
  float y(double fraction) const { return p1.y - float(std::clamp(fraction, 0.0, 1.0)) * (p1.y - p0.y); }
};

// Vertical grid lines at round epochs; their labels under the plot when `labels`.
void draw_epoch_ticks(ImDrawList* list, const Plot& plot, bool labels) {
  const float label_width = ImGui::CalcTextSize("00000").x * 1.5f;
  const double step = std::max(1.0, round_step(plot.last - plot.first, int((plot.p1.x - plot.p0.x) / label_width)));
  const ImU32 grid = (palette().text_muted & ~IM_COL32_A_MASK) | (ImU32(0x30) << IM_COL32_A_SHIFT);
  for (double e = std::ceil(plot.first / step) * step; e <= plot.last + 1e-9; e += step) {
    const float x = plot.x(e);
    list->AddLine(ImVec2(x, plot.p0.y), ImVec2(x, plot.p1.y), grid);
    if (!labels) continue;
    char text[32];
    std::snprintf(text, sizeof text, "%.0f", e);
    const float w = ImGui::CalcTextSize(text).x;
    const float left = std::clamp(x - w * 0.5f, plot.p0.x, plot.p1.x - w);
    list->AddText(ImVec2(left, plot.p1.y + 2.0f), palette().text_muted, text);
  }
}

// Labels at the plot's left edge, inside it: `values` from bottom (0) to top (1).
void draw_y_labels(ImDrawList* list, const Plot& plot, std::initializer_list<std::pair<double, const char*>> labels) {
  const float font = ImGui::GetFontSize();
  for (const auto& [fraction, text] : labels) {
    const float y = std::clamp(plot.y(fraction) - font * 0.5f, plot.p0.y + 1.0f, plot.p1.y - font - 1.0f);
    list->AddText(ImVec2(plot.p0.x + 3.0f, y), palette().text_muted, text);
  }
}

// ---------------------------------------------------------------- smoothing

template <typename Value>
std::vector<double> smoothed(const std::vector<CurvePoint>& curve, Value value) {
  std::vector<double> out(curve.size());
  for (std::size_t i = 0; i < curve.size(); ++i) {
    const double x = value(curve[i]);
    out[i] = i == 0 || !std::isfinite(out[i - 1]) ? x : kSmoothing * out[i - 1] + (1.0 - kSmoothing) * x;
  }
  return out;
}

// ---------------------------------------------------------------- series

// At most ~2 points per pixel column, and always the last one.
template <typename ValueAt, typename Map>
void draw_series(ImDrawList* list, const Plot& plot, const std::vector<CurvePoint>& curve, ValueAt value_at,
                 Map map, ImU32 colour, float thickness) {
  const std::size_t stride = std::max<std::size_t>(1, curve.size() / std::size_t(std::max(1.0f, (plot.p1.x - plot.p0.x) * 2.0f)));
  std::vector<ImVec2> points;
  for (std::size_t i = 0; i < curve.size(); i += stride) points.push_back(ImVec2(plot.x(curve[i].epoch), plot.y(map(value_at(i)))));
  points.push_back(ImVec2(plot.x(curve.back().epoch), plot.y(map(value_at(curve.size() - 1)))));
  list->PushClipRect(plot.p0, plot.p1, true);
  list->AddPolyline(points.data(), int(points.size()), colour, 0, thickness);
  list->PopClipRect();
}

void draw_plot_background(ImDrawList* list, const Plot& plot, const App& app) {
  list->AddRectFilled(plot.p0, plot.p1, IM_COL32(255, 255, 255, app.theme == Theme::light ? 255 : 20));
  list->AddRect(plot.p0, plot.p1, palette().text_muted);
}

// ---------------------------------------------------------------- hover readout

void draw_readout(const CurveReadout& r) {
  ImGui::BeginTooltip();
  ImGui::Text("epoch %d", r.raw.epoch);
  ImGui::TextColored(ImColor(kTrainColour), "train loss %.4g", r.smoothed_train_loss);
  ImGui::SameLine();
  ImGui::TextDisabled("(raw %.4g)", r.raw.train_loss);
  if (r.has_test) {
    ImGui::TextColored(ImColor(kTestColour), "test loss  %.4g", r.smoothed_test_loss);
    ImGui::SameLine();
    ImGui::TextDisabled("(raw %.4g)", r.raw.test_loss);
  }
  if (r.has_accuracy) ImGui::TextColored(ImColor(kTrainColour), "train accuracy %.1f%%", r.raw.train_accuracy * 100.0);
  if (r.has_accuracy && r.has_test) ImGui::TextColored(ImColor(kTestColour), "test accuracy  %.1f%%", r.raw.test_accuracy * 100.0);
  ImGui::EndTooltip();
}

void draw_legend(App& app, bool has_test) {
  NetworkDemo& demo = app.network;
  ImGui::Checkbox("log scale", &demo.log_scale);
  ImDrawList* list = ImGui::GetWindowDrawList();
  auto swatch = [&](ImU32 colour, const char* label) {
    ImGui::SameLine();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float font = ImGui::GetFontSize(), mid = at.y + ImGui::GetFrameHeight() * 0.5f;
    list->AddLine(ImVec2(at.x, mid), ImVec2(at.x + font, mid), colour, 2.0f * app.pixel_ratio);
    ImGui::Dummy(ImVec2(font * 1.2f, ImGui::GetFrameHeight()));
    ImGui::SameLine(0, 0);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(label);
  };
  swatch(kTrainColour, "train");
  if (has_test) swatch(kTestColour, "test");
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("bold: smoothed");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Bold lines: a moving average (each point 0.6 of the one before);\nfaint lines: the raw values.");
}

// The last point's numbers in one line (wrapped on a narrow panel).
void draw_summary(const NetworkDemo& demo, bool has_test, bool accuracy) {
  const Trainer& trainer = demo.trainer;
  // While training, the last recorded point: fresh numbers would be a pass over the data every frame.
  std::optional<CurvePoint> shown;
  if (trainer.status() == TrainStatus::ok && !training_busy(demo)) {
    const Metrics& m = trainer.metrics();
    shown = CurvePoint{m.epoch, m.train_loss, m.test_loss, m.train_accuracy, m.test_accuracy};
  } else if (trainer.status() == TrainStatus::ok && !demo.curve.empty()) {
    shown = demo.curve.back();
  }
  if (!shown) return;
  // Two short lines rather than one wrapped one: a wrap could split a number.
  if (has_test) ImGui::Text("epoch %d · loss %.4g (test %.4g)", shown->epoch, shown->train_loss, shown->test_loss);
  else ImGui::Text("epoch %d · loss %.4g", shown->epoch, shown->train_loss);
  if (accuracy && has_test) ImGui::Text("accuracy %.1f%% (test %.1f%%)", shown->train_accuracy * 100.0, shown->test_accuracy * 100.0);
  else if (accuracy) ImGui::Text("accuracy %.1f%%", shown->train_accuracy * 100.0);
}

}  // namespace

// ---------------------------------------------------------------- the panel

void draw_curves_panel(App& app, ImVec2 size) {
  NetworkDemo& demo = app.network;
  const Trainer& trainer = demo.trainer;
  const bool accuracy = is_classification(trainer.config().dataset);
  const bool has_test = !trainer.dataset().test.empty();
  demo.curve_hover.reset();
  draw_legend(app, has_test);
  draw_summary(demo, has_test, accuracy);

  const float font = ImGui::GetFontSize();
  const float tick_labels = font + 4.0f;  // under the lower plot
  // At least 8 lines of text: room for both plots' labels in a short embed.
  const float height = std::max(size.y - ImGui::GetCursorPosY() - tick_labels, 8.0f * font);
  const ImVec2 top_left = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("curves", ImVec2(size.x, height + tick_labels));
  const bool hovered = ImGui::IsItemHovered();
  demo.curves_rect[0] = top_left.x, demo.curves_rect[1] = top_left.y;
  demo.curves_rect[2] = size.x, demo.curves_rect[3] = height;
  ImDrawList* list = ImGui::GetWindowDrawList();
  const std::vector<CurvePoint>& curve = demo.curve;
  const double first = curve.empty() ? 0 : curve.front().epoch;
  const double last = curve.empty() ? 1 : std::max<double>(curve.back().epoch, first + 1);
  // Loss takes 60 % of the height when accuracy shows beneath it.
  const float gap = font * 0.4f;
  const float loss_height = accuracy ? (height - gap) * 0.6f : height;
  const Plot loss{top_left, ImVec2(top_left.x + size.x, top_left.y + loss_height), first, last};
  const Plot acc{ImVec2(top_left.x, loss.p1.y + gap), ImVec2(top_left.x + size.x, top_left.y + height), first, last};
  draw_plot_background(list, loss, app);
  if (accuracy) draw_plot_background(list, acc, app);
  if (curve.size() < 2) {
    list->AddText(ImVec2(loss.p0.x + 6, loss.p0.y + 6), palette().text_muted, "Press Play or step to see the loss fall.");
    return;
  }

  const Axis axis = loss_axis(curve, demo.log_scale);
  auto loss_map = [&](double v) { return axis.map(v); };
  auto unit_map = [](double v) { return v; };
  const std::vector<double> train_smooth = smoothed(curve, [](const CurvePoint& p) { return p.train_loss; });
  const std::vector<double> test_smooth = smoothed(curve, [](const CurvePoint& p) { return p.test_loss; });
  const float thin = 1.0f * app.pixel_ratio, bold = 2.0f * app.pixel_ratio;
  draw_epoch_ticks(list, loss, !accuracy);
  draw_series(list, loss, curve, [&](std::size_t i) { return curve[i].train_loss; }, loss_map, faint(kTrainColour), thin);
  draw_series(list, loss, curve, [&](std::size_t i) { return train_smooth[i]; }, loss_map, kTrainColour, bold);
  if (has_test) {
    draw_series(list, loss, curve, [&](std::size_t i) { return curve[i].test_loss; }, loss_map, faint(kTestColour), thin);
    draw_series(list, loss, curve, [&](std::size_t i) { return test_smooth[i]; }, loss_map, kTestColour, bold);
  }
  char hi[32], lo[32];
  std::snprintf(hi, sizeof hi, axis.log ? "loss 1e%.0f" : "loss %.3g", axis.hi);
  std::snprintf(lo, sizeof lo, axis.log ? "1e%.0f" : "%.3g", axis.lo);
  draw_y_labels(list, loss, {{1.0, hi}, {0.0, lo}});
  if (accuracy) {
    draw_epoch_ticks(list, acc, true);
    const ImU32 half = (palette().text_muted & ~IM_COL32_A_MASK) | (ImU32(0x60) << IM_COL32_A_SHIFT);
    list->AddLine(ImVec2(acc.p0.x, acc.y(0.5)), ImVec2(acc.p1.x, acc.y(0.5)), half);  // chance for two classes
    draw_series(list, acc, curve, [&](std::size_t i) { return curve[i].train_accuracy; }, unit_map, kTrainColour, bold * 0.75f);
    if (has_test) draw_series(list, acc, curve, [&](std::size_t i) { return curve[i].test_accuracy; }, unit_map, kTestColour, bold * 0.75f);
    if (acc.p1.y - acc.p0.y > 4.0f * font) draw_y_labels(list, acc, {{1.0, "accuracy 100%"}, {0.5, "50%"}, {0.0, "0%"}});
    else draw_y_labels(list, acc, {{1.0, "accuracy 100%"}, {0.0, "0%"}});
  }

  if (!hovered) return;
  const double epoch = first + (ImGui::GetIO().MousePos.x - loss.p0.x) / (loss.p1.x - loss.p0.x) * (last - first);
  auto nearest = std::lower_bound(curve.begin(), curve.end(), epoch, [](const CurvePoint& p, double e) { return p.epoch < e; });
  if (nearest == curve.end()) --nearest;
  if (nearest != curve.begin() && epoch - std::prev(nearest)->epoch < nearest->epoch - epoch) --nearest;
  const std::size_t i = std::size_t(nearest - curve.begin());
  const float x = loss.x(nearest->epoch);
  list->AddLine(ImVec2(x, loss.p0.y), ImVec2(x, (accuracy ? acc : loss).p1.y), palette().text_muted, thin);
  demo.curve_hover = CurveReadout{*nearest, train_smooth[i], test_smooth[i], has_test, accuracy};
  draw_readout(*demo.curve_hover);
}

}  // namespace bpl::web
