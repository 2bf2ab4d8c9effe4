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
// The awkward sizes every variant runs through: kernel_tester_suites.h.
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
