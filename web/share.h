#pragma once
// The URL as state: the hash follows the page (web/bridge.js keeps it in sync),
// opening a link restores it, field by field, with a visible warning for every
// field that fell back to its default. The Share / Embed dialog builds links
// and iframe snippets. Codec and validation: engine/formats/url_state.h.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace bpl::web {

struct App;

struct ShareOptions {
  bool include_weights = false;
  bool embed = false;
  std::vector<std::string> panels;  // embed: the panels to show (empty: all)
  std::vector<std::string> hide;    // embed: controls to hide
  int theme = 0;                    // 0 light, 1 dark, 2 auto
  bool autoplay = false;
  int height = 640;                 // iframe height in CSS pixels
  // The dialog's link, rebuilt only when the options or the state change: with
  // weights it is a model's worth of text, too much to rebuild every frame.
  std::string shown_key, shown_link;
  bool open_requested = false;  // open_share_dialog ran inside another popup (the ☰ menu)
};

// Why the trained weights cannot go in a link (too many parameters for the
// hash's cap); nullopt when they fit.
std::optional<std::string> weights_too_large_for_link(App& app);

// The hash for the current state (no weights), as the address bar shows it.
std::string current_hash(App& app);
// A full link / iframe snippet for the dialog's options.
std::string share_link(App& app, const ShareOptions& options);
std::string iframe_snippet(App& app, const ShareOptions& options);
// Applies a link's hash leniently; the warnings name each field that fell back to its default.
std::vector<std::string> load_hash(App& app, const std::string& hash);

// The Share / Embed dialog is opened from the header's button or its ☰ menu, and drawn
// at the page's level, so it stays open once that menu closes.
void open_share_dialog(App& app);
void draw_share_dialog(App& app);
void register_share_api();

}  // namespace bpl::web
