#pragma once
// The page's layout as a pure function: the CSS width and the panels (in
// teaching order) in, one rectangle per panel out. No ImGui here, so the rules
// read in one place; web/page_frame.{h,cpp} draws the panels into the rects.
//   ≥ 1200 CSS px: three columns;  700–1200: two;  < 700: one scrolling column.
#include <string>
#include <vector>

namespace bpl::web {

inline constexpr float kThreeColumnWidth = 1200.0f;  // CSS px
inline constexpr float kTwoColumnWidth = 700.0f;
int column_count(float css_width);

struct PanelSpec {
  std::string name;
  float min_width = 0;   // CSS px below which the panel stops being readable
  float min_height = 0;
  float height = 0;      // CSS px it wants: its content, or an aspect-appropriate size for a view
  float share = 0;       // > 0: when the page fits the viewport, this part of its column's spare height
  int column3 = 0;       // its column in the three- and two-column layouts
  int column2 = 0;
  float aspect = 0;      // > 0: a view that wants width × aspect (capped at max_height), or `height` if taller
  float max_height = 0;
};

struct PageArea {
  float width = 0;        // CSS px: the canvas
  float height = 0;
  float top = 0;          // where the panels start (below the header)
  float gap = 8;          // between panels
  float margin = 8;       // left and right of the columns
  bool fit_viewport = true;  // columns share the viewport's height (the page); false: each panel its `height` (embeds)
  float column_weights3[3] = {1, 1, 1};  // how the width beyond the minimums is shared
  float column_weights2[2] = {1, 1};
};

struct PanelRect {
  std::string name;
  float x = 0, y = 0, width = 0, height = 0;  // CSS px, page coordinates
  float min_width = 0, min_height = 0;
};

struct PageLayout {
  int columns = 1;
  float width = 0;
  float height = 0;  // CSS px the content needs (≥ the viewport when it fits the viewport)
  std::vector<PanelRect> panels;
  const PanelRect* find(const std::string& name) const;
};

// Panels keep their order inside each column; one column stacks them all in
// the given (teaching) order, each at max(height, min_height).
PageLayout layout_page(const PageArea& area, const std::vector<PanelSpec>& panels);

}  // namespace bpl::web
