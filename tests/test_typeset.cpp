// Geometry of the typesetter with the fixed stub metrics (tests/typeset_testing.h):
// every glyph 0.5 em wide, 0.8 em above and 0.2 em below its baseline. Size 16 unless said.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "bpl_require.h"
#include "engine/typeset/typeset.h"
#include "typeset_testing.h"

using namespace bpl;
using namespace bpl::typeset;
using testing::box_of;
using testing::RunBox;
using testing::layout_of;
using testing::run_with;

TEST_CASE("typeset: a row of letters and operators, with TeX's spaces") {
  // a + b = c: ord bin ord rel ord; medium space (4/18 em) around +, thick (5/18 em) around =.
  const Layout layout = layout_of("a+b=c");
  BPL_REQUIRE(layout.runs.size() == 5);
  const float medium = 16.0f * 4 / 18, thick = 16.0f * 5 / 18;
  CHECK(layout.runs[0].text == "a");
  CHECK(layout.runs[0].style == FontStyle::italic);
  CHECK(layout.runs[1].style == FontStyle::upright);
  CHECK(layout.runs[1].x == doctest::Approx(8 + medium));
  CHECK(layout.runs[2].x == doctest::Approx(8 + medium + 8 + medium));
  CHECK(layout.runs[3].x == doctest::Approx(24 + 2 * medium + thick));
  CHECK(layout.width == doctest::Approx(40 + 2 * medium + 2 * thick));
  CHECK(layout.height == doctest::Approx(16));  // one line: ascent 12.8 + descent 3.2
  CHECK(layout.lines == 1);
  for (const GlyphRun& run : layout.runs) CHECK(run.baseline == doctest::Approx(12.8));
}

TEST_CASE("typeset: a unary minus gets no space; minus is U+2212") {
  SUBCASE("at the start") {
    const Layout layout = layout_of("-x");
    BPL_REQUIRE(layout.runs.size() == 2);
    CHECK(layout.runs[0].text == "\u2212");
    CHECK(layout.runs[1].x == doctest::Approx(8));  // right after the minus: no space
  }
  SUBCASE("after a relation and after an opening bracket") {
    const Layout layout = layout_of("y=-x");
    BPL_REQUIRE(layout.runs.size() == 4);  // y, =, −, x: a thick space after '=', none after '−'
    CHECK(layout.runs[2].text == "\u2212");
    CHECK(layout.runs[2].x == doctest::Approx(16 + 2 * 16.0f * 5 / 18));
    CHECK(layout.runs[3].x == doctest::Approx(layout.runs[2].x + 8));
    const Layout bracket = layout_of("(-1)");
    BPL_REQUIRE(bracket.runs.size() == 1);  // "(−1)": all touching, all upright
    CHECK(bracket.runs[0].text == "(\u22121)");
  }
}

TEST_CASE("typeset: a fraction stacks its parts around the bar") {
  // Parts at 0.85 × 16 = 13.6 px: 'a' is 6.8 wide, 10.88 up, 2.72 down. Bar: 1 px (0.06 em < 1)
  // at the axis, 4 px above the baseline; 1.6 px gaps; the bar reaches 0.8 px past the parts each side.
  const Layout layout = layout_of("\\frac{a}{bb}");
  BPL_REQUIRE(layout.rules.size() == 1);
  BPL_REQUIRE(layout.runs.size() == 2);
  const Rule bar = layout.rules[0];
  const RunBox numerator = box_of(*run_with(layout, "a")), denominator = box_of(*run_with(layout, "bb"));
  CHECK(bar.height == doctest::Approx(1));
  CHECK(numerator.y1 <= bar.y - 1.5f);          // entirely above the bar, with the gap
  CHECK(denominator.y0 >= bar.y + bar.height + 1.5f);  // entirely below it
  CHECK(numerator.centre_x() == doctest::Approx(bar.x + bar.width / 2));
  CHECK(denominator.centre_x() == doctest::Approx(bar.x + bar.width / 2));
  CHECK(bar.width >= denominator.x1 - denominator.x0);
  CHECK(bar.width == doctest::Approx(13.6f + 1.6f));  // "bb": 2 × 6.8, plus 0.8 each side
  // The line's baseline is 19.7 below the top (numerator: 8.82 above it, plus its 10.88);
  // the bar's centre is on the axis, 4 px above that baseline.
  CHECK(numerator.y1 - 2.72f + 8.82f == doctest::Approx(19.7));
  CHECK(bar.y + bar.height / 2 == doctest::Approx(19.7 - 4));
  CHECK(layout.runs[0].size == doctest::Approx(13.6));
}

TEST_CASE("typeset: scripts shrink and shift, and a second level shrinks again") {
  SUBCASE("x^{a^{b}}") {
    // x at 16; a at 0.7 × 16 = 11.2, raised 0.45 × 16 = 7.2; b at max(0.5 × 16, 0.7 × 11.2) = 8,
    // raised 0.45 × 11.2 = 5.04 above a.
    const Layout layout = layout_of("x^{a^{b}}");
    BPL_REQUIRE(layout.runs.size() == 3);
    const GlyphRun &x = *run_with(layout, "x"), &a = *run_with(layout, "a"), &b = *run_with(layout, "b");
    CHECK(a.size == doctest::Approx(11.2));
    CHECK(b.size == doctest::Approx(8));
    CHECK(x.baseline - a.baseline == doctest::Approx(7.2));
    CHECK(a.baseline - b.baseline == doctest::Approx(5.04));
    CHECK(a.x == doctest::Approx(8));          // right after x
    CHECK(b.x == doctest::Approx(8 + 5.6));    // right after a
  }
  SUBCASE("W^{(2)}_{1,3}: both on one base, the subscript pushed below the superscript") {
    // Alone, sup baseline 7.2 up, sub 3.2 down (0.2 em); the boxes (8.96 up, 2.24 down at 11.2 px)
    // would overlap by 0.8 px, so the subscript goes down by 0.8 + a 0.8 px gap to 4.8.
    const Layout layout = layout_of("W^{(2)}_{1,3}");
    BPL_REQUIRE(layout.runs.size() == 3);
    const GlyphRun &w = *run_with(layout, "W"), &sup = *run_with(layout, "(2)"), &sub = *run_with(layout, "1,3");
    CHECK(sup.size == doctest::Approx(11.2));
    CHECK(sub.size == doctest::Approx(11.2));
    CHECK(w.baseline - sup.baseline == doctest::Approx(7.2));
    CHECK(sub.baseline - w.baseline == doctest::Approx(4.8));
    CHECK(box_of(sup).y1 < box_of(sub).y0);  // no overlap
    CHECK(sup.x == doctest::Approx(8));
    CHECK(sub.x == doctest::Approx(8));
  }
}

TEST_CASE("typeset: sum limits sit centred above and below the sign") {
  // ∑ at 1.4 × 16 = 22.4 px; limits at 11.2 px; "i=1" is 16.8 wide, wider than ∑ (11.2).
  const Layout layout = layout_of("\\sum_{i=1}^{n} x_i");
  const GlyphRun& sigma = *run_with(layout, "\u2211");
  const GlyphRun &n = *run_with(layout, "n"), &i = *run_with(layout, "i"), &one = *run_with(layout, "=1");
  CHECK(sigma.size == doctest::Approx(22.4));
  CHECK(n.size == doctest::Approx(11.2));
  CHECK(box_of(n).centre_x() == doctest::Approx(box_of(sigma).centre_x()));
  CHECK((box_of(i).x0 + box_of(one).x1) / 2 == doctest::Approx(box_of(sigma).centre_x()));
  CHECK(box_of(n).y1 <= box_of(sigma).y0);  // above the sign's box
  CHECK(box_of(i).y0 >= box_of(sigma).y1);  // below it
  CHECK(i.baseline == doctest::Approx(one.baseline));
  // The sign's box is centred on the axis, 4 px above the row's baseline (x's).
  const GlyphRun& x = *run_with(layout, "x");
  CHECK((box_of(sigma).y0 + box_of(sigma).y1) / 2 == doctest::Approx(x.baseline - 4));
  CHECK(x.x > box_of(one).x1);  // the summand after the limits
}

TEST_CASE("typeset: a mark colours its runs, mark_at finds it, strip_marks removes it") {
  const std::string latex = "\\bplmark{w5}{w_5}\\cdot x";
  const Layout layout = layout_of(latex);
  BPL_REQUIRE(layout.marks.size() == 1);
  CHECK(layout.marks[0].key == "w5");
  const GlyphRun &w = *run_with(layout, "w"), &five = *run_with(layout, "5"), &x = *run_with(layout, "x");
  CHECK(w.mark == 0);
  CHECK(five.mark == 0);
  CHECK(x.mark == -1);
  CHECK(run_with(layout, "\u22C5")->mark == -1);
  CHECK(mark_at(layout, box_of(w).centre_x(), w.baseline - 2) == 0);
  CHECK(mark_at(layout, box_of(x).centre_x(), x.baseline - 2) == -1);
  CHECK(mark_at(layout, -5, -5) == -1);
  CHECK(strip_marks(latex) == "w_5\\cdot x");
}

TEST_CASE("typeset: marks nest, \\textcolor marks too, and strip_marks keeps other braces") {
  const Layout layout = layout_of("\\bplmark{e:2:0:1}{a + \\textcolor{#ff8800}{b}}");
  BPL_REQUIRE(layout.marks.size() == 2);
  CHECK(layout.marks[0].key == "e:2:0:1");
  CHECK(layout.marks[1].key == "#ff8800");
  const GlyphRun &a = *run_with(layout, "a"), &b = *run_with(layout, "b");
  CHECK(a.mark == 0);
  CHECK(b.mark == 1);  // the inner mark wins
  CHECK(mark_at(layout, box_of(b).centre_x(), b.baseline - 2) == 1);
  CHECK(mark_at(layout, box_of(a).centre_x(), a.baseline - 2) == 0);
  CHECK(strip_marks("\\frac{\\bplmark{w1}{x^{2}}}{\\bplmark{k}{\\bplmark{j}{y}}}") == "\\frac{x^{2}}{y}");
  CHECK(strip_marks("\\bplmark {w5} {w_5}+\\{") == "w_5+\\{");
  CHECK(strip_marks("\\bplmarks{a}{b}") == "\\bplmarks{a}{b}");  // another command: unchanged
}

TEST_CASE("typeset: \\boxed encloses its content with four rules") {
  const Layout layout = layout_of("\\boxed{x}");
  BPL_REQUIRE(layout.rules.size() == 4);
  const RunBox x = box_of(*run_with(layout, "x"));
  float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f;
  for (const Rule& r : layout.rules) {
    x0 = std::min(x0, r.x);
    y0 = std::min(y0, r.y);
    x1 = std::max(x1, r.x + r.width);
    y1 = std::max(y1, r.y + r.height);
  }
  // Padding 0.25 em = 4 px and a 1 px frame on every side of x's 8 × 16 box.
  CHECK(x.x0 - x0 == doctest::Approx(5));
  CHECK(x1 - x.x1 == doctest::Approx(5));
  CHECK(x.y0 - y0 == doctest::Approx(5));
  CHECK(y1 - x.y1 == doctest::Approx(5));
  CHECK(layout.width == doctest::Approx(18));
  CHECK(layout.height == doctest::Approx(26));
}

TEST_CASE("typeset: \\sqrt draws a radical sign and a bar over its body") {
  const Layout layout = layout_of("\\sqrt{x}");
  BPL_REQUIRE(layout.rules.size() == 1);
  const GlyphRun& sign = *run_with(layout, "\u221A");
  const RunBox x = box_of(*run_with(layout, "x"));
  const Rule bar = layout.rules[0];
  CHECK(bar.y + bar.height <= x.y0);  // above the body's box
  CHECK(bar.x == doctest::Approx(box_of(sign).x1));
  CHECK(bar.x + bar.width >= x.x1);
  CHECK(x.x0 >= box_of(sign).x1);
  // The sign reaches from the bar's top to the body's bottom: (12.8 + 1.6 + 1 + 3.2) px = 18.6 px of box.
  CHECK(sign.size == doctest::Approx(18.6));
  CHECK(box_of(sign).y0 == doctest::Approx(bar.y));
}

TEST_CASE("typeset: \\left( \\right) grow with a fraction; plain ones do not") {
  const Layout plain = layout_of("(a)");
  CHECK(plain.runs[0].size == doctest::Approx(16));
  const Layout grown = layout_of("\\left(\\frac{a}{b}\\right)");
  const GlyphRun &open = *run_with(grown, "("), &close = *run_with(grown, ")");
  CHECK(open.size > 16);
  CHECK(close.size == doctest::Approx(open.size));
  const RunBox a = box_of(*run_with(grown, "a")), b = box_of(*run_with(grown, "b"));
  CHECK(box_of(open).y0 <= a.y0 + 1e-3f);  // spans the numerator's top…
  CHECK(box_of(open).y1 >= b.y1 - 1e-3f);  // …and the denominator's bottom
  CHECK(open.x < a.x0);
  CHECK(close.x >= b.x1);
  // A one-line body keeps the text size: \left( x \right) looks like ( x ), and so does one with a
  // superscript: x² reaches 7.2 + 8.96 = 16.16 px up, 3.36 px past the ascent, within the 0.3 em slack.
  CHECK(run_with(layout_of("\\left(x\\right)"), "(")->size == doctest::Approx(16));
  CHECK(run_with(layout_of("\\left(x^{2} + x\\right)"), "(")->size == doctest::Approx(16));
}

TEST_CASE("typeset: \\hat, \\mathbb{1}, \\text, operator names, Greek and numbers") {
  CHECK(run_with(layout_of("\\hat{y}"), "\u0177") != nullptr);
  const Layout hat = layout_of("\\hat{x}");
  BPL_REQUIRE(hat.runs.size() == 2);
  CHECK(hat.runs[1].text == "\u02C6");
  CHECK(hat.runs[1].x == doctest::Approx(hat.runs[0].x));  // centred over x: both 8 wide
  CHECK(run_with(layout_of("\\mathbb{1}[h_1>0]"), "\U0001D7D9[") != nullptr);
  const Layout text = layout_of("\\text{f is  undefined}");
  BPL_REQUIRE(text.runs.size() == 1);
  CHECK(text.runs[0].text == "f is undefined");
  CHECK(text.runs[0].style == FontStyle::upright);
  const Layout sin = layout_of("\\sin x");  // op then ord: a thin space
  CHECK(run_with(sin, "x")->x == doctest::Approx(24 + 16.0f * 3 / 18));
  CHECK(run_with(layout_of("\\alpha\\Gamma"), "\u03B1")->style == FontStyle::italic);
  CHECK(run_with(layout_of("\\alpha\\Gamma"), "\u0393")->style == FontStyle::upright);
  CHECK(run_with(layout_of("2e-05"), "2e\u221205") != nullptr);
  CHECK(run_with(layout_of("1.5\\times 10^{-3}"), "1.5") != nullptr);
  CHECK(run_with(layout_of("\\sigma'"), "\u2032") != nullptr);
}

TEST_CASE("typeset: \\\\ starts a line and & aligns the lines") {
  // "ab &= c" and "&= d": the '=' of every line at one x: after "ab" (16 px) and a thick space.
  const Layout layout = layout_of("\\begin{aligned}\nab &= c \\\\\n&= d \\\\[1ex]\n&= e\n\\end{aligned}");
  CHECK(layout.lines == 3);
  int equals = 0;
  for (const GlyphRun& run : layout.runs) {
    if (run.text != "=") continue;
    CHECK(run.x == doctest::Approx(16 + 16.0f * 5 / 18));
    ++equals;
  }
  CHECK(equals == 3);
  // Line pitch: 16 px of line + 0.3 em gap = 20.8 px; \\[1ex] adds 0.43 em = 6.88 px.
  const GlyphRun &c = *run_with(layout, "c"), &d = *run_with(layout, "d"), &e = *run_with(layout, "e");
  CHECK(d.baseline - c.baseline == doctest::Approx(20.8));
  CHECK(e.baseline - d.baseline == doctest::Approx(20.8 + 6.88));
  CHECK(layout.height == doctest::Approx(e.baseline + 3.2));
}
