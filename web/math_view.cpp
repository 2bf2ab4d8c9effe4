#include "math_view.h"

#include <algorithm>
#include <unordered_map>

#include "engine/typeset/typeset.h"
#include "platform.h"
#include "theme.h"

namespace bpl::web {

namespace {

using typeset::FontStyle;

constexpr std::string_view kIndicator = "\U0001D7D9";  // 𝟙: outside ImGui's 16-bit glyph range
constexpr float kIndicatorStroke = 0.14f;              // its second stem, em to the right of "1"

ImFont* font_for(FontStyle style) { return formula_font(style == FontStyle::italic); }

// Calls piece(text, is_indicator) for the pieces of `text` between and at each 𝟙.
template <class Piece>
void for_each_piece(std::string_view text, Piece piece) {
  for (;;) {
    const size_t at = text.find(kIndicator);
    if (at == std::string_view::npos) break;
    if (at > 0) piece(text.substr(0, at), false);
    piece(text.substr(at, kIndicator.size()), true);
    text.remove_prefix(at + kIndicator.size());
  }
  if (!text.empty()) piece(text, false);
}

struct ImGuiMetrics final : typeset::GlyphMetrics {
  float advance(std::string_view utf8, float size, FontStyle style) const override {
    ImFont* font = font_for(style);
    float width = 0.0f;
    for_each_piece(utf8, [&](std::string_view piece, bool indicator) {
      if (indicator) piece = "1";
      width += font->CalcTextSizeA(size, 1e9f, 0.0f, piece.data(), piece.data() + piece.size()).x;
      if (indicator) width += kIndicatorStroke * size;
    });
    return width;
  }
  float ascent(float size) const override { return font_for(FontStyle::upright)->Ascent * size / font_for(FontStyle::upright)->FontSize; }
  float descent(float size) const override { return -font_for(FontStyle::upright)->Descent * size / font_for(FontStyle::upright)->FontSize; }
};

struct CachedLayout {
  typeset::Layout layout;
  std::string error;
  int last_used = 0;
};

TypesetStats g_stats;

// Layouts by (latex, size, width): typesetting runs when a formula's text or width changes,
// not every frame.
const CachedLayout& layout_of(const std::string& latex, float size, float max_width) {
  static std::unordered_map<std::string, CachedLayout> cache;
  static int clock = 0;
  std::string key = latex;
  key += '\x1f' + std::to_string(int(size * 4)) + '\x1f' + std::to_string(int(max_width));
  auto it = cache.find(key);
  if (it == cache.end()) {
    if (cache.size() > 512) {  // drop the half used longest ago
      std::vector<int> ages;
      for (const auto& [k, v] : cache) ages.push_back(v.last_used);
      std::nth_element(ages.begin(), ages.begin() + ages.size() / 2, ages.end());
      const int cut = ages[ages.size() / 2];
      for (auto e = cache.begin(); e != cache.end();) e = e->second.last_used <= cut ? cache.erase(e) : std::next(e);
    }
    const double start = now_ms();
    const Result<typeset::Layout> laid = typeset::typeset(latex, ImGuiMetrics{}, {size, max_width, 0.35f});
    CachedLayout entry;
    if (laid.ok()) entry.layout = *laid.value;
    else entry.error = laid.errors.empty() ? "cannot typeset" : laid.errors.front().message;
    g_stats.ms += now_ms() - start;
    ++g_stats.layouts;
    it = cache.emplace(std::move(key), std::move(entry)).first;
  }
  it->second.last_used = ++clock;
  return it->second;
}

void paint(ImDrawList* list, const typeset::Layout& layout, ImVec2 origin, const FormulaStyle& style, ImU32 text,
           int hovered_mark) {
  const auto colour_of = [&](int mark) {
    if (mark < 0 || !style.mark_colour) return text;
    const ImU32 c = style.mark_colour(layout.marks[mark].key);
    return c ? c : text;
  };
  // Backgrounds first: the hovered mark, and every mark the network view lights.
  const ImU32 glow = (palette().highlight & 0x00FFFFFF) | 0x38000000;
  for (size_t k = 0; k < layout.marks.size(); ++k) {
    const typeset::MarkBox& m = layout.marks[k];
    if (int(k) == hovered_mark || (!style.lit_key.empty() && m.key == style.lit_key)) {
      list->AddRectFilled(ImVec2(origin.x + m.x0 - 1, origin.y + m.y0), ImVec2(origin.x + m.x1 + 1, origin.y + m.y1), glow, 3.0f);
    }
  }
  for (const typeset::Rule& r : layout.rules) {
    list->AddRectFilled(ImVec2(origin.x + r.x, origin.y + r.y), ImVec2(origin.x + r.x + r.width, origin.y + r.y + r.height),
                        colour_of(r.mark));
  }
  for (const typeset::GlyphRun& run : layout.runs) {
    ImFont* font = font_for(run.style);
    const float top = origin.y + run.baseline - font->Ascent * run.size / font->FontSize;
    float x = origin.x + run.x;
    const ImU32 colour = colour_of(run.mark);
    for_each_piece(run.text, [&](std::string_view piece, bool indicator) {
      if (indicator) piece = "1";
      const char* begin = piece.data();
      const char* end = begin + piece.size();
      list->AddText(font, run.size, ImVec2(x, top), colour, begin, end);
      if (indicator) list->AddText(font, run.size, ImVec2(x + kIndicatorStroke * run.size, top), colour, begin, end);
      x += font->CalcTextSizeA(run.size, 1e9f, 0.0f, begin, end).x + (indicator ? kIndicatorStroke * run.size : 0.0f);
    });
  }
}

// The formula font is loaded at kFormulaFontSize × the pixel ratio (web/theme.cpp).
float font_px(const FormulaStyle& style) { return formula_font(false)->FontSize * style.scale; }

}  // namespace

const TypesetStats& typeset_stats() { return g_stats; }

nlohmann::json typeset_report(const std::string& latex, float max_width_css) {
  const float ratio = formula_font(false)->FontSize / kFormulaFontSize;
  const CachedLayout& c = layout_of(latex, formula_font(false)->FontSize, max_width_css * ratio);
  if (!c.error.empty()) return {{"ok", false}, {"error", c.error}};
  nlohmann::json marks = nlohmann::json::array();
  for (const typeset::MarkBox& m : c.layout.marks) marks.push_back(m.key);
  return {{"ok", true},
          {"width", c.layout.width / ratio},
          {"height", c.layout.height / ratio},
          {"lines", c.layout.lines},
          {"runs", c.layout.runs.size()},
          {"marks", marks}};
}

ImVec2 formula_size(const std::string& latex, const FormulaStyle& style, float max_width) {
  const CachedLayout& c = layout_of(latex, font_px(style), style.wrap ? max_width : 0.0f);
  return c.error.empty() ? ImVec2(c.layout.width, c.layout.height) : ImGui::CalcTextSize(c.error.c_str(), nullptr, false, max_width);
}

std::string draw_formula(const char* id, const std::string& latex, const FormulaStyle& style) {
  const float avail = std::max(ImGui::GetContentRegionAvail().x, 40.0f);
  const CachedLayout& c = layout_of(latex, font_px(style), style.wrap ? avail : 0.0f);
  if (!c.error.empty()) {
    ImGui::TextWrapped("%s", c.error.c_str());
    return "";
  }
  const typeset::Layout& layout = c.layout;
  const ImU32 text = style.text ? style.text : ImGui::GetColorU32(ImGuiCol_Text);
  const bool scrolls = layout.width > avail + 0.5f;
  ImGui::PushID(id);
  if (scrolls) {
    // One formula that cannot break: its own box, scrolled sideways, never wrapped into nonsense.
    const float bar = ImGui::GetStyle().ScrollbarSize;
    ImGui::BeginChild("scroll", ImVec2(avail, layout.height + bar + 2.0f), false, ImGuiWindowFlags_HorizontalScrollbar);
  }
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("formula", ImVec2(std::max(layout.width, 1.0f), std::max(layout.height, 1.0f)));
  int hovered = -1;
  if (ImGui::IsItemHovered()) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    hovered = typeset::mark_at(layout, mouse.x - origin.x, mouse.y - origin.y);
  }
  paint(ImGui::GetWindowDrawList(), layout, origin, style, text, hovered);
  if (scrolls) ImGui::EndChild();
  ImGui::PopID();
  return hovered >= 0 ? layout.marks[hovered].key : std::string();
}

}  // namespace bpl::web
