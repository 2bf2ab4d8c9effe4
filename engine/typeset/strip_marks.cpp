// strip_marks: \bplmark{key}{body} → body, one pass over the bytes. A body's
// closing brace is found by counting braces (commands are copied whole, so \{
// never counts); anything not of that exact form is copied unchanged.
#include <cctype>
#include <vector>

#include "engine/typeset/typeset.h"

namespace bpl::typeset {

namespace {

bool is_letter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

std::size_t skip_spaces(std::string_view s, std::size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  return i;
}

// The end of the command at `i` (a backslash): letters, or one other character.
std::size_t command_end(std::string_view s, std::size_t i) {
  std::size_t end = i + 1;
  if (end < s.size() && is_letter(s[end])) {
    while (end < s.size() && is_letter(s[end])) ++end;
  } else if (end < s.size()) {
    ++end;
  }
  return end;
}

// Where the body of the \bplmark ending at `end` opens ('{'), or npos when it is not {key}{…}.
std::size_t mark_body(std::string_view s, std::size_t end) {
  std::size_t i = skip_spaces(s, end);
  if (i >= s.size() || s[i] != '{') return std::string_view::npos;
  const std::size_t key_end = s.find('}', i);
  if (key_end == std::string_view::npos) return std::string_view::npos;
  i = skip_spaces(s, key_end + 1);
  return i < s.size() && s[i] == '{' ? i : std::string_view::npos;
}

}  // namespace

std::string strip_marks(std::string_view latex) {
  std::string out;
  out.reserve(latex.size());
  std::vector<int> body_depths;  // brace depths at which an open mark's body ends
  int depth = 0;
  for (std::size_t i = 0; i < latex.size();) {
    const char c = latex[i];
    if (c == '\\') {
      const std::size_t end = command_end(latex, i);
      const std::size_t body = latex.substr(i + 1, end - i - 1) == "bplmark" ? mark_body(latex, end)
                                                                             : std::string_view::npos;
      if (body != std::string_view::npos) {
        body_depths.push_back(++depth);
        i = body + 1;
      } else {
        out.append(latex.substr(i, end - i));
        i = end;
      }
      continue;
    }
    if (c == '{') ++depth;
    if (c == '}') {
      const bool ends_body = !body_depths.empty() && body_depths.back() == depth;
      --depth;
      if (ends_body) {
        body_depths.pop_back();
        ++i;
        continue;
      }
    }
    out += c;
    ++i;
  }
  return out;
}

}  // namespace bpl::typeset
