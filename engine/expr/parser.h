#pragma once
// Text → Graph. The grammar, loosest binding first:
//   sum     := product (('+' | '-') product)*
//   product := unary (('*' | '/') unary | <after a number> power)*   "2x", "3(x+y)"
//   unary   := ('-' | '+') unary | power                             "-x^2" = -(x^2)
//   power   := primary ('^' unary)?                                  right-associative
//   primary := number | x | y | pi | e | '(' sum ')' | function '(' sum (',' sum)* ')'
// Functions: sin cos tan exp log ln sqrt abs tanh sigmoid relu (one argument),
// pow min max (two). log is the natural logarithm, shown as ln.
// Also accepted: · × for *, − for -, ÷ for /, π for pi.
#include <cstddef>
#include <string>
#include <string_view>

#include "engine/core/input_limits.h"
#include "engine/expr/graph.h"

namespace bpl::expr {

using bpl::kMaxExpressionLength;  // bytes of source text (engine/core/input_limits.h)
constexpr int kMaxNesting = 64;  // parentheses, function calls, exponents and signs

struct ParseError {
  std::string message;  // "unknown name 'xy'"
  int column = 1;       // 1-based, in characters (not bytes)
  std::string hint;     // "did you mean x*y?" (may be empty)
};
// "unknown name 'xy' at column 7; did you mean x*y?"
std::string describe(const ParseError& error);

struct ParseResult {
  bool ok = false;
  Graph graph;       // valid when ok; labels assigned, not yet evaluated
  ParseError error;  // valid when !ok
};
ParseResult parse(std::string_view source);

// The 1-based character column of a byte offset (UTF-8 aware).
int column_at(std::string_view source, std::size_t byte_offset);

}  // namespace bpl::expr
