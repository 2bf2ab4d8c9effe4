#pragma once
// Heatmaps drawn by our own fragment shader (shaders/heatmap.*.glsl) from a
// grid of values: the decision boundary, per-unit outputs and f(x,y) contours.
// A HeatmapTexture holds one grid on the GPU; draw_heatmap queues it into an
// ImGui draw list (through a draw callback), so it layers with ImGui drawing.
#include <vector>

#include "imgui.h"

namespace bpl::web {

enum class ColorMap { diverging, sequential };

struct HeatmapStyle {
  ColorMap map = ColorMap::diverging;
  float lo = 0.0f;           // value drawn as the map's first colour
  float hi = 1.0f;           // value drawn as the map's last colour
  int contour_levels = 0;    // iso-lines between lo and hi; 0 for none
  bool discretize = false;   // diverging map: two flat colours split at the middle
  float opacity = 1.0f;
};

class HeatmapTexture {
 public:
  HeatmapTexture() = default;
  HeatmapTexture(const HeatmapTexture&) = delete;
  HeatmapTexture& operator=(const HeatmapTexture&) = delete;
  ~HeatmapTexture();
  // values: n×n, row 0 at the top. NaN marks an undefined cell (drawn grey).
  void upload(const std::vector<float>& values, int n);
  bool empty() const { return n_ == 0; }
  unsigned texture() const { return texture_; }

 private:
  unsigned texture_ = 0;
  int n_ = 0;
};

// Queues the heatmap into `list` over the screen rectangle [p0, p1].
void draw_heatmap(ImDrawList* list, ImVec2 p0, ImVec2 p1, const HeatmapTexture& texture, const HeatmapStyle& style);

// The legend of a heatmap drawn with `style`: its colours from style.lo (left) to
// style.hi (right), by the same shader, over [p0, p1].
void draw_colour_bar(ImDrawList* list, ImVec2 p0, ImVec2 p1, const HeatmapStyle& style);

}  // namespace bpl::web
