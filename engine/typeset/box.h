#pragma once
// A box: width, height above the baseline, depth below it, and what is drawn
// inside, in the box's own coordinates (x from its left edge, y down from its
// baseline, so above the baseline is negative). Boxes nest by translation.
#include <vector>

#include "engine/typeset/typeset.h"

namespace bpl::typeset {

struct MarkExtent {  // one mark's content, in the box's coordinates
  int mark = -1;
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

struct Box {
  float width = 0, height = 0, depth = 0;
  std::vector<GlyphRun> runs;  // baseline: y of the run's baseline
  std::vector<Rule> rules;
  std::vector<MarkExtent> marks;
};

// Puts `item` with its left edge at x = dx and its baseline at y = dy (y down,
// so dy < 0 raises it); grows `into`'s height and depth, not its width.
void place(Box& into, Box item, float dx, float dy);

// A filled rectangle in box coordinates: left x, top y (y down), width, height.
void add_rule(Box& into, float x, float y, float width, float height);

}  // namespace bpl::typeset
