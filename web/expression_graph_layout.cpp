#include "expression_graph_layout.h"

#include <algorithm>
#include <cmath>

namespace bpl::web {

using expr::Graph;
using expr::NodeId;
using expr::Op;

namespace {

constexpr int kOrderingSweeps = 4;
constexpr float kMinTextScale = 0.72f;  // 15 px text stays above 10 px

// Columns: leaves x, y at 0, each operation one right of its deepest input
// (constants do not count), each constant one left of its first user.
std::vector<int> assign_columns(const Graph& graph) {
  const int n = int(graph.nodes.size());
  std::vector<int> column(n, 0);
  for (NodeId id = 0; id < n; ++id) {
    const expr::Node& node = graph.nodes[id];
    if (node.is_leaf()) continue;
    int deepest = 0;
    for (NodeId input : node.inputs)
      if (graph.nodes[input].op != Op::constant) deepest = std::max(deepest, column[input]);
    column[id] = deepest + 1;
  }
  std::vector<int> first_user(n, -1);
  for (NodeId id = 0; id < n; ++id)
    for (NodeId input : graph.nodes[id].inputs)
      if (first_user[input] < 0) first_user[input] = id;
  for (NodeId id = 0; id < n; ++id)
    if (graph.nodes[id].op == Op::constant && first_user[id] >= 0) column[id] = std::max(0, column[first_user[id]] - 1);
  return column;
}

// Barycentre ordering: each node moves towards the mean position of its
// neighbours in the column before (forward sweep) or after (backward sweep),
// which removes most edge crossings of an expression tree.
void order_columns(const Graph& graph, const std::vector<char>& drawn, std::vector<std::vector<NodeId>>& columns,
                   const std::vector<int>& column_of) {
  const int n = int(graph.nodes.size());
  std::vector<std::vector<NodeId>> users(n);
  for (NodeId id = 0; id < n; ++id)
    for (NodeId input : graph.nodes[id].inputs) users[input].push_back(id);
  std::vector<float> position(n, 0.5f);  // (index + 0.5) / column size
  auto place = [&](const std::vector<NodeId>& column) {
    for (std::size_t k = 0; k < column.size(); ++k) position[column[k]] = (k + 0.5f) / float(column.size());
  };
  for (const auto& column : columns) place(column);
  auto sweep = [&](int c, bool towards_inputs) {
    std::vector<std::pair<float, NodeId>> keyed;
    for (NodeId id : columns[c]) {
      const std::vector<NodeId>& neighbours = towards_inputs ? graph.nodes[id].inputs : users[id];
      float sum = 0;
      int count = 0;
      for (NodeId other : neighbours)
        if (drawn[other] && column_of[other] != c) { sum += position[other]; ++count; }
      keyed.push_back({count ? sum / float(count) : position[id], id});
    }
    std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t k = 0; k < keyed.size(); ++k) columns[c][k] = keyed[k].second;
    place(columns[c]);
  };
  const int count = int(columns.size());
  for (int pass = 0; pass < kOrderingSweeps; ++pass) {
    for (int c = 1; c < count; ++c) sweep(c, true);
    for (int c = count - 2; c >= 0; --c) sweep(c, false);
  }
}

}  // namespace

GraphLayout layout_expression_graph(const Graph& graph, bool show_constants, const std::vector<ImVec2>& text_sizes,
                                    ImVec2 origin, ImVec2 size, float pixel_ratio) {
  GraphLayout out;
  const int n = int(graph.nodes.size());
  out.boxes.resize(n);
  out.size = size;
  const float margin = 10.0f * pixel_ratio;
  if (n == 0) return out;

  const std::vector<int> column_of = assign_columns(graph);
  std::vector<char> drawn(n, 1);
  int column_count = 0;
  for (NodeId id = 0; id < n; ++id) {
    if (graph.nodes[id].op == Op::constant && !show_constants) drawn[id] = 0;
    if (drawn[id]) column_count = std::max(column_count, column_of[id] + 1);
  }
  std::vector<std::vector<NodeId>> columns(column_count);
  for (NodeId id = 0; id < n; ++id)
    if (drawn[id]) columns[column_of[id]].push_back(id);
  order_columns(graph, drawn, columns, column_of);

  // Natural size (font scale 1): boxes are text plus padding; gaps leave room for edge labels.
  const ImVec2 padding(7.0f * pixel_ratio, 4.0f * pixel_ratio);
  const float column_gap = 56.0f * pixel_ratio, row_gap = 14.0f * pixel_ratio;
  std::vector<float> column_width(column_count, 0.0f);
  float widths = 0, tallest = 0;
  std::size_t most_rows = 1;
  for (int c = 0; c < column_count; ++c) {
    float height = 0;
    for (NodeId id : columns[c]) {
      column_width[c] = std::max(column_width[c], text_sizes[id].x + 2 * padding.x);
      height += text_sizes[id].y + 2 * padding.y + row_gap;
    }
    widths += column_width[c];
    tallest = std::max(tallest, height);
    most_rows = std::max(most_rows, columns[c].size());
  }
  // Shrink to fit, but not below a readable size: past that the canvas grows and scrolls.
  const float natural_w = widths + column_gap * float(std::max(column_count - 1, 0));
  const float fit_w = size.x - 3 * margin, fit_h = size.y - 3 * margin;
  out.text_scale = std::clamp(std::min(fit_w / natural_w, fit_h / tallest), kMinTextScale, 1.0f);
  const float s = out.text_scale;
  const float inner_w = std::max(fit_w, natural_w * s), inner_h = std::max(fit_h, tallest * s);
  out.size = ImVec2(inner_w + 3 * margin, inner_h + 3 * margin);
  out.frame_min = ImVec2(origin.x + margin * 0.5f, origin.y + margin * 0.5f);
  out.frame_max = ImVec2(origin.x + out.size.x - margin * 0.5f, origin.y + out.size.y - margin * 0.5f);

  // Spread the columns over the width; rows centred, at a common pitch.
  const float spare = std::max(inner_w - widths * s, 0.0f) / float(std::max(column_count - 1, 1));
  const float pitch = std::min(inner_h / float(most_rows), tallest * s / float(most_rows) * 1.6f);
  const float middle = (out.frame_min.y + out.frame_max.y) * 0.5f;
  float left = out.frame_min.x + margin + (column_count == 1 ? spare * 0.5f : 0.0f);
  for (int c = 0; c < column_count; ++c) {
    const float centre_x = left + column_width[c] * s * 0.5f;
    const float top = middle - pitch * float(columns[c].size()) * 0.5f;
    for (std::size_t k = 0; k < columns[c].size(); ++k) {
      GraphBox& box = out.boxes[columns[c][k]];
      box.drawn = true;
      box.column = c;
      box.center = ImVec2(centre_x, top + pitch * (float(k) + 0.5f));
      const ImVec2 text = text_sizes[columns[c][k]];
      box.half_size = ImVec2((text.x + 2 * padding.x) * s * 0.5f, (text.y + 2 * padding.y) * s * 0.5f);
    }
    left += column_width[c] * s + spare;
  }
  return out;
}

ImVec2 graph_edge_start(const GraphBox& from) { return ImVec2(from.center.x + from.half_size.x, from.center.y); }

ImVec2 graph_edge_end(const GraphBox& to, int slot, int slots) {
  // Two inputs enter at different heights, so x·x shows two distinct arrows.
  const float offset = slots > 1 ? (float(slot) - 0.5f * float(slots - 1)) * to.half_size.y * 0.7f : 0.0f;
  return ImVec2(to.center.x - to.half_size.x, to.center.y + offset);
}

}  // namespace bpl::web
