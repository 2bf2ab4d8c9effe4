#pragma once
// One tester per kernel family, XNNPACK style: set a shape with the builder
// methods, then test(kernel) runs it on seeded random data and checks every
// output against an independent double-precision loop written here (not the
// __ref kernel). test(kernel, reference) additionally compares two variants.
//
// Each tester also checks what a kernel must NOT touch: padding between
// cols and the leading dimension is NaN in inputs (a kernel that reads it
// poisons its result) and a sentinel in outputs (a kernel that writes it is
// caught), and beta = 0 runs with a NaN-filled output.
//
// Sections (the file is long because each tester carries its own oracle):
//   Matrix             padded row-major buffer with NaN/sentinel padding checks
//   GemmTester         gemm_nn / gemm_nt / gemm_tn vs a double triple loop
//   activate_exact, derivative_exact, interesting_z   double activations, inputs
//   ActivationTester   bias_activation / activation_backward
//   ColumnSumsTester   column_sums
//   suites             run_gemm_suite, run_activation_suite, run_column_sums_suite:
//                      the awkward sizes every variant runs through
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "engine/kernels/kernels.h"

namespace bpl::kernels::testing {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kSentinel = -12345.0f;  // written to output padding; must survive

// A rows×cols matrix with leading dimension cols + pad; padding holds `fill`.
struct Matrix {
  int rows = 0, cols = 0, ld = 1;
  std::vector<float> data;
  Matrix(int r, int c, int pad, float fill)
      : rows(r), cols(c), ld(c + pad > 0 ? c + pad : 1), data(std::size_t(r) * ld + 1, fill) {}
  float& at(int r, int c) { return data[std::size_t(r) * ld + c]; }
  float at(int r, int c) const { return data[std::size_t(r) * ld + c]; }
  void randomize(std::mt19937& rng, float lo, float hi) {
    std::uniform_real_distribution<float> dist(lo, hi);
    for (int r = 0; r < rows; ++r)
      for (int c = 0; c < cols; ++c) at(r, c) = dist(rng);
  }
  // Every padding float is bitwise what fill() put there (NaN-aware).
  bool padding_is(float fill) const {
    for (std::size_t i = 0; i < data.size(); ++i) {
      const bool is_padding = i >= std::size_t(rows) * ld || int(i % ld) >= cols;
      if (!is_padding) continue;
      if (std::isnan(fill) ? !std::isnan(data[i]) : data[i] != fill) return false;
    }
    return true;
  }
};

using GemmFn = void (*)(int, int, int, float, const float*, int, const float*, int, float, float*,
                        int);
enum class GemmForm { nn, nt, tn };

class GemmTester {
 public:
  GemmTester& form(GemmForm f) {
    form_ = f;
    return *this;
  }
  GemmTester& m(int v) {
    m_ = v;
    return *this;
  }
  GemmTester& n(int v) {
    n_ = v;
    return *this;
  }
  GemmTester& k(int v) {
    k_ = v;
    return *this;
  }
  // Extra floats per row beyond the stored columns (ld = cols + pad).
  GemmTester& pad(int a, int b, int c) {
    pad_a_ = a;
    pad_b_ = b;
    pad_c_ = c;
    return *this;
  }
  GemmTester& alpha(float v) {
    alpha_ = v;
    return *this;
  }
  GemmTester& beta(float v) {
    beta_ = v;
    return *this;
  }
  GemmTester& seed(unsigned v) {
    seed_ = v;
    return *this;
  }

  // C = alpha·op(A)·op(B) + beta·C against a double loop. Rounding in float
  // grows at most like k·ε·Σ_p|a·b| for a sum of k products (plus the alpha,
  // beta and beta·C roundings), so that is the per-entry tolerance.
  void test(GemmFn kernel, GemmFn reference = nullptr) const {
    CAPTURE(m_);
    CAPTURE(n_);
    CAPTURE(k_);
    CAPTURE(alpha_);
    CAPTURE(beta_);
    CAPTURE(pad_a_);
    CAPTURE(pad_b_);
    CAPTURE(pad_c_);
    CAPTURE(int(form_));
    std::mt19937 rng(seed_);
    const bool a_transposed = form_ == GemmForm::tn, b_transposed = form_ == GemmForm::nt;
    Matrix a(a_transposed ? k_ : m_, a_transposed ? m_ : k_, pad_a_, kNaN);
    Matrix b(b_transposed ? n_ : k_, b_transposed ? k_ : n_, pad_b_, kNaN);
    a.randomize(rng, -1.0f, 1.0f);
    b.randomize(rng, -1.0f, 1.0f);
    Matrix c(m_, n_, pad_c_, kSentinel);
    if (beta_ == 0.0f) {
      for (int i = 0; i < m_; ++i)
        for (int j = 0; j < n_; ++j) c.at(i, j) = kNaN;  // beta = 0 must not read C
    } else {
      c.randomize(rng, -1.0f, 1.0f);
    }
    const Matrix c_initial = c;
    Matrix c_reference = c;

    kernel(m_, n_, k_, alpha_, a.data.data(), a.ld, b.data.data(), b.ld, beta_, c.data.data(),
           c.ld);
    if (reference != nullptr) {
      reference(m_, n_, k_, alpha_, a.data.data(), a.ld, b.data.data(), b.ld, beta_,
                c_reference.data.data(), c_reference.ld);
    }
    CHECK_MESSAGE(c.padding_is(kSentinel), "the kernel wrote past n into C's padding");

    const auto op_a = [&](int i, int p) { return a_transposed ? a.at(p, i) : a.at(i, p); };
    const auto op_b = [&](int p, int j) { return b_transposed ? b.at(j, p) : b.at(p, j); };
    constexpr double eps = std::numeric_limits<float>::epsilon();
    int failures = 0;
    for (int i = 0; i < m_ && failures < 5; ++i) {
      for (int j = 0; j < n_ && failures < 5; ++j) {
        double sum = 0.0, magnitude = 0.0;
        for (int p = 0; p < k_; ++p) {
          const double product = double(op_a(i, p)) * double(op_b(p, j));
          sum += product;
          magnitude += std::fabs(product);
        }
        const double old_c = beta_ == 0.0f ? 0.0 : double(c_initial.at(i, j));
        const double expected = double(alpha_) * sum + double(beta_) * old_c;
        const double tolerance =
            (k_ + 3) * eps * (std::fabs(alpha_) * magnitude + std::fabs(beta_ * old_c)) + 1e-30;
        const double error = std::fabs(double(c.at(i, j)) - expected);
        if (!(error <= tolerance)) {
          ++failures;
          FAIL_CHECK("C[" << i << "][" << j << "] = " << c.at(i, j) << ", double loop gives "
                          << expected << " ± " << tolerance);
        }
        if (reference != nullptr) {
          const double twin_error = std::fabs(double(c.at(i, j)) - c_reference.at(i, j));
          if (!(twin_error <= 2 * tolerance)) {
            ++failures;
            FAIL_CHECK("C[" << i << "][" << j << "] = " << c.at(i, j) << ", the reference gives "
                            << c_reference.at(i, j) << " ± " << 2 * tolerance);
          }
        }
      }
    }
  }

 private:
  GemmForm form_ = GemmForm::nn;
  int m_ = 1, n_ = 1, k_ = 1, pad_a_ = 0, pad_b_ = 0, pad_c_ = 0;
  float alpha_ = 1.0f, beta_ = 0.0f;
  unsigned seed_ = 1;
};

// Double-precision activations: the oracle for every variant.
inline double activate_exact(Activation act, double z, double slope) {
  switch (act) {
    case Activation::linear:
      return z;
    case Activation::sigmoid:
      return 1.0 / (1.0 + std::exp(-z));
    case Activation::tanh:
      return std::tanh(z);
    case Activation::relu:
      return z > 0 ? z : 0.0;
    case Activation::leaky_relu:
      return z > 0 ? z : slope * z;
    case Activation::gelu:
      return 0.5 * z * (1.0 + std::erf(z / std::sqrt(2.0)));
  }
  return z;
}

inline double derivative_exact(Activation act, double z, double slope) {
  switch (act) {
    case Activation::linear:
      return 1.0;
    case Activation::sigmoid: {
      const double s = activate_exact(act, z, slope);
      return s * (1 - s);
    }
    case Activation::tanh: {
      const double t = std::tanh(z);
      return 1 - t * t;
    }
    case Activation::relu:
      return z > 0 ? 1.0 : 0.0;
    case Activation::leaky_relu:
      return z > 0 ? 1.0 : slope;
    case Activation::gelu:
      return 0.5 * (1.0 + std::erf(z / std::sqrt(2.0))) +
             z * std::exp(-0.5 * z * z) / std::sqrt(2.0 * 3.14159265358979323846);
  }
  return 1.0;
}

// Pre-activations that exercise the approximations: a dense sweep over the
// range where they are curved, exact zeros (the relu kink), tiny values
// (tanh's small-argument branch) and large ones (exp clamping, saturation).
inline float interesting_z(int index, std::mt19937& rng) {
  static const float specials[] = {0.0f,   -0.0f,  1e-30f, -1e-30f, 1e-4f,  -3e-3f, 0.62f,
                                   -0.63f, 9.5f,   -9.5f,  20.0f,   -20.0f, 40.0f,  -40.0f,
                                   88.0f,  -90.0f, 1e3f,   -1e3f,   3e38f,  -3e38f};
  constexpr int special_count = sizeof(specials) / sizeof(specials[0]);
  if (index % 3 == 0) return specials[(index / 3) % special_count];
  return std::uniform_real_distribution<float>(-10.0f, 10.0f)(rng);
}

using BiasActivationFn = void (*)(int, int, float*, int, const float*, float*, int, Activation,
                                  float);
using ActivationBackwardFn = void (*)(int, int, const float*, int, const float*, int, const float*,
                                      int, float*, int, Activation, float);

class ActivationTester {
 public:
  ActivationTester& rows(int v) {
    rows_ = v;
    return *this;
  }
  ActivationTester& cols(int v) {
    cols_ = v;
    return *this;
  }
  ActivationTester& pad(int v) {
    pad_ = v;
    return *this;
  }
  ActivationTester& activation(Activation a) {
    act_ = a;
    return *this;
  }
  ActivationTester& slope(float v) {
    slope_ = v;
    return *this;
  }
  // Error bound |got − exact| ≤ relative·|exact| + absolute·max(1, |z|).
  ActivationTester& tolerance(double relative, double absolute) {
    relative_ = relative;
    absolute_ = absolute;
    return *this;
  }

  void test(BiasActivationFn kernel) const {
    CAPTURE(rows_);
    CAPTURE(cols_);
    CAPTURE(pad_);
    CAPTURE(int(act_));
    std::mt19937 rng(7);
    Matrix z(rows_, cols_, pad_, kSentinel), a(rows_, cols_, pad_ + 1, kSentinel);
    std::vector<float> bias(cols_);
    for (float& x : bias) x = std::uniform_real_distribution<float>(-0.5f, 0.5f)(rng);
    for (int r = 0; r < rows_; ++r)
      for (int j = 0; j < cols_; ++j) z.at(r, j) = interesting_z(r * cols_ + j, rng) - bias[j];
    for (int r = 0; r < rows_; ++r)
      for (int j = 0; j < cols_; ++j) a.at(r, j) = kNaN;  // write-only
    const Matrix z_before = z;
    kernel(rows_, cols_, z.data.data(), z.ld, bias.data(), a.data.data(), a.ld, act_, slope_);
    CHECK(z.padding_is(kSentinel));
    CHECK(a.padding_is(kSentinel));
    int failures = 0;
    for (int r = 0; r < rows_ && failures < 5; ++r) {
      for (int j = 0; j < cols_ && failures < 5; ++j) {
        const float biased = z_before.at(r, j) + bias[j];  // one float rounding, like the kernel
        const double expected = activate_exact(act_, biased, slope_);
        if (z.at(r, j) != biased) {
          ++failures;
          FAIL_CHECK("z[" << r << "][" << j << "] = " << z.at(r, j) << ", expected " << biased);
        }
        if (!within(a.at(r, j), expected, biased)) {
          ++failures;
          FAIL_CHECK("act(" << biased << ") = " << a.at(r, j) << ", expected " << expected);
        }
      }
    }
  }

  void test(ActivationBackwardFn kernel) const {
    CAPTURE(rows_);
    CAPTURE(cols_);
    CAPTURE(pad_);
    CAPTURE(int(act_));
    std::mt19937 rng(11);
    Matrix z(rows_, cols_, pad_, kNaN), a(rows_, cols_, pad_ + 2, kNaN);
    Matrix upstream(rows_, cols_, pad_ + 1, kNaN), dz(rows_, cols_, pad_ + 3, kSentinel);
    upstream.randomize(rng, -2.0f, 2.0f);
    for (int r = 0; r < rows_; ++r) {
      for (int j = 0; j < cols_; ++j) {
        z.at(r, j) = interesting_z(r * cols_ + j, rng);
        a.at(r, j) = float(activate_exact(act_, z.at(r, j), slope_));  // the forward's output
        dz.at(r, j) = kNaN;                                            // write-only
      }
    }
    kernel(rows_, cols_, z.data.data(), z.ld, a.data.data(), a.ld, upstream.data.data(),
           upstream.ld, dz.data.data(), dz.ld, act_, slope_);
    CHECK(dz.padding_is(kSentinel));
    int failures = 0;
    for (int r = 0; r < rows_ && failures < 5; ++r) {
      for (int j = 0; j < cols_ && failures < 5; ++j) {
        const double expected = upstream.at(r, j) * derivative_exact(act_, z.at(r, j), slope_);
        if (!within(dz.at(r, j), expected, z.at(r, j))) {
          ++failures;
          FAIL_CHECK("dz at z = " << z.at(r, j) << ", upstream " << upstream.at(r, j) << ": "
                                  << dz.at(r, j) << ", expected " << expected);
        }
      }
    }
  }

 private:
  bool within(float got, double expected, float z) const {
    const double bound = relative_ * std::fabs(expected) + absolute_ * std::fmax(1.0, std::fabs(z));
    return std::fabs(double(got) - expected) <= bound;
  }

  int rows_ = 1, cols_ = 1, pad_ = 0;
  Activation act_ = Activation::linear;
  float slope_ = 0.01f;
  double relative_ = 2e-7, absolute_ = 0.0;
};

using ColumnSumsFn = void (*)(int, int, float, const float*, int, float, float*);

class ColumnSumsTester {
 public:
  ColumnSumsTester& rows(int v) {
    rows_ = v;
    return *this;
  }
  ColumnSumsTester& cols(int v) {
    cols_ = v;
    return *this;
  }
  ColumnSumsTester& pad(int v) {
    pad_ = v;
    return *this;
  }
  ColumnSumsTester& alpha(float v) {
    alpha_ = v;
    return *this;
  }
  ColumnSumsTester& beta(float v) {
    beta_ = v;
    return *this;
  }

  void test(ColumnSumsFn kernel) const {
    CAPTURE(rows_);
    CAPTURE(cols_);
    CAPTURE(pad_);
    CAPTURE(alpha_);
    CAPTURE(beta_);
    std::mt19937 rng(5);
    Matrix x(rows_, cols_, pad_, kNaN);
    x.randomize(rng, -1.0f, 1.0f);
    std::vector<float> sums(cols_ + 1, kSentinel);
    for (int j = 0; j < cols_; ++j)
      sums[j] = beta_ == 0.0f ? kNaN : std::uniform_real_distribution<float>(-1, 1)(rng);
    const std::vector<float> before = sums;
    kernel(rows_, cols_, alpha_, x.data.data(), x.ld, beta_, sums.data());
    CHECK(sums[cols_] == kSentinel);
    constexpr double eps = std::numeric_limits<float>::epsilon();
    int failures = 0;
    for (int j = 0; j < cols_ && failures < 5; ++j) {
      double sum = 0, magnitude = 0;
      for (int r = 0; r < rows_; ++r) {
        sum += x.at(r, j);
        magnitude += std::fabs(x.at(r, j));
      }
      const double old = beta_ == 0.0f ? 0.0 : before[j];
      const double expected = alpha_ * sum + beta_ * old;
      const double tolerance =
          (rows_ + 3) * eps * (std::fabs(alpha_) * magnitude + std::fabs(beta_ * old)) + 1e-30;
      if (!(std::fabs(sums[j] - expected) <= tolerance)) {
        ++failures;
        FAIL_CHECK("sums[" << j << "] = " << sums[j] << ", expected " << expected << " ± "
                           << tolerance);
      }
    }
  }

 private:
  int rows_ = 1, cols_ = 1, pad_ = 0;
  float alpha_ = 1.0f, beta_ = 0.0f;
};

}  // namespace bpl::kernels::testing

// ---------------------------------------------------------------- suites
// The awkward sizes every variant of a kernel runs through, relative to the
// 4×8 register tile (MR = 4 rows, NR = 8 columns) and the k-block of 256 that
// the SIMD GEMMs use, and on both sides of gemm_nt__wasmsimd's switch to row
// dot products (k ≥ 16 with m < 16 or n < 16; dots run 4 k at a time).
// One SUBCASE per kind of shape.
namespace bpl::kernels::testing {

inline void run_gemm_suite(GemmForm form, GemmFn kernel, GemmFn reference = nullptr) {
  const GemmTester base = GemmTester().form(form);
  SUBCASE("k below, at, above and a multiple of the unroll and the k-block") {
    for (int k : {1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 255, 256, 257, 600})
      for (int m : {1, 4, 5})
        for (int n : {8, 9}) GemmTester(base).m(m).n(n).k(k).test(kernel, reference);
  }
  SUBCASE("k-blocks with several tiles in both directions") {
    for (int k : {255, 256, 257, 513})
      for (int m : {16, 17})
        for (int n : {16, 17, 33})
          GemmTester(base).m(m).n(n).k(k).pad(1, 2, 3).test(kernel, reference);
  }
  SUBCASE("n below, at and beyond the tile width") {
    for (int n = 1; n <= 33; ++n) {
      GemmTester(base).m(4).n(n).k(7).test(kernel, reference);
      GemmTester(base).m(5).n(n).k(3).test(kernel, reference);
    }
    for (int n : {63, 64, 65, 127, 129}) GemmTester(base).m(6).n(n).k(9).test(kernel, reference);
  }
  SUBCASE("m below, at and beyond the tile height") {
    for (int m = 1; m <= 13; ++m)
      for (int n : {8, 17}) GemmTester(base).m(m).n(n).k(5).test(kernel, reference);
  }
  SUBCASE("odd leading dimensions") {
    for (int m : {1, 3, 5, 9})
      for (int n : {1, 7, 8, 9, 21}) {
        GemmTester(base).m(m).n(n).k(6).pad(1, 3, 5).test(kernel, reference);
        GemmTester(base).m(m).n(n).k(11).pad(7, 1, 2).beta(1.0f).test(kernel, reference);
        GemmTester(base).m(m).n(n).k(19).pad(3, 5, 1).beta(0.5f).test(kernel, reference);
      }
  }
  SUBCASE("alpha and beta variants (beta = 0 runs on a NaN-filled C)") {
    for (float alpha : {1.0f, -0.5f, 0.0f, 1.0f / 128})
      for (float beta : {0.0f, 1.0f, -2.0f, 0.5f})
        for (int m : {3, 7}) {
          for (int k : {13, 21})
            GemmTester(base).m(m).n(19).k(k).alpha(alpha).beta(beta).test(kernel, reference);
        }
  }
  SUBCASE("empty shapes: k = 0 leaves beta·C, m = 0 or n = 0 touch nothing") {
    for (float beta : {0.0f, 1.0f, 0.5f}) GemmTester(base).m(3).n(9).k(0).beta(beta).test(kernel);
    GemmTester(base).m(0).n(9).k(4).test(kernel);
    GemmTester(base).m(5).n(0).k(4).test(kernel);
  }
  SUBCASE("the MLP's shapes: 784-128-10 at batch 128 and a Playground net at batch 10") {
    // forward Z = X·Wᵀ (nt), weight gradient dW = dZᵀ·X (tn), input gradient dX = dZ·W (nn)
    struct Shape {
      int m, n, k;
    };
    const Shape layer1 = form == GemmForm::nt ? Shape{128, 128, 784} : Shape{128, 784, 128};
    const Shape layer2 = form == GemmForm::nt   ? Shape{128, 10, 128}
                         : form == GemmForm::tn ? Shape{10, 128, 128}
                                                : Shape{128, 128, 10};
    GemmTester(base).m(layer1.m).n(layer1.n).k(layer1.k).test(kernel, reference);
    GemmTester(base)
        .m(layer2.m)
        .n(layer2.n)
        .k(layer2.k)
        .alpha(1.0f / 128)
        .beta(1.0f)
        .test(kernel, reference);
    GemmTester(base).m(10).n(8).k(2).test(kernel, reference);
    GemmTester(base).m(10).n(1).k(8).test(kernel, reference);
    GemmTester(base).m(8).n(2).k(10).test(kernel, reference);
  }
}

// Tolerances: exact activations round once (the bias add is checked
// bitwise); the transcendental ones are allowed a few ulp relative plus an
// absolute floor (gelu's Φ cancels for negative z, so its floor scales with |z|).
inline ActivationTester activation_tester(Activation act) {
  ActivationTester tester;
  tester.activation(act).slope(0.01f);
  switch (act) {
    case Activation::sigmoid:
    case Activation::tanh:
      tester.tolerance(1e-6, 1e-7);
      break;
    case Activation::gelu:
      tester.tolerance(1e-6, 1e-6);
      break;
    default:
      tester.tolerance(1e-7, 0.0);
      break;
  }
  return tester;
}

constexpr Activation kAllActivations[] = {Activation::linear,     Activation::sigmoid,
                                          Activation::tanh,       Activation::relu,
                                          Activation::leaky_relu, Activation::gelu};

inline void run_activation_suite(BiasActivationFn forward, ActivationBackwardFn backward) {
  for (Activation act : kAllActivations) {
    CAPTURE(int(act));
    for (int rows : {1, 3, 4, 7})
      for (int cols : {1, 3, 4, 5, 8, 13, 33})
        for (int pad : {0, 3}) {
          activation_tester(act).rows(rows).cols(cols).pad(pad).test(forward);
          // δ = u ⊙ act'(z) reads act' from the float a = act(z): a's rounding
          // (ε/2) moves σ' = a(1−a) and tanh' = 1−a² by about ε·|u| absolute.
          activation_tester(act)
              .rows(rows)
              .cols(cols)
              .pad(pad)
              .tolerance(1e-6, 5e-7)
              .test(backward);
        }
    // A long sweep through the curved range of the approximations.
    activation_tester(act).rows(64).cols(157).test(forward);
    activation_tester(act).rows(64).cols(157).tolerance(1e-6, 5e-7).test(backward);
  }
}

inline void run_column_sums_suite(ColumnSumsFn kernel) {
  SUBCASE("sizes around the vector width and the column block") {
    for (int rows : {0, 1, 2, 5, 128})
      for (int cols : {1, 3, 4, 5, 8, 15, 16, 17, 255, 256, 257, 784})
        ColumnSumsTester().rows(rows).cols(cols).test(kernel);
  }
  SUBCASE("odd leading dimension, alpha and beta (beta = 0 on NaN sums)") {
    for (float alpha : {1.0f, 1.0f / 128, 0.0f})
      for (float beta : {0.0f, 1.0f, 0.9f})
        ColumnSumsTester().rows(9).cols(19).pad(5).alpha(alpha).beta(beta).test(kernel);
  }
}

}  // namespace bpl::kernels::testing
