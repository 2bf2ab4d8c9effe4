// Recursive descent over tokens, building the graph arena as it goes.
// No exceptions: the first error sets failed_ and every level returns at once.
#include "engine/expr/parser.h"

#include <cmath>
#include <utility>

#include "engine/expr/lexer.h"
#include "engine/expr/names.h"

namespace bpl::expr {

namespace {

bool starts_operand(TokenKind kind) {
  return kind == TokenKind::number || kind == TokenKind::name || kind == TokenKind::lparen;
}

// Intermediate names follow the seed tutorial (u, v, w, …), skipping the
// letters that already mean something: x, y, e, and f for the root.
std::string intermediate_name(int k) {
  static constexpr char kLetters[] = "uvwzabcdghijklmnopqrst";
  constexpr int count = sizeof kLetters - 1;
  std::string name(1, kLetters[k % count]);
  return k < count ? name : name + std::to_string(k / count);
}

class Parser {
 public:
  Parser(std::string_view source, std::vector<Token> tokens)
      : source_(source), tokens_(std::move(tokens)) {}

  ParseResult run() {
    ParseResult result;
    const NodeId root = parse_sum();
    if (!failed_) expect_end();
    if (failed_) {
      result.error = error_;
      return result;
    }
    graph_.root = root;
    graph_.source = std::string(source_);
    assign_labels();
    result.graph = std::move(graph_);
    result.ok = true;
    return result;
  }

 private:
  // An operand, and whether it ends in a bare number ("2", "-2"): only then
  // may a name or '(' follow without '*' (implicit multiplication).
  struct Operand {
    NodeId id = kNoNode;
    bool bare_number = false;
  };

  const Token& peek() const { return tokens_[at_]; }
  const Token& take() { return at_ + 1 < tokens_.size() ? tokens_[at_++] : tokens_[at_]; }
  const Token* previous() const { return at_ > 0 ? &tokens_[at_ - 1] : nullptr; }

  void fail(std::string message, int column, std::string hint = "") {
    if (failed_) return;
    failed_ = true;
    error_.message = std::move(message);
    error_.column = column;
    error_.hint = std::move(hint);
  }

  bool enter(int column) {
    if (++depth_ > kMaxNesting) {
      fail("the expression is nested too deeply (more than " + std::to_string(kMaxNesting) +
               " levels)",
           column, "use fewer nested parentheses, powers or signs");
    }
    return !failed_;
  }
  void leave() { --depth_; }

  // ---------------------------------------------------------------- graph building
  NodeId add_node(Op op, std::vector<NodeId> inputs, int column) {
    Node node;
    node.op = op;
    node.column = column;
    for (NodeId input : inputs) node.varies = node.varies || graph_.nodes[input].varies;
    node.inputs = std::move(inputs);
    node.local.assign(node.inputs.size(), 0.0);
    graph_.nodes.push_back(std::move(node));
    return static_cast<NodeId>(graph_.nodes.size() - 1);
  }

  NodeId add_constant(double value, std::string label, int column) {
    const NodeId id = add_node(Op::constant, {}, column);
    graph_.nodes[id].value = value;
    graph_.nodes[id].label = std::move(label);
    return id;
  }

  // x and y are single shared leaves: "y used twice" is one node with two out-edges.
  NodeId variable(const std::string& name, int column) {
    NodeId& slot = name == "x" ? graph_.x : graph_.y;
    if (slot == kNoNode) {
      slot = add_node(Op::variable, {}, column);
      graph_.nodes[slot].label = name;
      graph_.nodes[slot].varies = true;
    }
    return slot;
  }

  // A number literal just created can absorb a leading minus: "-2" is one leaf.
  bool is_fresh_literal(NodeId id) const {
    const Node& node = graph_.nodes[id];
    return id + 1 == static_cast<NodeId>(graph_.nodes.size()) && node.op == Op::constant &&
           node.label != "π" && node.label != "e";
  }

  void assign_labels() {
    int next = 0;
    for (NodeId id = 0; id < static_cast<NodeId>(graph_.nodes.size()); ++id) {
      Node& node = graph_.nodes[id];
      if (node.is_leaf()) continue;
      node.label = id == graph_.root ? "f" : intermediate_name(next++);
    }
  }

  // ---------------------------------------------------------------- grammar
  NodeId parse_sum() {
    NodeId node = parse_product();
    while (!failed_ && (peek().kind == TokenKind::plus || peek().kind == TokenKind::minus)) {
      const Token& op = take();
      const NodeId right = parse_product();
      if (failed_) return kNoNode;
      node = add_node(op.kind == TokenKind::plus ? Op::add : Op::sub, {node, right}, op.column);
    }
    return failed_ ? kNoNode : node;
  }

  NodeId parse_product() {
    Operand left = parse_unary();
    while (!failed_) {
      const Token& next = peek();
      if (next.kind == TokenKind::star || next.kind == TokenKind::slash) {
        take();
        const Operand right = parse_unary();
        if (failed_) return kNoNode;
        left = {add_node(next.kind == TokenKind::star ? Op::mul : Op::div, {left.id, right.id},
                         next.column),
                false};
      } else if (starts_operand(next.kind)) {
        if (!left.bare_number || next.kind == TokenKind::number) {
          fail_missing_operator(next);
          return kNoNode;
        }
        const Operand right = parse_power();  // "2x^2" = 2·(x^2)
        if (failed_) return kNoNode;
        left = {add_node(Op::mul, {left.id, right.id}, next.column), false};
      } else {
        break;
      }
    }
    return failed_ ? kNoNode : left.id;
  }

  Operand parse_unary() {
    const Token& sign = peek();
    if (sign.kind != TokenKind::minus && sign.kind != TokenKind::plus) return parse_power();
    take();
    if (!enter(sign.column)) return {};
    Operand operand = parse_unary();
    leave();
    if (failed_ || sign.kind == TokenKind::plus) return operand;
    if (is_fresh_literal(operand.id)) {
      Node& literal = graph_.nodes[operand.id];
      literal.value = -literal.value;
      literal.label = literal.label[0] == '-' ? literal.label.substr(1) : "-" + literal.label;
      literal.column = sign.column;
      return operand;
    }
    return {add_node(Op::neg, {operand.id}, sign.column), operand.bare_number};
  }

  Operand parse_power() {
    const Operand base = parse_primary();
    if (failed_ || peek().kind != TokenKind::caret) return base;
    const Token& caret = take();
    if (!enter(caret.column)) return {};
    const Operand exponent = parse_unary();  // right-associative: 2^3^2 = 2^(3^2)
    leave();
    if (failed_) return {};
    return {add_node(Op::pow, {base.id, exponent.id}, caret.column), false};
  }

  Operand parse_primary() {
    const Token& token = peek();
    switch (token.kind) {
      case TokenKind::number:
        take();
        return {add_constant(token.number, token.text, token.column), true};
      case TokenKind::lparen: return {parse_parenthesised(), false};
      case TokenKind::name: return {parse_name(), false};
      default: fail_expected_operand(token); return {};
    }
  }

  NodeId parse_parenthesised() {
    const Token& open = take();
    if (!enter(open.column)) return kNoNode;
    if (peek().kind == TokenKind::rparen) {
      fail("empty parentheses '()'", peek().column, "put an expression inside, e.g. (x + 1)");
      return kNoNode;
    }
    const NodeId inner = parse_sum();
    leave();
    if (failed_) return kNoNode;
    expect_close("'('", open.column);
    return failed_ ? kNoNode : inner;
  }

  NodeId parse_name() {
    const Token& name = take();
    if (is_variable_name(name.name)) return variable(name.name, name.column);
    if (name.name == "pi") return add_constant(kPi, "π", name.column);
    if (name.name == "e") return add_constant(kE, "e", name.column);
    if (const FunctionInfo* function = find_function(name.name)) return parse_call(name, *function);
    fail("unknown name '" + name.text + "'", name.column, suggest_for_unknown_name(name.name));
    return kNoNode;
  }

  NodeId parse_call(const Token& name, const FunctionInfo& function) {
    const std::string usage = std::string("write ") + function.usage;
    if (peek().kind != TokenKind::lparen) {
      fail(name.text + " must be followed by '('", peek().column, usage);
      return kNoNode;
    }
    const Token& open = take();
    if (!enter(open.column)) return kNoNode;
    const std::string wanted = function.arity == 1 ? "1 argument" : "2 arguments";
    if (peek().kind == TokenKind::rparen) {
      fail(name.text + " needs " + wanted + ", but got none", peek().column, usage);
      return kNoNode;
    }
    std::vector<NodeId> arguments{parse_sum()};
    while (!failed_ && peek().kind == TokenKind::comma) {
      take();
      arguments.push_back(parse_sum());
    }
    leave();
    if (failed_) return kNoNode;
    expect_close(name.text + "(", name.column);
    if (failed_) return kNoNode;
    if (static_cast<int>(arguments.size()) != function.arity) {
      fail(name.text + " takes " + wanted + ", but got " + std::to_string(arguments.size()),
           name.column, usage);
      return kNoNode;
    }
    return add_node(function.op, std::move(arguments), name.column);
  }

  // ---------------------------------------------------------------- errors
  void expect_close(const std::string& opener, int opened_at) {
    const Token& next = peek();
    const std::string where = "it opens at column " + std::to_string(opened_at);
    if (next.kind == TokenKind::rparen) {
      take();
    } else if (next.kind == TokenKind::end) {
      fail("missing ')' to close " + opener, next.column, where);
    } else if (next.kind == TokenKind::comma) {
      fail("',' only separates function arguments", next.column, "e.g. min(x, y)");
    } else {
      fail("expected ')' to close " + opener + ", but found " + quoted(next), next.column, where);
    }
  }

  void expect_end() {
    const Token& next = peek();
    if (next.kind == TokenKind::end) return;
    if (next.kind == TokenKind::rparen) {
      fail("unmatched ')'", next.column, "there is no '(' before it");
    } else if (next.kind == TokenKind::comma) {
      fail("',' only separates function arguments", next.column, "e.g. min(x, y)");
    } else {
      fail("unexpected " + quoted(next), next.column);
    }
  }

  void fail_expected_operand(const Token& found) {
    const Token* before = previous();
    const std::string where = before ? "after " + quoted(*before) : "at the start";
    const std::string what = found.kind == TokenKind::end ? "the expression ends there"
                                                          : "found " + quoted(found);
    fail("expected a number, variable or '(' " + where + ", but " + what, found.column);
  }

  void fail_missing_operator(const Token& next) {
    const Token& before = *previous();
    const std::string message = "missing operator between " + quoted(before) + " and " + quoted(next);
    if (before.kind == TokenKind::name && next.kind == TokenKind::lparen) {
      fail(message, next.column,
           "'" + before.text + "' is not a function: write " + before.text + "*(…) to multiply");
    } else if (before.kind == TokenKind::rparen && next.kind == TokenKind::lparen) {
      fail(message, next.column, "write )*( to multiply; implicit multiplication only follows a number");
    } else if (next.kind != TokenKind::lparen && before.kind != TokenKind::rparen) {
      fail(message, next.column, "did you mean " + before.text + "*" + next.text + "?");
    } else {
      fail(message, next.column, "write * to multiply");
    }
  }

  std::string_view source_;
  std::vector<Token> tokens_;
  std::size_t at_ = 0;
  int depth_ = 0;
  bool failed_ = false;
  ParseError error_;
  Graph graph_;
};

}  // namespace

std::string describe(const ParseError& error) {
  std::string text = error.message + " at column " + std::to_string(error.column);
  return error.hint.empty() ? text : text + "; " + error.hint;
}

int column_at(std::string_view source, std::size_t byte_offset) {
  int column = 1;
  for (std::size_t i = 0; i < byte_offset && i < source.size(); ++i) {
    if ((static_cast<unsigned char>(source[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

ParseResult parse(std::string_view source) {
  ParseResult result;
  if (source.size() > kMaxExpressionLength) {
    result.error = {"the expression is too long: " + std::to_string(source.size()) +
                        " bytes (the limit is " + std::to_string(kMaxExpressionLength) + ")",
                    column_at(source, kMaxExpressionLength), "shorten it"};
    return result;
  }
  LexResult lexed = tokenize(source);
  if (!lexed.ok) {
    result.error = lexed.error;
    return result;
  }
  if (lexed.tokens.size() == 1) {
    result.error = {"the expression is empty", 1, "try (x^2 + x*y) * y^3"};
    return result;
  }
  return Parser(source, std::move(lexed.tokens)).run();
}

}  // namespace bpl::expr
