#pragma once
// The flowchart a mermaid text describes, before it is read as a network:
// nodes in order of first appearance and deduplicated edges, each with its
// position. Internal to mermaid_parse.cpp (text → graph) and
// mermaid_layers.cpp (graph → layers).
#include <string>
#include <string_view>
#include <vector>

#include "engine/formats/mermaid_network.h"

namespace bpl::mermaid {

struct Node {
  std::string id;
  std::string label;  // the id when the node is never declared with a shape
  bool circle = false;  // ((…)) or (((…)))
  bool shaped = false;  // declared with any shape; a bare id has none and takes the role of its position
  int line = 1, column = 1;  // first appearance
};

struct Edge {
  int from = 0, to = 0;  // node indices
  int line = 1, column = 1;  // the arrow
};

struct Graph {
  std::vector<Node> nodes;
  std::vector<Edge> edges;  // each (from, to) once, in order of first appearance
  int header_line = 1;
};

struct GraphRead {
  Graph graph;
  std::vector<MermaidError> errors;  // empty: graph is complete
};

GraphRead read_graph(std::string_view text);
MermaidImport layer_graph(const Graph& graph);

}  // namespace bpl::mermaid
