// Line breaking with the stub metrics (tests/typeset_testing.h: every glyph 8 px wide at 16 px).
// Spaces at 16 px: thick (around =) 5/18 em = 4.44 px, medium (around +) 4/18 em = 3.56 px.
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "bpl_require.h"
#include "engine/typeset/typeset.h"
#include "typeset_testing.h"

using namespace bpl;
using namespace bpl::typeset;
using testing::layout_of;
using testing::run_with;

namespace {

Options narrow(float max_width) {
  Options options;
  options.max_width = max_width;
  return options;
}

// The runs of each line, left to right, keyed by baseline (top line first).
std::vector<std::vector<GlyphRun>> lines_of(const Layout& layout) {
  std::map<float, std::vector<GlyphRun>> by_baseline;
  for (const GlyphRun& run : layout.runs) by_baseline[run.baseline].push_back(run);
  std::vector<std::vector<GlyphRun>> out;
  for (auto& [baseline, runs] : by_baseline) out.push_back(runs);
  return out;
}

}  // namespace

TEST_CASE("typeset lines: a long sum breaks after + and =, never inside a number") {
  const std::string latex = "a = 0.123456 + 0.234567 + 0.345678 + 0.456789";
  SUBCASE("no max width: one line") {
    const Layout layout = layout_of(latex);
    CHECK(layout.lines == 1);
    CHECK(lines_of(layout).size() == 1);
  }
  SUBCASE("120 px: \"a = 0.123456 +\" (100.4 px) fits, each further term takes a line") {
    // Each number is 64 px; "0.234567 +" is 75.6 px, and two terms (154.6 px) never fit at the 16 px indent.
    const Layout layout = layout_of(latex, narrow(120));
    CHECK(layout.lines == 4);
    const std::vector<std::vector<GlyphRun>> lines = lines_of(layout);
    BPL_REQUIRE(lines.size() == 4);
    for (std::size_t k = 0; k + 1 < lines.size(); ++k) {
      CAPTURE(k);
      CHECK(lines[k].back().text == "+");  // the operator ends the line (TeX's convention)
      const GlyphRun& last = lines[k].back();
      CHECK(last.x + last.width <= 120);
    }
    CHECK(lines[0].front().text == "a");
    CHECK(lines[0].back().x + lines[0].back().width == doctest::Approx(16 + 2 * 16.0f * 5 / 18 + 64 + 16.0f * 4 / 18 + 8));
    for (std::size_t k = 1; k < lines.size(); ++k) CHECK(lines[k].front().x == doctest::Approx(16));  // 1 em indent
    for (const char* number : {"0.123456", "0.234567", "0.345678", "0.456789"}) {
      CHECK(run_with(layout, number) != nullptr);  // every number whole, in one run
    }
    CHECK(layout.width <= 120);
    CHECK(layout.height == doctest::Approx(4 * 16 + 3 * 4.8));
  }
}

TEST_CASE("typeset lines: groups, \\left…\\right and a number with × 10^ stay whole") {
  SUBCASE("a \\left( \\right) group wider than the line overflows it on a line of its own") {
    // The group: 7 letters, 6 pluses with medium spaces, and ( ): 56 + 6 × 15.1 + 16 = 162.7 px.
    const Layout layout = layout_of("y = \\left(a + b + c + d + e + f + g\\right) + h", narrow(60));
    const GlyphRun &open = *run_with(layout, "("), &close = *run_with(layout, ")");
    CHECK(open.baseline == close.baseline);
    for (const char* letter : {"a", "b", "c", "d", "e", "f", "g"}) CHECK(run_with(layout, letter)->baseline == open.baseline);
    CHECK(layout.lines == 3);  // "y =", the group and its "+", "h"
    CHECK(layout.width > 60);
    CHECK(layout.width == doctest::Approx(16 + 56 + 6 * (8 + 2 * 16.0f * 4 / 18) + 16 + 16.0f * 4 / 18 + 8));
  }
  SUBCASE("a braced group") {
    const Layout layout = layout_of("{a + b + c + d} = e", narrow(30));
    CHECK(layout.lines == 2);
    CHECK(run_with(layout, "a")->baseline == run_with(layout, "d")->baseline);
  }
  SUBCASE("1.5 × 10^{-3}: no break after its ×") {
    const Layout layout = layout_of("1.5\\times 10^{-3} + 2", narrow(10));
    CHECK(layout.lines == 2);
    CHECK(run_with(layout, "1.5")->baseline == run_with(layout, "10")->baseline);
    CHECK(run_with(layout, "2")->baseline > run_with(layout, "10")->baseline);
  }
  SUBCASE("one piece wider than the line: one line, the true width") {
    const Layout layout = layout_of("0.123456789012345", narrow(50));
    CHECK(layout.lines == 1);
    CHECK(layout.width == doctest::Approx(17 * 8));
  }
}

TEST_CASE("typeset lines: continuation lines of an aligned block start 1 em past the column") {
  // Column: after "ab" (16 px). The first line breaks after its '=' at max width 44; "= e" (16 + 24.9 px) fits.
  const Layout layout = layout_of("\\begin{aligned} ab &= cccc + d \\\\ &= e \\end{aligned}", narrow(44));
  CHECK(layout.lines == 4);  // "ab =", "cccc +", "d", "= e"
  CHECK(run_with(layout, "cccc")->x == doctest::Approx(16 + 16));
  CHECK(run_with(layout, "d")->x == doctest::Approx(16 + 16));
}
