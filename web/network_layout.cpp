#include "network_layout.h"

#include <algorithm>
#include <cmath>

#include "engine/mlp/parameter_names.h"

namespace bpl::web {

namespace {

std::string unit_label(const Network<float>& net, const std::vector<Feature>& features, int layer, int unit) {
  const int last = net.depth();
  // The seed's 2-2-1 net (000_*.txt): its nodes are x₁ x₂, h₁ h₂ and y, as its formulas
  // and the derivation (engine/derivation/weight_derivation_notation.h) name them.
  if (parse_parameter_id(net, "w1")) {
    static const char* const kSeed[3][2] = {{"x₁", "x₂"}, {"h₁", "h₂"}, {"y", "y"}};
    return kSeed[layer][unit];
  }
  if (layer == 0) return unit < int(features.size()) ? feature_label(features[unit]) : "x" + std::to_string(unit + 1);
  if (layer == last) return "Output " + std::to_string(unit + 1);
  // The seed's names for one hidden layer; "Hidden l.j" when there are several.
  if (last == 2) return "Hidden " + std::to_string(unit + 1);
  return "Hidden " + std::to_string(layer) + "." + std::to_string(unit + 1);
}

// The derivation's own names: h1 (h2.3 with several hidden layers), y (y2 with several outputs).
std::string short_unit_label(const Network<float>& net, const std::vector<Feature>& features, int layer, int unit) {
  const int last = net.depth();
  if (layer == 0) return unit_label(net, features, layer, unit);
  if (layer == last) return net.units(last) == 1 ? "y" : "y" + std::to_string(unit + 1);
  if (last == 2) return "h" + std::to_string(unit + 1);
  return "h" + std::to_string(layer) + "." + std::to_string(unit + 1);
}

}  // namespace

const char* feature_label(Feature feature) {
  switch (feature) {
    case Feature::x1: return "x₁";
    case Feature::x2: return "x₂";
    case Feature::x1_squared: return "x₁²";
    case Feature::x2_squared: return "x₂²";
    case Feature::x1_times_x2: return "x₁x₂";
    case Feature::sin_x1: return "sin x₁";
    case Feature::sin_x2: return "sin x₂";
  }
  return "?";
}

const NodeBox* NetworkLayout::node(int layer, int unit) const {
  for (const auto& column : columns)
    for (const NodeBox& box : column)
      if (box.layer == layer && box.unit == unit) return &box;
  return nullptr;
}

NetworkLayout layout_network(const Network<float>& net, const std::vector<Feature>& features, ImVec2 origin,
                             ImVec2 size, float pixel_ratio) {
  NetworkLayout out;
  out.scale = pixel_ratio;
  // Which layers get a column: inputs, up to kMaxDrawnHidden hidden layers, the output.
  std::vector<int> layers;
  for (int l = 0; l <= net.depth(); ++l) {
    const bool hidden = l > 0 && l < net.depth();
    if (hidden && l > kMaxDrawnHidden) { out.truncated = true; continue; }
    layers.push_back(l);
  }
  // Narrow views (a phone column) give up margin before nodes.
  const float margin = std::min(28.0f * pixel_ratio, size.x * 0.06f);
  out.frame_min = ImVec2(origin.x + margin * 0.5f, origin.y + margin * 0.5f);
  out.frame_max = ImVec2(origin.x + size.x - margin * 0.5f, origin.y + size.y - margin * 0.5f);
  // Room on the left for the inputs' labels and on the right for the outputs'.
  const float inner_left = out.frame_min.x + margin * 1.9f, inner_right = out.frame_max.x - margin * 1.9f;
  const float inner_top = out.frame_min.y + margin * 1.1f, inner_bottom = out.frame_max.y - margin * 0.6f;
  const int columns = int(layers.size());
  int max_drawn = 1;
  for (int l : layers) max_drawn = std::max(max_drawn, std::min(net.units(l), kMaxDrawnUnits));
  // Every column shares one row pitch, so a node plus its bias tag fits in it whatever the column.
  const float row_pitch = std::max(inner_bottom - inner_top, 1.0f) / float(max_drawn);
  const float column_pitch = columns > 1 ? (inner_right - inner_left) / float(columns - 1) : 0.0f;
  const float tag_w = 26.0f * pixel_ratio, tag_h = 13.0f * pixel_ratio, gap = 2.0f * pixel_ratio;
  const float node_h = std::clamp(row_pitch * 0.9f - tag_h - gap, 4.0f * pixel_ratio, 44.0f * pixel_ratio);
  const float box_w = std::min(column_pitch * 0.55f, 120.0f * pixel_ratio);
  const float radius = std::max(std::min({node_h * 0.5f, box_w * 0.5f, 26.0f * pixel_ratio}), 2.0f * pixel_ratio);
  for (int c = 0; c < columns; ++c) {
    const int l = layers[c];
    const int drawn = std::min(net.units(l), kMaxDrawnUnits);
    out.hidden_units.push_back(net.units(l) - drawn);
    if (drawn < net.units(l)) out.truncated = true;
    const float x = columns > 1 ? inner_left + column_pitch * c : (inner_left + inner_right) * 0.5f;
    const float column_top = (inner_top + inner_bottom) * 0.5f - row_pitch * drawn * 0.5f;
    std::vector<NodeBox> column;
    for (int j = 0; j < drawn; ++j) {
      NodeBox box;
      box.layer = l;
      box.unit = j;
      // The node sits above its bias tag, the pair centred in its row.
      box.center = ImVec2(x, column_top + row_pitch * (j + 0.5f) - (tag_h + gap) * 0.5f);
      box.circle = l == 0 || l == net.depth();
      box.half_size = box.circle ? ImVec2(radius, radius) : ImVec2(box_w * 0.5f, node_h * 0.5f);
      box.label = unit_label(net, features, l, j);
      box.short_label = short_unit_label(net, features, l, j);
      box.bias_min = ImVec2(box.center.x - tag_w * 0.5f, box.center.y + box.half_size.y + gap);
      box.bias_max = ImVec2(box.bias_min.x + tag_w, box.bias_min.y + tag_h);
      column.push_back(box);
    }
    out.columns.push_back(std::move(column));
  }
  return out;
}

ImVec2 edge_start(const NodeBox& from) { return ImVec2(from.center.x + from.half_size.x, from.center.y); }
ImVec2 edge_end(const NodeBox& to) { return ImVec2(to.center.x - to.half_size.x, to.center.y); }

float distance_to_segment(ImVec2 p, ImVec2 a, ImVec2 b) {
  const float dx = b.x - a.x, dy = b.y - a.y;
  const float length_sq = dx * dx + dy * dy;
  float t = length_sq > 0.0f ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / length_sq : 0.0f;
  t = std::clamp(t, 0.0f, 1.0f);
  const float cx = a.x + t * dx - p.x, cy = a.y + t * dy - p.y;
  return std::sqrt(cx * cx + cy * cy);
}

}  // namespace bpl::web
