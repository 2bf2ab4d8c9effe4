#include "engine/expr/graph.h"

#include <cctype>

namespace bpl::expr {

int arity(Op op) {
  switch (op) {
    case Op::constant:
    case Op::variable: return 0;
    case Op::add:
    case Op::sub:
    case Op::mul:
    case Op::div:
    case Op::pow:
    case Op::min:
    case Op::max: return 2;
    default: return 1;
  }
}

const char* op_name(Op op) {
  switch (op) {
    case Op::constant: return "constant";
    case Op::variable: return "variable";
    case Op::add: return "add";
    case Op::sub: return "sub";
    case Op::mul: return "mul";
    case Op::div: return "div";
    case Op::pow: return "pow";
    case Op::min: return "min";
    case Op::max: return "max";
    case Op::neg: return "neg";
    case Op::sin: return "sin";
    case Op::cos: return "cos";
    case Op::tan: return "tan";
    case Op::exp: return "exp";
    case Op::log: return "ln";
    case Op::sqrt: return "sqrt";
    case Op::abs: return "abs";
    case Op::tanh: return "tanh";
    case Op::sigmoid: return "sigmoid";
    case Op::relu: return "relu";
  }
  return "?";
}

namespace {

// An input's label, parenthesised when it is a negative number ("x·(-2)").
std::string operand(const Graph& graph, const Node& node, int slot, bool wrap_negative) {
  const std::string& label = graph.nodes[node.inputs[slot]].label;
  return wrap_negative && !label.empty() && label[0] == '-' ? "(" + label + ")" : label;
}

}  // namespace

std::string formula(const Graph& graph, NodeId id) {
  const Node& node = graph.nodes[id];
  if (node.is_leaf()) return node.label;
  const std::string a = operand(graph, node, 0, node.op == Op::pow);
  const std::string b = node.inputs.size() > 1 ? operand(graph, node, 1, true) : "";
  switch (node.op) {
    case Op::add: return a + " + " + b;
    case Op::sub: return a + " - " + b;
    case Op::mul: return a + "·" + b;
    case Op::div: return a + "/" + b;
    case Op::pow: return a + "^" + b;
    case Op::neg: return "-" + operand(graph, node, 0, true);
    case Op::min:
    case Op::max: return std::string(op_name(node.op)) + "(" + a + ", " + b + ")";
    default: return std::string(op_name(node.op)) + "(" + a + ")";
  }
}

std::string latex_label(const std::string& label) {
  if (label == "π") return "\\pi";
  size_t digits = label.size();
  while (digits > 0 && std::isdigit(static_cast<unsigned char>(label[digits - 1]))) --digits;
  const bool letters_then_digits = digits > 0 && digits < label.size() &&
                                   std::isalpha(static_cast<unsigned char>(label[0]));
  return letters_then_digits ? label.substr(0, digits) + "_{" + label.substr(digits) + "}" : label;
}

std::string formula_latex(const Graph& graph, NodeId id) {
  const Node& node = graph.nodes[id];
  if (node.is_leaf()) return latex_label(node.label);
  auto input = [&](int slot, bool wrap_negative) {
    const std::string label = latex_label(graph.nodes[node.inputs[slot]].label);
    return wrap_negative && label[0] == '-' ? "\\left(" + label + "\\right)" : label;
  };
  const std::string a = input(0, node.op == Op::pow);
  switch (node.op) {
    case Op::add: return a + " + " + input(1, true);
    case Op::sub: return a + " - " + input(1, true);
    case Op::mul: return a + " \\cdot " + input(1, true);
    case Op::div: return "\\frac{" + a + "}{" + input(1, false) + "}";
    case Op::pow: return a + "^{" + input(1, false) + "}";
    case Op::min: return "\\min\\left(" + a + ", " + input(1, false) + "\\right)";
    case Op::max: return "\\max\\left(" + a + ", " + input(1, false) + "\\right)";
    case Op::neg: return "-" + input(0, true);
    case Op::sin: return "\\sin\\left(" + a + "\\right)";
    case Op::cos: return "\\cos\\left(" + a + "\\right)";
    case Op::tan: return "\\tan\\left(" + a + "\\right)";
    case Op::exp: return "e^{" + a + "}";
    case Op::log: return "\\ln\\left(" + a + "\\right)";
    case Op::sqrt: return "\\sqrt{" + a + "}";
    case Op::abs: return "\\left|" + a + "\\right|";
    case Op::tanh: return "\\tanh\\left(" + a + "\\right)";
    case Op::sigmoid: return "\\sigma\\left(" + a + "\\right)";
    case Op::relu: return "\\operatorname{relu}\\left(" + a + "\\right)";
    default: return a;
  }
}

}  // namespace bpl::expr
