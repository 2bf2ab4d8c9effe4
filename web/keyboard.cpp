#include "keyboard.h"

#include <GLFW/glfw3.h>

#include <nlohmann/json.hpp>

#include "app.h"
#include "imgui.h"
#include "imgui_internal.h"  // GImGui->NavId / NavDisableHighlight: whether the focus rectangle shows
#include "platform.h"

namespace bpl::web {

namespace {

constexpr const char* kEverywhere = "Everywhere";
constexpr const char* kNetwork = "Network demo";
constexpr const char* kExpression = "f(x, y) demo";

bool focus_rectangle_shown() {
  const ImGuiContext& g = *GImGui;
  return g.NavWindow != nullptr && g.NavId != 0 && !g.NavDisableHighlight;
}

bool network_shortcut(App& app, int key, bool repeat) {
  NetworkDemo& demo = app.network;
  if (key == GLFW_KEY_SPACE && !repeat) toggle_play(demo);
  else if (key == GLFW_KEY_RIGHT) { if (!stepping(demo)) start_step(demo, StepUnit::batch, 1, kSyncStepMs); }
  else if (key == GLFW_KEY_R && !repeat) reset_network(demo);
  else return key == GLFW_KEY_SPACE || key == GLFW_KEY_R;  // a held key's repeats are still ours
  return true;
}

bool expression_shortcut(App& app, int key) {
  if (key == GLFW_KEY_RIGHT) backward_step(app.expression);
  else if (key == GLFW_KEY_LEFT) backward_step_back(app.expression);
  else return false;
  return true;
}

}  // namespace

const std::vector<Shortcut>& shortcuts() {
  static const std::vector<Shortcut> table = {
      {"Space", "play / pause training (with no control focused)", kNetwork},
      {"→", "train one batch (with no control focused)", kNetwork},
      {"R", "reset the weights (same seed)", kNetwork},
      {"→", "one step of the backward pass (with no control focused)", kExpression},
      {"←", "one step back", kExpression},
      {"↑ ↓", "show the focus rectangle and move it among the panels and controls; while it shows, ← → move it too",
       kEverywhere},
      {"Space / Enter", "press the focused control, or go into the focused panel (Enter on a slider or field: type a value)",
       kEverywhere},
      {"Esc", "close a popup or dialog; else leave the panel and put the focus rectangle away: Space and the arrows are "
              "shortcuts again",
       kEverywhere},
      {"Tab / Shift+Tab", "move between the canvas, the Text view button and the ? button (never trapped)", kEverywhere},
      {"?", "this list", kEverywhere},
  };
  return table;
}

nlohmann::json shortcuts_json() {
  nlohmann::json rows = nlohmann::json::array();
  for (const Shortcut& s : shortcuts()) rows.push_back({{"keys", s.keys}, {"what", s.what}, {"where", s.where}});
  return rows;
}

bool handle_shortcut_key(App& app, int key, int action, int mods) {
  if (action == GLFW_RELEASE || (mods & (GLFW_MOD_CONTROL | GLFW_MOD_ALT | GLFW_MOD_SUPER))) return false;
  if (ImGui::GetIO().WantTextInput) return false;  // typing
  const bool repeat = action == GLFW_REPEAT;
  // With the focus rectangle shown, Space and the arrows belong to ImGui's navigation; R does not navigate.
  if (focus_rectangle_shown() && key != GLFW_KEY_R) return false;
  const bool handled = app.demo == Demo::network ? network_shortcut(app, key, repeat) : expression_shortcut(app, key);
  if (handled) wake(app);
  return handled;
}

void handle_shortcut_char(unsigned int codepoint) {
  if (codepoint != '?' || ImGui::GetIO().WantTextInput) return;
  show_shortcuts();
}

void hide_focus_rectangle() {
  if (focus_rectangle_shown()) GImGui->NavDisableHighlight = true;
}

}  // namespace bpl::web
