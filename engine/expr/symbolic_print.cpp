// Symbolic expressions as text and LaTeX, with only the parentheses precedence needs.
#include <string_view>

#include "engine/expr/derivation.h"
#include "engine/expr/format.h"
#include "engine/expr/symbolic.h"

namespace bpl::expr {

namespace {

// Binding strength: sums 1, products 2, negation (and negative numbers) 3, powers 4, atoms 5.
int precedence(const SymNode& n) {
  switch (n.op) {
    case SymOp::add:
    case SymOp::sub: return 1;
    case SymOp::mul:
    case SymOp::div: return 2;
    case SymOp::neg: return 3;
    case SymOp::pow: return 4;
    case SymOp::number: return n.value < 0 ? 3 : 5;
    default: return 5;
  }
}

const char* function_name(SymOp op, bool latex) {
  switch (op) {
    case SymOp::sin: return latex ? "\\sin" : "sin";
    case SymOp::cos: return latex ? "\\cos" : "cos";
    case SymOp::tan: return latex ? "\\tan" : "tan";
    case SymOp::exp: return "exp";
    case SymOp::log: return latex ? "\\ln" : "ln";
    case SymOp::sqrt: return "sqrt";
    case SymOp::abs: return "abs";
    case SymOp::tanh: return latex ? "\\tanh" : "tanh";
    case SymOp::sigmoid: return latex ? "\\sigma" : "sigmoid";
    case SymOp::relu: return latex ? "\\operatorname{relu}" : "relu";
    case SymOp::sign: return latex ? "\\operatorname{sign}" : "sign";
    case SymOp::step: return latex ? "\\operatorname{step}" : "step";
    case SymOp::min: return latex ? "\\min" : "min";
    case SymOp::max: return latex ? "\\max" : "max";
    default: return "?";
  }
}

class Printer {
 public:
  Printer(const SymArena& arena, bool latex) : s_(arena), latex_(latex) {}

  std::string run(SymId id) {
    print(id);
    return truncated_ ? out_ + " …" : out_;
  }

 private:
  void emit(std::string_view text) {
    if (truncated_) return;
    if (out_.size() + text.size() > kMaxSymbolicText) {
      truncated_ = true;
      return;
    }
    out_ += text;
  }

  void open() { emit(latex_ ? "\\left(" : "("); }
  void close() { emit(latex_ ? "\\right)" : ")"); }

  // Parenthesised when it binds looser than the context needs, and always when
  // a negative operand stands to the right of an operator ("x*(-2)", "x^(-1)").
  void operand(SymId id, int needed, bool right) {
    const int p = precedence(s_.nodes[id]);
    const bool latex_fraction = latex_ && s_.nodes[id].op == SymOp::div;  // \frac is an atom
    const bool parens = !latex_fraction && (p < needed || (right && p == 3));
    if (parens) open();
    print(id);
    if (parens) close();
  }

  // In LaTeX a power's base must be an atom that ^{…} can attach to.
  void power_base(SymId id) {
    const SymNode& n = s_.nodes[id];
    bool atom = precedence(n) == 5;
    if (latex_) atom = atom && n.op != SymOp::exp && n.op != SymOp::div;
    if (!atom) open();
    print(id);
    if (!atom) close();
  }

  // "2 x" reads well in LaTeX, "2 3" does not: \cdot before a leading number.
  bool starts_with_number(SymId id) const {
    for (;;) {
      const SymNode& n = s_.nodes[id];
      if (n.op == SymOp::number) return true;
      if (n.op != SymOp::mul && n.op != SymOp::pow && n.op != SymOp::add && n.op != SymOp::sub) {
        return false;
      }
      id = n.a;
    }
  }

  void print(SymId id) {
    if (truncated_) return;
    const SymNode& n = s_.nodes[id];
    switch (n.op) {
      case SymOp::number: emit(latex_ ? latex_number(n.value, false) : format_exact(n.value)); return;
      case SymOp::pi: emit(latex_ ? "\\pi" : "pi"); return;
      case SymOp::e: emit("e"); return;
      case SymOp::x: emit("x"); return;
      case SymOp::y: emit("y"); return;
      case SymOp::add:
      case SymOp::sub:
        operand(n.a, 1, false);
        emit(n.op == SymOp::add ? " + " : " - ");
        operand(n.b, n.op == SymOp::add ? 1 : 2, true);
        return;
      case SymOp::mul: {
        operand(n.a, 2, false);
        const bool needs_dot = !latex_ || starts_with_number(n.b) ||
                               precedence(s_.nodes[n.b]) < 2;
        emit(latex_ ? (needs_dot ? " \\cdot " : " ") : "*");
        operand(n.b, 2, true);
        return;
      }
      case SymOp::div:
        if (latex_) {
          emit("\\frac{");
          print(n.a);
          emit("}{");
          print(n.b);
          emit("}");
        } else {
          operand(n.a, 2, false);
          emit("/");
          operand(n.b, 3, true);
        }
        return;
      case SymOp::pow:
        power_base(n.a);
        if (latex_) {
          emit("^{");
          print(n.b);
          emit("}");
        } else {
          emit("^");
          operand(n.b, 4, true);
        }
        return;
      case SymOp::neg:
        emit("-");
        operand(n.a, 2, false);
        return;
      default: print_call(n); return;
    }
  }

  void print_call(const SymNode& n) {
    if (latex_ && n.op == SymOp::exp) {
      emit("e^{");
      print(n.a);
      emit("}");
      return;
    }
    if (latex_ && (n.op == SymOp::sqrt || n.op == SymOp::abs)) {
      emit(n.op == SymOp::sqrt ? "\\sqrt{" : "\\left|");
      print(n.a);
      emit(n.op == SymOp::sqrt ? "}" : "\\right|");
      return;
    }
    emit(function_name(n.op, latex_));
    open();
    print(n.a);
    if (n.b >= 0) {
      emit(", ");
      print(n.b);
    }
    close();
  }

  const SymArena& s_;
  bool latex_;
  std::string out_;
  bool truncated_ = false;
};

}  // namespace

std::string to_text(const SymArena& arena, SymId id) { return Printer(arena, false).run(id); }
std::string to_latex(const SymArena& arena, SymId id) { return Printer(arena, true).run(id); }

}  // namespace bpl::expr
