// The optimizer updates, reference variants: steps computed by hand.
// SIMD-vs-reference: test_kernels_wasmsimd.cpp.
#include <doctest/doctest.h>

#include <vector>

#include "engine/kernels/kernels.h"
#include "engine/kernels/variants.h"

namespace kn = bpl::kernels;

// Each in float (the native kernels) and double (gradient checks): the same hand steps.
TEST_CASE_TEMPLATE("kernels::sgd_update__ref: w -= lr·g", Scalar, float, double) {
  // w = [1 2 -3], g = [0.5 -1 0], lr = 0.1 → [0.95 2.1 -3]
  std::vector<Scalar> w = {1, 2, -3};
  const Scalar g[] = {Scalar(0.5), -1, 0};
  kn::sgd_update__ref(3, Scalar(0.1), g, w.data());
  CHECK(w[0] == doctest::Approx(0.95));
  CHECK(w[1] == doctest::Approx(2.1));
  CHECK(w[2] == Scalar(-3));
}

TEST_CASE_TEMPLATE("kernels::momentum_update__ref: two steps of heavy-ball momentum", Scalar, float,
                   double) {
  // μ = 0.9, lr = 0.1, g = 1 twice from v = 0, w = 0:
  //   step 1: v = 1,            w = −0.1
  //   step 2: v = 0.9·1 + 1 = 1.9, w = −0.1 − 0.19 = −0.29
  Scalar w = 0, v = 0;
  const Scalar g = 1;
  kn::momentum_update__ref(1, Scalar(0.1), Scalar(0.9), &g, &v, &w);
  CHECK(v == doctest::Approx(1.0));
  CHECK(w == doctest::Approx(-0.1));
  kn::momentum_update__ref(1, Scalar(0.1), Scalar(0.9), &g, &v, &w);
  CHECK(v == doctest::Approx(1.9));
  CHECK(w == doctest::Approx(-0.29));
}

TEST_CASE_TEMPLATE("kernels::adam_update__ref: bias-corrected steps by hand", Scalar, float,
                   double) {
  // β1 = 0.9, β2 = 0.999, lr = 0.01, ε = 1e-8, from m = v = 0, w = 1.
  // t = 1, g = 0.5:  m = 0.05, v = 0.00025; c1 = 1/0.1 = 10, c2 = 1/0.001 = 1000
  //   m̂ = 0.5, v̂ = 0.25, step = lr·0.5/(0.5 + ε) ≈ lr  → w = 0.99
  // t = 2, g = −0.5: m = 0.045 − 0.05 = −0.005, v = 0.00024975 + 0.00025 = 0.00049975;
  //   c1 = 1/0.19, c2 = 1/0.001999 → m̂ = −0.0263158, v̂ = 0.25
  //   step = lr·(−0.0263158)/0.5 = −0.000526316  → w = 0.990526316
  const Scalar lr = Scalar(0.01), beta1 = Scalar(0.9), beta2 = Scalar(0.999), eps = Scalar(1e-8);
  Scalar w = 1, m = 0, v = 0;
  Scalar g = Scalar(0.5);
  kn::adam_update__ref(1, lr, beta1, beta2, eps, Scalar(10), Scalar(1000), &g, &m, &v, &w);
  CHECK(m == doctest::Approx(0.05));
  CHECK(v == doctest::Approx(0.00025));
  CHECK(w == doctest::Approx(0.99).epsilon(1e-6));
  g = Scalar(-0.5);
  kn::adam_update__ref(1, lr, beta1, beta2, eps, 1 / Scalar(0.19), 1 / Scalar(0.001999), &g, &m,
                       &v, &w);
  CHECK(m == doctest::Approx(-0.005));
  CHECK(v == doctest::Approx(0.00049975));
  CHECK(w == doctest::Approx(0.990526316).epsilon(1e-6));
}

TEST_CASE("kernels::optimizer updates: n = 0 touches nothing") {
  float w = 7, m = 1, v = 2;
  const float g = 3;
  kn::sgd_update(0, 0.1f, &g, &w);
  kn::momentum_update(0, 0.1f, 0.9f, &g, &v, &w);
  kn::adam_update(0, 0.1f, 0.9f, 0.999f, 1e-8f, 10, 1000, &g, &m, &v, &w);
  CHECK(w == 7.0f);
  CHECK(m == 1.0f);
  CHECK(v == 2.0f);
}
