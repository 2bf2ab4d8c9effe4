#include "engine/expr/autodiff.h"

#include <cmath>

#include "engine/expr/ops.h"

namespace bpl::expr {

namespace {

void evaluate_node(Graph& graph, Node& node) {
  const std::size_t n = node.inputs.size();
  for (std::size_t i = 0; i < n; ++i) {
    const Node& input = graph.nodes[node.inputs[i]];
    if (input.defined()) continue;
    // Only the node where it goes wrong carries the real reason; the rest point back.
    node.value = NAN;
    node.local.assign(n, NAN);
    node.value_status = input.value_status;
    node.undefined = "its input " + input.label + " is undefined";
    return;
  }
  const double a = n > 0 ? graph.nodes[node.inputs[0]].value : 0;
  const double b = n > 1 ? graph.nodes[node.inputs[1]].value : 0;
  const OpResult r = apply_op(node.op, a, b);
  node.value = r.value;
  for (std::size_t i = 0; i < n; ++i) node.local[i] = r.local[i];
  if (!r.undefined.empty()) {
    node.value_status = r.overflow ? PointStatus::overflow : PointStatus::domain_error;
    node.undefined = r.undefined;
    return;
  }
  for (std::size_t i = 0; i < n; ++i) {
    // A missing slope towards a constant (the exponent of x^2) needs no report.
    if (r.slope_undefined[i].empty() || !graph.nodes[node.inputs[i]].varies) continue;
    node.slope_status = r.slope_overflow[i] ? PointStatus::overflow : PointStatus::domain_error;
    node.slope_undefined = r.slope_undefined[i];
    break;
  }
}

// Where f itself is undefined there is nothing to differentiate: every adjoint
// is NaN (null in JSON), so no 0 is mistaken for a gradient.
void reset_adjoints(Graph& graph) {
  const bool defined = graph.root != kNoNode && graph.nodes[graph.root].defined();
  for (Node& node : graph.nodes) node.adjoint = defined ? 0 : NAN;
  if (defined) graph.nodes[graph.root].adjoint = 1;  // ∂f/∂f = 1
}

// The one backward step both backward() and BackwardStepper take:
//   adjoint(input_i) += adjoint(node) · local[i]   for every input that varies.
// Fills `record` when given; returns false with status/reason when the gradient breaks.
bool process_node(Graph& graph, NodeId id, StepRecord* record, PointStatus* status,
                  std::string* reason) {
  const Node& node = graph.nodes[id];
  bool ok = true;
  if (record) {
    record->node = id;
    record->adjoint = node.adjoint;
    record->edges.clear();
  }
  for (std::size_t i = 0; i < node.inputs.size(); ++i) {
    Node& input = graph.nodes[node.inputs[i]];
    EdgeStep edge;
    edge.input = node.inputs[i];
    edge.local = node.local[i];
    edge.followed = input.varies;
    edge.adjoint_before = input.adjoint;
    if (edge.followed) {
      edge.contribution = node.adjoint * edge.local;
      input.adjoint += edge.contribution;
      if (ok && std::isnan(edge.local)) {
        ok = false;
        *status = node.slope_status;
        *reason = node.slope_undefined;
      } else if (ok && !std::isfinite(input.adjoint) && std::isfinite(node.adjoint)) {
        ok = false;
        *status = PointStatus::overflow;
        *reason = "overflow: the gradient reaching " + input.label + " through " + node.label +
                  " is beyond ±1.8e308, the range of a double";
      }
    }
    edge.adjoint_after = input.adjoint;
    if (record) record->edges.push_back(edge);
  }
  if (record && !ok) {
    record->status = *status;
    record->undefined = *reason;
  }
  return ok;
}

// Varying non-leaf nodes from the root down: a reverse topological order.
std::vector<NodeId> backward_order(const Graph& graph) {
  std::vector<NodeId> order;
  if (graph.root == kNoNode || !graph.nodes[graph.root].defined()) return order;
  for (NodeId id = static_cast<NodeId>(graph.nodes.size()) - 1; id >= 0; --id) {
    const Node& node = graph.nodes[id];
    if (!node.is_leaf() && node.varies) order.push_back(id);
  }
  return order;
}

Gradient read_gradient(const Graph& graph, PointStatus status, const std::string& reason,
                       NodeId undefined_at) {
  Gradient g;
  const Evaluation forward = current_evaluation(graph);
  if (!forward.defined()) {
    g.status = forward.status;
    g.reason = forward.reason;
    g.undefined_at = forward.undefined_at;
    g.dx = g.dy = NAN;
    return g;
  }
  g.dx = graph.x == kNoNode ? 0 : graph.nodes[graph.x].adjoint;
  g.dy = graph.y == kNoNode ? 0 : graph.nodes[graph.y].adjoint;
  g.status = status;
  g.reason = reason;
  g.undefined_at = undefined_at;
  return g;
}

}  // namespace

const char* status_name(PointStatus status) {
  switch (status) {
    case PointStatus::defined: return "defined";
    case PointStatus::domain_error: return "domain_error";
    case PointStatus::overflow: return "overflow";
  }
  return "?";
}

Evaluation evaluate(Graph& graph, double x, double y) {
  graph.at_x = x;
  graph.at_y = y;
  for (Node& node : graph.nodes) {
    node.adjoint = 0;
    node.value_status = node.slope_status = PointStatus::defined;
    node.undefined.clear();
    node.slope_undefined.clear();
    if (node.op == Op::variable) {
      node.value = node.label == "x" ? x : y;
      if (!std::isfinite(node.value)) {
        node.value_status = PointStatus::overflow;
        node.undefined = node.label + " is not a finite number";
      }
    } else if (!node.is_leaf()) {
      evaluate_node(graph, node);
    }
  }
  return current_evaluation(graph);
}

Evaluation current_evaluation(const Graph& graph) {
  Evaluation e;
  if (graph.root == kNoNode) {
    e.status = PointStatus::domain_error;
    e.value = NAN;
    e.reason = "there is no expression";
    return e;
  }
  const Node& root = graph.nodes[graph.root];
  if (root.defined()) {
    e.value = root.value;
    return e;
  }
  // The first undefined node in index order has only defined inputs: it is the origin.
  for (NodeId id = 0; id < static_cast<NodeId>(graph.nodes.size()); ++id) {
    const Node& node = graph.nodes[id];
    if (node.defined()) continue;
    e.status = node.value_status;
    e.value = NAN;
    e.undefined_at = id;
    e.reason = node.undefined;
    break;
  }
  return e;
}

Gradient backward(Graph& graph) {
  reset_adjoints(graph);
  PointStatus status = PointStatus::defined;
  std::string reason;
  NodeId undefined_at = kNoNode;
  for (NodeId id : backward_order(graph)) {
    PointStatus step_status = PointStatus::defined;
    std::string step_reason;
    const bool ok = process_node(graph, id, nullptr, &step_status, &step_reason);
    if (!ok && undefined_at == kNoNode) {  // report the first break, nearest the root
      status = step_status;
      reason = step_reason;
      undefined_at = id;
    }
  }
  return read_gradient(graph, status, reason, undefined_at);
}

BackwardStepper::BackwardStepper(Graph& graph) { reset(graph); }

void BackwardStepper::reset(Graph& graph) {
  order_ = backward_order(graph);  // re-planned: the point may have moved since
  taken_.clear();
  reset_adjoints(graph);
}

bool BackwardStepper::next(Graph& graph) {
  if (at_end()) return false;
  StepRecord record;
  PointStatus status = PointStatus::defined;
  std::string reason;
  process_node(graph, order_[position()], &record, &status, &reason);
  taken_.push_back(std::move(record));
  return true;
}

bool BackwardStepper::prev(Graph& graph) {
  if (taken_.empty()) return false;
  const StepRecord& record = taken_.back();
  // In reverse edge order, so x·x (two edges into x) lands back on the first "before".
  for (auto edge = record.edges.rbegin(); edge != record.edges.rend(); ++edge) {
    graph.nodes[edge->input].adjoint = edge->adjoint_before;
  }
  taken_.pop_back();
  return true;
}

Gradient BackwardStepper::gradient(const Graph& graph) const {
  for (const StepRecord& record : taken_) {
    if (!record.undefined.empty()) {
      return read_gradient(graph, record.status, record.undefined, record.node);
    }
  }
  return read_gradient(graph, PointStatus::defined, "", kNoNode);
}

}  // namespace bpl::expr
