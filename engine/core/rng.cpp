#include "engine/core/rng.h"

#include <cmath>

#include "engine/core/expect.h"
#include "engine/core/portable_math.h"

namespace bpl {
namespace {

// splitmix64 (Steele, Lea, Flood): expands one 64-bit seed into xoshiro's state.
std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

Rng::Rng(std::uint64_t seed) {
  std::uint64_t x = seed;
  for (std::uint64_t& s : state_) s = splitmix64(x);
}

Rng::Rng(std::uint64_t seed, RngStream stream)
    : Rng(seed ^ (static_cast<std::uint64_t>(stream) * 0xD1B54A32D192ED03ull)) {}

// xoshiro256** (Blackman, Vigna).
std::uint64_t Rng::next_u64() {
  const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
  const std::uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = rotl(state_[3], 45);
  return result;
}

// The top 53 bits as k·2⁻⁵³: exactly representable, in [0, 1).
double Rng::uniform() { return double(next_u64() >> 11) * 0x1.0p-53; }

double Rng::uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

// Box–Muller: u₁ ∈ (0, 1], u₂ ∈ [0, 1);  r = √(−2 ln u₁);  (r cos 2πu₂, r sin 2πu₂) are two
// independent N(0, 1). log/cos/sin are ours (engine/core/portable_math.h), sqrt is exact IEEE.
double Rng::normal() {
  if (has_spare_normal_) {
    has_spare_normal_ = false;
    return spare_normal_;
  }
  const double u1 = 1.0 - uniform();
  const double u2 = uniform();
  const double r = std::sqrt(-2.0 * portable_log(u1));
  spare_normal_ = r * sin_turns(u2);
  has_spare_normal_ = true;
  return r * cos_turns(u2);
}

// Lemire's multiply-shift with rejection: m = x·n (x 32 random bits); accept unless the low
// half falls in the 2³² mod n values that would bias the result.
int Rng::below(int n) {
  BPL_EXPECT(n >= 1, "Rng::below needs n >= 1");
  const std::uint32_t range = static_cast<std::uint32_t>(n);
  std::uint64_t m = (next_u64() >> 32) * range;
  std::uint32_t low = static_cast<std::uint32_t>(m);
  if (low < range) {
    const std::uint32_t threshold = (0u - range) % range;
    while (low < threshold) {
      m = (next_u64() >> 32) * range;
      low = static_cast<std::uint32_t>(m);
    }
  }
  return int(m >> 32);
}

void Rng::shuffle(std::vector<int>& values) {
  for (int i = int(values.size()) - 1; i > 0; --i) {
    const int j = below(i + 1);
    std::swap(values[i], values[j]);
  }
}

}  // namespace bpl
