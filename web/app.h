#pragma once
// All UI state lives in App; one draw_xxx function per panel reads and edits it.
#include <string>

#include <nlohmann/json.hpp>

#include "callouts.h"
#include "embed.h"
#include "engine/core/build_info.h"
#include "expression_demo.h"
#include "frame_stats.h"
#include "link_warnings.h"
#include "network_demo.h"
#include "page_frame.h"
#include "share.h"
#include "text_layer.h"
#include "theme.h"

namespace bpl::web {

enum class Demo { network, expression };
const char* demo_name(Demo demo);  // "network" | "expression"

struct App {
  BuildInfo build;
  float pixel_ratio = 1.0f;
  Theme theme = Theme::light;
  bool prefers_dark = false;  // the browser's prefers-color-scheme, for theme=auto
  Demo demo = Demo::network;
  NetworkDemo network;
  ExpressionDemo expression;
  EmbedOptions embed;
  float content_height = 0.0f;  // CSS pixels the page's content needs (embed mode: for iframe auto-size)
  LinkWarnings link_warnings;    // fields of the opened link that fell back to defaults
  nlohmann::json default_state;  // getState() over the seed's xor4 (PageState{}): what links may omit
  std::string import_text;       // the Import dialog's text buffer
  bool import_open_requested = false;  // open_import_dialog ran inside another popup (the ☰ menu)
  PageView page;                 // the layout of the last frame, panel content heights, the page's scroll
  ShareOptions share;            // the Share / Embed dialog's choices
  Callouts callouts;             // first-visit hints
  long frame_count = 0;     // frames drawn (metrics().framesDrawn)
  int wake_frames = 0;      // frames still to draw after an input or an API change
  bool skipped_frame = false;  // the last animation frame drew nothing (idle)
  bool ready_signalled = false;
  FrameStats frame_stats;  // time between frames
  FrameStats work_stats;   // time the engine spent in a frame (training, views, drawing calls)
  TextLayerState text_layer;  // what the DOM text layer last got (web/text_layer.h)
};

void init_app(App& app, float pixel_ratio);
void draw_frame(App& app);   // all ImGui calls of one frame
void after_frame(App& app, double work_ms);  // bookkeeping once the frame is drawn; work_ms: its time in the engine

// Drawing only when something changes: an input or a state change wakes the page
// for kWakeFrames frames (ImGui settles a layout or a popup within a few);
// training, a running step, a heatmap pass, a growing descent path or a text
// field being edited keep it drawing. Otherwise the animation frame returns at once.
inline constexpr int kWakeFrames = 8;
void wake(App& app);
bool wants_frame(const App& app);

}  // namespace bpl::web
