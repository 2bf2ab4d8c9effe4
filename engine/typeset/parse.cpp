// LaTeX (math mode, the subset in typeset.h) → Tree, by recursive descent over
// the bytes. No exceptions: the first error sets failed_ and every level
// returns at once; every loop consumes at least one byte, so it ends.
//   row      := (item | ('^' | '_') argument)*
//   item     := number | letter | symbol | '{' row '}' | '&' | '~' | command
//   argument := '{' row '}' | one token (a single digit, a letter, a symbol, a command)
#include <cctype>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>

#include "engine/core/text.h"
#include "engine/typeset/symbols.h"
#include "engine/typeset/tree.h"

namespace bpl::typeset {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_key_char(char c) {
  return is_letter(c) || is_digit(c) || c == ':' || c == '_' || c == '.' || c == '#' || c == ',' || c == '-';
}
constexpr std::size_t kMaxKeyLength = 64;
constexpr std::string_view kEllipsis = "\u2026";  // symbolic LaTeX ends in " …" when cut short
constexpr float kMaxLineGapEm = 10;               // \\[…] beyond this is a typo, not a layout

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

  // ---------------------------------------------------------------- rows
  int parse_row(Context context, std::size_t open_at) {
    const int row = add_wrapper(NodeKind::row, AtomClass::ord, {}, pos_);
    while (!failed_) {
      skip_spaces();
      if (at_end()) {
        if (context == Context::group) fail("missing } for { at " + at(open_at));
        if (context == Context::left) fail("missing \\right for \\left at " + at(open_at));
        break;
      }
      const char c = peek();
      if (c == '}') {
        if (context != Context::group) fail("unmatched } at " + at(pos_));
        ++pos_;
        break;
      }
      if (c == '\\' && command_name(pos_) == "right") {
        if (context != Context::left) fail("\\right without \\left at " + at(pos_));
        break;
      }
      if (c == '^' || c == '_') {
        attach_script(row);
        continue;
      }
      const int item = parse_item(context);
      if (item >= 0) tree_.nodes[row].children.push_back(item);
    }
    return row;
  }

  // x^a, x_b, x_b^a, x^a_b: one scripts node on the last item (an empty base when there is none).
  void attach_script(int row) {
    const std::size_t offset = pos_;
    const bool sub = src_[pos_++] == '_';
    std::vector<int>& items = tree_.nodes[row].children;
    int target = -1;
    if (!items.empty() && tree_.nodes[items.back()].kind == NodeKind::scripts) {
      target = items.back();
    } else {
      const bool has_base = !items.empty() && tree_.nodes[items.back()].kind != NodeKind::space &&
                            tree_.nodes[items.back()].kind != NodeKind::align;
      const int base = has_base ? items.back() : -1;
      const AtomClass atom = has_base ? tree_.nodes[base].atom : AtomClass::ord;
      target = add_wrapper(NodeKind::scripts, atom, {base, -1, -1}, offset);
      std::vector<int>& row_items = tree_.nodes[row].children;  // add() may have moved the arena
      if (has_base) row_items.back() = target;
      else row_items.push_back(target);
    }
    const int slot = sub ? 1 : 2;
    if (tree_.nodes[target].children[slot] >= 0) {
      fail(std::string(sub ? "double subscript" : "double superscript") + " at " + at(offset));
      return;
    }
    const int argument = parse_argument(sub ? "_" : "^", offset);
    tree_.nodes[target].children[slot] = argument;
  }

  // ---------------------------------------------------------------- items
  int parse_item(Context context) {
    const std::size_t offset = pos_;
    const char c = peek();
    if (is_digit(c)) return parse_number();
    if (c == '{') {
      ++pos_;
      if (!enter(offset)) return -1;
      const int group = parse_row(Context::group, offset);
      leave();
      return group;
    }
    if (c == '&') {
      ++pos_;
      return add_wrapper(NodeKind::align, AtomClass::ord, {}, offset);
    }
    if (c == '~') {
      ++pos_;
      return add_space(1.0f / 3, offset);  // TeX's interword space
    }
    if (c == '\\') return parse_command(context);
    if (const std::optional<Symbol> symbol = char_symbol(c)) {
      ++pos_;
      return add_symbol(*symbol, offset);
    }
    if (src_.substr(pos_, kEllipsis.size()) == kEllipsis) {
      pos_ += kEllipsis.size();
      return add_symbol({kEllipsis, AtomClass::inner, FontStyle::upright}, offset);
    }
    fail("unsupported character '" + character_at(offset) + "' at " + at(offset));
    return -1;
  }

  // The UTF-8 character at `offset`, printable, for a message.
  std::string character_at(std::size_t offset) const {
    const unsigned char lead = static_cast<unsigned char>(src_[offset]);
    const std::size_t length = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    return printable(src_.substr(offset, length), 1);
  }

  // "0.123456", "2e-05" (drawn 2e−05): one unbreakable ord.
  int parse_number() {
    const std::size_t start = pos_;
    auto digits = [&] {
      while (!at_end() && is_digit(peek())) ++pos_;
    };
    digits();
    if (peek() == '.' && pos_ + 1 < src_.size() && is_digit(src_[pos_ + 1])) {
      ++pos_;
      digits();
    }
    if ((peek() == 'e' || peek() == 'E') && pos_ + 1 < src_.size()) {
      const std::size_t sign = (src_[pos_ + 1] == '-' || src_[pos_ + 1] == '+') ? 1 : 0;
      if (pos_ + 1 + sign < src_.size() && is_digit(src_[pos_ + 1 + sign])) {
        pos_ += 1 + sign;
        digits();
      }
    }
    return add_number(src_.substr(start, pos_ - start), start);
  }
  int add_number(std::string_view digits, std::size_t offset) {
    std::string text;
    for (char c : digits) text += c == '-' ? std::string(kMinusSign) : std::string(1, c);
    const int node = add_symbol({"", AtomClass::ord, FontStyle::upright}, offset);
    tree_.nodes[node].text = std::move(text);
    tree_.nodes[node].number = true;
    return node;
  }
  int add_space(float em, std::size_t offset) {
    const int node = add_wrapper(NodeKind::space, AtomClass::ord, {}, offset);
    tree_.nodes[node].em = em;
    return node;
  }

  // '{' row '}' or one token. A single digit only: TeX reads x^23 as x^{2}3.
  int parse_argument(const std::string& command, std::size_t command_at) {
    skip_spaces();
    const char c = peek();
    if (at_end() || c == '}' || c == '^' || c == '_' || c == '&') {
      fail("missing argument for " + command + " at " + at(command_at));
      return -1;
    }
    if (!enter(pos_)) return -1;
    int argument = -1;
    if (is_digit(c)) {
      argument = add_number(src_.substr(pos_, 1), pos_);
      ++pos_;
    } else {
      argument = parse_item(Context::group);
      if (argument < 0) fail("missing argument for " + command + " at " + at(command_at));
    }
    leave();
    return argument;
  }

  // The text between '{' and its '}', braces inside kept; nullopt (and an error) when missing.
  std::optional<std::string_view> raw_group(const std::string& command, std::size_t command_at) {
    skip_spaces();
    if (peek() != '{') {
      fail(command + " needs {…} at " + at(command_at));
      return std::nullopt;
    }
    const std::size_t open = pos_++;
    for (int depth = 1; !at_end(); ++pos_) {
      if (src_[pos_] == '{') ++depth;
      if (src_[pos_] == '}' && --depth == 0) return src_.substr(open + 1, pos_++ - open - 1);
    }
    fail("missing } for { at " + at(open));
    return std::nullopt;
  }

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

int Parser::parse_command(Context context) {
  const std::size_t offset = pos_;
  const std::string_view name = command_name(offset);
  const std::string command = "\\" + std::string(name);
  if (name.empty()) {
    fail("unknown command \\ at " + at(offset));
    return -1;
  }
  pos_ += 1 + name.size();
  if (const std::optional<Symbol> symbol = command_symbol(name)) return add_symbol(*symbol, offset);
  if (const std::optional<float> em = command_space(name)) return add_space(*em, offset);
  if (name == "\\") return parse_line_break(context, offset);
  if (name == "frac") {
    const int numerator = parse_argument(command, offset);
    const int denominator = failed_ ? -1 : parse_argument(command, offset);
    return add_wrapper(NodeKind::fraction, AtomClass::inner, {numerator, denominator}, offset);
  }
  if (name == "sqrt" || name == "boxed" || name == "hat") {
    skip_spaces();
    if (name == "sqrt" && peek() == '[') {
      fail("\\sqrt[n] (an n-th root) is not supported at " + at(offset));
      return -1;
    }
    const int body = parse_argument(command, offset);
    if (name == "sqrt") return add_wrapper(NodeKind::radical, AtomClass::ord, {body}, offset);
    if (name == "boxed") return add_wrapper(NodeKind::boxed, AtomClass::ord, {body}, offset);
    const int accent = add_wrapper(NodeKind::accent, AtomClass::ord, {body}, offset);
    const Node* only = body >= 0 ? &tree_.nodes[body] : nullptr;
    if (only && only->kind == NodeKind::row && only->children.size() == 1) only = &tree_.nodes[only->children[0]];
    if (only && only->kind == NodeKind::symbol && only->text == "y") tree_.nodes[accent].text = kYHat;
    return accent;
  }
  if (name == "left") return parse_delimited(offset);
  if (name == "text" || name == "operatorname" || name == "mathbb") return parse_text(name, offset);
  if (name == "bplmark" || name == "textcolor") return parse_marked(name, offset);
  if (name == "begin" || name == "end") return parse_environment(name, context, offset);
  fail("unknown command " + printable(command, 40) + " at " + at(offset));
  return -1;
}

// \left( body \right): the body is a row that ends at \right.
int Parser::parse_delimited(std::size_t offset) {
  const std::optional<std::string> open = read_delimiter("\\left", offset);
  if (!open || !enter(offset)) return -1;
  const int body = parse_row(Context::left, offset);
  leave();
  if (failed_) return -1;
  const std::size_t right_at = pos_;
  pos_ += std::string_view("\\right").size();  // parse_row stopped at it
  const std::optional<std::string> close = read_delimiter("\\right", right_at);
  if (!close) return -1;
  const int node = add_wrapper(NodeKind::delimited, AtomClass::inner, {body}, offset);
  tree_.nodes[node].text = *open;
  tree_.nodes[node].close = *close;
  return node;
}

std::optional<std::string> Parser::read_delimiter(const char* command, std::size_t offset) {
  skip_spaces();
  const std::optional<std::string_view> glyph = at_end() ? std::nullopt : delimiter_glyph(peek());
  if (!glyph) {
    fail(std::string(command) + " needs one of ( ) [ ] | . at " + at(offset));
    return std::nullopt;
  }
  ++pos_;
  return std::string(*glyph);
}

// \text{…} and \operatorname{…}: upright, spaces kept (collapsed); \mathbb{1}: the indicator 𝟙.
int Parser::parse_text(std::string_view name, std::size_t offset) {
  const std::string command = "\\" + std::string(name);
  const std::optional<std::string_view> raw = raw_group(command, offset);
  if (!raw) return -1;
  if (name == "mathbb") {
    if (*raw != "1") fail("\\mathbb supports only \\mathbb{1} at " + at(offset));
    return failed_ ? -1 : add_symbol({kIndicatorOne, AtomClass::ord, FontStyle::upright}, offset);
  }
  std::string text;
  for (char c : *raw) {
    if (c == '{' || c == '}') continue;  // grouping, not drawn
    const bool allowed = name == "text" ? (c >= ' ' && c <= '~' && std::string_view("\\$%&#^_~").find(c) ==
                                                                         std::string_view::npos) || is_space(c)
                                        : is_letter(c) || is_digit(c);
    if (!allowed) {
      fail("unsupported character '" + printable(std::string(1, c), 1) + "' in " + command + " at " + at(offset));
      return -1;
    }
    if (is_space(c)) {
      if (!text.empty() && text.back() != ' ') text += ' ';
    } else {
      text += c;
    }
  }
  const int node = add_symbol({"", name == "text" ? AtomClass::ord : AtomClass::op, FontStyle::upright}, offset);
  tree_.nodes[node].text = std::move(text);
  return node;
}

// \bplmark{key}{body}, \textcolor{key}{body}: the body's runs and rules carry the key.
int Parser::parse_marked(std::string_view name, std::size_t offset) {
  const std::string command = "\\" + std::string(name);
  const std::optional<std::string_view> key = raw_group(command, offset);
  if (!key) return -1;
  if (key->empty() || key->size() > kMaxKeyLength) {
    fail(command + " key must be 1 to " + std::to_string(kMaxKeyLength) + " characters at " + at(offset));
    return -1;
  }
  for (char c : *key) {
    if (!is_key_char(c)) {
      fail("unsupported character '" + printable(std::string(1, c), 1) + "' in the " + command +
           " key (A-Z a-z 0-9 : _ . # , -) at " + at(offset));
      return -1;
    }
  }
  const int mark = static_cast<int>(tree_.marks.size());
  tree_.marks.emplace_back(*key);
  const int body = parse_argument(command, offset);
  if (failed_) return -1;
  const int node = add_wrapper(NodeKind::marked, tree_.nodes[body].atom, {body}, offset);
  tree_.nodes[node].mark = mark;
  return node;
}

// \begin{aligned} … \end{aligned}: a wrapper around the top level, nothing more.
int Parser::parse_environment(std::string_view name, Context context, std::size_t offset) {
  const std::string command = "\\" + std::string(name);
  const std::optional<std::string_view> environment = raw_group(command, offset);
  if (!environment) return -1;
  if (*environment != "aligned") {
    fail("unknown environment " + printable(*environment, 40) + " at " + at(offset));
  } else if (context != Context::top) {
    fail(command + "{aligned} inside a group at " + at(offset));
  } else if (name == "begin" && aligned_open_) {
    fail("\\begin{aligned} inside \\begin{aligned} at " + at(offset));
  } else if (name == "end" && !aligned_open_) {
    fail("\\end{aligned} without \\begin{aligned} at " + at(offset));
  }
  aligned_open_ = name == "begin";
  aligned_at_ = offset;
  return -1;
}

// \\ or \\[1ex]: a new line, with an optional extra gap in em, ex or pt.
int Parser::parse_line_break(Context context, std::size_t offset) {
  if (context != Context::top) {
    fail("line break \\\\ inside a group at " + at(offset));
    return -1;
  }
  float em = 0;
  skip_spaces();
  if (peek() == '[') {
    const std::size_t close = src_.find(']', pos_);
    const std::string gap(src_.substr(pos_ + 1, close == std::string_view::npos ? 0 : close - pos_ - 1));
    char* unit = nullptr;
    const double value = std::strtod(gap.c_str(), &unit);
    const std::string_view units(unit);
    const double per_unit = units == "em" ? 1.0 : units == "ex" ? 0.43 : units == "pt" ? 0.1 : 0.0;
    if (close == std::string_view::npos || gap.empty() || per_unit == 0 || !(std::abs(value) <= kMaxLineGapEm)) {
      fail("\\\\[…] takes a gap such as [1ex], [0.5em] or [4pt], up to " + std::to_string(int(kMaxLineGapEm)) +
           " em, at " + at(offset));
      return -1;
    }
    em = static_cast<float>(value * per_unit);
    pos_ = close + 1;
  }
  const int node = add_wrapper(NodeKind::line_break, AtomClass::ord, {}, offset);
  tree_.nodes[node].em = em;
  return node;
}

}  // namespace

Result<Tree> parse(std::string_view latex) { return Parser(latex).run(); }

}  // namespace bpl::typeset
