// Boxes nest by translation: a child at (dx, dy) moves its runs, rules and mark extents by that
// much, and the parent grows to hold the child's height above and depth below the baseline.
#include "engine/typeset/box.h"

#include <algorithm>
#include <iterator>
#include <utility>

namespace bpl::typeset {

void place(Box& into, Box item, float dx, float dy) {
  into.height = std::max(into.height, item.height - dy);
  into.depth = std::max(into.depth, item.depth + dy);
  for (GlyphRun& run : item.runs) {
    run.x += dx;
    run.baseline += dy;
  }
  for (Rule& rule : item.rules) {
    rule.x += dx;
    rule.y += dy;
  }
  for (MarkExtent& mark : item.marks) {
    mark.x0 += dx;
    mark.x1 += dx;
    mark.y0 += dy;
    mark.y1 += dy;
  }
  into.runs.insert(into.runs.end(), std::make_move_iterator(item.runs.begin()),
                   std::make_move_iterator(item.runs.end()));
  into.rules.insert(into.rules.end(), item.rules.begin(), item.rules.end());
  into.marks.insert(into.marks.end(), item.marks.begin(), item.marks.end());
}

void add_rule(Box& into, float x, float y, float width, float height) {
  into.rules.push_back({x, y, width, height, -1});
}

}  // namespace bpl::typeset
