#pragma once
// LaTeX (math mode, the subset in typeset.h) → Tree, by recursive descent over
// the bytes: rows, items and arguments in parse.cpp, the commands with arguments
// in parse_commands.cpp. No exceptions: the first error sets failed_ and every level
// returns at once; every loop consumes at least one byte, so it ends.
//   row      := (item | ('^' | '_') argument)*
//   item     := number | letter | symbol | '{' row '}' | '&' | '~' | command
//   argument := '{' row '}' | one token (a single digit, a letter, a symbol, a command)
#include <cctype>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "engine/typeset/symbols.h"
#include "engine/typeset/tree.h"

namespace bpl::typeset::parsing {

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_letter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

class Parser {
 public:
  explicit Parser(std::string_view source) : src_(source) {}

  Result<Tree> run() {
    tree_.root = parse_row(Context::top, 0);
    if (!failed_ && aligned_open_) fail("missing \\end{aligned} for \\begin{aligned} at " + at(aligned_at_));
    if (failed_) return Result<Tree>::failure({{"latex", message_}});
    return Result<Tree>::success(std::move(tree_));
  }

 private:
  enum class Context { top, group, left };  // what ends the row: the input, '}', \right

  // ---------------------------------------------------------------- helpers
  static std::string at(std::size_t offset) { return std::to_string(offset); }
  void fail(std::string message) {
    if (failed_) return;
    failed_ = true;
    message_ = std::move(message);
  }
  bool enter(std::size_t offset) {
    if (++depth_ > kMaxNesting) fail("nesting deeper than " + std::to_string(kMaxNesting) + " levels at " + at(offset));
    return !failed_;
  }
  void leave() { --depth_; }
  bool at_end() const { return pos_ >= src_.size(); }
  char peek() const { return at_end() ? '\0' : src_[pos_]; }
  void skip_spaces() {
    while (!at_end() && is_space(src_[pos_])) ++pos_;
  }
  int add(Node node) {
    tree_.nodes.push_back(std::move(node));
    return static_cast<int>(tree_.nodes.size()) - 1;
  }
  int add_symbol(const Symbol& symbol, std::size_t offset) {
    Node node;
    node.kind = symbol.kind;
    node.atom = symbol.atom;
    node.style = symbol.style;
    node.text = std::string(symbol.text);
    node.offset = offset;
    return add(std::move(node));
  }
  int add_wrapper(NodeKind kind, AtomClass atom, std::vector<int> children, std::size_t offset) {
    Node node;
    node.kind = kind;
    node.atom = atom;
    node.children = std::move(children);
    node.offset = offset;
    return add(std::move(node));
  }
  // The command name at `offset` (a backslash there): letters, or one other character.
  std::string_view command_name(std::size_t offset) const {
    std::size_t end = offset + 1;
    if (end >= src_.size()) return {};
    if (!is_letter(src_[end])) return src_.substr(end, 1);
    while (end < src_.size() && is_letter(src_[end])) ++end;
    return src_.substr(offset + 1, end - offset - 1);
  }

  // parse.cpp
  int parse_row(Context context, std::size_t open_at);
  void attach_script(int row);
  int parse_item(Context context);
  std::string character_at(std::size_t offset) const;
  int parse_number();
  int add_number(std::string_view digits, std::size_t offset);
  int add_space(float em, std::size_t offset);
  int parse_argument(const std::string& command, std::size_t command_at);
  std::optional<std::string_view> raw_group(const std::string& command, std::size_t command_at);

  // parse_commands.cpp
  int parse_command(Context context);
  int parse_delimited(std::size_t offset);
  int parse_text(std::string_view command, std::size_t offset);
  int parse_marked(std::string_view command, std::size_t offset);
  int parse_environment(std::string_view command, Context context, std::size_t offset);
  int parse_line_break(Context context, std::size_t offset);
  std::optional<std::string> read_delimiter(const char* command, std::size_t offset);

  std::string_view src_;
  std::size_t pos_ = 0;
  Tree tree_;
  int depth_ = 0;
  bool failed_ = false;
  std::string message_;
  bool aligned_open_ = false;
  std::size_t aligned_at_ = 0;
};

}  // namespace bpl::typeset::parsing
