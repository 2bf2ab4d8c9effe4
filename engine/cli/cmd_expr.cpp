// `bp expr "EXPR" --at x=1,y=2 --format text|json|latex|markdown`:
// value, gradient and the chain rule written out, for tutorial authors.
// Bad expressions and bad --at exit 2 with "error: … at column N" on stderr.
// A point where f is undefined is an answer, not an error: it exits 0 and says why.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <ostream>
#include <string>
#include <tuple>

#include "engine/cli/commands.h"
#include "engine/expr/expr.h"
#include "engine/expr/json.h"

namespace bpl::cli {

namespace {

using namespace bpl::expr;

struct Point {
  bool ok = false;
  double x = 0, y = 0;
  bool seen_x = false, seen_y = false;
  std::string error;
};

std::string trim(const std::string& s) {
  const std::size_t begin = s.find_first_not_of(" \t");
  if (begin == std::string::npos) return "";
  return s.substr(begin, s.find_last_not_of(" \t") - begin + 1);
}

// "x=1,y=2"; which of them were given is in seen_x, seen_y.
Point parse_point(const std::string& text) {
  Point p;
  bool& seen_x = p.seen_x;
  bool& seen_y = p.seen_y;
  const std::string usage = "expected x=<number>,y=<number>, got '" + text + "'";
  if (trim(text).empty()) {  // no --at: fine for an expression without variables
    p.ok = true;
    return p;
  }
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string item = trim(text.substr(start, comma - start));
    start = comma + 1;
    const std::size_t eq = item.find('=');
    if (eq == std::string::npos) {
      p.error = "--at: " + usage;
      return p;
    }
    const std::string name = trim(item.substr(0, eq));
    const std::string number = trim(item.substr(eq + 1));
    char* end = nullptr;
    const double value = std::strtod(number.c_str(), &end);
    if (number.empty() || *end != '\0' || !std::isfinite(value)) {
      p.error = "--at: '" + number + "' is not a finite number (" + usage + ")";
      return p;
    }
    if (name != "x" && name != "y") {
      p.error = "--at: unknown variable '" + name + "' (" + usage + ")";
      return p;
    }
    bool& seen = name == "x" ? seen_x : seen_y;
    if (seen) {
      p.error = "--at: " + name + " is given twice (" + usage + ")";
      return p;
    }
    seen = true;
    (name == "x" ? p.x : p.y) = value;
  }
  p.ok = true;
  return p;
}

std::string pad(const std::string& text, std::size_t width) {
  std::size_t chars = 0;  // code points, so "∂" counts once
  for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
  return chars >= width ? text + " " : text + std::string(width - chars, ' ');
}

void write_text(std::ostream& out, const Graph& g, const Evaluation& e, const Gradient& grad,
                const Derivation& d, const SymbolicGradient& s) {
  out << "f(x, y) = " << g.source << "\n";
  out << "at (x, y) = (" << format_number(g.at_x) << ", " << format_number(g.at_y) << ")\n\n";
  out << "forward values and backward adjoints:\n";
  for (NodeId id = 0; id < static_cast<NodeId>(g.nodes.size()); ++id) {
    const Node& node = g.nodes[id];
    if (node.op == Op::constant) continue;
    const std::string lhs = node.is_leaf() ? node.label : node.label + " = " + formula(g, id);
    std::string line = "  " + pad(lhs, 22) + "= " +
                       pad(node.defined() ? format_number(node.value) : "undefined", 12);
    if (node.varies) line += "∂f/∂" + node.label + " = " + format_number(node.adjoint);
    out << line << "\n";
  }
  out << "\n";
  if (!e.defined()) {
    out << d.undefined << "\n";
    return;
  }
  out << "f = " << format_number(e.value) << "\n";
  if (grad.defined()) {
    out << "∇f = (" << format_number(grad.dx) << ", " << format_number(grad.dy) << ")\n\n";
  } else {
    out << "∇f is undefined here, because " << grad.reason << "\n\n";
  }
  out << "chain rule, one product per path from f to the variable:\n";
  for (const VariableDerivation& v : d.variables) {
    for (const std::string& line : v.lines) out << "  " << line << "\n";
    out << "\n";
  }
  for (const std::string& note : d.conventions) out << "note: " << note << "\n";
  if (!d.conventions.empty()) out << "\n";
  out << "symbolic gradient:\n";
  out << "  ∂f/∂x = " << s.text_x << "\n";
  out << "  ∂f/∂y = " << s.text_y << "\n";
}

nlohmann::json result_json(const Graph& g, const Evaluation& e, const Gradient& grad,
                           const Derivation& d, const SymbolicGradient& s) {
  return {{"expression", g.source},
          {"at", {{"x", g.at_x}, {"y", g.at_y}}},
          {"value", e.value},
          {"gradient", {{"x", grad.dx}, {"y", grad.dy}}},
          {"evaluation", to_json(e)},
          {"gradient_status", to_json(grad)},
          {"derivation", to_json(g, d)},
          {"symbolic_gradient", to_json(s)},
          {"graph", to_json(g)}};
}

}  // namespace

int run_expr(const ExprOptions& options, std::ostream& out, std::ostream& err) {
  const Point at = parse_point(options.at);
  if (!at.ok) {
    err << "error: " << at.error << "\n";
    return 2;
  }
  ParseResult parsed = parse(options.expression);
  if (!parsed.ok) {
    err << "error: " << describe(parsed.error) << "\n";
    return 2;
  }
  Graph& g = parsed.graph;
  for (const auto& [variable, node, seen] : {std::tuple{"x", g.x, at.seen_x}, std::tuple{"y", g.y, at.seen_y}}) {
    if (node != kNoNode && !seen) {
      err << "error: --at: the expression uses " << variable << "; give its value, e.g. --at "
          << (g.x != kNoNode ? "x=1" : "") << (g.x != kNoNode && g.y != kNoNode ? "," : "")
          << (g.y != kNoNode ? "y=2" : "") << "\n";
      return 2;
    }
  }
  const Evaluation e = evaluate(g, at.x, at.y);
  const Gradient grad = backward(g);
  const Derivation d = derive(g);
  if (options.format == "json") {
    out << dump(result_json(g, e, grad, d, symbolic_gradient(g)), 2) << "\n";
  } else if (options.format == "latex") {
    out << (d.defined ? d.latex : "% " + d.undefined) << "\n";
  } else if (options.format == "markdown") {
    out << to_markdown(g, d);
  } else {
    write_text(out, g, e, grad, d, symbolic_gradient(g));
  }
  return 0;
}

}  // namespace bpl::cli
