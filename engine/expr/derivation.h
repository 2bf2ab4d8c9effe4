#pragma once
// The chain rule written out: for each variable, the sum over all paths from
// f down to it of the product of the local derivatives along the path,
//   ∂f/∂y = Σ_paths Π_edges ∂(upper)/∂(lower)
// first in node labels, then with numbers, then the total. As plain Unicode
// (for the canvas) and as LaTeX (for copying).
#include <string>
#include <vector>

#include "engine/expr/graph.h"

namespace bpl::expr {

constexpr int kMaxListedPaths = 32;  // longer sums end in "+ … (n more paths)"

struct PathFactor {
  NodeId upper = kNoNode;  // the node that uses…
  NodeId lower = kNoNode;  // …this input
  double local = 0;        // ∂upper/∂lower at the point
};

struct PathTerm {
  std::vector<PathFactor> factors;  // from f down to the variable; empty when f is the variable
  double product = 1;               // Π local, multiplied from f down
};

struct VariableDerivation {
  std::string variable;         // "x" or "y"
  bool used = false;            // f depends on it at all
  std::vector<PathTerm> paths;  // the first kMaxListedPaths paths, left to right in the source
  int path_count = 0;           // all paths
  double total = 0;             // Σ over all paths: ∂f/∂variable
  bool defined = true;
  std::string undefined;        // why the total is undefined here
  std::vector<std::string> lines;        // "∂f/∂x = ∂f/∂w·∂w/∂u·∂u/∂x + …", "      = 8·1·2 + …", …
  std::vector<std::string> latex_lines;  // "\frac{\partial f}{\partial x} &= …", "&= …", …
};

struct Derivation {
  bool defined = true;          // f itself is defined at the point
  std::string undefined;        // "f is undefined here, because …"
  std::vector<VariableDerivation> variables;  // x, then y
  // The kinks this point sits on, with the convention used there (README "Conventions
  // at kinks"): "abs(u) has no slope at u = 0; this uses abs'(0) = 0, as PyTorch does".
  std::vector<std::string> conventions;
  std::string text;             // every line, for the canvas
  std::string latex;            // one aligned block, for copying
};

// Reads values and local derivatives: call evaluate() first (backward() is not needed).
Derivation derive(const Graph& graph);

// A number for LaTeX: "1.5", "(-2)" inside products, "3 \times 10^{8}", "\infty".
std::string latex_number(double v, bool as_factor);

}  // namespace bpl::expr
