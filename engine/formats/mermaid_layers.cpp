// Nodes and edges → the layers of an MLP, or the first rule the drawing breaks:
// no edges, an isolated node, a cycle, a hidden unit drawn where an input or
// output belongs, an output too early, an edge that skips a layer, a missing
// edge between neighbouring layers, too many layers.
#include <algorithm>

#include "engine/formats/mermaid_graph.h"

namespace bpl::mermaid {

namespace {

constexpr std::size_t kMaxReportedErrors = 10;
constexpr const char* kFullyConnected = "BackpropLens networks are fully connected between layers";

struct Analysis {
  std::vector<std::vector<int>> in, out;  // neighbours by node
  std::vector<int> order;                 // topological
  std::vector<int> layer;                 // longest path from an input
};

MermaidError at_node(const Node& node, std::string message) { return {node.line, node.column, std::move(message)}; }
MermaidError at_edge(const Edge& edge, std::string message) { return {edge.line, edge.column, std::move(message)}; }

// A cycle through the nodes Kahn's algorithm could not order, as an error at one of its edges.
MermaidError cycle_error(const Graph& g, const Analysis& a) {
  std::vector<char> ordered(g.nodes.size(), 0);
  for (int v : a.order) ordered[std::size_t(v)] = 1;
  int v = 0;
  while (ordered[std::size_t(v)]) ++v;
  // Every unordered node has an unordered predecessor: walk back until a node repeats.
  std::vector<int> seen_at(g.nodes.size(), -1), walk;
  while (seen_at[std::size_t(v)] < 0) {
    seen_at[std::size_t(v)] = int(walk.size());
    walk.push_back(v);
    for (int u : a.in[std::size_t(v)]) {
      if (!ordered[std::size_t(u)]) {
        v = u;
        break;
      }
    }
  }
  std::vector<int> cycle(walk.begin() + seen_at[std::size_t(v)], walk.end());
  std::reverse(cycle.begin(), cycle.end());  // forward along the edges
  std::string path;
  for (int u : cycle) path += g.nodes[std::size_t(u)].id + " --> ";
  path += g.nodes[std::size_t(cycle.front())].id;
  // Report the edge of the cycle written last: most likely the one that closed it.
  const Edge* closing = nullptr;
  for (std::size_t k = 0; k < cycle.size(); ++k) {
    const int from = cycle[k], to = cycle[(k + 1) % cycle.size()];
    for (const Edge& e : g.edges) {
      const bool later = !closing || e.line > closing->line || (e.line == closing->line && e.column > closing->column);
      if (e.from == from && e.to == to && later) closing = &e;
    }
  }
  if (!closing) return at_node(g.nodes[std::size_t(cycle.front())], "cycle " + path);  // not reached: Kahn leaves only cycles
  return at_edge(*closing, "the edges " + path + " go round in a cycle; a network's edges all point forward, from the inputs to the outputs");
}

bool analyse(const Graph& g, Analysis& a, std::vector<MermaidError>& errors) {
  const std::size_t n = g.nodes.size();
  a.in.assign(n, {});
  a.out.assign(n, {});
  for (const Edge& e : g.edges) {
    a.out[std::size_t(e.from)].push_back(e.to);
    a.in[std::size_t(e.to)].push_back(e.from);
  }
  if (g.edges.empty()) {
    errors.push_back({g.header_line, 1, "no edges: draw one from each input to each unit of the next layer, e.g. `I1 --> H1`"});
    return false;
  }
  for (std::size_t v = 0; v < n && errors.size() < kMaxReportedErrors; ++v) {
    if (a.in[v].empty() && a.out[v].empty()) {
      errors.push_back(at_node(g.nodes[v], g.nodes[v].id + " has no edges: connect it to the layers before and after it, or remove it"));
    }
  }
  if (!errors.empty()) return false;
  std::vector<int> waiting(n);
  for (std::size_t v = 0; v < n; ++v) waiting[v] = int(a.in[v].size());
  for (std::size_t v = 0; v < n; ++v)
    if (waiting[v] == 0) a.order.push_back(int(v));
  a.layer.assign(n, 0);
  for (std::size_t k = 0; k < a.order.size(); ++k) {
    const int v = a.order[k];
    for (int w : a.out[std::size_t(v)]) {
      a.layer[std::size_t(w)] = std::max(a.layer[std::size_t(w)], a.layer[std::size_t(v)] + 1);
      if (--waiting[std::size_t(w)] == 0) a.order.push_back(w);
    }
  }
  if (a.order.size() < n) {
    errors.push_back(cycle_error(g, a));
    return false;
  }
  return true;
}

// Shapes must agree with positions: circles are inputs and outputs, boxes hidden
// units; a bare id takes its position's role unless that role is drawn as circles.
void check_roles(const Graph& g, const Analysis& a, int last, std::vector<MermaidError>& errors) {
  bool circle_source = false, circle_sink = false;
  for (std::size_t v = 0; v < g.nodes.size(); ++v) {
    circle_source = circle_source || (a.in[v].empty() && g.nodes[v].circle);
    circle_sink = circle_sink || (a.out[v].empty() && g.nodes[v].circle);
  }
  for (std::size_t v = 0; v < g.nodes.size() && errors.size() < kMaxReportedErrors; ++v) {
    const Node& node = g.nodes[v];
    const bool box = node.shaped && !node.circle;
    const std::string& id = node.id;
    if (a.in[v].empty() && (box || (circle_source && !node.circle))) {
      errors.push_back(at_node(node, id + " has no incoming edge, so it would be an input, but it is " +
                                         (box ? "drawn as a box, which marks a hidden unit: draw inputs as circles, " + id + "((…)), or "
                                              : std::string("not drawn as a circle like the inputs: ")) +
                                         "give it an edge from every unit of the layer before (" + kFullyConnected + ")"));
    } else if (a.out[v].empty() && (box || (circle_sink && !node.circle))) {
      errors.push_back(at_node(node, id + " has no outgoing edge, so it would be an output, but it is " +
                                         (box ? "drawn as a box, which marks a hidden unit: draw outputs as circles, " + id + "((…)), or "
                                              : std::string("not drawn as a circle like the outputs: ")) +
                                         "give it an edge to every unit of the next layer (" + kFullyConnected + ")"));
    } else if (!a.in[v].empty() && !a.out[v].empty() && node.circle) {
      errors.push_back(at_node(node, id + " is drawn as a circle, which marks an input or an output, but it has edges in and out, "
                                         "so it is a hidden unit: draw hidden units as boxes, " + id + "(…)"));
    } else if (a.out[v].empty() && a.layer[v] < last) {
      errors.push_back(at_node(node, id + " has no outgoing edge but is in layer " + std::to_string(a.layer[v]) + " of " +
                                         std::to_string(last) + " (counting the inputs as layer 0): only the outputs end the network; " +
                                         kFullyConnected));
    }
  }
}

}  // namespace

MermaidImport layer_graph(const Graph& g) {
  MermaidImport result;
  Analysis a;
  if (!analyse(g, a, result.errors)) return result;
  const int last = *std::max_element(a.layer.begin(), a.layer.end());
  check_roles(g, a, last, result.errors);
  if (!result.errors.empty()) return result;
  for (const Edge& e : g.edges) {
    const int from = a.layer[std::size_t(e.from)], to = a.layer[std::size_t(e.to)];
    if (to != from + 1 && result.errors.size() < kMaxReportedErrors) {
      const Node &u = g.nodes[std::size_t(e.from)], &v = g.nodes[std::size_t(e.to)];
      result.errors.push_back(at_edge(e, u.id + " --> " + v.id + " skips a layer (" + u.id + " is in layer " + std::to_string(from) +
                                             ", " + v.id + " in layer " + std::to_string(to) +
                                             ", counting the inputs as layer 0): BackpropLens networks connect each layer only to the next"));
    }
  }
  if (!result.errors.empty()) return result;

  std::vector<std::vector<int>> layers(std::size_t(last) + 1);
  for (std::size_t v = 0; v < g.nodes.size(); ++v) layers[std::size_t(a.layer[v])].push_back(int(v));
  std::vector<char> adjacent(g.nodes.size() * g.nodes.size(), 0);
  for (const Edge& e : g.edges) adjacent[std::size_t(e.from) * g.nodes.size() + std::size_t(e.to)] = 1;
  for (std::size_t l = 1; l < layers.size(); ++l) {
    for (int v : layers[l]) {
      for (int u : layers[l - 1]) {
        if (adjacent[std::size_t(u) * g.nodes.size() + std::size_t(v)] || result.errors.size() >= kMaxReportedErrors) continue;
        const Node &from = g.nodes[std::size_t(u)], &to = g.nodes[std::size_t(v)];
        result.errors.push_back(at_node(to, to.id + " has no edge from " + from.id + ": " + kFullyConnected + " (add `" + from.id +
                                                " --> " + to.id + "`)"));
      }
    }
  }
  if (!result.errors.empty()) return result;
  if (last - 1 > kMaxLayers - 1) {
    result.errors.push_back({g.header_line, 1, std::to_string(last - 1) + " hidden layers; BackpropLens networks have at most " +
                                                   std::to_string(kMaxLayers - 1)});
    return result;
  }

  MermaidNetwork net;
  for (const std::vector<int>& layer : layers) {
    net.ids.emplace_back();
    net.labels.emplace_back();
    for (int v : layer) {
      net.ids.back().push_back(g.nodes[std::size_t(v)].id);
      net.labels.back().push_back(g.nodes[std::size_t(v)].label);
    }
  }
  net.inputs = int(layers.front().size());
  for (std::size_t l = 1; l + 1 < layers.size(); ++l) net.hidden.push_back(int(layers[l].size()));
  net.outputs = int(layers.back().size());
  result.value = std::move(net);
  return result;
}

}  // namespace bpl::mermaid
