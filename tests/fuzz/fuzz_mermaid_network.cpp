// libFuzzer target: any bytes as mermaid text → parse_mermaid_network. Errors
// have a position inside the text; a network it accepts is a consistent MLP
// whose export reads back to the same shape. A failed invariant aborts with a message.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string_view>

#include "engine/formats/mermaid_network.h"

using namespace bpl;

namespace {

void require(bool condition, const char* what) {
  if (condition) return;
  std::fprintf(stderr, "invariant failed: %s\n", what);
  std::abort();
}

void check_same_shape(const MermaidNetwork& a, const MermaidImport& b) {
  require(b.ok(), "an exported network imports");
  require(b.value->inputs == a.inputs && b.value->hidden == a.hidden && b.value->outputs == a.outputs,
          "import(export(network)) has the same shape");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const MermaidImport imported = parse_mermaid_network(text);
  require(imported.ok() == imported.errors.empty(), "a network or errors, never both");
  // The size cap (README "Input limits"): past it, refused unread at line 1; up to it, never for its size.
  const bool refused_for_length = !imported.ok() && imported.errors.front().message.find("bytes, more than the 256 KiB") != std::string::npos;
  require(refused_for_length == (size > kMaxMermaidBytes), "refused for its length exactly when over the cap");
  int lines = 1;
  for (char c : text) lines += c == '\n';
  for (const MermaidError& e : imported.errors) {
    require(e.line >= 1 && e.line <= lines && e.line <= kMaxMermaidLines + 1, "error line inside the text");
    require(e.column >= 1 && std::size_t(e.column) <= size + 1, "error column inside the line");
    require(!e.message.empty(), "errors say what to do");
  }
  if (!imported.ok()) return 0;

  const MermaidNetwork& net = *imported.value;
  require(net.inputs >= 1 && net.outputs >= 1, "at least one input and one output");
  require(net.hidden.size() <= std::size_t(kMaxLayers - 1), "at most 15 hidden layers");
  require(net.ids.size() == net.hidden.size() + 2 && net.labels.size() == net.ids.size(), "ids and labels per layer");
  std::vector<int> units = {net.inputs};
  units.insert(units.end(), net.hidden.begin(), net.hidden.end());
  units.push_back(net.outputs);
  std::set<std::string> ids;
  int nodes = 0;
  for (std::size_t l = 0; l < units.size(); ++l) {
    require(units[l] >= 1 && int(net.ids[l].size()) == units[l] && net.labels[l].size() == net.ids[l].size(), "units match ids");
    for (const std::string& id : net.ids[l]) ids.insert(id);
    nodes += units[l];
  }
  require(int(ids.size()) == nodes && nodes <= kMaxMermaidNodes, "each node once, at most 500");

  NetworkShape shape;
  shape.inputs = net.inputs;
  for (std::size_t l = 1; l < units.size(); ++l) shape.layers.push_back({units[l], Activation::linear});
  MermaidExportOptions options;
  long long edges = 0;
  for (std::size_t l = 1; l < units.size(); ++l) edges += (long long)units[l - 1] * units[l];
  // One line per node and per edge: within the importer's line cap only for small networks.
  if (nodes + edges + 4 <= kMaxMermaidLines) check_same_shape(net, parse_mermaid_network(network_to_mermaid(shape, options)));
  options.compact = true;
  options.fence = true;
  check_same_shape(net, parse_mermaid_network(network_to_mermaid(shape, options)));
  return 0;
}
