#pragma once
// The engine's one source of randomness: xoshiro256** seeded through
// splitmix64, with our own distributions (never std::*_distribution, whose
// output differs between standard libraries). Same seed ⇒ same numbers,
// natively and in wasm.
#include <cstdint>
#include <vector>

namespace bpl {

// Independent streams of one seed, so that e.g. changing the dataset leaves
// the initial weights alone.
enum class RngStream : std::uint64_t { dataset = 1, weights = 2, shuffle = 3, split = 4 };

class Rng {
 public:
  explicit Rng(std::uint64_t seed);
  Rng(std::uint64_t seed, RngStream stream);

  std::uint64_t next_u64();
  // Uniform on [0, 1) with 53 random bits.
  double uniform();
  // Uniform on [lo, hi).
  double uniform(double lo, double hi);
  // Standard normal by Box–Muller: √(−2 ln u₁)·cos(2πu₂), then √(−2 ln u₁)·sin(2πu₂)
  // on the next call.
  double normal();
  // Uniform integer in [0, n), n ≥ 1, without modulo bias (Lemire's method).
  int below(int n);
  // Fisher–Yates.
  void shuffle(std::vector<int>& values);

 private:
  std::uint64_t state_[4];
  bool has_spare_normal_ = false;
  double spare_normal_ = 0.0;
};

}  // namespace bpl
