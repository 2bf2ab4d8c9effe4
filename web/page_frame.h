#pragma once
// Draws panels into the rectangles of web/page_layout.h and keeps what the
// layout needs from one frame to the next: each panel's content height (a
// derivation grows to its text) and the page's scroll position.
//
// Why the browser scrolls the page, not ImGui: on a phone, a touch drag must
// scroll with momentum and hide the address bar, and Emscripten's GLFW turns no
// touch into a drag. So the canvas stays the viewport's size (position: fixed),
// a spacer below it is as tall as the layout, and the browser scrolls natively;
// each frame draws the panels shifted up by window.scrollY. A wheel turn that no
// scrollable panel takes scrolls the page (the canvas swallows wheel events).
#include <functional>
#include <map>
#include <string>

#include "imgui.h"
#include "page_layout.h"

namespace bpl::web {

struct App;

inline constexpr const char* kPageWindowName = "BackpropLens";  // the page's one top-level window

struct PageView {
  PageLayout layout;                      // the rects of the last frame (window.backprop.layout())
  std::map<std::string, float> content;   // CSS px each panel's content took last frame
  float scroll_y = 0;                     // CSS px the browser has scrolled the page
  bool coarse_pointer = false;            // matchMedia('(pointer: coarse)'): a finger
};

// The canvas in CSS px, with the header's height as the top (ImGui's spacing as the gaps).
PageArea page_area(const App& app, float top_css, bool fit_viewport);

// A panel's content height from the last frame (CSS px), or `fallback` before its first.
float content_height(const App& app, const std::string& name, float fallback);

// Draws one panel of app.page.layout as a child window at its rect (nothing if absent),
// and records its content height; wakes the page when that changed (the layout follows).
void draw_panel(App& app, const std::string& name, bool border, ImGuiWindowFlags flags,
                const std::function<void()>& draw);

// Inside a child window, before EndChild: records its content height (CSS px) under `name`
// and wakes the page when it changed (the layout follows on the next frame).
void record_content_height(App& app, const std::string& name);

// Lays out `panels` and keeps the result as the frame's layout.
void set_page_layout(App& app, const PageArea& area, const std::vector<PanelSpec>& panels);

// The mouse wheel scrolls the page when no panel under the mouse can take it (ImGui's own rule).
void scroll_page_with_wheel();

}  // namespace bpl::web
