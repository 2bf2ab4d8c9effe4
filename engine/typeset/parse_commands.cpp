// The commands that take arguments or end lines: \frac, \sqrt, \boxed, \hat, \left…\right,
// \text, \operatorname, \mathbb, \bplmark, \textcolor, \begin/\end{aligned}, \\.
#include <cmath>
#include <cstdlib>
#include <string>

#include "engine/core/text.h"
#include "engine/typeset/parser.h"

namespace bpl::typeset::parsing {

namespace {

bool is_key_char(char c) {
  return is_letter(c) || is_digit(c) || c == ':' || c == '_' || c == '.' || c == '#' || c == ',' || c == '-';
}
constexpr std::size_t kMaxKeyLength = 64;
constexpr float kMaxLineGapEm = 10;  // \\[…] beyond this is a typo, not a layout

}  // namespace

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

}  // namespace bpl::typeset::parsing
