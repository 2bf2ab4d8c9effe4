#pragma once
// A small math typesetter: the LaTeX subset the derivations emit → positioned
// glyph runs and filled rectangles, so the page only paints text and rules.
//
// Box model (TeX's, as KaTeX builds it): every piece is a box with a width, a
// height above its baseline and a depth below it; a row places boxes side by
// side on one baseline with TeX's spacing between atom classes (ord, op, bin,
// rel, open, close, punct, inner); a fraction stacks two rows around the math
// axis; scripts shrink (0.7, then 0.5 of the base size) and shift up or down.
// Glyph sizes come from a GlyphMetrics the caller supplies (ImGui's fonts on
// the page, a fixed stub in the tests). Long formulas break only between
// top-level atoms, after a relation or a binary operator.
//
// The subset (README "Repository layout" → engine/typeset): \frac ^ _ \sqrt
// \left( \right) \boxed \hat \text \operatorname \mathbb{1} \sum \prod, Greek,
// operators and relations, spacing, \\ and \begin{aligned} (a no-op wrapper;
// & aligns the lines), \textcolor{key}{…} and \bplmark{key}{…} (hover marks).
// Anything else is an error naming the command and its byte offset.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/input_limits.h"
#include "engine/core/result.h"

namespace bpl::typeset {

// Single Latin letters and lowercase Greek are italic as in TeX; digits,
// operators, uppercase Greek, \text and operator names are upright.
enum class FontStyle { upright, italic };

// The web side implements this with ImGui's fonts; the tests with a fixed stub.
struct GlyphMetrics {
  virtual ~GlyphMetrics() = default;
  virtual float advance(std::string_view utf8, float size, FontStyle style) const = 0;  // width, px
  virtual float ascent(float size) const = 0;   // above the baseline, px
  virtual float descent(float size) const = 0;  // below the baseline, px (positive)
};

// Coordinates: px, origin at the layout's top-left, y down.
struct GlyphRun {
  float x = 0, baseline = 0;  // left end of the text on its baseline
  float size = 0;             // font size, px
  float width = 0;            // GlyphMetrics::advance of `text`
  FontStyle style = FontStyle::upright;
  std::string text;           // UTF-8
  int mark = -1;              // index into Layout::marks, or -1
};
struct Rule {  // a filled rectangle: fraction bars, the sqrt bar, \boxed's frame
  float x = 0, y = 0, width = 0, height = 0;
  int mark = -1;
};
// One \bplmark or \textcolor occurrence: the box of its content (for hover hit-testing).
struct MarkBox {
  std::string key;
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};
struct Layout {
  float width = 0, height = 0;  // the true extent, even when a line overflows max_width
  std::vector<GlyphRun> runs;   // adjacent glyphs of one size, style and mark merged into one run
  std::vector<Rule> rules;
  std::vector<MarkBox> marks;   // in the order the marks open in the source
  int lines = 0;
};

struct Options {
  float size = 16;        // base font size, px
  float max_width = 0;    // 0: never break; else break lines wider than this (px)
  float line_gap = 0.3f;  // between lines, × size
};

using bpl::kMaxLatexBytes;               // bytes of LaTeX (engine/core/input_limits.h)
inline constexpr int kMaxNesting = 64;  // groups, arguments, \left…\right

// Errors name the field "latex" (or the option) and the byte offset:
// "unknown command \foo at 12", "missing } for { at 5".
Result<Layout> typeset(std::string_view latex, const GlyphMetrics& metrics, const Options& options = {});

// The innermost mark whose box holds (x, y), or -1.
int mark_at(const Layout& layout, float x, float y);

// The same LaTeX with every \bplmark{key}{body} replaced by body: what is copied
// compiles in real LaTeX and reads as what is shown.
std::string strip_marks(std::string_view latex);

}  // namespace bpl::typeset
