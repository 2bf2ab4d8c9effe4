#include "theme.h"

#include "embedded_assets.h"

namespace bpl::web {

namespace {

// Mermaid default theme: #ECECFF node fill, #9370DB border, #333 text, #fffff4 subgraph.
const Palette kLight = {
    IM_COL32(0xEC, 0xEC, 0xFF, 0xFF), IM_COL32(0x93, 0x70, 0xDB, 0xFF), IM_COL32(0x33, 0x33, 0x33, 0xFF),
    IM_COL32(0x33, 0x33, 0x33, 0xFF), IM_COL32(0x1F, 0x77, 0xB4, 0xFF), IM_COL32(0xE6, 0x55, 0x0D, 0xFF),
    IM_COL32(0xE8, 0x1E, 0x63, 0xFF), IM_COL32(0xFF, 0xFF, 0xDE, 0xFF), IM_COL32(0xAA, 0xAA, 0x33, 0xFF),
    IM_COL32(0x77, 0x77, 0x77, 0xFF), IM_COL32(0x1F, 0x6F, 0xB0, 0xFF), IM_COL32(0xFF, 0xFF, 0xFF, 0xFF),
    IM_COL32(0xFF, 0xF6, 0xC8, 0xFF)};
// Mermaid dark theme: #1f2020 node fill, #cccccc border and text.
const Palette kDark = {
    IM_COL32(0x1F, 0x20, 0x20, 0xFF), IM_COL32(0xCC, 0xCC, 0xCC, 0xFF), IM_COL32(0xE0, 0xE0, 0xE0, 0xFF),
    IM_COL32(0xCC, 0xCC, 0xCC, 0xFF), IM_COL32(0x4F, 0xA3, 0xE0, 0xFF), IM_COL32(0xF0, 0x8A, 0x4B, 0xFF),
    IM_COL32(0xFF, 0x40, 0x81, 0xFF), IM_COL32(0x33, 0x33, 0x33, 0xFF), IM_COL32(0x88, 0x88, 0x88, 0xFF),
    IM_COL32(0x99, 0x99, 0x99, 0xFF), IM_COL32(0x1F, 0x6F, 0xB0, 0xFF), IM_COL32(0xFF, 0xFF, 0xFF, 0xFF),
    IM_COL32(0x3A, 0x36, 0x20, 0xFF)};

// Okabe–Ito hues, darkened for the light theme and lightened for the dark one, so each reads as
// text: blue, vermilion, bluish green, reddish purple, ochre, indigo.
const ImU32 kFactorLight[] = {IM_COL32(0x0B, 0x5F, 0xA5, 0xFF), IM_COL32(0xB8, 0x46, 0x0B, 0xFF),
                              IM_COL32(0x0B, 0x7A, 0x55, 0xFF), IM_COL32(0xA3, 0x30, 0x7D, 0xFF),
                              IM_COL32(0x7A, 0x5A, 0x00, 0xFF), IM_COL32(0x5B, 0x4B, 0xB7, 0xFF)};
const ImU32 kFactorDark[] = {IM_COL32(0x6C, 0xB4, 0xF0, 0xFF), IM_COL32(0xFF, 0x9A, 0x5C, 0xFF),
                             IM_COL32(0x4F, 0xD1, 0xA0, 0xFF), IM_COL32(0xF0, 0x8A, 0xC8, 0xFF),
                             IM_COL32(0xE3, 0xC1, 0x5A, 0xFF), IM_COL32(0xA9, 0x9B, 0xFF, 0xFF)};

const Palette* g_palette = &kLight;
ImFont* g_heading = nullptr;
ImFont* g_formula[2] = {nullptr, nullptr};  // upright, italic
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
  // Formulas: DejaVu Serif at their own size; the glyphs it lacks (ℓ, ⋯) merged in from the math font.
  static const ImWchar kFormulaRanges[] = {0x0020, 0x007E, 0x00B1, 0x00B1, 0x00D7, 0x00D7, 0x0177, 0x0177,
                                           0x02C6, 0x02C6, 0x0391, 0x03D5,
                                           0x2026, 0x2026, 0x2032, 0x2032, 0x2113, 0x2113, 0x2190, 0x2193, 0x2200, 0x22FF, 0};
  const char* const faces[2] = {"DejaVuSerif.ttf", "DejaVuSerif-Italic.ttf"};
  for (int k = 0; k < 2; ++k) {
    const EmbeddedAsset* face = find_asset(faces[k]);
    IM_ASSERT(face && "the formula fonts are embedded by web/web.cmake");
    g_formula[k] = io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(face->bytes), int(face->size),
                                                  kFormulaFontSize * pixel_ratio, &config, kFormulaRanges);
    ImFontConfig merge = config;
    merge.MergeMode = true;  // adds only the glyphs the serif face lacks
    io.Fonts->AddFontFromMemoryTTF(data, size, kFormulaFontSize * pixel_ratio, &merge, kFormulaRanges);
  }
}

}  // namespace

const Palette& palette() { return *g_palette; }
void set_touch_targets(bool coarse_pointer) { g_touch_targets = coarse_pointer; }
ImFont* heading_font() { return g_heading; }

ImU32 factor_palette_colour(int index) {
  const ImU32* colours = g_palette == &kDark ? kFactorDark : kFactorLight;
  return colours[index % 6];
}
ImFont* formula_font(bool italic) { return g_formula[italic ? 1 : 0]; }

void apply_theme(Theme theme, float pixel_ratio) {
  ImGuiIO& io = ImGui::GetIO();
  if (io.Fonts->Fonts.empty()) load_fonts(pixel_ratio);
  ImGuiStyle style;
  // Widget frames get a 1 px border with ≥ 3:1 contrast against the window (WCAG 1.4.11):
  // ImGui's own frames are white on near-white (light) and dark blue on black (dark).
  // Contrast (L1 + 0.05) / (L2 + 0.05) of relative luminances: light 0.45 grey on 0.98 ≈ 4.5:1,
  // dark 0.60 grey on ImGui's 0.06 ≈ 5.9:1.
  // The keyboard focus rectangle (NavHighlight) likewise: light #1A5FB4 on #FAFAFC ≈ 6.0:1,
  // dark #66B3FF on #0F0F0F ≈ 8.6:1 (ImGui's own blue is 2.9:1 on the light window).
  if (theme == Theme::light) {
    ImGui::StyleColorsLight(&style);
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.98f, 0.98f, 0.99f, 1.0f);
    style.Colors[ImGuiCol_Border] = ImVec4(0.45f, 0.45f, 0.48f, 1.0f);
    style.Colors[ImGuiCol_NavHighlight] = ImVec4(0x1A / 255.0f, 0x5F / 255.0f, 0xB4 / 255.0f, 1.0f);
  } else {
    ImGui::StyleColorsDark(&style);
    style.Colors[ImGuiCol_Border] = ImVec4(0.60f, 0.62f, 0.68f, 1.0f);
    style.Colors[ImGuiCol_NavHighlight] = ImVec4(0x66 / 255.0f, 0xB3 / 255.0f, 0xFF / 255.0f, 1.0f);
  }
  // A slider draws its value over its grab: a translucent grab keeps the value readable.
  style.Colors[ImGuiCol_SliderGrab].w = 0.35f;
  style.Colors[ImGuiCol_SliderGrabActive].w = 0.55f;
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
