#include "engine/expr/markdown.h"

#include "engine/expr/format.h"

namespace bpl::expr {

namespace {

// Mermaid reads a quoted label up to the next '"': write it as an entity.
std::string escape_label(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '"' ? std::string("#quot;") : std::string(1, c);
  return out;
}

std::string node_label(const Graph& graph, NodeId id) {
  const Node& node = graph.nodes[id];
  const std::string value = node.defined() ? format_number(node.value) : "undefined";
  if (node.op == Op::constant) return node.label;
  std::string label = node.label;
  if (!node.is_leaf()) label += " = " + formula(graph, id);
  label += " = " + value;
  if (node.varies) label += "<br/>∂f/∂" + node.label + " = " + format_number(node.adjoint);
  return label;
}

}  // namespace

std::string to_mermaid(const Graph& graph) {
  std::string out = "graph LR\n";
  for (NodeId id = 0; id < static_cast<NodeId>(graph.nodes.size()); ++id) {
    out += "  n" + std::to_string(id) + "[\"" + escape_label(node_label(graph, id)) + "\"]\n";
  }
  for (NodeId id = 0; id < static_cast<NodeId>(graph.nodes.size()); ++id) {
    const Node& node = graph.nodes[id];
    for (std::size_t i = 0; i < node.inputs.size(); ++i) {
      const Node& input = graph.nodes[node.inputs[i]];
      out += "  n" + std::to_string(node.inputs[i]) + " -->";
      if (input.varies) {
        out += "|\"∂" + node.label + "/∂" + input.label + " = " + format_number(node.local[i]) + "\"|";
      }
      out += " n" + std::to_string(id) + "\n";
    }
  }
  return out;
}

std::string to_markdown(const Graph& graph, const Derivation& derivation) {
  std::string out = "`f(x, y) = " + graph.source + "` at (x, y) = (" + format_number(graph.at_x) +
                    ", " + format_number(graph.at_y) + ")\n\n";
  out += "```mermaid\n" + to_mermaid(graph) + "```\n\n";
  if (!derivation.defined) return out + derivation.undefined + "\n";
  out += "$$\n" + derivation.latex + "\n$$\n";
  for (const std::string& note : derivation.conventions) out += "\n> Note: " + note + ".\n";
  return out;
}

}  // namespace bpl::expr
