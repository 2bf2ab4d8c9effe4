#pragma once
// Testers and suites for the fused dense-layer kernels of kernels.h, in the
// style of kernel_tester.h (whose Matrix, NaN/sentinel padding and double
// activations they reuse): a builder sets the shape, test(kernel) checks every
// output against a double-precision loop written here (not the __ref kernel),
// test(kernel, reference) also compares against a twin variant.
//
// Sections:
//   dense_forward_tolerance        the activation tolerances of activation_tester()
//   DenseForwardTester             z = X·Wᵀ + b, a = act(z)
//   DenseWeightGradientsTester     dW = alpha·δᵀ·X + beta·dW, db = alpha·Σ_r δ + beta·db
//   DenseInputDeltaTester          dX = (δ·W) ⊙ act'(z)
// The awkward sizes every variant runs through: kernel_tester_dense_suites.h.
//
// Floating-point bounds used throughout (ε = float epsilon):
//   a sum of k products in float is within (k+3)·ε·Σ|products| of the exact
//   sum (GemmTester's bound); every activation is 1.2-Lipschitz (gelu' peaks
//   at 1.13, the others at ≤ 1 for a leaky slope ≤ 1), so an error δz in z
//   moves act(z) by ≤ 1.2·δz.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "engine/kernels/kernels.h"
#include "tests/kernel_tester.h"

namespace bpl::kernels::testing {

constexpr double kFloatEpsilon = std::numeric_limits<float>::epsilon();
constexpr double kActivationLipschitz = 1.2;

// |got − exact| ≤ relative·|exact| + absolute·max(1, |z|), as in ActivationTester.
struct ActivationTolerance {
  double relative = 2e-7, absolute = 0.0;
  double bound(double exact, double z) const {
    return relative * std::fabs(exact) + absolute * std::fmax(1.0, std::fabs(z));
  }
};

// The same table as activation_tester() in kernel_tester_suites.h (which keeps
// its tolerances private): exact activations round once, the transcendental
// ones get a few ulp plus an absolute floor.
inline ActivationTolerance dense_forward_tolerance(Activation act) {
  switch (act) {
    case Activation::sigmoid:
    case Activation::tanh:
      return {1e-6, 1e-7};
    case Activation::gelu:
      return {1e-6, 1e-6};
    default:
      return {1e-7, 0.0};
  }
}

// (Σ|products| and the exact sum) of one output: the inputs of every bound.
struct ExactSum {
  double sum = 0.0, magnitude = 0.0;
  void add(double product) {
    sum += product;
    magnitude += std::fabs(product);
  }
};

// ---------------------------------------------------------------- dense_forward

using DenseForwardFn = void (*)(int, int, int, const float*, int, const float*, int, const float*,
                                float*, int, float*, int, Activation, float);

class DenseForwardTester {
 public:
  DenseForwardTester& rows(int v) {
    rows_ = v;
    return *this;
  }
  DenseForwardTester& n(int v) {
    n_ = v;
    return *this;
  }
  DenseForwardTester& k(int v) {
    k_ = v;
    return *this;
  }
  // Extra floats per row beyond the stored columns (ld = cols + pad).
  DenseForwardTester& pad(int x, int w, int z, int a) {
    pad_x_ = x;
    pad_w_ = w;
    pad_z_ = z;
    pad_a_ = a;
    return *this;
  }
  DenseForwardTester& activation(Activation a) {
    act_ = a;
    return *this;
  }
  DenseForwardTester& slope(float v) {
    slope_ = v;
    return *this;
  }
  DenseForwardTester& tolerance(double relative, double absolute) {
    tolerance_ = {relative, absolute};
    return *this;
  }
  // Pass the same buffer as z and a (ld from pad_z): only a survives.
  DenseForwardTester& in_place(bool v) {
    in_place_ = v;
    return *this;
  }
  // x[r][0] = interesting_z(r) and w[j][0] ∈ {1, −1, ½, −½} (exact products),
  // with zero bias on even units: with k = 1 those z are exactly the special
  // values (0, ±1e-30, ±3e38, ...); larger k adds [-1, 1]-sized noise.
  DenseForwardTester& sweep_activation(bool v) {
    sweep_ = v;
    return *this;
  }
  DenseForwardTester& seed(unsigned v) {
    seed_ = v;
    return *this;
  }

  void test(DenseForwardFn kernel, DenseForwardFn reference = nullptr) const {
    CAPTURE(rows_);
    CAPTURE(n_);
    CAPTURE(k_);
    CAPTURE(pad_x_);
    CAPTURE(pad_w_);
    CAPTURE(pad_z_);
    CAPTURE(pad_a_);
    CAPTURE(int(act_));
    CAPTURE(slope_);
    CAPTURE(in_place_);
    CAPTURE(sweep_);
    CAPTURE(seed_);
    std::mt19937 rng(seed_);
    Matrix x(rows_, k_, pad_x_, kNaN), w(n_, k_, pad_w_, kNaN);
    x.randomize(rng, -1.0f, 1.0f);
    w.randomize(rng, -1.0f, 1.0f);
    std::vector<float> bias(n_);
    for (float& b : bias) b = std::uniform_real_distribution<float>(-0.5f, 0.5f)(rng);
    if (sweep_ && k_ > 0) {
      static const float exact_weights[] = {1.0f, -1.0f, 0.5f, -0.5f};
      for (int r = 0; r < rows_; ++r) x.at(r, 0) = interesting_z(r, rng);
      for (int j = 0; j < n_; ++j) {
        w.at(j, 0) = exact_weights[j % 4];
        if (j % 2 == 0) bias[j] = 0.0f;
      }
    }
    // z and a are write-only: NaN inside, the sentinel in their padding.
    const auto output = [&](int pad) {
      Matrix m(rows_, n_, pad, kSentinel);
      for (int r = 0; r < rows_; ++r)
        for (int j = 0; j < n_; ++j) m.at(r, j) = kNaN;
      return m;
    };
    Matrix z = output(pad_z_), a = output(in_place_ ? pad_z_ : pad_a_);
    Matrix z_twin = z, a_twin = a;
    const auto run = [&](DenseForwardFn f, Matrix& z_out, Matrix& a_out) {
      Matrix& a_target = in_place_ ? z_out : a_out;
      f(rows_, n_, k_, x.data.data(), x.ld, w.data.data(), w.ld, bias.data(), z_out.data.data(),
        z_out.ld, a_target.data.data(), a_target.ld, act_, slope_);
    };
    run(kernel, z, a);
    if (reference != nullptr) run(reference, z_twin, a_twin);
    CHECK_MESSAGE(z.padding_is(kSentinel), "the kernel wrote into z's padding");
    if (!in_place_) CHECK_MESSAGE(a.padding_is(kSentinel), "the kernel wrote into a's padding");

    int failures = 0;
    for (int r = 0; r < rows_ && failures < 5; ++r) {
      for (int j = 0; j < n_ && failures < 5; ++j) {
        // z = b + Σ_p x·w; the bias is one more term of the float sum.
        ExactSum exact;
        for (int p = 0; p < k_; ++p) exact.add(double(x.at(r, p)) * double(w.at(j, p)));
        exact.add(bias[j]);
        const double z_tolerance = (k_ + 3) * kFloatEpsilon * exact.magnitude + 1e-30;
        // In place, z's buffer holds a and z itself is gone.
        bool ok = in_place_ ? check_in_place(r, j, exact.sum, z_tolerance, z.at(r, j))
                            : check_forward(r, j, exact.sum, z_tolerance, z.at(r, j), a.at(r, j));
        if (reference != nullptr && in_place_) {
          ok &= check_twin(r, j, exact.sum, z_tolerance, kNaN, z.at(r, j), kNaN, z_twin.at(r, j));
        } else if (reference != nullptr) {
          ok &= check_twin(r, j, exact.sum, z_tolerance, z.at(r, j), a.at(r, j), z_twin.at(r, j),
                           a_twin.at(r, j));
        }
        failures += !ok;
      }
    }
  }

 private:
  // z against the double sum; a against act evaluated at the kernel's own z,
  // so the activation's accuracy is checked without the GEMM's rounding.
  bool check_forward(int r, int j, double z_exact, double z_tolerance, float z_got,
                     float a_got) const {
    bool ok = true;
    if (!(std::fabs(double(z_got) - z_exact) <= z_tolerance)) {
      ok = false;
      FAIL_CHECK("z[" << r << "][" << j << "] = " << z_got << ", double loop gives " << z_exact
                      << " ± " << z_tolerance);
    }
    const double a_exact = activate_exact(act_, z_got, slope_);
    const double bound = tolerance_.bound(a_exact, z_got);
    if (!(std::fabs(double(a_got) - a_exact) <= bound)) {
      ok = false;
      FAIL_CHECK("a[" << r << "][" << j << "] = act(" << z_got << ") = " << a_got << ", expected "
                      << a_exact << " ± " << bound);
    }
    return ok;
  }

  // In place, a against act of the exact z: act's own error plus the z error
  // carried through act's slope.
  bool check_in_place(int r, int j, double z_exact, double z_tolerance, float a_got) const {
    const double a_exact = activate_exact(act_, z_exact, slope_);
    const double bound = tolerance_.bound(a_exact, z_exact) + kActivationLipschitz * z_tolerance;
    if (std::fabs(double(a_got) - a_exact) <= bound) return true;
    FAIL_CHECK("in place, a[" << r << "][" << j << "] = " << a_got << ", act(exact z = " << z_exact
                              << ") = " << a_exact << " ± " << bound);
    return false;
  }

  // Against the twin: z within twice the sum's bound; a within both variants'
  // activation error plus the z difference through act's slope (in place,
  // z_got and z_ref are NaN: the largest z difference the bounds allow).
  bool check_twin(int r, int j, double z_exact, double z_tolerance, float z_got, float a_got,
                  float z_ref, float a_ref) const {
    bool ok = true;
    double z_difference = 2 * z_tolerance;
    if (!in_place_) {
      z_difference = std::fabs(double(z_got) - double(z_ref));
      if (!(z_difference <= 2 * z_tolerance)) {
        ok = false;
        FAIL_CHECK("z[" << r << "][" << j << "] = " << z_got << ", the reference gives " << z_ref
                        << " ± " << 2 * z_tolerance);
      }
    }
    const double a_exact = activate_exact(act_, z_exact, slope_);
    const double bound =
        2 * tolerance_.bound(a_exact, z_exact) + kActivationLipschitz * z_difference;
    if (!(std::fabs(double(a_got) - double(a_ref)) <= bound)) {
      ok = false;
      FAIL_CHECK("a[" << r << "][" << j << "] = " << a_got << ", the reference gives " << a_ref
                      << " ± " << bound);
    }
    return ok;
  }

  int rows_ = 1, n_ = 1, k_ = 1, pad_x_ = 0, pad_w_ = 0, pad_z_ = 0, pad_a_ = 0;
  Activation act_ = Activation::linear;
  float slope_ = 0.01f;
  ActivationTolerance tolerance_;
  bool in_place_ = false, sweep_ = false;
  unsigned seed_ = 1;
};

// A DenseForwardTester with activation_tester()'s slope and tolerances.
inline DenseForwardTester dense_forward_tester(Activation act) {
  const ActivationTolerance t = dense_forward_tolerance(act);
  return DenseForwardTester().activation(act).slope(0.01f).tolerance(t.relative, t.absolute);
}

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
