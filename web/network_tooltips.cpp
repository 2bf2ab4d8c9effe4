// The network view's hover tooltips, typeset with the derivation's own names (x1, h1,
// W⁽²⁾₁₂, δ⁽ˡ⁾ⱼ: engine/derivation/weight_derivation_notation.h), and the pieces of the view
// they share with it (web/network_view_parts.h).
#include "engine/derivation/weight_derivation_notation.h"
#include "engine/expr/derivation.h"
#include "engine/expr/format.h"
#include "engine/mlp/parameter_names.h"
#include "math_view.h"
#include "network_view_parts.h"

namespace bpl::web {

namespace {

// The style a hidden unit's heatmap is drawn with: its activation's range.
HeatmapStyle unit_style(Activation activation) {
  HeatmapStyle style;
  style.lo = activation == Activation::sigmoid ? 0.0f : -1.0f;
  style.hi = 1.0f;
  return style;
}

}  // namespace

// The batch trace for ∂L/∂θ: while training it may be a few frames old (kLiveRefreshMs), so
// nullptr while it is of another shape than the network drawn (a model loaded while playing).
const StepTrace<double>* gradient_trace(NetworkDemo& demo, const Network<float>& net) {
  const StepTrace<double>& trace = batch_trace(demo, false);
  if (int(trace.layers.size()) != net.depth()) return nullptr;
  for (int l = 1; l <= net.depth(); ++l) {
    const Matrix<double>& g = trace.layers[l - 1].weight_gradient;
    if (g.rows() != net.units(l) || g.cols() != net.units(l - 1)) return nullptr;
  }
  return &trace;
}

float gradient_of(const StepTrace<double>* trace, ParameterRef p) { return trace ? float(trace->gradient(p)) : 0.0f; }

// The heatmap a node holds: a hidden unit's output, an input's feature map; nullptr for none.
const HeatmapTexture* node_heatmap(const NetworkDemo& demo, const NodeBox& box, int output_layer) {
  if (box.layer == 0)
    return box.unit < int(demo.feature_textures.size()) ? &demo.feature_textures[box.unit] : nullptr;
  if (box.layer == output_layer || box.layer > int(demo.unit_textures.size())) return nullptr;
  const auto& layer = demo.unit_textures[box.layer - 1];
  return box.unit < int(layer.size()) && !layer[box.unit].empty() ? &layer[box.unit] : nullptr;
}

HeatmapStyle node_style(const Network<float>& net, const NodeBox& box) {
  if (box.layer == 0) return HeatmapStyle{};  // feature maps are scaled to −1…1 (ensure_feature_textures)
  return unit_style(net.layers[box.layer - 1].activation);
}

void unit_tooltip(NetworkDemo& demo, const NodeBox& box, float scale) {
  const Network<float>& net = demo.trainer.network();
  const StepTrace<double>* trace = sample_trace(demo, false);
  ImGui::BeginTooltip();
  ImGui::TextUnformatted(box.label.c_str());
  if (const HeatmapTexture* heatmap = node_heatmap(demo, box, net.depth())) {
    // The node's picture, enlarged: what this unit computes at every point of the input plane.
    const float side = 128.0f * scale;
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(side, side));
    draw_heatmap(ImGui::GetWindowDrawList(), p0, ImVec2(p0.x + side, p0.y + side), *heatmap, node_style(net, box));
    ImGui::TextDisabled(box.layer == 0 ? "this input over the input plane" : "this unit's output a over the input plane");
  }
  // The unit's numbers typeset with the derivation's own symbols (x1, h1, a⁽ˡ⁾ⱼ, z⁽ˡ⁾ⱼ, δ⁽ˡ⁾ⱼ).
  const Network<double> exact = net.cast<double>();
  const derivation::Notation names(exact);
  const auto number = [](double v) { return expr::latex_number(v, false); };
  if (trace && box.layer == 0) {
    draw_formula("unit-x", names.unit(0, box.unit).latex + " = " + number(trace->inputs(0, box.unit)));
    ImGui::TextDisabled("for training sample %d", demo.derivation_sample + 1);
  } else if (trace) {
    const LayerTrace<double>& layer = trace->layers[box.layer - 1];
    const derivation::Styled z = names.pre_activation(box.layer, box.unit), delta = names.delta(box.layer, box.unit);
    draw_formula("unit-z", z.latex + " = " + number(layer.z(0, box.unit)));
    draw_formula("unit-a", names.unit(box.layer, box.unit).latex + " = " + number(layer.a(0, box.unit)));
    draw_formula("unit-delta", delta.latex + " = \\frac{\\partial \\ell}{\\partial " + z.latex + "} = " +
                                   number(layer.delta(0, box.unit)));
    ImGui::TextDisabled("for training sample %d", demo.derivation_sample + 1);
  }
  ImGui::EndTooltip();
}

void parameter_tooltip(NetworkDemo& demo, ParameterRef p) {
  const Network<float>& net = demo.trainer.network();
  // Named as the derivation names it (w1, W⁽²⁾₁₂ with 1-based indices), not by its API id.
  const Network<double> exact = net.cast<double>();
  const derivation::Notation names(exact);
  const std::string theta = names.parameter(p).latex;
  ImGui::BeginTooltip();
  draw_formula("theta", theta + " = " + expr::latex_number(parameter_value(net, p), false));
  draw_formula("gradient", "\\frac{\\partial L}{\\partial " + theta + "} = " +
                               expr::latex_number(gradient_of(gradient_trace(demo, net), p), false));
  ImGui::TextDisabled("click: select · double-click: edit");
  ImGui::EndTooltip();
}

}  // namespace bpl::web
