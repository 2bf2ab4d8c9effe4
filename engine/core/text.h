#pragma once
// Text that came from a user, for messages: UTF-8 checks, a short printable
// excerpt (a 10 MB name must not become a 10 MB error message), and the line
// and column of a byte offset.
#include <cstddef>
#include <string>
#include <string_view>

namespace bpl {

bool is_valid_utf8(std::string_view text);
// Valid UTF-8 kept, other bytes and control characters as '?', cut after
// max_chars characters with "…".
std::string printable(std::string_view text, std::size_t max_chars = 40);

struct LineColumn {
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in characters (UTF-8 aware), as editors count
};
// Where byte `offset` of `text` is; an offset past the end is the end.
LineColumn line_column(std::string_view text, std::size_t offset);

}  // namespace bpl
