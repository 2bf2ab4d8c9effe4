// libFuzzer target: any bytes → parse; when it parses, run everything the UI
// runs on it and check the invariants. A failed invariant aborts with a message.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "engine/expr/expr.h"
#include "engine/expr/json.h"

using namespace bpl::expr;

namespace {

void require(bool condition, const char* what) {
  if (condition) return;
  std::fprintf(stderr, "invariant failed: %s\n", what);
  std::abort();
}

int characters(std::string_view s) { return column_at(s, s.size()) - 1; }

void check_graph_shape(const Graph& g) {
  require(g.root >= 0 && g.root < static_cast<NodeId>(g.nodes.size()), "root in range");
  for (NodeId id = 0; id < static_cast<NodeId>(g.nodes.size()); ++id) {
    const Node& node = g.nodes[id];
    require(static_cast<int>(node.inputs.size()) == arity(node.op), "arity");
    require(node.local.size() == node.inputs.size(), "one local derivative per edge");
    for (NodeId input : node.inputs) require(input >= 0 && input < id, "topological order");
    require(!node.label.empty(), "every node has a label");
  }
}

// The symbolic gradient and AD agree wherever both are finite, up to rounding
// scaled by the size of the path products being added.
void check_symbolic(const SymbolicGradient& s, const Derivation& d, const Gradient& ad, double x,
                    double y) {
  const double sym[2] = {evaluate(s.arena, s.dx, x, y), evaluate(s.arena, s.dy, x, y)};
  const double num[2] = {ad.dx, ad.dy};
  for (int v = 0; v < 2; ++v) {
    double scale = 1;
    for (const PathTerm& term : d.variables[v].paths) scale += std::fabs(term.product);
    if (d.variables[v].path_count > kMaxListedPaths || !std::isfinite(sym[v])) continue;
    if (!std::isfinite(scale) || scale > 1e12) continue;
    require(std::fabs(sym[v] - num[v]) <= 1e-6 * scale, "symbolic gradient equals AD");
  }
}

void check_point(Graph& g, double x, double y) {
  const Evaluation e = evaluate(g, x, y);
  if (!e.defined()) {
    require(!e.reason.empty() && e.undefined_at != kNoNode, "undefined has a reason and a node");
    require(derive(g).defined == false, "derivation agrees f is undefined");
    return;
  }
  require(std::isfinite(e.value), "a defined value is finite");
  const Gradient grad = backward(g);
  std::vector<double> one_shot;
  for (const Node& node : g.nodes) one_shot.push_back(node.adjoint);

  BackwardStepper stepper(g);
  while (stepper.next(g)) {
  }
  for (std::size_t k = 0; k < g.nodes.size(); ++k) {
    const double a = g.nodes[k].adjoint, b = one_shot[k];
    require(a == b || (std::isnan(a) && std::isnan(b)), "stepping to the end equals one-shot");
  }
  const Gradient stepped = stepper.gradient(g);
  require(stepped.defined() == grad.defined(), "stepper and backward agree on definedness");
  while (stepper.prev(g)) {
  }
  for (std::size_t k = 0; k < g.nodes.size(); ++k) {
    const double expected = static_cast<NodeId>(k) == g.root ? 1 : 0;
    require(g.nodes[k].adjoint == expected, "prev back to the start restores the seed");
  }
  backward(g);

  const Derivation d = derive(g);
  require(d.defined, "derivation agrees f is defined");
  if (grad.defined()) {
    require(std::isfinite(grad.dx) && std::isfinite(grad.dy), "a defined gradient is finite");
    const double totals[2] = {d.variables[0].total, d.variables[1].total};
    const double adjoint[2] = {grad.dx, grad.dy};
    for (int v = 0; v < 2; ++v) {
      if (!d.variables[v].defined) continue;
      double scale = 1;
      for (const PathTerm& term : d.variables[v].paths) scale += std::fabs(term.product);
      if (d.variables[v].path_count <= kMaxListedPaths && std::isfinite(scale)) {
        require(std::fabs(totals[v] - adjoint[v]) <= 1e-9 * scale, "Σ paths equals the adjoint");
      }
    }
    check_symbolic(symbolic_gradient(g), d, grad, x, y);
  } else {
    require(!grad.reason.empty(), "an undefined gradient has a reason");
  }
  dump(to_json(g));
  dump(to_json(g, d));
  to_mermaid(g);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view source(reinterpret_cast<const char*>(data), size);
  ParseResult parsed = parse(source);
  // The size cap (README "Input limits"): past it, refused unread; up to it, never refused for length.
  const bool refused_for_length = !parsed.ok && parsed.error.message.find("too long") != std::string::npos;
  require(refused_for_length == (size > kMaxExpressionLength), "refused for its length exactly when over the cap");
  if (!parsed.ok) {
    const ParseError& error = parsed.error;
    require(!error.message.empty(), "an error has a message");
    require(error.column >= 1 && error.column <= characters(source) + 1, "column inside the input");
    dump(to_json(error));
    return 0;
  }
  Graph& g = parsed.graph;
  check_graph_shape(g);
  check_point(g, 0.7, -1.3);
  check_point(g, 0, 0);
  check_point(g, 2.5, 3);
  DescentConfig config;
  config.optimizer = size % 3 == 0 ? Optimizer::gd : size % 3 == 1 ? Optimizer::momentum : Optimizer::adam;
  config.steps = 5;
  dump(to_json(descend(g, config)));
  sample_field(g, {-1, 1, -1, 1}, 3);
  return 0;
}
