#pragma once
// The computation graph of f(x, y): an arena of scalar nodes, micrograd-style.
// A node handle is an index into Graph::nodes. The parser appends a node only
// after its inputs, so index order is a topological order and the root is last.
#include <string>
#include <vector>

namespace bpl::expr {

using NodeId = int;
constexpr NodeId kNoNode = -1;

enum class Op {
  constant, variable,                       // leaves
  add, sub, mul, div, pow, min, max,        // two inputs
  neg, sin, cos, tan, exp, log, sqrt, abs,  // one input
  tanh, sigmoid, relu,
};

int arity(Op op);

// Whether a value (or a slope) exists at a point, and if not, what kind of failure.
enum class PointStatus { defined, domain_error, overflow };
const char* op_name(Op op);  // "add", "sin", …: the JSON "op" field

struct Node {
  Op op = Op::constant;
  std::vector<NodeId> inputs;  // operands in source order (a, b)
  std::string label;           // "x", "2", "π", "u", "v", …, "f" for the root
  int column = 0;              // 1-based source column of the operator or leaf
  bool varies = false;         // depends on x or y; only these carry gradient

  // Set by evaluate(): the forward value and the local derivatives beside it.
  double value = 0;
  std::vector<double> local;    // local[i] = ∂value/∂inputs[i]; NaN where undefined
  PointStatus value_status = PointStatus::defined;
  std::string undefined;        // why the value is undefined here ("" when defined)
  PointStatus slope_status = PointStatus::defined;
  std::string slope_undefined;  // why a local derivative on a varying edge is undefined

  // Set by backward() or a BackwardStepper: ∂f/∂(this node).
  double adjoint = 0;

  bool is_leaf() const { return inputs.empty(); }
  bool defined() const { return undefined.empty(); }
};

struct Graph {
  std::vector<Node> nodes;  // topological: inputs before the nodes that use them
  NodeId root = kNoNode;
  NodeId x = kNoNode;       // the one shared leaf of x, if the expression uses x
  NodeId y = kNoNode;
  std::string source;       // the text that was parsed
  double at_x = 0, at_y = 0;  // the point of the last evaluate()
};

// The node's right-hand side in its inputs' labels: "u + v", "x·y", "sin(w)".
std::string formula(const Graph& graph, NodeId id);
std::string formula_latex(const Graph& graph, NodeId id);
// A label as LaTeX: "π" → "\pi", "u1" → "u_{1}".
std::string latex_label(const std::string& label);

}  // namespace bpl::expr
