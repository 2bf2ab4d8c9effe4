#pragma once
// Where the network view puts things: a mermaid `graph LR` flowchart with
// inputs and outputs as circles, hidden units as rounded boxes, one column per
// layer. Pure geometry, recomputed each frame from the view rectangle.
#include <string>
#include <vector>

#include "engine/mlp/network.h"
#include "imgui.h"

namespace bpl::web {

inline constexpr int kMaxDrawnUnits = 8;    // per layer; the engine may train more
inline constexpr int kMaxDrawnHidden = 6;   // hidden layers drawn

struct NodeBox {
  int layer;        // 0 = inputs, 1..L
  int unit;
  ImVec2 center;
  ImVec2 half_size;  // circles: half_size.x == radius
  bool circle;
  std::string label;  // "Input 1", "Hidden 2", "Output 1"
  std::string short_label;  // "I1", "H2", "H2.3", "O1": drawn when the label would shrink past legibility
  ImVec2 bias_min, bias_max;  // the bias tag under the node (layers ≥ 1)
};

struct NetworkLayout {
  std::vector<std::vector<NodeBox>> columns;  // [layer][drawn unit]
  std::vector<int> hidden_units;              // per drawn column: units not drawn
  bool truncated = false;                     // some layers or units are not drawn
  ImVec2 frame_min, frame_max;                // the "Network" subgraph frame
  float scale = 1.0f;

  const NodeBox* node(int layer, int unit) const;
};

// input_labels: one per input feature ("x1", "x1²", ...).
NetworkLayout layout_network(const Network<float>& net, ImVec2 origin, ImVec2 size, float pixel_ratio);

// Edge endpoints: from the right of the source to the left of the target.
ImVec2 edge_start(const NodeBox& from);
ImVec2 edge_end(const NodeBox& to);

// Distance from p to the segment [a, b].
float distance_to_segment(ImVec2 p, ImVec2 a, ImVec2 b);

}  // namespace bpl::web
