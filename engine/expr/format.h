#pragma once
// Numbers as a learner reads them, and as text that parses back exactly.
#include <string>

namespace bpl::expr {

// Up to 6 significant digits; integers below 1e15 in full; NaN → "undefined".
std::string format_number(double v);
// The shortest text that reads back as the same double ("0.1", "1e-05").
std::string format_exact(double v);
// format_number, in parentheses when negative: for use inside a product "8·(-2)".
std::string format_factor(double v);

}  // namespace bpl::expr
