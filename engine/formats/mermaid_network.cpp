// parse_mermaid_network (mermaid_parse.cpp, then mermaid_layers.cpp) and the
// export in the seed tutorials' style.
#include "engine/formats/mermaid_network.h"

#include <cstdio>
#include <functional>

#include "engine/formats/mermaid_graph.h"
#include "engine/mlp/parameter_names.h"

namespace bpl {

std::string to_string(const MermaidError& error) {
  return "line " + std::to_string(error.line) + ", column " + std::to_string(error.column) + ": " + error.message;
}

MermaidImport parse_mermaid_network(std::string_view text) {
  mermaid::GraphRead read = mermaid::read_graph(text);
  if (!read.errors.empty()) return {std::nullopt, std::move(read.errors)};
  return mermaid::layer_graph(read.graph);
}

namespace {

// units[0] = inputs, units.back() = outputs.
std::string node_id(const std::vector<int>& units, std::size_t layer, int k) {
  const std::string number = std::to_string(k + 1);
  if (layer == 0) return "I" + number;
  if (layer + 1 == units.size()) return "O" + number;
  return units.size() == 3 ? "H" + number : "H" + std::to_string(layer) + "_" + number;
}

std::string node_declaration(const std::vector<int>& units, std::size_t layer, int k) {
  const std::string id = node_id(units, layer, k), number = std::to_string(k + 1);
  if (layer == 0) return id + "((Input " + number + "))";
  if (layer + 1 == units.size()) return id + "((Output " + number + "))";
  return id + "(Hidden " + (units.size() == 3 ? number : std::to_string(layer) + "." + number) + ")";
}

// Mermaid reads |w1 = 0.42| as it is; anything else goes in quotes.
std::string edge_label(const std::string& text) {
  for (char c : text) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' || c == '.' ||
                       c == '=' || c == '_';
    if (!plain) return "|\"" + text + "\"|";
  }
  return "|" + text + "|";
}

// label(layer, j, i): the text on the edge from unit i of layer−1 to unit j of layer; "" for none.
using EdgeLabel = std::function<std::string(int layer, int j, int i)>;

std::string to_mermaid(const std::vector<int>& units, const MermaidExportOptions& options, const EdgeLabel& label) {
  std::string out = options.fence ? "```mermaid\n" : "";
  out += "graph LR\n  subgraph Network\n";
  for (std::size_t l = 0; l < units.size(); ++l)
    for (int k = 0; k < units[l]; ++k) out += "    " + node_declaration(units, l, k) + "\n";
  out += "\n";
  for (std::size_t l = 1; l < units.size(); ++l) {
    if (options.compact && !label) {
      auto group = [&](std::size_t layer) {
        std::string ids;
        for (int k = 0; k < units[layer]; ++k) ids += (k ? " & " : "") + node_id(units, layer, k);
        return ids;
      };
      out += "    " + group(l - 1) + " --> " + group(l) + "\n";
      continue;
    }
    // By source, as the seed does: I1 --> H1, I1 --> H2, I2 --> H1, …
    for (int i = 0; i < units[l - 1]; ++i) {
      for (int j = 0; j < units[l]; ++j) {
        const std::string text = label ? label(int(l), j, i) : "";
        out += "    " + node_id(units, l - 1, i) + " -->" + (text.empty() ? "" : edge_label(text)) + " " + node_id(units, l, j) + "\n";
      }
    }
  }
  out += "  end\n";
  if (options.fence) out += "```\n";
  return out;
}

std::string format_weight(double value, int digits) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.*g", digits < 1 ? 1 : digits > 17 ? 17 : digits, value);
  return buffer;
}

}  // namespace

std::string network_to_mermaid(const NetworkShape& shape, const MermaidExportOptions& options) {
  std::vector<int> units = {shape.inputs};
  for (const LayerShape& layer : shape.layers) units.push_back(layer.units);
  return to_mermaid(units, options, nullptr);
}

template <typename Scalar>
std::string network_to_mermaid(const Network<Scalar>& net, const MermaidExportOptions& options) {
  std::vector<int> units = {net.inputs};
  for (int l = 1; l <= net.depth(); ++l) units.push_back(net.units(l));
  if (!options.weights) return to_mermaid(units, options, nullptr);
  return to_mermaid(units, options, [&](int layer, int j, int i) {
    const ParameterRef p{layer, j, i};
    return parameter_id(net, p) + " = " + format_weight(double(parameter_value(net, p)), options.weight_digits);
  });
}

template std::string network_to_mermaid(const Network<float>&, const MermaidExportOptions&);
template std::string network_to_mermaid(const Network<double>&, const MermaidExportOptions&);

}  // namespace bpl
