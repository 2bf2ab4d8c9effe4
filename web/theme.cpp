#include "theme.h"

#include "embedded_assets.h"

namespace bpl::web {

namespace {

// Mermaid default theme: #ECECFF node fill, #9370DB border, #333 text, #fffff4 subgraph.
const Palette kLight = {
    IM_COL32(0xEC, 0xEC, 0xFF, 0xFF), IM_COL32(0x93, 0x70, 0xDB, 0xFF), IM_COL32(0x33, 0x33, 0x33, 0xFF),
    IM_COL32(0x33, 0x33, 0x33, 0xFF), IM_COL32(0x1F, 0x77, 0xB4, 0xFF), IM_COL32(0xE6, 0x55, 0x0D, 0xFF),
    IM_COL32(0xE8, 0x1E, 0x63, 0xFF), IM_COL32(0xFF, 0xFF, 0xDE, 0xFF), IM_COL32(0xAA, 0xAA, 0x33, 0xFF),
    IM_COL32(0x77, 0x77, 0x77, 0xFF)};
// Mermaid dark theme: #1f2020 node fill, #cccccc border and text.
const Palette kDark = {
    IM_COL32(0x1F, 0x20, 0x20, 0xFF), IM_COL32(0xCC, 0xCC, 0xCC, 0xFF), IM_COL32(0xE0, 0xE0, 0xE0, 0xFF),
    IM_COL32(0xCC, 0xCC, 0xCC, 0xFF), IM_COL32(0x4F, 0xA3, 0xE0, 0xFF), IM_COL32(0xF0, 0x8A, 0x4B, 0xFF),
    IM_COL32(0xFF, 0x40, 0x81, 0xFF), IM_COL32(0x33, 0x33, 0x33, 0xFF), IM_COL32(0x88, 0x88, 0x88, 0xFF),
    IM_COL32(0x99, 0x99, 0x99, 0xFF)};

const Palette* g_palette = &kLight;
ImFont* g_heading = nullptr;
bool g_touch_targets = false;

// Keep in sync with web/font_unicodes.txt (the glyphs the subset font keeps).
const ImWchar kGlyphRanges[] = {0x0020, 0x007E, 0x00A0, 0x017F, 0x0370, 0x03FF, 0x1D00, 0x1D7F,
                                0x2000, 0x206F, 0x2070, 0x209F, 0x2100, 0x214F, 0x2190, 0x21FF,
                                0x2200, 0x22FF, 0x2300, 0x23FF, 0x25A0, 0x25FF, 0x2600, 0x27BF, 0x27E8, 0x27EB, 0};

void load_fonts(float pixel_ratio) {
  ImGuiIO& io = ImGui::GetIO();
  const EmbeddedAsset* font = find_asset("math_font.ttf");
  IM_ASSERT(font && "math_font.ttf is embedded by web/web.cmake");
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;  // static data
  config.OversampleH = 2;
  void* data = const_cast<unsigned char*>(font->bytes);
  const int size = static_cast<int>(font->size);
  io.Fonts->AddFontFromMemoryTTF(data, size, 15.0f * pixel_ratio, &config, kGlyphRanges);
  g_heading = io.Fonts->AddFontFromMemoryTTF(data, size, 22.0f * pixel_ratio, &config, kGlyphRanges);
}

}  // namespace

const Palette& palette() { return *g_palette; }
void set_touch_targets(bool coarse_pointer) { g_touch_targets = coarse_pointer; }
ImFont* heading_font() { return g_heading; }

void apply_theme(Theme theme, float pixel_ratio) {
  ImGuiIO& io = ImGui::GetIO();
  if (io.Fonts->Fonts.empty()) load_fonts(pixel_ratio);
  ImGuiStyle style;
  // Widget frames get a 1 px border with ≥ 3:1 contrast against the window (WCAG 1.4.11):
  // ImGui's own frames are white on near-white (light) and dark blue on black (dark).
  // Contrast (L1 + 0.05) / (L2 + 0.05) of relative luminances: light 0.45 grey on 0.98 ≈ 4.5:1,
  // dark 0.60 grey on ImGui's 0.06 ≈ 5.9:1.
  if (theme == Theme::light) {
    ImGui::StyleColorsLight(&style);
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.98f, 0.98f, 0.99f, 1.0f);
    style.Colors[ImGuiCol_Border] = ImVec4(0.45f, 0.45f, 0.48f, 1.0f);
  } else {
    ImGui::StyleColorsDark(&style);
    style.Colors[ImGuiCol_Border] = ImVec4(0.60f, 0.62f, 0.68f, 1.0f);
  }
  style.FrameBorderSize = 1.0f;
  style.WindowRounding = 4.0f;
  style.FrameRounding = 3.0f;
  style.GrabRounding = 3.0f;
  if (g_touch_targets) {
    // A frame is the 15 px font plus twice FramePadding.y: 15 + 2 × 9 = 33 CSS px.
    style.FramePadding = ImVec2(10.0f, 9.0f);
    style.ItemSpacing = ImVec2(10.0f, 8.0f);
    style.ItemInnerSpacing = ImVec2(8.0f, 6.0f);
    style.GrabMinSize = 24.0f;
    style.ScrollbarSize = 18.0f;
  }
  style.ScaleAllSizes(pixel_ratio);
  ImGui::GetStyle() = style;
  g_palette = theme == Theme::light ? &kLight : &kDark;
}

}  // namespace bpl::web
