#include "engine/expr/step_caption.h"

#include "engine/expr/format.h"

namespace bpl::expr {

namespace {

std::string edge_sentence(const Graph& g, const StepRecord& record, const EdgeStep& edge) {
  const std::string& upper = g.nodes[record.node].label;
  const std::string& lower = g.nodes[edge.input].label;
  if (!edge.followed) return lower + " is a constant: it needs no gradient.";
  return "∂f/∂" + lower + " += ∂f/∂" + upper + " × ∂" + upper + "/∂" + lower + " = " +
         format_number(record.adjoint) + " × " + format_factor(edge.local) + " = " +
         format_number(edge.contribution) + ", so ∂f/∂" + lower + " is now " +
         format_number(edge.adjoint_after) + ".";
}

std::string point_text(const Graph& g) {
  return "(x, y) = (" + format_number(g.at_x) + ", " + format_number(g.at_y) + ")";
}

}  // namespace

std::string step_caption(const Graph& g, const BackwardStepper& stepper, bool forward_done) {
  if (!forward_done)
    return "Press Forward: every node computes its value from its inputs, leaves first, at " + point_text(g) + ".";
  const Evaluation e = current_evaluation(g);
  if (!e.defined())
    return "f is undefined at " + point_text(g) + ": " + e.reason +
           ". With no value there is no gradient to pass back; move the point.";
  const std::string total = std::to_string(stepper.step_count());
  if (stepper.step_count() == 0) return "f = " + format_number(e.value) + " does not depend on x or y: its gradient is 0.";
  if (stepper.position() == 0) {
    return "Forward pass done: f = " + format_number(e.value) + ". Backward starts at f with ∂f/∂f = 1. Each " +
           "backward step takes one node, whose ∂f/∂node is complete, and passes ∂f/∂node × (local derivative) " +
           "to each of its inputs; " + total + " steps reach x and y.";
  }
  const StepRecord& record = *stepper.last();
  const Node& node = g.nodes[record.node];
  std::string text = "Step " + std::to_string(stepper.position()) + " of " + total + ", node " + node.label + " = " +
                     formula(g, record.node) + ": ∂f/∂" + node.label + " = " + format_number(record.adjoint) +
                     " is complete, since everything that uses " + node.label + " has passed its share back.";
  for (const EdgeStep& edge : record.edges) text += " " + edge_sentence(g, record, edge);
  if (!record.undefined.empty()) text += " The gradient breaks here: " + record.undefined + ".";
  if (stepper.at_end()) {
    const Gradient grad = stepper.gradient(g);
    if (grad.defined())
      text += " Done: ∂f/∂x = " + format_number(grad.dx) + ", ∂f/∂y = " + format_number(grad.dy) +
              ", the same as one backward() call.";
  }
  return text;
}

PassMarks pass_marks(const Graph& g, const BackwardStepper& stepper, bool forward_done) {
  const std::size_t n = g.nodes.size();
  PassMarks marks{std::vector<char>(n, 0), std::vector<char>(n, 0)};
  if (!forward_done || !current_evaluation(g).defined()) return marks;
  for (const StepRecord& record : stepper.taken()) marks.processed[record.node] = 1;
  std::vector<int> waiting(n, 0);  // users that have not passed their share back yet
  for (std::size_t user = 0; user < n; ++user)
    if (!marks.processed[user])
      for (NodeId input : g.nodes[user].inputs) ++waiting[input];
  for (std::size_t id = 0; id < n; ++id)
    marks.final_adjoint[id] = g.nodes[id].varies && waiting[id] == 0;  // the root has no users: ∂f/∂f = 1
  return marks;
}

}  // namespace bpl::expr
