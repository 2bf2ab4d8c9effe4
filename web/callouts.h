#pragma once
// First-visit hints, as TensorFlow Playground shows them: a few short notes
// anchored where they point, each dismissed for good (localStorage key
// kCalloutsStorageKey holds the bitmask of dismissed ones). Not in embeds: a
// tutorial author frames the demo with their own words.
#include "imgui.h"

namespace bpl::web {

struct App;

enum class Callout { play, click_weight, edge_width };
inline constexpr int kCalloutCount = 3;
inline constexpr const char* kCalloutsStorageKey = "backproplens.calloutsDismissed";

struct Callouts {
  unsigned dismissed = (1u << kCalloutCount) - 1;  // all, until load_callouts reads the store
  ImVec2 anchor[kCalloutCount] = {};               // where each points, set while its panel draws
  bool anchored[kCalloutCount] = {};               // drawn this frame: its target is on screen
};

void load_callouts(App& app);
// Called by the panel that draws the callout's target, each frame.
void anchor_callout(App& app, Callout callout, ImVec2 point);
void dismiss_callout(App& app, Callout callout);
// After the page's window: the hints float above the panels.
void draw_callouts(App& app);

}  // namespace bpl::web
