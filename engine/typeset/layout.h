#pragma once
// Tree → boxes. A node's box depends only on the node and its style (size and
// script level). Sizes in em are of the current style's size, as TeX's font
// parameters are:
//   scripts      0.7 × the size, then 0.5 × the base size (never smaller); raised 0.45 em, lowered 0.2 em,
//                further apart when both are present so the boxes never overlap
//   fractions    numerator and denominator at 0.85 × the size, centred on a bar at the math axis
//                (0.25 em above the baseline), 0.06 em thick (at least 1 px), with a 0.1 em gap each side
//   \sum \prod   1.4 × the size, centred on the axis, limits above and below at script size
//   \left \right the delimiter glyph's size chosen so its box spans the body, centred on the axis
//   spacing      TeX's table between atom classes: thin 3/18, medium 4/18, thick 5/18 em; medium and thick
//                only outside scripts; a binary operator with no left operand is an ordinary atom (unary minus)
#include <vector>

#include "engine/typeset/box.h"
#include "engine/typeset/tree.h"

namespace bpl::typeset {

struct Style {
  float size = 16;       // px
  int script_level = 0;  // 0 outside scripts, 1 in a script, 2 in a script's script, …
};

// One item of a row, for packing side by side or breaking into lines.
struct RowItem {
  Box box;
  float space_before = 0;    // TeX's space between this atom and the previous one
  bool break_after = false;  // a relation or binary operator: a line may end after it
  bool align = false;        // '&'
  bool line_break = false;   // '\\'
  float gap_em = 0;          // line_break: extra space below the line
};

class Layouter {
 public:
  Layouter(const Tree& tree, const GlyphMetrics& metrics, float base_size)
      : tree_(tree), metrics_(metrics), base_size_(base_size) {}

  Box node(int id, Style style) const;
  std::vector<RowItem> row_items(int row, Style style) const;
  static Box pack(std::vector<RowItem> items);  // side by side on one baseline

  float ascent(float size) const { return metrics_.ascent(size); }
  float descent(float size) const { return metrics_.descent(size); }

 private:
  Box glyph(const std::string& text, float size, FontStyle style) const;
  Box big_operator(const Node& node, Style style) const;
  Box fraction(const Node& node, Style style) const;
  Box scripts(const Node& node, Style style) const;
  Box limits(Box op, const Node& node, Style style) const;
  Box radical(const Node& node, Style style) const;
  Box delimited(const Node& node, Style style) const;
  Box delimiter(const std::string& glyph, float extent, Style style) const;
  Box accent(const Node& node, Style style) const;
  Box boxed(const Node& node, Style style) const;
  Box marked(const Node& node, Style style) const;
  Box child(int id, Style style) const { return id >= 0 ? node(id, style) : Box{}; }

  Style script_style(Style style) const;
  Style fraction_style(Style style) const;
  float rule_thickness(float size) const;

  const Tree& tree_;
  const GlyphMetrics& metrics_;
  float base_size_;
};

}  // namespace bpl::typeset
