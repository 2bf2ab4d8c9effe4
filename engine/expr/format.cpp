#include "engine/expr/format.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace bpl::expr {

std::string format_number(double v) {
  if (std::isnan(v)) return "undefined";
  if (std::isinf(v)) return v > 0 ? "∞" : "-∞";
  if (v == 0) return "0";  // also -0
  char buffer[32];
  if (std::fabs(v) < 1e15 && v == std::floor(v)) {
    std::snprintf(buffer, sizeof buffer, "%.0f", v);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.6g", v);
  }
  return buffer;
}

std::string format_exact(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  if (v == 0) return "0";
  char buffer[32];
  // The first precision that round-trips is the shortest faithful text.
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, v);
    if (std::strtod(buffer, nullptr) == v) break;
  }
  return buffer;
}

std::string format_factor(double v) {
  const std::string text = format_number(v);
  return (v < 0 || std::signbit(v)) && v != 0 ? "(" + text + ")" : text;
}

}  // namespace bpl::expr
