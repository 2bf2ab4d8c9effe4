#pragma once
// bpl::expr — f(x, y) typed by a learner, made into a computation graph whose
// forward values, local derivatives and backward adjoints can all be shown.
// Everything a user can get wrong comes back as a value with a message; nothing throws.
//
// Index (header: main entry points)
//   parser.h      ParseResult parse(std::string_view)       text → Graph, or ParseError{message, column, hint}
//                 std::string describe(const ParseError&)   "unknown name 'xy' at column 7; did you mean x*y?"
//   graph.h       Graph, Node, Op                           the arena; NodeId is an index; formula(graph, id)
//   autodiff.h    Evaluation evaluate(Graph&, x, y)         values + local derivatives, undefined reasons
//                 Gradient backward(Graph&)                 one-shot reverse mode (+= accumulation)
//                 BackwardStepper                           next / prev / reset, StepRecord per node
//   step_caption.h  step_caption(graph, stepper, forward_done)   the step-through's step in words; pass_marks
//   derivation.h  Derivation derive(const Graph&)           Σ over paths Π local derivatives, text + LaTeX
//   symbolic.h    SymbolicGradient symbolic_gradient(const Graph&)   ∂f/∂x, ∂f/∂y as expressions
//   descent.h     Trajectory descend(const Graph&, DescentConfig)    gd, momentum, adam
//   field.h       Field sample_field(const Graph&, FieldWindow, n)   f, ∇f on an n×n grid
//   json.h        to_json(...) for all of the above; dump() that never aborts
//   markdown.h    to_mermaid(graph), to_markdown(graph, derivation)
//   gradcheck.h   central_difference(...)                   the independent oracle for tests
//   ops.h         apply_op(op, a, b)                        each op's forward value and local derivatives
//   format.h      format_number, format_exact
//
// Typical UI flow:
//   ParseResult parsed = parse(text);                 // show describe(parsed.error) if !parsed.ok
//   Graph& g = parsed.graph;
//   Evaluation e = evaluate(g, x, y);                 // e.reason: "undefined here, because …"
//   Gradient grad = backward(g);                      // node.adjoint filled in
//   BackwardStepper stepper(g);                       // then stepper.next(g) per click
//   Derivation d = derive(g);                         // d.text for the canvas, d.latex to copy
#include "engine/expr/autodiff.h"
#include "engine/expr/derivation.h"
#include "engine/expr/descent.h"
#include "engine/expr/field.h"
#include "engine/expr/format.h"
#include "engine/expr/graph.h"
#include "engine/expr/markdown.h"
#include "engine/expr/parser.h"
#include "engine/expr/step_caption.h"
#include "engine/expr/symbolic.h"
