#pragma once
// Forward evaluation and reverse-mode backward on a Graph, one-shot or step by step.
//
//   forward:  for each node in index order: value = op(inputs), local[i] = ∂value/∂input_i
//   backward: adjoint(f) = 1; for each node from the root down:
//               adjoint(input_i) += adjoint(node) · local[i]     (+=: shared leaves sum up)
// Only edges into nodes that vary (depend on x or y) carry gradient.
#include <string>
#include <vector>

#include "engine/expr/graph.h"

namespace bpl::expr {

const char* status_name(PointStatus status);  // "defined", "domain_error", "overflow"

struct Evaluation {
  PointStatus status = PointStatus::defined;
  double value = 0;              // f(x, y); NaN unless defined
  NodeId undefined_at = kNoNode;  // the node where it first goes wrong
  std::string reason;             // "ln is only defined for positive numbers, and its input is -1"
  bool defined() const { return status == PointStatus::defined; }
};
// Sets every node's value, local derivatives and undefined reasons at (x, y),
// and clears the adjoints.
Evaluation evaluate(Graph& graph, double x, double y);
// What the last evaluate() found, read back from the graph.
Evaluation current_evaluation(const Graph& graph);

struct Gradient {
  PointStatus status = PointStatus::defined;
  double dx = 0, dy = 0;         // ∂f/∂x, ∂f/∂y (0 for a variable f does not use)
  NodeId undefined_at = kNoNode;
  std::string reason;
  bool defined() const { return status == PointStatus::defined; }
};
// One-shot reverse mode; call evaluate() first. Sets every node's adjoint.
Gradient backward(Graph& graph);

// One edge of one backward step: input_i of the processed node.
struct EdgeStep {
  NodeId input = kNoNode;
  double local = 0;           // ∂node/∂input
  double contribution = 0;    // adjoint(node) · local
  double adjoint_before = 0;  // of the input
  double adjoint_after = 0;   // adjoint_before + contribution
  bool followed = false;      // false for a constant input: it needs no gradient
};

struct StepRecord {
  NodeId node = kNoNode;
  double adjoint = 0;         // ∂f/∂node, complete when the node is processed
  std::vector<EdgeStep> edges;
  PointStatus status = PointStatus::defined;  // of the gradient after this step
  std::string undefined;      // why: a followed edge has no local derivative, or overflow
};

// The backward pass as a state machine the UI drives. Step k processes the
// k-th varying non-leaf node from the root down; stepping to the end leaves
// exactly the adjoints backward() computes (same operations, same order).
// The graph is passed to every call, so the stepper never dangles.
class BackwardStepper {
 public:
  // Plans the order and resets: all adjoints 0, the root's 1. Graph must be evaluated.
  explicit BackwardStepper(Graph& graph);

  // Back to the start; call it after every evaluate() (a new point needs a new plan).
  void reset(Graph& graph);
  bool next(Graph& graph);  // processes one node; false when already at the end
  bool prev(Graph& graph);  // undoes the last step exactly; false at the start

  int position() const { return static_cast<int>(taken_.size()); }
  int step_count() const { return static_cast<int>(order_.size()); }
  bool at_end() const { return position() == step_count(); }
  NodeId upcoming() const { return at_end() ? kNoNode : order_[position()]; }
  const std::vector<StepRecord>& taken() const { return taken_; }
  const StepRecord* last() const { return taken_.empty() ? nullptr : &taken_.back(); }
  // The gradient so far; final once at_end().
  Gradient gradient(const Graph& graph) const;

 private:
  std::vector<NodeId> order_;
  std::vector<StepRecord> taken_;
};

}  // namespace bpl::expr
