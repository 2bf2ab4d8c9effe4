#pragma once
// The opened link's warnings (fields that fell back to their defaults): a few
// shown in a small window over the panels, never in their layout, so a link
// with 200 bad keys cannot squeeze the panels; the window closes with Dismiss.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace bpl::web {

struct App;

inline constexpr int kMaxKeptWarnings = 32;   // backprop.urlWarnings; the rest are counted
inline constexpr int kMaxShownWarnings = 8;   // in the window; the rest as "… and N more"

struct LinkWarnings {
  std::vector<std::string> kept;  // the first kMaxKeptWarnings, in the link's order
  int total = 0;
  bool dismissed = false;
  float dismiss_x = 0, dismiss_y = 0, dismiss_w = 0, dismiss_h = 0;  // the button, device pixels, last frame
};

// Replaces the warnings (opening a link) and shows them again.
void set_link_warnings(App& app, const std::vector<std::string>& warnings);
// The window, drawn after the page's main window so that it floats above it.
void draw_link_warnings(App& app);
// backprop.urlWarnings: the kept ones, then "… and N more" when some were dropped.
nlohmann::json link_warnings_list(const App& app);
// For layout(): {total, shown, open, dismiss: {x, y, width, height} in CSS pixels or null}.
nlohmann::json link_warnings_layout(const App& app);

}  // namespace bpl::web
