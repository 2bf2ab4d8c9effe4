#pragma once
// The one helper of the expr tests: parse-or-fail, a closeness check scaled to
// the magnitude compared, and reproducible random points (same natively and in wasm).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <string>

#include "engine/expr/expr.h"
#include "engine/expr/gradcheck.h"

#include "bpl_require.h"

namespace bpl::expr::testing {

// Parses or fails the test; on failure returns the graph of "0" so the caller
// can go on without indexing an empty arena (REQUIRE is unavailable in wasm).
inline Graph parse_ok(const std::string& source) {
  ParseResult parsed = parse(source);
  INFO("source: ", source, "  error: ", describe(parsed.error));
  CHECK(parsed.ok);
  return parsed.ok ? parsed.graph : parse("0").graph;
}

// |a − b| ≤ tolerance · max(1, |a|, |b|)
inline bool close(double a, double b, double tolerance) {
  const double scale = std::fmax(1.0, std::fmax(std::fabs(a), std::fabs(b)));
  return std::fabs(a - b) <= tolerance * scale;
}

// splitmix64: a fixed sequence on every platform.
class Points {
 public:
  explicit Points(std::uint64_t seed) : state_(seed) {}
  double uniform(double lo, double hi) {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return lo + (hi - lo) * static_cast<double>(z >> 11) / 9007199254740992.0;  // / 2^53
  }

 private:
  std::uint64_t state_;
};

}  // namespace bpl::expr::testing
