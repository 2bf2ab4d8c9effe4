// The API: check the options, parse, lay out, break into lines, stack the lines
// top to bottom and flatten the boxes into page coordinates (px, y down from
// the layout's top-left); merge touching runs; mark boxes; strip_marks.
#include "engine/typeset/typeset.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "engine/core/input_limits.h"
#include "engine/typeset/lines.h"
#include "engine/typeset/tree.h"

namespace bpl::typeset {

namespace {

constexpr float kMaxSizePx = 1000;  // a font size beyond this is a unit mistake

FieldErrors check_options(const Options& options) {
  FieldErrors errors;
  if (!(options.size > 0 && options.size <= kMaxSizePx)) {
    errors.push_back({"size", "expected a font size in px, > 0 and ≤ " + std::to_string(int(kMaxSizePx))});
  }
  if (!(options.max_width >= 0 && std::isfinite(options.max_width))) {
    errors.push_back({"max_width", "expected a width in px ≥ 0 (0: never break)"});
  }
  if (!(options.line_gap >= 0 && options.line_gap <= 10)) {
    errors.push_back({"line_gap", "expected a gap in em, 0 to 10"});
  }
  return errors;
}

// Runs that touch on one baseline with one size, style and mark become one run.
std::vector<GlyphRun> merge_runs(std::vector<GlyphRun> runs, float size) {
  std::vector<GlyphRun> out;
  for (GlyphRun& run : runs) {
    if (!out.empty()) {
      GlyphRun& last = out.back();
      const bool touching = std::fabs(last.x + last.width - run.x) <= 1e-3f * size;
      if (touching && last.baseline == run.baseline && last.size == run.size && last.style == run.style &&
          last.mark == run.mark) {
        last.text += run.text;
        last.width += run.width;
        continue;
      }
    }
    out.push_back(std::move(run));
  }
  return out;
}

// Every line at a baseline below the last, into one Layout (marks still as extents).
Layout stack(std::vector<Line> lines, const Layouter& layouter, const Options& options, std::size_t mark_count,
             std::vector<std::vector<MarkExtent>>& extents) {
  Layout out;
  extents.assign(mark_count, {});
  float y = 0;
  for (std::size_t k = 0; k < lines.size(); ++k) {
    Line& line = lines[k];
    // An empty line keeps a line's height: a strut of the font's ascent and descent.
    const float height = std::max(line.box.height, layouter.ascent(options.size));
    const float depth = std::max(line.box.depth, layouter.descent(options.size));
    const float baseline = y + height;
    for (GlyphRun& run : line.box.runs) {
      run.x += line.x;
      run.baseline += baseline;
      out.runs.push_back(std::move(run));
    }
    for (Rule& rule : line.box.rules) {
      rule.x += line.x;
      rule.y += baseline;
      out.rules.push_back(rule);
    }
    for (MarkExtent& m : line.box.marks) {
      extents[m.mark].push_back({m.mark, m.x0 + line.x, m.y0 + baseline, m.x1 + line.x, m.y1 + baseline});
    }
    out.width = std::max(out.width, line.x + line.box.width);
    out.height = baseline + depth;
    y = out.height + (k + 1 < lines.size() ? (options.line_gap + line.gap_em) * options.size : 0);
  }
  out.lines = static_cast<int>(lines.size());
  return out;
}

// \! at the start can reach left of 0: move everything right so nothing is drawn at x < 0.
void shift_right_of_zero(Layout& layout, std::vector<std::vector<MarkExtent>>& extents) {
  float min_x = 0;
  for (const GlyphRun& run : layout.runs) min_x = std::min(min_x, run.x);
  for (const Rule& rule : layout.rules) min_x = std::min(min_x, rule.x);
  if (min_x >= 0) return;
  for (GlyphRun& run : layout.runs) run.x -= min_x;
  for (Rule& rule : layout.rules) rule.x -= min_x;
  for (std::vector<MarkExtent>& list : extents) {
    for (MarkExtent& m : list) {
      m.x0 -= min_x;
      m.x1 -= min_x;
    }
  }
  layout.width -= min_x;
}

}  // namespace

Result<Layout> typeset(std::string_view latex, const GlyphMetrics& metrics, const Options& options) {
  if (std::optional<FieldError> error = over_cap("latex", "the LaTeX", latex.size(), kMaxLatexBytes, "the typesetter")) {
    return Result<Layout>::failure({*error});
  }
  if (FieldErrors errors = check_options(options); !errors.empty()) return Result<Layout>::failure(std::move(errors));
  Result<Tree> tree = parse(latex);
  if (!tree.ok()) return Result<Layout>::failure(std::move(tree.errors));
  const Layouter layouter(*tree.value, metrics, options.size);
  std::vector<std::vector<MarkExtent>> extents;
  Layout out = stack(break_lines(layouter, tree.value->root, options), layouter, options, tree.value->marks.size(),
                     extents);
  shift_right_of_zero(out, extents);
  out.runs = merge_runs(std::move(out.runs), options.size);
  for (std::size_t k = 0; k < extents.size(); ++k) {
    MarkBox box{tree.value->marks[k], 0, 0, 0, 0};
    if (!extents[k].empty()) {
      box.x0 = box.y0 = std::numeric_limits<float>::max();
      box.x1 = box.y1 = std::numeric_limits<float>::lowest();
    }
    for (const MarkExtent& m : extents[k]) {
      box.x0 = std::min(box.x0, m.x0);
      box.y0 = std::min(box.y0, m.y0);
      box.x1 = std::max(box.x1, m.x1);
      box.y1 = std::max(box.y1, m.y1);
    }
    out.marks.push_back(std::move(box));
  }
  return Result<Layout>::success(std::move(out));
}

int mark_at(const Layout& layout, float x, float y) {
  int best = -1;
  float best_area = std::numeric_limits<float>::max();
  for (std::size_t k = 0; k < layout.marks.size(); ++k) {
    const MarkBox& m = layout.marks[k];
    const float area = (m.x1 - m.x0) * (m.y1 - m.y0);
    if (x >= m.x0 && x <= m.x1 && y >= m.y0 && y <= m.y1 && area < best_area) {
      best = static_cast<int>(k);
      best_area = area;
    }
  }
  return best;
}

}  // namespace bpl::typeset
