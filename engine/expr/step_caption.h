#pragma once
// The backward step-through in words and marks: the caption under the graph, the JS API's
// step().caption and nodes[].processed / final, and what the CLI can print. Where the learner
// is decides both: before Forward (values hidden), or k steps into the backward pass.
#include <string>
#include <vector>

#include "engine/expr/autodiff.h"

namespace bpl::expr {

// What the current step does, in words: before Forward; f undefined at the point; an f that
// needs no step; the start of backward; then "Step k of n, node …" with, per input,
//   ∂f/∂input += ∂f/∂node × ∂node/∂input = … , so ∂f/∂input is now …
// and at the last step ∂f/∂x, ∂f/∂y. The graph is evaluated (at its at_x, at_y) and the
// stepper planned on it; `forward_done` false: the learner has not pressed Forward yet.
std::string step_caption(const Graph& graph, const BackwardStepper& stepper, bool forward_done);

// Per node: processed by the step-through so far; adjoint final (every node that uses it has
// passed its share back). All 0 before Forward and where f is undefined.
struct PassMarks {
  std::vector<char> processed, final_adjoint;
};
PassMarks pass_marks(const Graph& graph, const BackwardStepper& stepper, bool forward_done);

}  // namespace bpl::expr
