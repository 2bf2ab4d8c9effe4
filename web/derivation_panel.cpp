// The derivation panel: ∂L/∂θ for the selected parameter by the chain rule, typeset
// (web/math_view.h) — symbols, then numbers, then the value — for one training sample and
// for the batch mean, with the δ recursion, the sum over paths, a central-difference check
// beside it, and notes on why a gradient is zero or tiny. Each factor is coloured like the
// edge or unit it comes from (factor_colour), and hovering one lights the other.
#include <algorithm>
#include <cmath>
#include <string>

#include "app.h"
#include "math_view.h"
#include "panels.h"
#include "platform.h"

namespace bpl::web {

namespace {

void draw_check(const char* what, double analytic, double numeric, double relative_error) {
  const bool good = relative_error < 1e-4 || (std::fabs(analytic) < 1e-9 && std::fabs(numeric) < 1e-9);
  ImGui::PushStyleColor(ImGuiCol_Text, good ? ImVec4(0.1f, 0.55f, 0.2f, 1.0f) : ImVec4(0.8f, 0.4f, 0.0f, 1.0f));
  ImGui::TextWrapped("%s %s: backprop %.6g · central difference %.6g · relative error %.1e", good ? "✓" : "≠ (near a kink?)",
                     what, analytic + 0.0, numeric + 0.0, relative_error);  // + 0.0: no "-0"
  ImGui::PopStyleColor();
}

// One typeset line; a click on a line whose sums are collapsed (t1 + t2 + ⋯ + tn) expands them all.
void draw_line(NetworkDemo& demo, const DerivationLine& line, int index, const FormulaStyle& style,
               std::string& hovered) {
  const bool collapsed = !line.brief.empty() && !demo.expand_sums;
  const std::string id = "line" + std::to_string(index);
  const std::string key = draw_formula(id.c_str(), collapsed ? line.brief : line.latex, style);
  if (!key.empty()) hovered = key;
  if (!line.brief.empty() && ImGui::IsItemHovered()) {
    ImGui::SetTooltip(collapsed ? "click: show every term" : "click: collapse the sums");
    if (ImGui::IsItemClicked()) demo.expand_sums = !demo.expand_sums;
  }
}

}  // namespace

void draw_derivation_panel(App& app) {
  NetworkDemo& demo = app.network;
  if (demo.selected.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));  // wrapped: a phone is narrow
    ImGui::TextWrapped("Click an edge or a bias tag in the network to derive ∂L/∂w for it, with the live numbers.");
    ImGui::PopStyleColor();
    return;
  }
  if (demo.trainer.status() != TrainStatus::ok) {
    ImGui::TextDisabled("Training diverged: reset to see derivations again.");
    return;
  }
  const int train_size = int(demo.trainer.dataset().train.size());
  int sample = demo.derivation_sample + 1;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
  if (train_size > 1 && ImGui::SliderInt("sample", &sample, 1, train_size)) {
    demo.derivation_sample = sample - 1;
    demo.traces_version = -1;
  }
  const std::optional<ParameterRef> p = selected_parameter(demo);
  const WeightDerivation* d = p ? derivation_of(demo, *p, true) : nullptr;
  if (!d) {
    const FieldErrors errors = check_derivation_request(demo.trainer, demo.selected, demo.derivation_sample).errors;
    ImGui::TextWrapped("%s", errors.empty() ? "no derivation" : to_string(errors.front()).c_str());
    return;
  }
  ImGui::SameLine();
  if (ImGui::Button("Copy LaTeX")) copy_to_clipboard(d->latex);
  if (!demo.derivations.current({demo.weights_version, *p, demo.derivation_sample})) {
    ImGui::TextDisabled("numbers from epoch %d: this network's derivation takes %.0f ms, so it is redone when "
                        "training pauses", demo.derivation_epoch, demo.derivation_ms);
  }

  if (demo.factor_marks != d->factor_marks) demo.factor_marks = d->factor_marks;
  FormulaStyle style;
  style.mark_colour = [&](const std::string& key) { return factor_colour(demo, key); };
  style.lit_key = demo.view_hover_mark;
  std::string hovered;
  FormulaStyle small = style;
  small.scale = 0.85f;
  FormulaStyle large = style;
  large.scale = 1.15f;
  const std::vector<DerivationLine>& lines = d->lines;
  for (int k = 0; k < std::min(int(lines.size()), 4); ++k) {
    draw_line(demo, lines[k], k, lines[k].role == "chain" ? small : lines[k].role == "symbolic" ? large : style, hovered);
  }
  draw_check("batch mean", d->value, d->numerical_check, d->relative_error);
  draw_check("this sample", d->sample_value, d->sample_numerical_check, d->sample_relative_error);
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.45f, 0.0f, 1.0f));
  for (const std::string& note : d->notes) ImGui::TextWrapped("• %s", note.c_str());
  ImGui::PopStyleColor();
  if (lines.size() > 4 && ImGui::TreeNodeEx("δ recursion", ImGuiTreeNodeFlags_DefaultOpen)) {
    for (int k = 4; k < int(lines.size()); ++k) draw_line(demo, lines[k], k, small, hovered);
    ImGui::TreePop();
  }
  if (d->paths.size() > 1 && ImGui::TreeNodeEx("sum over paths", ImGuiTreeNodeFlags_DefaultOpen)) {
    for (size_t k = 0; k < d->paths.size(); ++k) {
      const DerivationPath& path = d->paths[k];
      const std::string key = draw_formula(("path" + std::to_string(k)).c_str(), path.latex, small);
      if (!key.empty()) hovered = key;
      ImGui::TextDisabled("  = %s", path.numeric.c_str());
    }
    ImGui::TreePop();
  } else if (d->path_count > kMaxDerivationPaths) {
    ImGui::TextDisabled("%lld paths to the loss: the δ recursion above sums them.", d->path_count);
  }
  demo.formula_hover_mark = hovered;
}

}  // namespace bpl::web
