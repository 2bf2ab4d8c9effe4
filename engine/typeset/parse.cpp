// Rows, items and arguments. Commands: parse_commands.cpp. The grammar: parser.h.
#include <string>

#include "engine/core/text.h"
#include "engine/typeset/parser.h"

namespace bpl::typeset {

namespace parsing {

namespace {
constexpr std::string_view kEllipsis = "\u2026";  // symbolic LaTeX ends in " …" when cut short
}  // namespace

int Parser::parse_row(Context context, std::size_t open_at) {
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
void Parser::attach_script(int row) {
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

int Parser::parse_item(Context context) {
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
std::string Parser::character_at(std::size_t offset) const {
  const unsigned char lead = static_cast<unsigned char>(src_[offset]);
  const std::size_t length = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  return printable(src_.substr(offset, length), 1);
}

// "0.123456", "2e-05" (drawn 2e−05): one unbreakable ord.
int Parser::parse_number() {
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
int Parser::add_number(std::string_view digits, std::size_t offset) {
  std::string text;
  for (char c : digits) text += c == '-' ? std::string(kMinusSign) : std::string(1, c);
  const int node = add_symbol({"", AtomClass::ord, FontStyle::upright}, offset);
  tree_.nodes[node].text = std::move(text);
  tree_.nodes[node].number = true;
  return node;
}
int Parser::add_space(float em, std::size_t offset) {
  const int node = add_wrapper(NodeKind::space, AtomClass::ord, {}, offset);
  tree_.nodes[node].em = em;
  return node;
}

// '{' row '}' or one token. A single digit only: TeX reads x^23 as x^{2}3.
int Parser::parse_argument(const std::string& command, std::size_t command_at) {
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
std::optional<std::string_view> Parser::raw_group(const std::string& command, std::size_t command_at) {
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

}  // namespace parsing

Result<Tree> parse(std::string_view latex) { return parsing::Parser(latex).run(); }

}  // namespace bpl::typeset
