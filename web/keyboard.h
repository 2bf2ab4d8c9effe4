#pragma once
// The keyboard: the app's shortcuts and ImGui's keyboard navigation share the
// keys, decided here per key press (README "Keyboard"):
//   - a text field being edited gets every key;
//   - while a control or a panel shows the focus rectangle (ImGui's nav cursor:
//     ↑ ↓ start it), Space and Enter press that control or go into that panel
//     and the arrows move it; Esc leaves the panel and puts the rectangle away;
//   - otherwise Space, ← → and R are the demo's shortcuts.
// Tab never reaches ImGui: it moves the browser's focus (web/text_layer.js), so
// the page has no keyboard trap. "?" opens the list of shortcuts, built from
// kShortcuts, the same table this file acts on.
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace bpl::web {

struct App;

// One row of the "?" overlay.
struct Shortcut {
  const char* keys;   // as the overlay writes them: "Space", "→"
  const char* what;   // "play / pause training"
  const char* where;  // "Network demo", "f(x, y) demo", "Everywhere"
};
const std::vector<Shortcut>& shortcuts();
nlohmann::json shortcuts_json();  // [{keys, what, where}], for the overlay and the JS API's shortcuts()

// A key event from GLFW (main.cpp's key callback), before ImGui sees it. Returns true when it was
// one of the app's shortcuts and was acted on: ImGui must not get it then.
bool handle_shortcut_key(App& app, int glfw_key, int action, int mods);
// A typed character (GLFW's char callback): "?" outside a text field opens the shortcuts overlay.
void handle_shortcut_char(unsigned int codepoint);
// Esc with the focus rectangle shown and no popup open: put it away (the shortcuts are back).
void hide_focus_rectangle();

}  // namespace bpl::web
