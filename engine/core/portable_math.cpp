// Only + − × ÷, frexp/floor (exact operations) and constants: the same bits on
// every IEEE-754 platform as long as the compiler does not fuse a·b + c
// (C++17 mode: GCC keeps -ffp-contract=off; wasm has no scalar FMA).
#include "engine/core/portable_math.h"

#include <cmath>
#include <limits>

namespace bpl {
namespace {

constexpr double kLn2Hi = 6.93147180369123816490e-01;  // ln 2 split in two (fdlibm): e·kLn2Hi is exact
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double kSqrtHalf = 0.70710678118654752440;
constexpr double kTwoPi = 6.28318530717958647692;

// sin x and cos x for |x| ≤ π/4 by their Taylor series, nested:
//   sin x = x(1 − x²/(2·3)(1 − x²/(4·5)(1 − …)))   cos x = 1 − x²/(1·2)(1 − x²/(3·4)(1 − …))
// (the first omitted terms, x²¹/21! and x²²/22!, are below 1e-20).
double sin_taylor(double x) {
  const double x2 = x * x;
  double inner = 1.0;
  for (int k = 19; k >= 3; k -= 2) inner = 1.0 - x2 / double(k * (k - 1)) * inner;
  return x * inner;
}

double cos_taylor(double x) {
  const double x2 = x * x;
  double inner = 1.0;
  for (int k = 20; k >= 2; k -= 2) inner = 1.0 - x2 / double(k * (k - 1)) * inner;
  return inner;
}

}  // namespace

// ln x = e·ln 2 + ln m, x = m·2ᵉ with m ∈ [√½, √2);
// ln m = 2·atanh(s) = 2s·(1 + s²/3 + s⁴/5 + …), s = (m−1)/(m+1), |s| ≤ 0.172.
double portable_log(double x) {
  if (!(x > 0.0)) return x == 0.0 ? -std::numeric_limits<double>::infinity()
                                  : std::numeric_limits<double>::quiet_NaN();
  if (x == std::numeric_limits<double>::infinity()) return x;
  int e = 0;
  double m = std::frexp(x, &e);  // m ∈ [0.5, 1)
  if (m < kSqrtHalf) {
    m *= 2.0;
    e -= 1;
  }
  const double s = (m - 1.0) / (m + 1.0);
  const double w = s * s;
  double series = 0.0;
  for (int k = 12; k >= 0; --k) series = series * w + 1.0 / double(2 * k + 1);
  return double(e) * kLn2Hi + (2.0 * s * series + double(e) * kLn2Lo);
}

// r = turns − ⌊turns⌋ ∈ [0,1); q = nearest quarter turn; f = r − q/4 ∈ [−⅛, ⅛] (all exact);
// sin(2π(q/4 + f)) by the quadrant identities.
double sin_turns(double turns) {
  const double r = turns - std::floor(turns);
  const double q = std::floor(r * 4.0 + 0.5);
  const double x = (r - q * 0.25) * kTwoPi;
  switch (int(q) & 3) {
    case 0: return sin_taylor(x);
    case 1: return cos_taylor(x);
    case 2: return -sin_taylor(x);
    default: return -cos_taylor(x);
  }
}

double cos_turns(double turns) {
  const double r = turns - std::floor(turns);
  const double q = std::floor(r * 4.0 + 0.5);
  const double x = (r - q * 0.25) * kTwoPi;
  switch (int(q) & 3) {
    case 0: return cos_taylor(x);
    case 1: return -sin_taylor(x);
    case 2: return -cos_taylor(x);
    default: return sin_taylor(x);
  }
}

}  // namespace bpl
