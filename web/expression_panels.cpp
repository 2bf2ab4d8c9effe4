// The f(x, y) demo: its layout (three columns, from the chain rule on the
// left to gradient descent on the right) and the expression panel: the input
// line with live parse feedback, the presets and the point.
#include <algorithm>
#include <cmath>

#include "app.h"
#include "engine/expr/format.h"
#include "expression_panels.h"
#include "panels.h"

namespace bpl::web {

using namespace bpl::expr;

namespace {

constexpr ImU32 kErrorColour = IM_COL32(0xD3, 0x2F, 0x2F, 0xFF);
const ImVec4 kWarningColour(0.85f, 0.45f, 0.0f, 1.0f);

// ImGui edits a char buffer; this grows the std::string under it (as misc/cpp/imgui_stdlib does).
int resize_string(ImGuiInputTextCallbackData* data) {
  if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
    auto* text = static_cast<std::string*>(data->UserData);
    text->resize(std::size_t(data->BufTextLen));
    data->Buf = text->data();
  }
  return 0;
}

// Byte offset of the 1-based character column `column` of UTF-8 `text`.
std::size_t byte_offset(const std::string& text, int column) {
  std::size_t i = 0;
  for (int c = 1; c < column && i < text.size(); ++c) {
    ++i;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

void draw_expression_line(ExpressionDemo& demo) {
  ImGui::SetNextItemWidth(-FLT_MIN);
  std::string& draft = demo.draft;
  if (draft.capacity() < 64) draft.reserve(64);
  const bool edited = ImGui::InputText("##expression", draft.data(), draft.capacity() + 1,
                                       ImGuiInputTextFlags_CallbackResize, resize_string, &draft);
  const ImVec2 frame_min = ImGui::GetItemRectMin();
  demo.input_min = frame_min;
  demo.input_max = ImGui::GetItemRectMax();
  if (edited) set_expression_draft(demo, std::string(draft));
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Type f(x, y): + − * / ^, sin cos tan exp ln sqrt abs tanh sigmoid relu, pow min max, pi, e.\n"
                      "\"2x\" means 2*x. The graph updates as you type; while the text has an error the last good "
                      "graph stays.");
  if (!demo.draft_error) return;
  // A caret under the column the parser stopped at, then what it expected.
  const ParseError& error = *demo.draft_error;
  const std::size_t offset = byte_offset(draft, error.column);
  const float caret_x = frame_min.x + ImGui::GetStyle().FramePadding.x +
                        ImGui::CalcTextSize(draft.c_str(), draft.c_str() + offset).x;
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float caret_w = ImGui::CalcTextSize("^").x;
  ImGui::GetWindowDrawList()->AddText(ImVec2(caret_x - caret_w * 0.5f, at.y - ImGui::GetStyle().ItemSpacing.y * 0.5f),
                                      kErrorColour, "^");
  ImGui::Dummy(ImVec2(1, ImGui::GetFontSize() * 0.7f));
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(kErrorColour));
  ImGui::TextWrapped("%s", describe(error).c_str());
  ImGui::PopStyleColor();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("Showing the last expression that parsed: %s", demo.graph.source.c_str());
  ImGui::PopStyleColor();
}

void draw_presets(ExpressionDemo& demo) {
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  const std::vector<ExpressionPreset>& presets = expression_presets();
  for (std::size_t i = 0; i < presets.size(); ++i) {
    const ExpressionPreset& preset = presets[i];
    const float width = ImGui::CalcTextSize(preset.name).x + ImGui::GetStyle().FramePadding.x * 2;
    if (i > 0) {
      ImGui::SameLine();
      if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width > right) ImGui::NewLine();
    }
    const bool active = demo.graph.source == preset.text;
    if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::SmallButton(preset.name)) apply_preset(demo, preset);
    if (active) ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", preset.text);
  }
  if (const ExpressionPreset* preset = find_preset(demo.graph.source); preset && preset->note[0]) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", preset->note);
    ImGui::PopStyleColor();
  }
}

void draw_point(ExpressionDemo& demo) {
  const FieldWindow& w = demo.window;
  double x = demo.x, y = demo.y;
  ImGui::SetNextItemWidth(-ImGui::CalcTextSize("y ").x);
  bool changed = ImGui::SliderScalar("x", ImGuiDataType_Double, &x, &w.x0, &w.x1, "%.4g");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Drag, Ctrl+click to type a value, or click on the contour plot");
  ImGui::SetNextItemWidth(-ImGui::CalcTextSize("y ").x);
  changed |= ImGui::SliderScalar("y", ImGuiDataType_Double, &y, &w.y0, &w.y1, "%.4g");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Drag, Ctrl+click to type a value, or click on the contour plot");
  if (changed && std::isfinite(x) && std::isfinite(y)) set_point(demo, x, y);
}

void draw_summary(const ExpressionDemo& demo) {
  if (!demo.evaluation.defined()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(kErrorColour));
    ImGui::TextWrapped("f is undefined at this point: %s", demo.evaluation.reason.c_str());
    ImGui::PopStyleColor();
    return;
  }
  ImGui::PushFont(heading_font());
  ImGui::Text("f = %s", format_number(demo.evaluation.value).c_str());
  ImGui::PopFont();
  if (demo.gradient.defined()) {
    ImGui::Text("∇f = (∂f/∂x, ∂f/∂y) = (%s, %s)", format_number(demo.gradient.dx).c_str(),
                format_number(demo.gradient.dy).c_str());
  } else {
    ImGui::PushStyleColor(ImGuiCol_Text, kWarningColour);
    ImGui::TextWrapped("∇f is undefined here: %s", demo.gradient.reason.c_str());
    ImGui::PopStyleColor();
  }
}

}  // namespace

void draw_expression_input_panel(App& app) {
  ExpressionDemo& demo = app.expression;
  section_title("f(x, y) =");
  draw_expression_line(demo);
  draw_presets(demo);
  section_title("Point (x, y)");
  draw_point(demo);
  draw_summary(demo);
}

void draw_expression_demo(App& app) {
  ExpressionDemo& demo = app.expression;
  demo.pixel_ratio = app.pixel_ratio;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float left_w = std::clamp(avail.x * 0.25f, 220.0f * app.pixel_ratio, 360.0f * app.pixel_ratio);
  const float middle_w = (avail.x - left_w - 2 * gap) * 0.56f;
  const float right_w = avail.x - left_w - middle_w - 2 * gap;

  ImGui::BeginChild("expression-left", ImVec2(left_w, avail.y), true);
  draw_expression_input_panel(app);
  draw_descent_controls(app);
  ImGui::EndChild();
  ImGui::SameLine();

  ImGui::BeginChild("expression-middle", ImVec2(middle_w, avail.y), false);
  ImGui::BeginChild("expression-graph", ImVec2(middle_w, avail.y * 0.6f), true, ImGuiWindowFlags_NoScrollbar);
  draw_expression_graph_panel(app);
  ImGui::EndChild();
  ImGui::BeginChild("expression-derivation", ImVec2(middle_w, 0), true);
  draw_expression_derivation_panel(app);
  ImGui::EndChild();
  ImGui::EndChild();
  ImGui::SameLine();

  ImGui::BeginChild("expression-right", ImVec2(right_w, avail.y), false);
  const float contour_h = std::min(avail.y * 0.64f, right_w + ImGui::GetFontSize() * 6.0f);
  ImGui::BeginChild("expression-contour", ImVec2(right_w, contour_h), true,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  draw_expression_contour_panel(app);
  ImGui::EndChild();
  ImGui::BeginChild("expression-descent", ImVec2(right_w, 0), true, ImGuiWindowFlags_NoScrollbar);
  draw_descent_results(app);
  ImGui::EndChild();
  ImGui::EndChild();
}

}  // namespace bpl::web
