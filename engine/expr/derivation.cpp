#include "engine/expr/derivation.h"

#include <cmath>

#include "engine/expr/autodiff.h"
#include "engine/expr/format.h"

namespace bpl::expr {

namespace {

// Beyond this many paths the derivation stops enumerating (unreachable from
// the parser, whose graphs are trees with shared x and y leaves).
constexpr int kMaxEnumeratedPaths = 100000;

std::string partial(const Graph& graph, const PathFactor& factor) {
  return "∂" + graph.nodes[factor.upper].label + "/∂" + graph.nodes[factor.lower].label;
}

std::string partial_latex(const Graph& graph, const PathFactor& factor) {
  return "\\frac{\\partial " + latex_label(graph.nodes[factor.upper].label) + "}{\\partial " +
         latex_label(graph.nodes[factor.lower].label) + "}";
}

// "a + b - c" from signed terms, with the sign folded into the operator.
std::string signed_sum(const std::vector<double>& terms, bool latex) {
  std::string out;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    const double t = terms[i];
    if (i == 0) {
      out = latex ? latex_number(t, false) : format_number(t);
    } else {
      const bool minus = t < 0;
      const double shown = minus ? -t : t;
      out += minus ? " - " : " + ";
      out += latex ? latex_number(shown, false) : format_number(shown);
    }
  }
  return out;
}

// depends[id]: the node is the target leaf or has it below.
std::vector<bool> depends_on(const Graph& graph, NodeId target) {
  std::vector<bool> depends(graph.nodes.size(), false);
  for (NodeId id = 0; id < static_cast<NodeId>(graph.nodes.size()); ++id) {
    depends[id] = id == target;
    for (NodeId input : graph.nodes[id].inputs) depends[id] = depends[id] || depends[input];
  }
  return depends;
}

// Depth-first from f, left to right: every path to `target`, products multiplied
// from f down (the order backward() multiplies in).
void enumerate_paths(const Graph& graph, NodeId target, VariableDerivation& out) {
  const std::vector<bool> depends = depends_on(graph, target);
  struct Frame {
    NodeId node;
    std::size_t next_slot;
  };
  std::vector<Frame> stack{{graph.root, 0}};
  while (!stack.empty() && out.path_count < kMaxEnumeratedPaths) {
    Frame& top = stack.back();
    if (top.node == target) {
      PathTerm term;
      for (std::size_t k = 0; k + 1 < stack.size(); ++k) {
        const Node& upper = graph.nodes[stack[k].node];
        const std::size_t slot = stack[k].next_slot - 1;
        term.factors.push_back({stack[k].node, stack[k + 1].node, upper.local[slot]});
        term.product *= upper.local[slot];
      }
      out.total += term.product;
      if (++out.path_count <= kMaxListedPaths) out.paths.push_back(std::move(term));
      stack.pop_back();
      continue;
    }
    const Node& node = graph.nodes[top.node];
    if (top.next_slot >= node.inputs.size()) {
      stack.pop_back();
      continue;
    }
    const NodeId input = node.inputs[top.next_slot++];
    if (depends[input]) stack.push_back({input, 0});
  }
}

// Why the first undefined factor is undefined, with the node it belongs to.
std::string undefined_factor_reason(const Graph& graph, const VariableDerivation& d) {
  for (const PathTerm& term : d.paths) {
    for (const PathFactor& factor : term.factors) {
      if (!std::isnan(factor.local)) continue;
      const Node& upper = graph.nodes[factor.upper];
      return upper.slope_undefined + " (at " + upper.label + " = " + formula(graph, factor.upper) + ")";
    }
  }
  return "the gradient is beyond the range of a double (overflow)";
}

void write_lines(const Graph& graph, VariableDerivation& d) {
  const std::string lhs = "∂f/∂" + d.variable;
  const std::string lhs_latex = "\\frac{\\partial f}{\\partial " + d.variable + "}";
  const std::string indent(d.variable.size() + 5, ' ');  // the width of "∂f/∂x "
  if (!d.used) {
    d.lines.push_back(lhs + " = 0   (f does not depend on " + d.variable + ")");
    d.latex_lines.push_back(lhs_latex + " &= 0");
    return;
  }
  if (d.path_count == 1 && d.paths[0].factors.empty()) {
    d.lines.push_back(lhs + " = 1   (f is " + d.variable + " itself)");
    d.latex_lines.push_back(lhs_latex + " &= 1");
    return;
  }
  std::string symbols, symbols_latex, numbers, numbers_latex;
  std::vector<double> products;
  for (std::size_t p = 0; p < d.paths.size(); ++p) {
    const PathTerm& term = d.paths[p];
    const char* plus = p == 0 ? "" : " + ";
    std::string product, product_latex, values, values_latex;
    for (std::size_t k = 0; k < term.factors.size(); ++k) {
      product += (k ? "·" : "") + partial(graph, term.factors[k]);
      product_latex += (k ? " " : "") + partial_latex(graph, term.factors[k]);
      values += (k ? "·" : "") + format_factor(term.factors[k].local);
      values_latex += (k ? " \\cdot " : "") + latex_number(term.factors[k].local, true);
    }
    if (term.factors.empty()) product = product_latex = values = values_latex = "1";
    symbols += plus + product;
    symbols_latex += plus + product_latex;
    numbers += plus + values;
    numbers_latex += plus + values_latex;
    products.push_back(term.product);
  }
  if (d.path_count > kMaxListedPaths) {
    const std::string more = " + … (" + std::to_string(d.path_count - kMaxListedPaths) + " more paths)";
    const std::string more_latex = " + \\dots";
    symbols += more;
    numbers += more;
    symbols_latex += more_latex;
    numbers_latex += more_latex;
  }
  d.lines = {lhs + " = " + symbols, indent + "= " + numbers};
  d.latex_lines = {lhs_latex + " &= " + symbols_latex, "&= " + numbers_latex};
  if (d.paths.size() > 1 && d.path_count <= kMaxListedPaths && d.defined) {
    d.lines.push_back(indent + "= " + signed_sum(products, false));
    d.latex_lines.push_back("&= " + signed_sum(products, true));
  }
  if (d.defined) {
    const std::string total = format_number(d.total);
    if (numbers != total) {  // a single factor already is the total
      d.lines.push_back(indent + "= " + total);
      d.latex_lines.push_back("&= " + latex_number(d.total, false));
    }
  } else {
    d.lines.push_back(indent + "= undefined, because " + d.undefined);
    d.latex_lines.push_back("&= \\text{undefined}");
  }
}

VariableDerivation derive_variable(const Graph& graph, const std::string& name, NodeId leaf) {
  VariableDerivation d;
  d.variable = name;
  d.used = leaf != kNoNode;
  if (d.used) {
    enumerate_paths(graph, leaf, d);
    d.defined = std::isfinite(d.total) && d.path_count < kMaxEnumeratedPaths;
    if (d.path_count >= kMaxEnumeratedPaths) {
      d.undefined = "there are too many paths to add up";
    } else if (!d.defined) {
      d.undefined = undefined_factor_reason(graph, d);
    }
  }
  write_lines(graph, d);
  return d;
}

// Where a varying node sits on a kink of relu, abs, max or min, the slope used there.
std::vector<std::string> kink_conventions(const Graph& graph) {
  std::vector<std::string> notes;
  for (const Node& node : graph.nodes) {
    if (!node.varies || !node.defined()) continue;
    const auto input = [&](int i) { return graph.nodes[node.inputs[i]]; };
    if ((node.op == Op::relu || node.op == Op::abs) && input(0).value == 0.0) {
      const std::string name = node.op == Op::relu ? "relu" : "abs";
      notes.push_back(name + "(" + input(0).label + ") has no slope at " + input(0).label + " = 0; this uses " +
                      name + "'(0) = 0, as PyTorch does");
    }
    if ((node.op == Op::max || node.op == Op::min) && input(0).value == input(1).value) {
      const std::string name = node.op == Op::max ? "max" : "min";
      notes.push_back(name + "(" + input(0).label + ", " + input(1).label + ") is a tie (both " +
                      format_number(input(0).value) + "); this gives each input half the slope, ½ and ½, "
                      "as PyTorch does (so " + name + "(x, 0) at x = 0 has slope ½, while relu'(0) = 0)");
    }
  }
  return notes;
}

}  // namespace

std::string latex_number(double v, bool as_factor) {
  if (std::isnan(v)) return "\\text{undefined}";
  if (std::isinf(v)) return v > 0 ? "\\infty" : "-\\infty";
  std::string text = format_number(v);
  const std::size_t e = text.find('e');
  if (e != std::string::npos) {  // "3e+08" → "3 \times 10^{8}"
    const int exponent = std::atoi(text.c_str() + e + 1);
    text = text.substr(0, e) + " \\times 10^{" + std::to_string(exponent) + "}";
  }
  return as_factor && v < 0 ? "(" + text + ")" : text;
}

Derivation derive(const Graph& graph) {
  Derivation out;
  const Evaluation forward = current_evaluation(graph);
  const std::string point = "(x, y) = (" + format_number(graph.at_x) + ", " +
                            format_number(graph.at_y) + ")";
  if (!forward.defined()) {
    const NodeId at = forward.undefined_at;
    out.defined = false;
    out.undefined = "f is undefined at " + point + ", because " + forward.reason + " (at " +
                    graph.nodes[at].label + " = " + formula(graph, at) + ")";
    out.text = out.undefined;
    out.latex = "\\text{f is undefined here}";
    return out;
  }
  out.variables.push_back(derive_variable(graph, "x", graph.x));
  out.variables.push_back(derive_variable(graph, "y", graph.y));
  out.text = "at " + point + ": f = " + format_number(forward.value) + "\n";
  out.latex = "\\begin{aligned}\n";
  for (std::size_t v = 0; v < out.variables.size(); ++v) {
    const VariableDerivation& d = out.variables[v];
    for (const std::string& line : d.lines) out.text += "\n" + line;
    out.text += "\n";
    for (std::size_t k = 0; k < d.latex_lines.size(); ++k) {
      const bool last = v + 1 == out.variables.size() && k + 1 == d.latex_lines.size();
      out.latex += d.latex_lines[k] + (last ? "\n" : k + 1 == d.latex_lines.size() ? " \\\\[1ex]\n" : " \\\\\n");
    }
  }
  out.latex += "\\end{aligned}";
  out.conventions = kink_conventions(graph);
  for (const std::string& note : out.conventions) out.text += "\nnote: " + note;
  return out;
}

}  // namespace bpl::expr
