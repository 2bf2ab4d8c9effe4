#pragma once
// Testers for the fused dense-layer kernels of kernels.h, in the
// style of kernel_tester.h (whose Matrix, NaN/sentinel padding and double
// activations they reuse): a builder sets the shape, test(kernel) checks every
// output against a double-precision loop written here (not the __ref kernel),
// test(kernel, reference) also compares against a twin variant.
//
// Sections:
//   dense_forward_tolerance        the activation tolerances of activation_tester()
//   DenseForwardTester             z = X·Wᵀ + b, a = act(z)
// The backward kernels' testers: kernel_tester_dense_backward.h.
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

}  // namespace bpl::kernels::testing
