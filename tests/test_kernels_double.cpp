// The dense __ref kernels in double, the precision of gradient checks and
// `bp grad` (engine/mlp/linalg.cpp calls them), against loops written here.
// The float instances are tested on awkward sizes in test_kernels.cpp; these
// check that the double ones keep double precision: a float-rounded
// intermediate would be off by ~1e-7, far outside the tolerance.
#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <vector>

#include "engine/kernels/reference.h"

namespace kn = bpl::kernels;

namespace {

// k = 11: one full 8-lane block of gemm_nt's partial sums and a tail.
constexpr int kRows = 3, kN = 5, kK = 11, kPad = 2;
constexpr double kTolerance = 1e-13;  // sums of ≤ 11 products of magnitude ≤ 1: a few ulps

// rows×cols in [−1, 1], leading dimension cols + kPad (the padding is never read: NaN).
std::vector<double> random_matrix(std::mt19937& rng, int rows, int cols) {
  std::uniform_real_distribution<double> dist(-1.0, 1.0);
  std::vector<double> m(std::size_t(rows) * (cols + kPad), std::nan(""));
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) m[std::size_t(r) * (cols + kPad) + c] = dist(rng);
  return m;
}

double at(const std::vector<double>& m, int cols, int r, int c) {
  return m[std::size_t(r) * (cols + kPad) + c];
}

}  // namespace

TEST_CASE("kernels::dense_forward__ref<double>: z = x·wᵀ + b, a = tanh z, to double rounding") {
  std::mt19937 rng(11);
  const std::vector<double> x = random_matrix(rng, kRows, kK), w = random_matrix(rng, kN, kK);
  const std::vector<double> bias = random_matrix(rng, 1, kN);
  std::vector<double> z(std::size_t(kRows) * (kN + kPad)), a(z.size());
  kn::dense_forward__ref(kRows, kN, kK, x.data(), kK + kPad, w.data(), kK + kPad, bias.data(),
                         z.data(), kN + kPad, a.data(), kN + kPad, kn::Activation::tanh, 0.0);
  for (int r = 0; r < kRows; ++r) {
    for (int j = 0; j < kN; ++j) {
      double want = bias[j];
      for (int p = 0; p < kK; ++p) want += at(x, kK, r, p) * at(w, kK, j, p);
      CHECK(at(z, kN, r, j) == doctest::Approx(want).epsilon(kTolerance));
      CHECK(at(a, kN, r, j) == doctest::Approx(std::tanh(want)).epsilon(kTolerance));
    }
  }
}

TEST_CASE("kernels::dense_weight_gradients__ref<double>: dW = α·δᵀ·x, db = α·Σ δ, to double rounding") {
  std::mt19937 rng(12);
  const std::vector<double> delta = random_matrix(rng, kRows, kN), x = random_matrix(rng, kRows, kK);
  const double alpha = 1.0 / 3.0;  // 1/B, not a power of two
  std::vector<double> dw(std::size_t(kN) * (kK + kPad), std::nan("")), db(kN, std::nan(""));
  kn::dense_weight_gradients__ref(kRows, kN, kK, alpha, delta.data(), kN + kPad, x.data(),
                                  kK + kPad, 0.0, dw.data(), kK + kPad, db.data());
  for (int j = 0; j < kN; ++j) {
    double bias_sum = 0.0;
    for (int r = 0; r < kRows; ++r) bias_sum += at(delta, kN, r, j);
    CHECK(db[j] == doctest::Approx(alpha * bias_sum).epsilon(kTolerance));
    for (int p = 0; p < kK; ++p) {
      double sum = 0.0;
      for (int r = 0; r < kRows; ++r) sum += at(delta, kN, r, j) * at(x, kK, r, p);
      CHECK(at(dw, kK, j, p) == doctest::Approx(alpha * sum).epsilon(kTolerance));
    }
  }
}

TEST_CASE("kernels::dense_input_delta__ref<double>: dx = (δ·w) ⊙ σ'(z), to double rounding") {
  std::mt19937 rng(13);
  const std::vector<double> delta = random_matrix(rng, kRows, kN), w = random_matrix(rng, kN, kK);
  const std::vector<double> z = random_matrix(rng, kRows, kK);
  std::vector<double> a(z.size());
  for (std::size_t i = 0; i < z.size(); ++i) a[i] = 1.0 / (1.0 + std::exp(-z[i]));  // σ(z)
  std::vector<double> dx(z.size(), std::nan(""));
  kn::dense_input_delta__ref(kRows, kN, kK, delta.data(), kN + kPad, w.data(), kK + kPad, z.data(),
                             kK + kPad, a.data(), kK + kPad, dx.data(), kK + kPad,
                             kn::Activation::sigmoid, 0.0);
  for (int r = 0; r < kRows; ++r) {
    for (int p = 0; p < kK; ++p) {
      double upstream = 0.0;
      for (int j = 0; j < kN; ++j) upstream += at(delta, kN, r, j) * at(w, kK, j, p);
      const double sigmoid = at(a, kK, r, p);
      CHECK(at(dx, kK, r, p) ==
            doctest::Approx(upstream * sigmoid * (1.0 - sigmoid)).epsilon(kTolerance));
    }
  }
}
