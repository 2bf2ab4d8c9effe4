#pragma once
// The glyphs of the subset: what each command or character draws, its atom
// class and its style. One table, so the list of code points the page's font
// must hold (web/font_unicodes.txt) can be read off it.
#include <optional>
#include <string_view>

#include "engine/typeset/tree.h"

namespace bpl::typeset {

struct Symbol {
  std::string_view text;  // UTF-8
  AtomClass atom;
  FontStyle style;
  NodeKind kind = NodeKind::symbol;  // or big_operator
};

// "alpha" (without the backslash) → α; nullopt when the command is not a plain symbol.
std::optional<Symbol> command_symbol(std::string_view name);
// '+' → U+002B bin, '-' → U+2212 bin, 'x' → italic ord, …; nullopt for characters outside the subset.
std::optional<Symbol> char_symbol(char c);
// "quad" → 1 (em), "," → 3/18, …; nullopt when not a spacing command.
std::optional<float> command_space(std::string_view name);
// '(' → "(", '.' → "" (no delimiter); nullopt when `c` is not a \left / \right delimiter.
std::optional<std::string_view> delimiter_glyph(char c);

inline constexpr std::string_view kMinusSign = "\u2212";
inline constexpr std::string_view kIndicatorOne = "\U0001D7D9";  // 𝟙, \mathbb{1}
inline constexpr std::string_view kRadicalSign = "\u221A";       // √
inline constexpr std::string_view kHatAccent = "\u02C6";         // ˆ, set above a \hat body
inline constexpr std::string_view kYHat = "\u0177";              // ŷ, precomposed \hat{y}

}  // namespace bpl::typeset
