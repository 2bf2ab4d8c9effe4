#pragma once
// Testers for the fused dense-layer backward kernels of kernels.h, with the
// shared bounds and helpers of kernel_tester_dense.h:
//   DenseWeightGradientsTester     dW = alpha·δᵀ·X + beta·dW, db = alpha·Σ_r δ + beta·db
//   DenseInputDeltaTester          dX = (δ·W) ⊙ act'(z)
#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "engine/kernels/kernels.h"
#include "tests/kernel_tester.h"
#include "tests/kernel_tester_dense.h"

namespace bpl::kernels::testing {

// ---------------------------------------------------------------- dense_weight_gradients

using DenseWeightGradientsFn = void (*)(int, int, int, float, const float*, int, const float*, int,
                                        float, float*, int, float*);

class DenseWeightGradientsTester {
 public:
  DenseWeightGradientsTester& rows(int v) {
    rows_ = v;
    return *this;
  }
  DenseWeightGradientsTester& n(int v) {
    n_ = v;
    return *this;
  }
  DenseWeightGradientsTester& k(int v) {
    k_ = v;
    return *this;
  }
  // Extra floats per row of δ, X and dW (ld = cols + pad).
  DenseWeightGradientsTester& pad(int delta, int x, int dw) {
    pad_delta_ = delta;
    pad_x_ = x;
    pad_dw_ = dw;
    return *this;
  }
  DenseWeightGradientsTester& alpha(float v) {
    alpha_ = v;
    return *this;
  }
  DenseWeightGradientsTester& beta(float v) {
    beta_ = v;
    return *this;
  }
  DenseWeightGradientsTester& seed(unsigned v) {
    seed_ = v;
    return *this;
  }

  void test(DenseWeightGradientsFn kernel, DenseWeightGradientsFn reference = nullptr) const {
    CAPTURE(rows_);
    CAPTURE(n_);
    CAPTURE(k_);
    CAPTURE(alpha_);
    CAPTURE(beta_);
    CAPTURE(pad_delta_);
    CAPTURE(pad_x_);
    CAPTURE(pad_dw_);
    CAPTURE(seed_);
    std::mt19937 rng(seed_);
    Matrix delta(rows_, n_, pad_delta_, kNaN), x(rows_, k_, pad_x_, kNaN);
    delta.randomize(rng, -1.0f, 1.0f);
    x.randomize(rng, -1.0f, 1.0f);
    // beta = 0 must not read dW or db: they start as NaN. db[n] is a sentinel.
    Matrix dw(n_, k_, pad_dw_, kSentinel);
    std::vector<float> db(n_ + 1, kSentinel);
    if (beta_ == 0.0f) {
      for (int j = 0; j < n_; ++j) {
        for (int p = 0; p < k_; ++p) dw.at(j, p) = kNaN;
        db[j] = kNaN;
      }
    } else {
      dw.randomize(rng, -1.0f, 1.0f);
      for (int j = 0; j < n_; ++j) db[j] = std::uniform_real_distribution<float>(-1, 1)(rng);
    }
    const Matrix dw_initial = dw;
    const std::vector<float> db_initial = db;
    Matrix dw_twin = dw;
    std::vector<float> db_twin = db;

    kernel(rows_, n_, k_, alpha_, delta.data.data(), delta.ld, x.data.data(), x.ld, beta_,
           dw.data.data(), dw.ld, db.data());
    if (reference != nullptr) {
      reference(rows_, n_, k_, alpha_, delta.data.data(), delta.ld, x.data.data(), x.ld, beta_,
                dw_twin.data.data(), dw_twin.ld, db_twin.data());
    }
    CHECK_MESSAGE(dw.padding_is(kSentinel), "the kernel wrote into dw's padding");
    CHECK_MESSAGE(db[n_] == kSentinel, "the kernel wrote db[n], one past the end");

    int failures = 0;
    for (int j = 0; j < n_ && failures < 5; ++j) {
      for (int p = 0; p < k_ && failures < 5; ++p) {
        ExactSum exact;  // Σ_r δ[r][j]·x[r][p]
        for (int r = 0; r < rows_; ++r) exact.add(double(delta.at(r, j)) * double(x.at(r, p)));
        const double old = beta_ == 0.0f ? 0.0 : double(dw_initial.at(j, p));
        failures +=
            !check("dw", j, p, dw.at(j, p), dw_twin.at(j, p), exact, old, reference != nullptr);
      }
      ExactSum exact;  // Σ_r δ[r][j]
      for (int r = 0; r < rows_; ++r) exact.add(delta.at(r, j));
      const double old = beta_ == 0.0f ? 0.0 : double(db_initial[j]);
      failures += !check("db", j, -1, db[j], db_twin[j], exact, old, reference != nullptr);
    }
  }

 private:
  // GemmTester's and ColumnSumsTester's bound: a sum of `rows` terms plus the
  // alpha, beta and beta·old roundings. p = -1 for db[j].
  bool check(const char* name, int j, int p, float got, float twin, const ExactSum& exact,
             double old, bool has_twin) const {
    const auto where = [&] {
      return std::string(name) + "[" + std::to_string(j) + "]" +
             (p >= 0 ? "[" + std::to_string(p) + "]" : "");
    };
    const double expected = double(alpha_) * exact.sum + double(beta_) * old;
    const double tolerance = (rows_ + 3) * kFloatEpsilon *
                                 (std::fabs(alpha_) * exact.magnitude + std::fabs(beta_ * old)) +
                             1e-30;
    bool ok = true;
    if (!(std::fabs(double(got) - expected) <= tolerance)) {
      ok = false;
      FAIL_CHECK(where() << " = " << got << ", double loop gives " << expected << " ± "
                         << tolerance);
    }
    if (has_twin && !(std::fabs(double(got) - double(twin)) <= 2 * tolerance)) {
      ok = false;
      FAIL_CHECK(where() << " = " << got << ", the reference gives " << twin << " ± "
                         << 2 * tolerance);
    }
    return ok;
  }

  int rows_ = 1, n_ = 1, k_ = 1, pad_delta_ = 0, pad_x_ = 0, pad_dw_ = 0;
  float alpha_ = 1.0f, beta_ = 0.0f;
  unsigned seed_ = 1;
};

// ---------------------------------------------------------------- dense_input_delta

using DenseInputDeltaFn = void (*)(int, int, int, const float*, int, const float*, int,
                                   const float*, int, const float*, int, float*, int, Activation,
                                   float);

class DenseInputDeltaTester {
 public:
  DenseInputDeltaTester& rows(int v) {
    rows_ = v;
    return *this;
  }
  DenseInputDeltaTester& n(int v) {
    n_ = v;
    return *this;
  }
  DenseInputDeltaTester& k(int v) {
    k_ = v;
    return *this;
  }
  // Extra floats per row of δ, W, z, a and dX (ld = cols + pad).
  DenseInputDeltaTester& pad(int delta, int w, int z, int a, int dx) {
    pad_delta_ = delta;
    pad_w_ = w;
    pad_z_ = z;
    pad_a_ = a;
    pad_dx_ = dx;
    return *this;
  }
  DenseInputDeltaTester& activation(Activation a) {
    act_ = a;
    return *this;
  }
  DenseInputDeltaTester& slope(float v) {
    slope_ = v;
    return *this;
  }
  // Of act' times the sum: bound relative·|exact| + absolute·|sum|·max(1, |z|).
  DenseInputDeltaTester& tolerance(double relative, double absolute) {
    tolerance_ = {relative, absolute};
    return *this;
  }
  DenseInputDeltaTester& seed(unsigned v) {
    seed_ = v;
    return *this;
  }

  void test(DenseInputDeltaFn kernel, DenseInputDeltaFn reference = nullptr) const {
    CAPTURE(rows_);
    CAPTURE(n_);
    CAPTURE(k_);
    CAPTURE(pad_delta_);
    CAPTURE(pad_w_);
    CAPTURE(pad_z_);
    CAPTURE(pad_a_);
    CAPTURE(pad_dx_);
    CAPTURE(int(act_));
    CAPTURE(slope_);
    CAPTURE(seed_);
    std::mt19937 rng(seed_);
    Matrix delta(rows_, n_, pad_delta_, kNaN), w(n_, k_, pad_w_, kNaN);
    delta.randomize(rng, -1.0f, 1.0f);
    w.randomize(rng, -1.0f, 1.0f);
    Matrix z(rows_, k_, pad_z_, kNaN), a(rows_, k_, pad_a_, kNaN);
    Matrix dx(rows_, k_, pad_dx_, kSentinel);
    for (int r = 0; r < rows_; ++r) {
      for (int p = 0; p < k_; ++p) {
        z.at(r, p) = interesting_z(r * k_ + p, rng);
        a.at(r, p) = float(activate_exact(act_, z.at(r, p), slope_));  // the forward's output
        dx.at(r, p) = kNaN;                                            // write-only
      }
    }
    Matrix dx_twin = dx;
    const auto run = [&](DenseInputDeltaFn f, Matrix& out) {
      f(rows_, n_, k_, delta.data.data(), delta.ld, w.data.data(), w.ld, z.data.data(), z.ld,
        a.data.data(), a.ld, out.data.data(), out.ld, act_, slope_);
    };
    run(kernel, dx);
    if (reference != nullptr) run(reference, dx_twin);
    CHECK_MESSAGE(dx.padding_is(kSentinel), "the kernel wrote into dx's padding");

    int failures = 0;
    for (int r = 0; r < rows_ && failures < 5; ++r) {
      for (int p = 0; p < k_ && failures < 5; ++p) {
        ExactSum exact;  // Σ_j δ[r][j]·w[j][p]
        for (int j = 0; j < n_; ++j) exact.add(double(delta.at(r, j)) * double(w.at(j, p)));
        const double derivative = derivative_exact(act_, z.at(r, p), slope_);
        const double expected = exact.sum * derivative;
        // The float sum's error scaled by |act'|, plus act''s own error (which
        // reads the float a: its rounding moves σ' and tanh' by ~ε) scaled by |sum|.
        const double tolerance =
            (n_ + 3) * kFloatEpsilon * exact.magnitude * std::fabs(derivative) +
            tolerance_.relative * std::fabs(expected) +
            tolerance_.absolute * std::fabs(exact.sum) * std::fmax(1.0, std::fabs(z.at(r, p))) +
            1e-30;
        if (!(std::fabs(double(dx.at(r, p)) - expected) <= tolerance)) {
          ++failures;
          FAIL_CHECK("dx[" << r << "][" << p << "] = " << dx.at(r, p) << " at z = " << z.at(r, p)
                           << ", sum " << exact.sum << " · act' " << derivative << " = " << expected
                           << " ± " << tolerance);
        }
        if (reference != nullptr &&
            !(std::fabs(double(dx.at(r, p)) - double(dx_twin.at(r, p))) <= 2 * tolerance)) {
          ++failures;
          FAIL_CHECK("dx[" << r << "][" << p << "] = " << dx.at(r, p) << " at z = " << z.at(r, p)
                           << ", the reference gives " << dx_twin.at(r, p) << " ± "
                           << 2 * tolerance);
        }
      }
    }
  }

 private:
  int rows_ = 1, n_ = 1, k_ = 1, pad_delta_ = 0, pad_w_ = 0, pad_z_ = 0, pad_a_ = 0, pad_dx_ = 0;
  Activation act_ = Activation::linear;
  float slope_ = 0.01f;
  // run_activation_suite's backward bound (1e-6 relative, 5e-7 absolute).
  ActivationTolerance tolerance_{1e-6, 5e-7};
  unsigned seed_ = 1;
};

}  // namespace bpl::kernels::testing
