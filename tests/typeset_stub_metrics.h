#pragma once
// Fixed glyph metrics for the typesetter's tests and fuzz target: every glyph
// (a UTF-8 code point) is 0.5 × size wide, 0.8 × size above the baseline and
// 0.2 × size below it, so expected positions can be worked out by hand.
#include <string_view>

#include "engine/typeset/typeset.h"

namespace bpl::testing {

struct StubMetrics : typeset::GlyphMetrics {
  float advance(std::string_view utf8, float size, typeset::FontStyle) const override {
    int code_points = 0;
    for (char c : utf8) code_points += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return 0.5f * size * code_points;
  }
  float ascent(float size) const override { return 0.8f * size; }
  float descent(float size) const override { return 0.2f * size; }
};

}  // namespace bpl::testing
