#include "network_layout.h"

#include <algorithm>
#include <cmath>

namespace bpl::web {

namespace {

std::string unit_label(const Network<float>& net, int layer, int unit) {
  const int last = net.depth();
  if (layer == 0) return "Input " + std::to_string(unit + 1);
  if (layer == last) return "Output " + std::to_string(unit + 1);
  // The seed's names for one hidden layer; "Hidden l.j" when there are several.
  if (last == 2) return "Hidden " + std::to_string(unit + 1);
  return "Hidden " + std::to_string(layer) + "." + std::to_string(unit + 1);
}

// "Input 1" → "I1", "Hidden 2.3" → "H2.3".
std::string short_unit_label(const std::string& label) {
  const std::size_t space = label.find(' ');
  return space == std::string::npos ? label : label.substr(0, 1) + label.substr(space + 1);
}

}  // namespace

const NodeBox* NetworkLayout::node(int layer, int unit) const {
  for (const auto& column : columns)
    for (const NodeBox& box : column)
      if (box.layer == layer && box.unit == unit) return &box;
  return nullptr;
}

NetworkLayout layout_network(const Network<float>& net, ImVec2 origin, ImVec2 size, float pixel_ratio) {
  NetworkLayout out;
  out.scale = pixel_ratio;
  // Which layers get a column: inputs, up to kMaxDrawnHidden hidden layers, the output.
  std::vector<int> layers;
  for (int l = 0; l <= net.depth(); ++l) {
    const bool hidden = l > 0 && l < net.depth();
    if (hidden && l > kMaxDrawnHidden) { out.truncated = true; continue; }
    layers.push_back(l);
  }
  const float margin = 28.0f * pixel_ratio;
  out.frame_min = ImVec2(origin.x + margin * 0.5f, origin.y + margin * 0.5f);
  out.frame_max = ImVec2(origin.x + size.x - margin * 0.5f, origin.y + size.y - margin * 0.5f);
  const float inner_left = out.frame_min.x + margin * 1.6f, inner_right = out.frame_max.x - margin * 1.6f;
  const float inner_top = out.frame_min.y + margin * 1.3f, inner_bottom = out.frame_max.y - margin * 0.9f;
  const int columns = int(layers.size());
  int max_drawn = 1;
  for (int l : layers) max_drawn = std::max(max_drawn, std::min(net.units(l), kMaxDrawnUnits));
  const float row_pitch = (inner_bottom - inner_top) / float(max_drawn);
  const float column_pitch = columns > 1 ? (inner_right - inner_left) / float(columns - 1) : 0.0f;
  // Node size: as mermaid, text plus padding, shrunk to fit the pitch.
  const float box_h = std::min(row_pitch * 0.55f, 34.0f * pixel_ratio);
  const float box_w = std::min(column_pitch * 0.42f, 96.0f * pixel_ratio);
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
      box.center = ImVec2(x, column_top + row_pitch * (j + 0.5f));
      box.circle = l == 0 || l == net.depth();
      // Circles hold "Input 1": as large as this column's spacing allows, as in mermaid.
      const float column_pitch_y = (inner_bottom - inner_top) / float(drawn);
      // ... but never past the rows actually drawn (row_pitch), or two inputs overlap beside a taller layer.
      const float radius = std::min({column_pitch_y * 0.36f, row_pitch * 0.45f, box_w * 0.5f, 34.0f * pixel_ratio});
      box.half_size = box.circle ? ImVec2(radius, radius) : ImVec2(box_w * 0.5f, box_h * 0.5f);
      box.label = unit_label(net, l, j);
      box.short_label = short_unit_label(box.label);
      const float tag_w = 26.0f * pixel_ratio, tag_h = 14.0f * pixel_ratio;
      box.bias_min = ImVec2(box.center.x - tag_w * 0.5f, box.center.y + box.half_size.y + 2.0f * pixel_ratio);
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
