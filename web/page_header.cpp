// The page's header: the title, the demo switch, theme, Share, Export/Import and
// the engine's version. Below kTwoColumnWidth it wraps: the title and a ☰ menu
// holding the theme, Share, Export/Import and the engine's version on the first
// line, the demo switch on the second (and Play, once the play controls have
// scrolled under the header), so nothing is cut.
#include <algorithm>

#include "app.h"
#include "exchange.h"
#include "page_frame.h"
#include "panels.h"
#include "platform.h"
#include "share.h"

namespace bpl::web {

namespace {

void draw_demo_switch(App& app) {
  if (ImGui::RadioButton("Network", app.demo == Demo::network)) app.demo = Demo::network;
  ImGui::SameLine();
  if (ImGui::RadioButton("f(x, y)", app.demo == Demo::expression)) app.demo = Demo::expression;
}

void draw_theme_switch(App& app) {
  bool dark = app.theme == Theme::dark;
  if (ImGui::Checkbox("dark", &dark)) {
    app.theme = dark ? Theme::dark : Theme::light;
    app.embed.theme = dark ? "dark" : "light";
    apply_theme(app.theme, app.pixel_ratio);
  }
}

void draw_engine_info(const App& app) {
  ImGui::TextDisabled("engine %s · %s · SIMD %s", app.build.version.c_str(), app.build.target.c_str(),
                      app.build.simd ? "on" : "off");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("BackpropLens makes backpropagation visible: train a network live and see the chain rule\n"
                      "compute ∂L/∂w for every weight. Press ? for the keys; Text view shows it all as text.");
}

// The DOM's "Text view" panel and "?" shortcuts overlay (web/text_layer.js), from the header too.
void draw_text_layer_buttons() {
  if (ImGui::Button("Text view")) toggle_text_view();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Everything on the canvas as text you can select and copy");
  ImGui::SameLine();
  if (ImGui::Button(" ? ")) show_shortcuts();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Keyboard shortcuts (?)");
}

void draw_title() {
  ImGui::PushFont(heading_font());
  ImGui::TextUnformatted("BackpropLens");
  ImGui::PopFont();
}

void draw_wide_header(App& app) {
  draw_title();
  ImGui::SameLine();
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetFontSize() * 0.3f);
  draw_demo_switch(app);
  ImGui::SameLine();
  draw_theme_switch(app);
  ImGui::SameLine();
  if (ImGui::Button("Share / Embed")) open_share_dialog(app);
  ImGui::SameLine();
  draw_export_menu(app);
  ImGui::SameLine();
  if (ImGui::Button("Import")) open_import_dialog(app);
  ImGui::SameLine();
  draw_text_layer_buttons();
  ImGui::SameLine();
  draw_engine_info(app);
}

void draw_narrow_header(App& app) {
  draw_title();
  const char* menu_label = "☰";
  const float menu_w = ImGui::CalcTextSize(menu_label).x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - menu_w);
  if (ImGui::Button(menu_label)) ImGui::OpenPopup("page-menu");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Theme, Share, Export, Import");
  if (ImGui::BeginPopup("page-menu")) {
    // Rows a finger can hit: a menu item is one text line tall, plus this spacing (≥ 32 CSS px in all).
    const ImVec2 spacing = ImGui::GetStyle().ItemSpacing;
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(spacing.x, std::max(spacing.y, 18.0f * app.pixel_ratio)));
    draw_theme_switch(app);
    if (ImGui::MenuItem("Share / Embed…")) open_share_dialog(app);
    if (ImGui::BeginMenu("Export")) {
      draw_export_items(app);
      ImGui::EndMenu();
    }
    if (ImGui::MenuItem("Import…")) open_import_dialog(app);
    if (ImGui::MenuItem("Text view")) toggle_text_view();
    if (ImGui::MenuItem("Keyboard shortcuts (?)")) show_shortcuts();
    ImGui::Separator();
    draw_engine_info(app);
    ImGui::PopStyleVar();
    ImGui::EndPopup();
  }
  draw_demo_switch(app);
  // Play joins the header once the play controls have scrolled up under it.
  const PanelRect* controls = app.page.layout.find("controls");
  if (app.demo == Demo::network && controls && controls->y + controls->height - app.page.scroll_y < header_height(app)) {
    ImGui::SameLine();
    if (ImGui::Button(training_busy(app.network) ? "Pause" : "Play")) toggle_play(app.network);
  }
}

}  // namespace

float header_height(const App& app) { return content_height(app, "header", 90.0f); }

void draw_header(App& app) {
  const ImVec2 window_pos = ImGui::GetWindowPos();
  ImGui::SetCursorScreenPos(window_pos);
  // Opaque, so the panels never show through it; they are clipped below it anyway (app.cpp).
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::GetStyleColorVec4(ImGuiCol_WindowBg));
  ImGui::BeginChild("header", ImVec2(ImGui::GetWindowWidth(), header_height(app) * app.pixel_ratio), false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_AlwaysUseWindowPadding);
  if (ImGui::GetMainViewport()->WorkSize.x / app.pixel_ratio < kTwoColumnWidth) draw_narrow_header(app);
  else draw_wide_header(app);
  record_content_height(app, "header");
  ImGui::EndChild();
  ImGui::PopStyleColor();
  // The dialogs live at the page's level: the ☰ menu that opened one has closed by now.
  draw_share_dialog(app);
  draw_import_dialog(app);
}

}  // namespace bpl::web
