#include "page_layout.h"

#include <algorithm>
#include <cmath>

namespace bpl::web {

namespace {

int column_of(const PanelSpec& panel, int columns) {
  if (columns == 3) return std::clamp(panel.column3, 0, 2);
  if (columns == 2) return std::clamp(panel.column2, 0, 1);
  return 0;
}

// Each column starts at its widest panel's minimum; the width left over is shared by weight.
std::vector<float> column_widths(const PageArea& area, const std::vector<PanelSpec>& panels, int columns) {
  const float available = area.width - 2 * area.margin - float(columns - 1) * area.gap;
  std::vector<float> widths(std::size_t(columns), 0.0f);
  for (const PanelSpec& panel : panels) {
    float& width = widths[std::size_t(column_of(panel, columns))];
    width = std::max(width, panel.min_width);
  }
  const float* weights = columns == 3 ? area.column_weights3 : area.column_weights2;
  float minimums = 0, weight_sum = 0;
  for (int c = 0; c < columns; ++c) {
    minimums += widths[std::size_t(c)];
    weight_sum += columns == 1 ? 1.0f : weights[c];
  }
  for (int c = 0; c < columns; ++c) {
    const float weight = columns == 1 ? 1.0f : weights[c];
    // Narrower than the minimums (only a one-column page below its panels' minimum): scale down.
    widths[std::size_t(c)] = minimums > available ? widths[std::size_t(c)] * available / std::max(minimums, 1.0f)
                                                  : widths[std::size_t(c)] + (available - minimums) * weight / weight_sum;
  }
  return widths;
}

float wanted_height(const PanelSpec& panel, float width) {
  const float view = panel.aspect > 0 ? std::min(width * panel.aspect, panel.max_height > 0 ? panel.max_height : 1e9f) : 0;
  return std::max({view, panel.height, panel.min_height});
}

// Heights of one column's panels: a panel wants max(height, min_height); when the page fits the
// viewport, the panels with a share split the height the others leave (never below their minimum).
std::vector<float> column_heights(const PageArea& area, const std::vector<const PanelSpec*>& column, float width) {
  std::vector<float> heights;
  float fixed = 0, shares = 0;
  for (const PanelSpec* panel : column) {
    const bool shared = area.fit_viewport && panel->share > 0;
    heights.push_back(shared ? 0.0f : wanted_height(*panel, width));
    fixed += heights.back();
    if (shared) shares += panel->share;
  }
  if (shares <= 0) return heights;
  const float gaps = float(column.size() - 1) * area.gap;
  float spare = std::max(area.height - area.top - area.margin - fixed - gaps, 0.0f);
  // A share below its minimum takes the minimum; the others split what is left.
  std::vector<bool> at_minimum(column.size(), false);
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t i = 0; i < column.size(); ++i) {
      if (column[i]->share <= 0 || at_minimum[i] || spare * column[i]->share / shares >= column[i]->min_height) continue;
      at_minimum[i] = changed = true;
      heights[i] = column[i]->min_height;
      spare = std::max(spare - heights[i], 0.0f);
      shares -= column[i]->share;
    }
  }
  for (std::size_t i = 0; i < column.size(); ++i) {
    if (column[i]->share > 0 && !at_minimum[i]) heights[i] = std::floor(spare * column[i]->share / shares);
  }
  return heights;
}

}  // namespace

int column_count(float css_width) {
  if (css_width >= kThreeColumnWidth) return 3;
  if (css_width >= kTwoColumnWidth) return 2;
  return 1;
}

const PanelRect* PageLayout::find(const std::string& name) const {
  for (const PanelRect& panel : panels)
    if (panel.name == name) return &panel;
  return nullptr;
}

PageLayout layout_page(const PageArea& area, const std::vector<PanelSpec>& panels) {
  PageLayout layout;
  layout.columns = column_count(area.width);
  layout.width = area.width;
  // One column never fits the viewport: it is a page to scroll, each panel at its natural height.
  PageArea placed = area;
  placed.fit_viewport = area.fit_viewport && layout.columns > 1;
  const std::vector<float> widths = column_widths(placed, panels, layout.columns);
  float x = area.margin, bottom = area.top;
  for (int c = 0; c < layout.columns; ++c) {
    std::vector<const PanelSpec*> column;
    for (const PanelSpec& panel : panels)
      if (column_of(panel, layout.columns) == c) column.push_back(&panel);
    const std::vector<float> heights = column_heights(placed, column, widths[std::size_t(c)]);
    float y = area.top;
    for (std::size_t i = 0; i < column.size(); ++i) {
      layout.panels.push_back({column[i]->name, std::floor(x), std::floor(y), std::floor(widths[std::size_t(c)]),
                               std::floor(heights[i]), column[i]->min_width, column[i]->min_height});
      y += std::floor(heights[i]) + area.gap;
    }
    if (!column.empty()) bottom = std::max(bottom, y - area.gap);
    x += widths[std::size_t(c)] + area.gap;
  }
  // Panels in teaching order, whatever column they landed in.
  std::vector<PanelRect> ordered;
  for (const PanelSpec& panel : panels) ordered.push_back(*layout.find(panel.name));
  layout.panels = std::move(ordered);
  layout.height = std::ceil(bottom + area.margin);
  if (placed.fit_viewport) layout.height = std::max(layout.height, area.height);
  return layout;
}

}  // namespace bpl::web
