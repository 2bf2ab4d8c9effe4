#include "engine/expr/lexer.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace bpl::expr {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Length of the UTF-8 sequence at s[i], or 0 when it is not valid UTF-8.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const unsigned char lead = static_cast<unsigned char>(s[i]);
  const std::size_t n = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3
                                     : (lead >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if (!is_continuation(static_cast<unsigned char>(s[i + k]))) return 0;
  }
  return n;
}

struct Alias {
  const char* utf8;
  TokenKind kind;
};
// Symbols a learner may paste from typeset text, read as their ASCII twins.
constexpr Alias kAliases[] = {
    {"·", TokenKind::star}, {"×", TokenKind::star}, {"−", TokenKind::minus},
    {"÷", TokenKind::slash}, {"π", TokenKind::name},
};

class Lexer {
 public:
  explicit Lexer(std::string_view source) : source_(source) {}

  LexResult run() {
    LexResult result;
    while (!failed_) {
      skip_space();
      if (at_ >= source_.size()) break;
      lex_one(result.tokens);
    }
    if (failed_) {
      result.error = error_;
      return result;
    }
    Token end;
    end.kind = TokenKind::end;
    end.column = column_;
    result.tokens.push_back(end);
    result.ok = true;
    return result;
  }

 private:
  void skip_space() {
    while (at_ < source_.size() && (source_[at_] == ' ' || source_[at_] == '\t' ||
                                    source_[at_] == '\n' || source_[at_] == '\r')) {
      advance(1);
    }
  }

  void advance(std::size_t bytes) {
    for (std::size_t k = 0; k < bytes; ++k, ++at_) {
      if (!is_continuation(static_cast<unsigned char>(source_[at_]))) ++column_;
    }
  }

  void fail(std::string message, std::string hint = "") {
    failed_ = true;
    error_.message = std::move(message);
    error_.column = column_;
    error_.hint = std::move(hint);
  }

  Token start(TokenKind kind) {
    Token token;
    token.kind = kind;
    token.column = column_;
    return token;
  }

  void lex_one(std::vector<Token>& tokens) {
    const char c = source_[at_];
    if (is_digit(c) || c == '.') return lex_number(tokens);
    if (is_letter(c)) return lex_name(tokens);
    TokenKind kind = TokenKind::end;
    switch (c) {
      case '+': kind = TokenKind::plus; break;
      case '-': kind = TokenKind::minus; break;
      case '/': kind = TokenKind::slash; break;
      case '^': kind = TokenKind::caret; break;
      case '(': kind = TokenKind::lparen; break;
      case ')': kind = TokenKind::rparen; break;
      case ',': kind = TokenKind::comma; break;
      case '*':
        if (at_ + 1 < source_.size() && source_[at_ + 1] == '*') {
          return fail("'**' is not an operator here", "write ^ for powers, e.g. x^2");
        }
        kind = TokenKind::star;
        break;
      default: return lex_other(tokens);
    }
    Token token = start(kind);
    token.text = std::string(1, c);
    advance(1);
    tokens.push_back(std::move(token));
  }

  // digits [. digits] [e [+-] digits]; "2e" stays 2·e and "1e-x" stays 1·e - x.
  void lex_number(std::vector<Token>& tokens) {
    Token token = start(TokenKind::number);
    std::size_t end = at_;
    bool seen_digit = false;
    while (end < source_.size() && is_digit(source_[end])) ++end, seen_digit = true;
    if (end < source_.size() && source_[end] == '.') {
      ++end;
      while (end < source_.size() && is_digit(source_[end])) ++end, seen_digit = true;
    }
    if (seen_digit && end < source_.size() && (source_[end] == 'e' || source_[end] == 'E')) {
      std::size_t k = end + 1;
      if (k < source_.size() && (source_[k] == '+' || source_[k] == '-')) ++k;
      if (k < source_.size() && is_digit(source_[k])) {
        while (k < source_.size() && is_digit(source_[k])) ++k;
        end = k;
      }
    }
    // "1.2.3", "1e5.5", ".": one malformed number rather than a puzzling later error.
    std::size_t bad = end;
    while (bad < source_.size() && (is_digit(source_[bad]) || source_[bad] == '.')) ++bad;
    token.text = std::string(source_.substr(at_, bad - at_));
    if (!seen_digit || bad != end) {
      return fail("malformed number '" + token.text + "'", "a number looks like 2, 0.5 or 1e-3");
    }
    token.number = std::strtod(token.text.c_str(), nullptr);
    if (!std::isfinite(token.number)) {
      return fail("the number " + token.text + " is too large", "numbers must stay below 1.8e308");
    }
    advance(end - at_);
    tokens.push_back(std::move(token));
  }

  void lex_name(std::vector<Token>& tokens) {
    Token token = start(TokenKind::name);
    std::size_t end = at_;
    while (end < source_.size() && (is_letter(source_[end]) || is_digit(source_[end]))) ++end;
    token.text = std::string(source_.substr(at_, end - at_));
    token.name = token.text;
    advance(end - at_);
    tokens.push_back(std::move(token));
  }

  void lex_other(std::vector<Token>& tokens) {
    const char c = source_[at_];
    const std::size_t length = utf8_length(source_, at_);
    if (length == 0) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(c)));
      return fail(std::string("unexpected byte ") + hex + " (the text is not valid UTF-8)");
    }
    const std::string symbol(source_.substr(at_, length));
    for (const Alias& alias : kAliases) {
      if (symbol != alias.utf8) continue;
      Token token = start(alias.kind);
      token.text = symbol;
      if (alias.kind == TokenKind::name) token.name = "pi";
      advance(length);
      tokens.push_back(std::move(token));
      return;
    }
    if (symbol == "²" || symbol == "³" || symbol == "¹") {
      return fail("superscript digits like '" + symbol + "' are not supported", "write x^2 for x²");
    }
    switch (c) {
      case '=': return fail("'=' is not allowed", "enter only the right-hand side, e.g. x^2 + y");
      case '[':
      case ']':
      case '{':
      case '}': return fail("unexpected '" + symbol + "'", "use ( and ) for grouping");
      case '!': return fail("unexpected '!'", "factorials are not supported");
      default: return fail("unexpected character '" + symbol + "'");
    }
  }

  std::string_view source_;
  std::size_t at_ = 0;
  int column_ = 1;
  bool failed_ = false;
  ParseError error_;
};

}  // namespace

LexResult tokenize(std::string_view source) { return Lexer(source).run(); }

std::string quoted(const Token& token) {
  if (token.kind == TokenKind::end) return "the end of the expression";
  return "'" + token.text + "'";
}

}  // namespace bpl::expr
