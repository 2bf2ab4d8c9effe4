#include "embed.h"

#include <algorithm>

#include "app.h"
#include "page_frame.h"
#include "panels.h"

namespace bpl::web {

namespace {
bool contains(const std::vector<std::string>& list, const char* name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}
}  // namespace

bool panel_visible(const App& app, const char* panel) {
  return !app.embed.embed || app.embed.panels.empty() || contains(app.embed.panels, panel);
}

bool control_visible(const App& app, const char* control) { return !contains(app.embed.hide, control); }

float draw_embedded(App& app) {
  // The page's rules, driven by the iframe's width; each panel its natural height, so the
  // host can size the frame to the content (the resize event).
  const PageArea area = page_area(app, 0, false);
  if (app.demo == Demo::network) draw_network_demo(app, area);
  else if (panel_visible(app, "expression")) draw_expression_demo(app, area);
  else app.page.layout = layout_page(area, {});
  return app.page.layout.height;
}

}  // namespace bpl::web
