// Lines: the top-level row's items (each a finished box with the space before it) packed
// greedily into lines of at most max_width; see lines.h for the rules.
#include "engine/typeset/lines.h"

#include <algorithm>
#include <utility>

namespace bpl::typeset {

namespace {

constexpr float kIndentEm = 1;  // continuation lines start this far right of the alignment column
constexpr float kFitSlackPx = 0.01f;

// The items between two '\\'.
struct Paragraph {
  std::vector<RowItem> items;
  float gap_em = 0;
};

std::vector<Paragraph> split_at_line_breaks(std::vector<RowItem> items) {
  std::vector<Paragraph> out(1);
  for (RowItem& item : items) {
    if (item.line_break) {
      out.back().gap_em = item.gap_em;
      out.emplace_back();
    } else {
      out.back().items.push_back(std::move(item));
    }
  }
  return out;
}

// Where the first '&' falls when the paragraph is one line; −1 without one.
float align_x(const std::vector<RowItem>& items) {
  float x = 0;
  for (const RowItem& item : items) {
    x += item.space_before;
    if (item.align) return x;
    x += item.box.width;
  }
  return -1;
}

// [begin, end) of each line: whole segments (up to and including a breakable operator)
// while they fit; a segment that does not fit starts a new line, unless it is the first.
std::vector<std::pair<std::size_t, std::size_t>> greedy_lines(const std::vector<RowItem>& items, float first_x,
                                                              float next_x, float max_width) {
  std::vector<std::pair<std::size_t, std::size_t>> lines;
  std::size_t line_begin = 0, k = 0;
  float line_x = first_x, width = 0;
  while (k < items.size()) {
    std::size_t end = k;
    float joined = 0;
    while (end < items.size()) {
      joined += items[end].space_before + items[end].box.width;
      if (items[end++].break_after) break;
    }
    const float alone = joined - items[k].space_before;  // at the start of a line: no space before it
    if (max_width > 0 && k > line_begin && line_x + width + joined > max_width + kFitSlackPx) {
      lines.push_back({line_begin, k});
      line_begin = k;
      line_x = next_x;
      width = alone;
    } else {
      width += k == line_begin ? alone : joined;
    }
    k = end;
  }
  lines.push_back({line_begin, items.size()});
  return lines;
}

}  // namespace

std::vector<Line> break_lines(const Layouter& layouter, int root, const Options& options) {
  std::vector<Paragraph> paragraphs = split_at_line_breaks(layouter.row_items(root, {options.size, 0}));
  float column = -1;
  for (const Paragraph& p : paragraphs) column = std::max(column, align_x(p.items));
  std::vector<Line> lines;
  for (Paragraph& p : paragraphs) {
    const float own = align_x(p.items);
    const float first_x = own >= 0 ? column - own : 0;
    const float next_x = (own >= 0 ? column : 0) + kIndentEm * options.size;
    for (const auto& [begin, end] : greedy_lines(p.items, first_x, next_x, options.max_width)) {
      std::vector<RowItem> items(std::make_move_iterator(p.items.begin() + begin),
                                 std::make_move_iterator(p.items.begin() + end));
      if (!items.empty()) items.front().space_before = 0;
      lines.push_back({Layouter::pack(std::move(items)), begin == 0 ? first_x : next_x, 0});
    }
    lines.back().gap_em = p.gap_em;
  }
  return lines;
}

}  // namespace bpl::typeset
