#pragma once
// The typesetter tests' lookups, with the fixed metrics of typeset_stub_metrics.h
// (every glyph 0.5 × size wide, 0.8 × size up, 0.2 × size down).
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "engine/typeset/typeset.h"
#include "typeset_stub_metrics.h"

namespace bpl::testing {

// A glyph run's box: its advance wide, from ascent above to descent below the baseline.
struct RunBox {
  float x0, y0, x1, y1;
  float centre_x() const { return (x0 + x1) / 2; }
};
inline RunBox box_of(const typeset::GlyphRun& run) {
  return {run.x, run.baseline - 0.8f * run.size, run.x + run.width, run.baseline + 0.2f * run.size};
}

// The layout of `latex`, which must typeset.
inline typeset::Layout layout_of(std::string_view latex, typeset::Options options = {}) {
  const Result<typeset::Layout> result = typeset::typeset(latex, StubMetrics{}, options);
  CHECK_MESSAGE(result.ok(), latex, ": ", result.errors.empty() ? "" : result.errors[0].message);
  return result.ok() ? *result.value : typeset::Layout{};
}

// The run whose text is exactly `text`; nullptr (and a failed check) when none.
inline const typeset::GlyphRun* run_with(const typeset::Layout& layout, std::string_view text) {
  for (const typeset::GlyphRun& run : layout.runs) {
    if (run.text == text) return &run;
  }
  CHECK_MESSAGE(false, "no run \"", std::string(text), "\"");
  return nullptr;
}

}  // namespace bpl::testing
