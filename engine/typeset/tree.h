#pragma once
// The parsed formula: an arena of nodes (a handle is an index), one node per
// atom, group or construct. parse.cpp builds it from the LaTeX; layout.cpp turns
// each node into a box (width, height above the baseline, depth below).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/result.h"
#include "engine/typeset/typeset.h"

namespace bpl::typeset {

// TeX's atom classes: they decide the space between neighbours (TeXbook ch. 18).
enum class AtomClass { ord, op, bin, rel, open, close, punct, inner };

enum class NodeKind {
  symbol,       // one glyph string: a letter, a number, an operator, an operator name
  big_operator, // \sum, \prod: drawn large, scripts set as limits above and below
  row,          // items side by side: the whole formula, a {group}, an argument
  fraction,     // children {numerator, denominator}
  scripts,      // children {base, subscript, superscript}; -1 where absent
  radical,      // \sqrt: children {body}
  delimited,    // \left…\right: children {body}; text = opening glyph, close = closing glyph ("" for '.')
  accent,       // \hat: children {body}; text = a precomposed glyph, or "" for a ^ set above
  boxed,        // children {body}
  marked,       // \bplmark, \textcolor: children {body}; mark = index into Tree::marks
  space,        // em = width in em (negative for \!)
  align,        // '&': zero width; lines align on the first one
  line_break,   // '\\': em = extra gap below the line, in em
};

struct Node {
  NodeKind kind = NodeKind::row;
  AtomClass atom = AtomClass::ord;
  std::string text;   // symbol: UTF-8 to draw; delimited: the opening glyph; accent: precomposed glyph
  std::string close;  // delimited: the closing glyph
  FontStyle style = FontStyle::upright;
  bool number = false;        // a number token ("0.5", "2e−05"): never split, no break after × 10^
  float em = 0;               // space, line_break
  std::vector<int> children;  // see NodeKind
  int mark = -1;              // marked
  std::size_t offset = 0;     // byte offset in the source, for messages
};

struct Tree {
  std::vector<Node> nodes;
  std::vector<std::string> marks;  // keys, in source order
  int root = -1;                   // a row; its line_break items split it into lines
};

Result<Tree> parse(std::string_view latex);

}  // namespace bpl::typeset
