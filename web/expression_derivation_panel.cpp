// The derivation panel: for x and y, ∂f/∂(variable) as the sum over all paths
// from f down to it of the product of the local derivatives along the path —
// in symbols, with numbers, and the total — then the symbolic gradient and a
// central-difference check beside it. Copies as LaTeX or as Markdown with a
// mermaid block, for tutorial authors.
#include <cmath>

#include "app.h"
#include "engine/expr/format.h"
#include "expression_panels.h"
#include "math_view.h"
#include "panels.h"
#include "platform.h"

namespace bpl::web {

using namespace bpl::expr;

namespace {

constexpr const char* kSeedText = "(x^2 + x*y) * y^3";

// One variable's lines, typeset as one aligned block: ∂f/∂x = symbols, = numbers, = the total.
void draw_variable_lines(const VariableDerivation& v) {
  std::string latex = "\\begin{aligned}";
  for (std::size_t k = 0; k < v.latex_lines.size(); ++k) latex += (k ? " \\\\ " : "") + v.latex_lines[k];
  draw_formula(("derivation-" + v.variable).c_str(), latex + "\\end{aligned}");
}

void draw_check(const char* variable, double backprop, const CentralDifference& check, double numeric) {
  if (!check.defined) {
    ImGui::TextDisabled("central difference for ∂f/∂%s: f is undefined at a probe point next to (x, y)", variable);
    return;
  }
  const double error = std::fabs(backprop - numeric) / std::max(1.0, std::fabs(numeric));
  const bool good = error < 1e-5;
  ImGui::Text("check ∂f/∂%s: central difference (f(·+h) − f(·−h))/2h = %s, off by %.1e", variable,
              format_number(numeric).c_str(), error);
  ImGui::SameLine();
  ImGui::TextColored(good ? ImVec4(0.1f, 0.6f, 0.2f, 1.0f) : ImVec4(0.85f, 0.45f, 0.0f, 1.0f),
                     good ? "✓" : "≠ (near a kink?)");
}

void seed_note(const ExpressionDemo& demo) {
  if (demo.graph.source != kSeedText || demo.x != 1 || demo.y != 2) return;
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.45f, 0.0f, 1.0f));
  ImGui::TextWrapped("Note: the seed tutorial printed ∂f/∂y = 28 here. y reaches f along two paths, so both count: "
                     "∂f/∂y = x·y³ + 3y²(x² + xy) = 8 + 36 = 44, and the central difference agrees.");
  ImGui::PopStyleColor();
}

}  // namespace

void draw_expression_derivation_panel(App& app) {
  ExpressionDemo& demo = app.expression;
  const Derivation& d = demo.derivation;
  section_title("Derivation: the chain rule, one product per path from f to the variable");
  if (!d.defined) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.83f, 0.18f, 0.18f, 1.0f));
    ImGui::TextWrapped("%s", d.undefined.c_str());
    ImGui::PopStyleColor();
    return;
  }
  if (ImGui::SmallButton("Copy LaTeX")) copy_to_clipboard(expression_latex(demo));
  ImGui::SameLine();
  if (ImGui::SmallButton("Copy Markdown + mermaid")) copy_to_clipboard(expression_markdown(demo));
  seed_note(demo);
  const std::string symbolic[] = {demo.symbolic.latex_x, demo.symbolic.latex_y};
  const double numeric[] = {demo.check.dx, demo.check.dy};
  for (std::size_t i = 0; i < d.variables.size(); ++i) {
    const VariableDerivation& v = d.variables[i];
    ImGui::Spacing();
    if (!v.used) {
      ImGui::TextDisabled("∂f/∂%s = 0: f does not use %s", v.variable.c_str(), v.variable.c_str());
      continue;
    }
    ImGui::TextDisabled("%d path%s from f to %s", v.path_count, v.path_count == 1 ? "" : "s", v.variable.c_str());
    draw_variable_lines(v);
    if (!v.defined) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.85f, 0.45f, 0.0f, 1.0f));
      ImGui::TextWrapped("undefined: %s", v.undefined.c_str());
      ImGui::PopStyleColor();
    }
    if (i < 2) {
      ImGui::TextDisabled("symbolic:");
      ImGui::SameLine();
      draw_formula(("symbolic-" + v.variable).c_str(),
                   "\\frac{\\partial f}{\\partial " + v.variable + "} = " + symbolic[i]);
    }
    if (i < 2) draw_check(v.variable.c_str(), v.total, demo.check, numeric[i]);
  }
  for (const std::string& note : d.conventions) {
    ImGui::Spacing();
    ImGui::TextWrapped("Note: %s.", note.c_str());
  }
}

}  // namespace bpl::web
