// libFuzzer target: any bytes → typeset (fixed metrics, with and without a max width).
// Refused: one error naming "latex", refused for its length exactly when over the cap.
// Laid out: every coordinate finite, every mark index in range, mark_at in range;
// strip_marks never grows the text. A failed invariant aborts with a message.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "engine/typeset/typeset.h"
#include "tests/typeset_stub_metrics.h"

using namespace bpl;
using namespace bpl::typeset;

namespace {

void require(bool condition, const char* what) {
  if (condition) return;
  std::fprintf(stderr, "invariant failed: %s\n", what);
  std::abort();
}

bool finite(float v) { return std::isfinite(v); }

void check_layout(const Layout& layout) {
  require(finite(layout.width) && finite(layout.height), "finite extent");
  require(layout.width >= 0 && layout.height >= 0 && layout.lines >= 1, "a non-negative extent, one line or more");
  const int marks = static_cast<int>(layout.marks.size());
  for (const GlyphRun& run : layout.runs) {
    require(finite(run.x) && finite(run.baseline) && finite(run.size) && finite(run.width), "finite run");
    require(run.size > 0 && !run.text.empty(), "a run has a size and text");
    require(run.mark >= -1 && run.mark < marks, "run mark in range");
    require(run.x >= 0, "nothing left of the layout");
  }
  for (const Rule& rule : layout.rules) {
    require(finite(rule.x) && finite(rule.y) && finite(rule.width) && finite(rule.height), "finite rule");
    require(rule.mark >= -1 && rule.mark < marks, "rule mark in range");
  }
  for (const MarkBox& m : layout.marks) {
    require(finite(m.x0) && finite(m.y0) && finite(m.x1) && finite(m.y1), "finite mark box");
    require(!m.key.empty() && m.key.size() <= 64, "a mark has a key of 1 to 64 characters");
    const int hit = mark_at(layout, (m.x0 + m.x1) / 2, (m.y0 + m.y1) / 2);
    require(hit >= 0 && hit < marks, "a mark's centre hits a mark");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view latex(reinterpret_cast<const char*>(data), size);
  const testing::StubMetrics metrics;
  for (float max_width : {0.0f, 120.0f}) {
    Options options;
    options.max_width = max_width;
    const Result<Layout> result = typeset::typeset(latex, metrics, options);
    if (!result.ok()) {
      require(result.errors.size() == 1 && result.errors[0].field == "latex", "one error, naming latex");
      const std::string& message = result.errors[0].message;
      require(!message.empty(), "an error has a message");
      const bool refused_for_length = message.find("bytes, more than") != std::string::npos;
      require(refused_for_length == (size > kMaxLatexBytes), "refused for its length exactly when over the cap");
      break;
    }
    check_layout(*result.value);
  }
  require(strip_marks(latex).size() <= size, "strip_marks never grows the text");
  return 0;
}
