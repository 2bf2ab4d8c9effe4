#pragma once
// Pieces of the network view (web/network_view.cpp) that its tooltips
// (web/network_tooltips.cpp) share: the gradients it draws, each node's heatmap.
#include "heatmap.h"
#include "network_demo.h"
#include "network_layout.h"

namespace bpl::web {

// The batch trace for ∂L/∂θ (nullptr while it is of another network's shape).
const StepTrace<double>* gradient_trace(NetworkDemo& demo, const Network<float>& net);
// ∂L/∂θ from it, 0 without one.
float gradient_of(const StepTrace<double>* trace, ParameterRef p);
// The heatmap a node holds, and the style it is drawn with.
const HeatmapTexture* node_heatmap(const NetworkDemo& demo, const NodeBox& box, int output_layer);
HeatmapStyle node_style(const Network<float>& net, const NodeBox& box);
// The hover tooltips: a unit's heatmap and numbers, a parameter's value and gradient, typeset.
void unit_tooltip(NetworkDemo& demo, const NodeBox& box, float scale);
void parameter_tooltip(NetworkDemo& demo, ParameterRef p);

}  // namespace bpl::web
