#pragma once
// Where the computation graph view puts things: a mermaid `graph LR` flowchart.
// x and y on the left (each drawn once, with one out-edge per use), f on the
// right, every other node one column right of its deepest input. Constants sit
// one column left of their first user. Pure geometry from the graph and a
// rectangle; a graph too large to read at that size gets a larger canvas.
#include <vector>

#include "engine/expr/graph.h"
#include "imgui.h"

namespace bpl::web {

struct GraphBox {
  bool drawn = false;   // hidden constants are not
  int column = 0;
  ImVec2 center{0, 0};
  ImVec2 half_size{0, 0};
};

struct GraphLayout {
  std::vector<GraphBox> boxes;  // indexed by NodeId
  float text_scale = 1.0f;      // < 1 when the graph had to shrink to fit
  ImVec2 size{0, 0};            // the canvas: the given size, or larger (then it scrolls)
  ImVec2 frame_min{0, 0}, frame_max{0, 0};
};

// text_sizes[id]: the size of node id's text block at font scale 1.
GraphLayout layout_expression_graph(const expr::Graph& graph, bool show_constants, const std::vector<ImVec2>& text_sizes,
                                    ImVec2 origin, ImVec2 size, float pixel_ratio);

// Where an edge leaves `from` and enters input slot `slot` of `to` (of `slots`).
ImVec2 graph_edge_start(const GraphBox& from);
ImVec2 graph_edge_end(const GraphBox& to, int slot, int slots);

}  // namespace bpl::web
