#include "engine/expr/json.h"

namespace bpl::expr {

namespace {

using nlohmann::json;

json id_or_null(NodeId id) { return id == kNoNode ? json(nullptr) : json(id); }
json text_or_null(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

json node_json(const Graph& graph, NodeId id) {
  const Node& node = graph.nodes[id];
  return {
      {"id", id},
      {"op", op_name(node.op)},
      {"label", node.label},
      {"formula", formula(graph, id)},
      {"formula_latex", formula_latex(graph, id)},
      {"column", node.column},
      {"varies", node.varies},
      {"value", node.value},
      {"adjoint", node.adjoint},
      {"inputs", node.inputs},
      {"local", node.local},  // local[i] = ∂node/∂inputs[i]
      {"status", status_name(node.value_status)},
      {"undefined", text_or_null(node.undefined)},
      {"slope_undefined", text_or_null(node.slope_undefined)},
  };
}

}  // namespace

json to_json(const ParseError& error) {
  return {{"message", error.message}, {"column", error.column}, {"hint", error.hint},
          {"text", describe(error)}};
}

json to_json(const Graph& graph) {
  json nodes = json::array();
  for (NodeId id = 0; id < static_cast<NodeId>(graph.nodes.size()); ++id) {
    nodes.push_back(node_json(graph, id));
  }
  return {{"source", graph.source},
          {"at", {{"x", graph.at_x}, {"y", graph.at_y}}},
          {"root", id_or_null(graph.root)},
          {"x", id_or_null(graph.x)},
          {"y", id_or_null(graph.y)},
          {"nodes", nodes}};
}

json to_json(const Evaluation& e) {
  return {{"defined", e.defined()}, {"status", status_name(e.status)}, {"value", e.value},
          {"undefined_at", id_or_null(e.undefined_at)}, {"reason", text_or_null(e.reason)}};
}

json to_json(const Gradient& g) {
  return {{"defined", g.defined()}, {"status", status_name(g.status)}, {"x", g.dx}, {"y", g.dy},
          {"undefined_at", id_or_null(g.undefined_at)}, {"reason", text_or_null(g.reason)}};
}

json to_json(const Graph& graph, const StepRecord& step) {
  json edges = json::array();
  for (const EdgeStep& e : step.edges) {
    edges.push_back({{"input", e.input},
                     {"input_label", graph.nodes[e.input].label},
                     {"local", e.local},
                     {"contribution", e.contribution},
                     {"adjoint_before", e.adjoint_before},
                     {"adjoint_after", e.adjoint_after},
                     {"followed", e.followed}});
  }
  return {{"node", step.node},
          {"label", graph.nodes[step.node].label},
          {"adjoint", step.adjoint},
          {"edges", edges},
          {"status", status_name(step.status)},
          {"undefined", text_or_null(step.undefined)}};
}

json to_json(const Graph& graph, const Derivation& derivation) {
  json variables = json::array();
  for (const VariableDerivation& d : derivation.variables) {
    json paths = json::array();
    for (const PathTerm& term : d.paths) {
      json factors = json::array();
      for (const PathFactor& f : term.factors) {
        factors.push_back({{"upper", f.upper},
                           {"lower", f.lower},
                           {"symbol", "∂" + graph.nodes[f.upper].label + "/∂" + graph.nodes[f.lower].label},
                           {"local", f.local}});
      }
      paths.push_back({{"factors", factors}, {"product", term.product}});
    }
    variables.push_back({{"variable", d.variable},
                         {"used", d.used},
                         {"defined", d.defined},
                         {"undefined", text_or_null(d.undefined)},
                         {"total", d.total},
                         {"path_count", d.path_count},
                         {"paths", paths},
                         {"lines", d.lines},
                         {"latex_lines", d.latex_lines}});
  }
  return {{"defined", derivation.defined},
          {"undefined", text_or_null(derivation.undefined)},
          {"variables", variables},
          {"conventions", derivation.conventions},
          {"text", derivation.text},
          {"latex", derivation.latex}};
}

json to_json(const SymbolicGradient& g) {
  return {{"x", {{"text", g.text_x}, {"latex", g.latex_x}}},
          {"y", {{"text", g.text_y}, {"latex", g.latex_y}}}};
}

json to_json(const Trajectory& t) {
  json points = json::array();
  for (std::size_t k = 0; k < t.points.size(); ++k) {
    const TrajectoryPoint& p = t.points[k];
    points.push_back({{"step", k}, {"x", p.x}, {"y", p.y}, {"f", p.f}, {"gx", p.gx},
                      {"gy", p.gy}, {"grad_norm", p.grad_norm}});
  }
  return {{"status", descent_status_name(t.status)},
          {"message", t.message},
          {"undefined_at", id_or_null(t.undefined_at)},
          {"points", points}};
}

json to_json(const Field& field) {
  if (!field.ok) return {{"ok", false}, {"error", field.error}};
  json state = json::array();
  for (CellState s : field.state) {
    state.push_back(s == CellState::defined ? "defined"
                    : s == CellState::gradient_undefined ? "gradient_undefined" : "undefined");
  }
  const FieldWindow& w = field.window;
  return {{"ok", true},
          {"n", field.n},
          {"window", {{"x0", w.x0}, {"x1", w.x1}, {"y0", w.y0}, {"y1", w.y1}}},
          {"f", field.f},
          {"gx", field.gx},
          {"gy", field.gy},
          {"state", state},
          {"f_min", field.f_min},
          {"f_max", field.f_max},
          {"undefined_cells", field.undefined_cells}};
}

std::string dump(const json& value, int indent) {
  return value.dump(indent, ' ', false, json::error_handler_t::replace);
}

}  // namespace bpl::expr
