#pragma once
// The top level → lines. '\\' starts a new line; '&' marks the column the lines
// align on (the first '&' of each line at one x); with a max width a line
// breaks greedily after a top-level relation or binary operator (TeX's
// convention: the operator ends the line) and goes on 1 em past the column.
// Nothing inside a group, a fraction, scripts, \left…\right or a mark breaks,
// and a number is one atom, so a piece wider than the line just overflows.
#include <vector>

#include "engine/typeset/layout.h"

namespace bpl::typeset {

struct Line {
  Box box;
  float x = 0;       // left edge of the box in the layout
  float gap_em = 0;  // extra space below it (\\[1ex])
};

std::vector<Line> break_lines(const Layouter& layouter, int root, const Options& options);

}  // namespace bpl::typeset
