// The f(x, y) demo: its panels (in teaching order, from the expression and its
// graph to gradient descent; web/page_layout.h places them in columns) and the expression panel: the input
// line with live parse feedback, the presets and the point.
#include <algorithm>
#include <cmath>

#include "app.h"
#include "engine/expr/format.h"
#include "expression_panels.h"
#include "page_frame.h"
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
  if (ImGui::IsItemHovered()) {
    // Above the line, so the hint never covers the parse error under it.
    ImGui::SetNextWindowPos(ImVec2(frame_min.x, frame_min.y - ImGui::GetStyle().ItemSpacing.y), ImGuiCond_Always,
                            ImVec2(0.0f, 1.0f));
    ImGui::SetTooltip("Type f(x, y): + − * / ^, sin cos tan exp ln sqrt abs tanh sigmoid relu, pow min max, pi, e.\n"
                      "\"2x\" means 2*x. The graph updates as you type; while the text has an error the last good "
                      "graph stays.");
  }
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

namespace {

// Sizes in CSS px; the views want a height that suits their width, the text panels their content's.
std::vector<PanelSpec> expression_panels(const App& app) {
  std::vector<PanelSpec> panels = {
      //  name        min w  min h  height                                     share col3 col2
      {"expression", 260, 300, content_height(app, "expression", 420), 1.0f, 0, 0},
      {"graph", 300, 260, 0, 0.6f, 1, 1},
      {"derivation", 300, 160, content_height(app, "derivation", 300), 0.4f, 1, 1},
      {"contour", 260, 280, 0, 0.64f, 2, 0},
      {"descent", 260, 220, 320, 0.36f, 2, 0},
  };
  panels[1].aspect = 0.75f, panels[1].max_height = 520;
  panels[3].aspect = 1.0f, panels[3].max_height = 640;  // a square plot and its caption
  return panels;
}

}  // namespace

void draw_expression_demo(App& app, PageArea area) {
  ExpressionDemo& demo = app.expression;
  demo.pixel_ratio = app.pixel_ratio;
  area.column_weights3[0] = 0.15f, area.column_weights3[1] = 0.5f, area.column_weights3[2] = 0.35f;
  set_page_layout(app, area, expression_panels(app));
  const ImGuiWindowFlags fixed = ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
  draw_panel(app, "expression", true, 0, [&] {
    draw_expression_input_panel(app);
    draw_descent_controls(app);
  });
  draw_panel(app, "graph", true, ImGuiWindowFlags_NoScrollbar, [&] { draw_expression_graph_panel(app); });
  draw_panel(app, "derivation", true, 0, [&] { draw_expression_derivation_panel(app); });
  draw_panel(app, "contour", true, fixed, [&] { draw_expression_contour_panel(app); });
  draw_panel(app, "descent", true, ImGuiWindowFlags_NoScrollbar, [&] { draw_descent_results(app); });
}

}  // namespace bpl::web
