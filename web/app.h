#pragma once
// All UI state lives in App; one draw_xxx function per panel reads and edits it.
#include <string>

#include "engine/build_info.h"
#include "expression_demo.h"
#include "frame_stats.h"
#include "network_demo.h"
#include "theme.h"

namespace bpl::web {

enum class Demo { network, expression };
const char* demo_name(Demo demo);  // "network" | "expression"

struct App {
  BuildInfo build;
  float pixel_ratio = 1.0f;
  Theme theme = Theme::light;
  Demo demo = Demo::network;
  NetworkDemo network;
  ExpressionDemo expression;
  long frame_count = 0;
  bool ready_signalled = false;
  FrameStats frame_stats;
};

void init_app(App& app, float pixel_ratio);
void draw_frame(App& app);   // all ImGui calls of one frame
void after_frame(App& app);  // bookkeeping once the frame is on screen

}  // namespace bpl::web
