#pragma once
// Pasteable into a tutorial: the graph as a mermaid `graph LR` block (values and
// adjoints in the node labels, local derivatives on the edges), then the derivation.
#include <string>

#include "engine/expr/derivation.h"
#include "engine/expr/graph.h"

namespace bpl::expr {

// "graph LR\n  n0[\"x = 1<br/>∂f/∂x = 32\"]\n  n0 -->|\"∂u/∂x = 2\"| n2\n…"
// Call evaluate() and backward() first.
std::string to_mermaid(const Graph& graph);

// A title line, the mermaid block in a ```mermaid fence, and the derivation in $$…$$.
std::string to_markdown(const Graph& graph, const Derivation& derivation);

}  // namespace bpl::expr
