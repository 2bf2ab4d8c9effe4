#pragma once
// Source text → tokens, for the parser. Knows characters, not grammar.
#include <string>
#include <string_view>
#include <vector>

#include "engine/expr/parser.h"

namespace bpl::expr {

enum class TokenKind { number, name, plus, minus, star, slash, caret, lparen, rparen, comma, end };

struct Token {
  TokenKind kind = TokenKind::end;
  std::string text;  // as written: "2.5", "sin", "π", "×"
  std::string name;  // names only: canonical spelling ("pi" for π)
  double number = 0;
  int column = 1;    // 1-based character column
};

struct LexResult {
  bool ok = false;
  std::vector<Token> tokens;  // ends with one TokenKind::end
  ParseError error;
};
LexResult tokenize(std::string_view source);

// How a token reads inside a message: "'+'", "'sin'", "the end of the expression".
std::string quoted(const Token& token);

}  // namespace bpl::expr
