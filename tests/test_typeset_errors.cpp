// Bad LaTeX and bad options: one error naming the field, the command and the byte offset (0-based).
#include <doctest/doctest.h>

#include <string>

#include "bpl_require.h"
#include "engine/typeset/typeset.h"
#include "typeset_testing.h"

using namespace bpl;
using namespace bpl::typeset;

namespace {

struct BadLatex {
  std::string latex;
  std::string message;  // exact; offsets counted by hand
};

std::string error_of(const std::string& latex, const Options& options = {}) {
  const Result<Layout> result = typeset::typeset(latex, testing::StubMetrics{}, options);
  CHECK_MESSAGE(!result.ok(), latex, " was accepted");
  if (result.ok() || result.errors.size() != 1) return "";
  return to_string(result.errors[0]);
}

}  // namespace

TEST_CASE("typeset errors: bad LaTeX names the command and where it is") {
  const BadLatex cases[] = {
      {"x+\\foo", "unknown command \\foo at 2"},
      {"x\\", "unknown command \\ at 1"},
      {"{x", "missing } for { at 0"},
      {"\\frac{a}{b", "missing } for { at 8"},
      {"a}", "unmatched } at 1"},
      {"\\frac{a}", "missing argument for \\frac at 0"},
      {"x^", "missing argument for ^ at 1"},
      {"x_}", "missing argument for _ at 1"},
      {"x^2^3", "double superscript at 3"},
      {"x_1^2_3", "double subscript at 5"},
      {"\\left(x", "missing \\right for \\left at 0"},
      {"x\\right)", "\\right without \\left at 1"},
      {"\\left\\{x\\right\\}", "\\left needs one of ( ) [ ] | . at 0"},
      {"\\left(x\\right", "\\right needs one of ( ) [ ] | . at 7"},
      {"\\bplmark{a b}{x}", "unsupported character ' ' in the \\bplmark key (A-Z a-z 0-9 : _ . # , -) at 0"},
      {"\\bplmark{}{x}", "\\bplmark key must be 1 to 64 characters at 0"},
      {"\\bplmark{" + std::string(65, 'k') + "}{x}", "\\bplmark key must be 1 to 64 characters at 0"},
      {"\\textcolor{red}", "missing argument for \\textcolor at 0"},
      {"\\text x", "\\text needs {…} at 0"},
      {"\\text{a\\b}", "unsupported character '\\' in \\text at 0"},
      {"\\operatorname{re lu}", "unsupported character ' ' in \\operatorname at 0"},
      {"\\mathbb{R}", "\\mathbb supports only \\mathbb{1} at 0"},
      {"\\sqrt[3]{x}", "\\sqrt[n] (an n-th root) is not supported at 0"},
      {"\\begin{matrix}", "unknown environment matrix at 0"},
      {"\\begin{aligned} x", "missing \\end{aligned} for \\begin{aligned} at 0"},
      {"x \\end{aligned}", "\\end{aligned} without \\begin{aligned} at 2"},
      {"{\\begin{aligned}}", "\\begin{aligned} inside a group at 1"},
      {"{a \\\\ b}", "line break \\\\ inside a group at 3"},
      {"a \\\\[3furlongs] b", "\\\\[…] takes a gap such as [1ex], [0.5em] or [4pt], up to 10 em, at 2"},
      {"a \\\\[11em] b", "\\\\[…] takes a gap such as [1ex], [0.5em] or [4pt], up to 10 em, at 2"},
      {"x * y", "unsupported character '*' at 2"},
      {"x = \xC3\xA9", "unsupported character '\xC3\xA9' at 4"},
  };
  for (const BadLatex& c : cases) {
    CAPTURE(c.latex);
    CHECK(error_of(c.latex) == "latex: " + c.message);
  }
}

TEST_CASE("typeset errors: nesting and length caps") {
  SUBCASE("64 nested groups typeset; 65 are refused at the 65th '{'") {
    CHECK(typeset::typeset(std::string(64, '{') + "x" + std::string(64, '}'), testing::StubMetrics{}).ok());
    CHECK(error_of(std::string(65, '{') + "x" + std::string(65, '}')) == "latex: nesting deeper than 64 levels at 64");
  }
  SUBCASE("arguments nest too: \\sqrt\\sqrt…x, the 65th \\sqrt at byte 5 × 64, its argument after a space") {
    std::string sqrts;
    for (int k = 0; k < 64; ++k) sqrts += "\\sqrt";
    CHECK(typeset::typeset(sqrts + " x", testing::StubMetrics{}).ok());
    CHECK(error_of(sqrts + "\\sqrt x") == "latex: nesting deeper than 64 levels at 326");
  }
  SUBCASE("32 KiB typesets; one byte more is refused unread") {
    const Result<Layout> at_cap = typeset::typeset(std::string(kMaxLatexBytes, 'x'), testing::StubMetrics{});
    BPL_REQUIRE(at_cap.ok());
    CHECK(at_cap.value->runs.size() == 1);  // 32,768 italic x's, one run
    CHECK(error_of(std::string(kMaxLatexBytes + 1, 'x')) ==
          "latex: the LaTeX is 32,769 bytes, more than the 32 KiB (32,768 bytes) the typesetter takes");
  }
}

TEST_CASE("typeset errors: options out of range name the option") {
  Options options;
  options.size = 0;
  CHECK(error_of("x", options) == "size: expected a font size in px, > 0 and ≤ 1000");
  options = {};
  options.max_width = -1;
  CHECK(error_of("x", options) == "max_width: expected a width in px ≥ 0 (0: never break)");
  options = {};
  options.line_gap = 11;
  CHECK(error_of("x", options) == "line_gap: expected a gap in em, 0 to 10");
}
