#include <doctest/doctest.h>

#include <string>

#include "engine/expr/parser.h"
#include "test_expr_testing.h"

using namespace bpl::expr;

namespace {

struct BadInput {
  std::string source;
  std::string message;  // the exact message
  int column;           // counted by hand, 1-based, in characters
  std::string hint;     // a substring of the hint ("" = not checked)
};

std::string nested(char open, int depth) { return std::string(depth, open) + "x"; }

}  // namespace

TEST_CASE("expr parser: bad input gives the expected message and column") {
  const std::string expected_operand = "expected a number, variable or '(' ";
  const BadInput cases[] = {
      {"", "the expression is empty", 1, ""},
      {"   ", "the expression is empty", 1, ""},
      {"(x^2 + xy) * y^3", "unknown name 'xy'", 8, "did you mean x*y?"},
      {"x^2 + xy", "unknown name 'xy'", 7, "did you mean x*y?"},
      {"z + 1", "unknown name 'z'", 1, "the only variables are x and y"},
      {"sinx", "unknown name 'sinx'", 1, "did you mean sin(x)?"},
      {"sine(x)", "unknown name 'sine'", 1, "did you mean sin?"},
      {"X + 1", "unknown name 'X'", 1, "did you mean x?"},
      {"Sin(x)", "unknown name 'Sin'", 1, "did you mean sin?"},
      {"sqr(x)", "unknown name 'sqr'", 1, "did you mean sqrt?"},
      {"xy2", "unknown name 'xy2'", 1, "did you mean x*y*2?"},
      {"pix", "unknown name 'pix'", 1, "did you mean pi*x?"},
      {"f(x)", "unknown name 'f'", 1, "only the right-hand side"},
      {"x +", expected_operand + "after '+', but the expression ends there", 4, ""},
      {"x ^", expected_operand + "after '^', but the expression ends there", 4, ""},
      {"* x", expected_operand + "at the start, but found '*'", 1, ""},
      {"x + * y", expected_operand + "after '+', but found '*'", 5, ""},
      {"min(x,)", expected_operand + "after ',', but found ')'", 7, ""},
      {"max(,y)", expected_operand + "after '(', but found ','", 5, ""},
      {"log(-)", expected_operand + "after '-', but found ')'", 6, ""},
      {"3(", expected_operand + "after '(', but the expression ends there", 3, ""},
      {"(x + y", "missing ')' to close '('", 7, "it opens at column 1"},
      {"sin(x", "missing ')' to close sin(", 6, "it opens at column 1"},
      {"x * sqrt(x", "missing ')' to close sqrt(", 11, "it opens at column 5"},
      {"x + y)", "unmatched ')'", 6, "no '(' before it"},
      {"(x))", "unmatched ')'", 4, ""},
      {"x, y", "',' only separates function arguments", 2, "min(x, y)"},
      {"(x, y)", "',' only separates function arguments", 3, ""},
      {"()", "empty parentheses '()'", 2, ""},
      {"sin()", "sin needs 1 argument, but got none", 5, "sin(a)"},
      {"pow(x)", "pow takes 2 arguments, but got 1", 1, "pow(a, b)"},
      {"sin(x, y)", "sin takes 1 argument, but got 2", 1, "sin(a)"},
      {"sin x", "sin must be followed by '('", 5, "write sin(a)"},
      {"x y", "missing operator between 'x' and 'y'", 3, "did you mean x*y?"},
      {"2 3", "missing operator between '2' and '3'", 3, ""},
      {"2^3x", "missing operator between '3' and 'x'", 4, ""},
      {"x(y)", "missing operator between 'x' and '('", 2, "'x' is not a function"},
      {"pi(x)", "missing operator between 'pi' and '('", 3, "'pi' is not a function"},
      {"(x+1)(x-1)", "missing operator between ')' and '('", 6, "write )*("},
      {"1.2.3", "malformed number '1.2.3'", 1, ""},
      {".", "malformed number '.'", 1, ""},
      {"x + 1e999", "the number 1e999 is too large", 5, ""},
      {"x ** 2", "'**' is not an operator here", 3, "write ^ for powers"},
      {"x = 2", "'=' is not allowed", 3, "right-hand side"},
      {"x!", "unexpected '!'", 2, "factorials"},
      {"[x]", "unexpected '['", 1, "use ( and )"},
      {"x $ y", "unexpected character '$'", 3, ""},
      {"x²", "superscript digits like '²' are not supported", 2, "write x^2"},
      {"π + é", "unexpected character 'é'", 5, ""},  // π and é are one column each
      {"x\xff", "unexpected byte 0xFF (the text is not valid UTF-8)", 2, ""},
      {std::string(kMaxExpressionLength + 1, 'x'),
       "the expression is too long: 1001 bytes (the limit is 1000)", 1001, ""},
      {nested('(', 65), "the expression is nested too deeply (more than 64 levels)", 65, ""},
      {nested('-', 65), "the expression is nested too deeply (more than 64 levels)", 65, ""},
      {"x" + std::string(65, '^') , expected_operand + "after '^', but found '^'", 3, ""},
  };
  for (const BadInput& c : cases) {
    CAPTURE(c.source);
    const ParseResult result = parse(c.source);
    CHECK_FALSE(result.ok);
    if (result.ok) continue;
    CHECK(result.error.message == c.message);
    CHECK(result.error.column == c.column);
    if (!c.hint.empty()) {
      CAPTURE(result.error.hint);
      CHECK(result.error.hint.find(c.hint) != std::string::npos);
    }
  }
}

TEST_CASE("expr parser: describe() puts the column into the sentence") {
  const ParseResult result = parse("(x^2 + xy) * y^3");
  BPL_REQUIRE(!(result.ok));
  CHECK(describe(result.error) == "unknown name 'xy' at column 8; did you mean x*y?");
  CHECK(describe(parse("x^2 + xy").error) == "unknown name 'xy' at column 7; did you mean x*y?");
}

TEST_CASE("expr parser: deep right-associative powers hit the nesting cap, not the stack") {
  std::string source = "x";
  for (int k = 0; k < 100; ++k) source += "^x";
  const ParseResult result = parse(source);
  BPL_REQUIRE(!(result.ok));
  CHECK(result.error.message == "the expression is nested too deeply (more than 64 levels)");
  CHECK(result.error.column == 2 + 2 * 64);  // the 65th '^'
}
