// The kernels' reference variants (the native kernels and the oracle for the
// SIMD ones) against hand-computed cases and double-precision loops, and the
// public dispatchers. SIMD-vs-reference tests: test_kernels_wasmsimd.cpp.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "engine/kernels/kernels.h"
#include "engine/kernels/variants.h"
#include "tests/kernel_tester_dense_suites.h"
#include "tests/kernel_tester_suites.h"

namespace kn = bpl::kernels;
using kn::testing::GemmForm;

namespace {

// Restores the process-wide backend when a test that switches it ends.
struct BackendGuard {
  kn::Backend saved = kn::backend();
  ~BackendGuard() { kn::set_backend(saved); }
};

}  // namespace

TEST_CASE("kernels: 2x2 GEMMs through the dispatchers match products written out by hand") {
  // A = [1 2; 3 4], B = [5 6; 7 8], C₀ = [1 1; 1 1], alpha = 2, beta = 0.5:
  //   A·B  = [19 22; 43 50]   → 2·A·B  + 0.5 = [38.5 44.5;  86.5 100.5]
  //   A·Bᵀ = [17 23; 39 53]   → 2·A·Bᵀ + 0.5 = [34.5 46.5;  78.5 106.5]
  //   Aᵀ·B = [26 30; 38 44]   → 2·Aᵀ·B + 0.5 = [52.5 60.5;  76.5  88.5]
  const float a[] = {1, 2, 3, 4}, b[] = {5, 6, 7, 8};
  BackendGuard guard;
  for (kn::Backend which : {kn::Backend::reference, kn::Backend::simd}) {
    kn::set_backend(which);
    CAPTURE(int(kn::backend()));
    float c[] = {1, 1, 1, 1};
    SUBCASE("nn") {
      kn::gemm_nn(2, 2, 2, 2.0f, a, 2, b, 2, 0.5f, c, 2);
      CHECK(std::vector<float>(c, c + 4) == std::vector<float>{38.5f, 44.5f, 86.5f, 100.5f});
    }
    SUBCASE("nt") {
      kn::gemm_nt(2, 2, 2, 2.0f, a, 2, b, 2, 0.5f, c, 2);
      CHECK(std::vector<float>(c, c + 4) == std::vector<float>{34.5f, 46.5f, 78.5f, 106.5f});
    }
    SUBCASE("tn") {
      kn::gemm_tn(2, 2, 2, 2.0f, a, 2, b, 2, 0.5f, c, 2);
      CHECK(std::vector<float>(c, c + 4) == std::vector<float>{52.5f, 60.5f, 76.5f, 88.5f});
    }
  }
}

TEST_CASE("kernels: the backend switch picks simd only where it was built") {
  BackendGuard guard;
#if defined(__wasm_simd128__)
  CHECK(kn::simd_available());
#else
  CHECK_FALSE(kn::simd_available());
#endif
  kn::set_backend(kn::Backend::reference);
  CHECK(kn::backend() == kn::Backend::reference);
  kn::set_backend(kn::Backend::simd);
  CHECK(kn::backend() == (kn::simd_available() ? kn::Backend::simd : kn::Backend::reference));
}

TEST_CASE("kernels::gemm_nn__ref: matches a double loop on awkward sizes") {
  kn::testing::run_gemm_suite(GemmForm::nn, kn::gemm_nn__ref);
}

TEST_CASE("kernels::gemm_nt__ref: matches a double loop on awkward sizes") {
  kn::testing::run_gemm_suite(GemmForm::nt, kn::gemm_nt__ref);
}

TEST_CASE("kernels::gemm_tn__ref: matches a double loop on awkward sizes") {
  kn::testing::run_gemm_suite(GemmForm::tn, kn::gemm_tn__ref);
}

// The testers must be able to fail: each of these runs a broken kernel and
// passes only if the tester reports it (doctest::should_fail).
TEST_CASE("kernels::gemm tester: rejects a kernel that drops the last product" *
          doctest::should_fail()) {
  kn::testing::GemmTester().m(3).n(9).k(5).test(
      [](int m, int n, int k, float alpha, const float* a, int lda, const float* b, int ldb,
         float beta, float* c,
         int ldc) { kn::gemm_nn__ref(m, n, k - 1, alpha, a, lda, b, ldb, beta, c, ldc); });
}

TEST_CASE("kernels::gemm tester: rejects a kernel that reads C when beta = 0" *
          doctest::should_fail()) {
  kn::testing::GemmTester().m(3).n(9).k(5).beta(0.0f).test(
      [](int m, int n, int k, float alpha, const float* a, int lda, const float* b, int ldb, float,
         float* c, int ldc) {
        kn::gemm_nn__ref(m, n, k, alpha, a, lda, b, ldb, 1.0f, c, ldc);  // 0·NaN is NaN
      });
}

TEST_CASE("kernels::gemm tester: rejects a kernel that writes C's padding" *
          doctest::should_fail()) {
  kn::testing::GemmTester().m(3).n(9).k(5).pad(0, 0, 2).test(
      [](int m, int n, int k, float alpha, const float* a, int lda, const float* b, int ldb,
         float beta, float* c, int ldc) {
        kn::gemm_nn__ref(m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        c[n] = 0.0f;  // one float past the end of row 0
      });
}

TEST_CASE("kernels::activation tester: rejects a derivative from the wrong side of the kink" *
          doctest::should_fail()) {
  kn::testing::activation_tester(kn::Activation::relu)
      .rows(2)
      .cols(9)
      .test([](int rows, int cols, const float* z, int ldz, const float* a, int lda, const float* u,
               int ldu, float* dz, int lddz, kn::Activation, float) {
        kn::activation_backward__ref(rows, cols, z, ldz, a, lda, u, ldu, dz, lddz,
                                     kn::Activation::leaky_relu, 1.0f);  // relu' at z ≤ 0 is 0
      });
}

TEST_CASE("kernels::bias_activation__ref and activation_backward__ref: match double formulas") {
  kn::testing::run_activation_suite(kn::bias_activation__ref, kn::activation_backward__ref);
}

TEST_CASE("kernels::bias_activation__ref: a may alias z (in-place activation)") {
  std::vector<float> z = {-1.0f, 0.5f, 2.0f, -3.0f};
  const float bias[] = {0.5f, -1.0f};
  kn::bias_activation__ref(2, 2, z.data(), 2, bias, z.data(), 2, kn::Activation::relu, 0.0f);
  // z + bias = [-0.5 -0.5; 2.5 -4] → relu = [0 0; 2.5 0]
  CHECK(z == std::vector<float>{0.0f, 0.0f, 2.5f, 0.0f});
}

TEST_CASE("kernels::column_sums__ref: matches a double loop") {
  kn::testing::run_column_sums_suite(kn::column_sums__ref);
}

TEST_CASE("kernels::column_sums__ref: a 3x2 sum written out") {
  // x = [1 2; 3 4; 5 6]: column sums [9 12]; alpha = 1/3, beta = 2, sums₀ = [1 -1]
  // → [3 + 2, 4 − 2] = [5 2]
  const float x[] = {1, 2, 3, 4, 5, 6};
  float sums[] = {1, -1};
  kn::column_sums__ref(3, 2, 1.0f / 3, x, 2, 2.0f, sums);
  CHECK(sums[0] == doctest::Approx(5.0f));
  CHECK(sums[1] == doctest::Approx(2.0f));
}

TEST_CASE("kernels::dense_forward__ref: matches a double loop on awkward sizes") {
  kn::testing::run_dense_forward_suite(kn::dense_forward__ref);
}

TEST_CASE("kernels::dense_weight_gradients__ref: matches a double loop on awkward sizes") {
  kn::testing::run_dense_weight_gradients_suite(kn::dense_weight_gradients__ref);
}

TEST_CASE("kernels::dense_input_delta__ref: matches a double loop on awkward sizes") {
  kn::testing::run_dense_input_delta_suite(kn::dense_input_delta__ref);
}

TEST_CASE("kernels: the dense dispatchers match double loops on both backends") {
  BackendGuard guard;
  for (kn::Backend which : {kn::Backend::reference, kn::Backend::simd}) {
    kn::set_backend(which);
    CAPTURE(int(kn::backend()));
    // A Playground layer (fused on simd) and an MNIST output layer (unfused).
    for (kn::testing::DenseShape s : {kn::testing::DenseShape{8, 8}, {10, 128}}) {
      kn::testing::dense_forward_tester(kn::Activation::tanh)
          .rows(10)
          .n(s.n)
          .k(s.k)
          .test(kn::dense_forward);
      kn::testing::DenseWeightGradientsTester().rows(10).n(s.n).k(s.k).alpha(0.1f).test(
          kn::dense_weight_gradients);
      kn::testing::dense_input_delta_tester(kn::Activation::relu)
          .rows(10)
          .n(s.n)
          .k(s.k)
          .test(kn::dense_input_delta);
    }
  }
}

// The dense testers must be able to fail, like the ones above.
TEST_CASE("kernels::dense_forward tester: rejects a kernel that drops the bias" *
          doctest::should_fail()) {
  kn::testing::dense_forward_tester(kn::Activation::sigmoid)
      .rows(3)
      .n(5)
      .k(4)
      .test([](int rows, int n, int k, const float* x, int ldx, const float* w, int ldw,
               const float*, float* z, int ldz, float* a, int lda, kn::Activation act,
               float slope) {
        const std::vector<float> zeros(n, 0.0f);
        kn::dense_forward__ref(rows, n, k, x, ldx, w, ldw, zeros.data(), z, ldz, a, lda, act,
                               slope);
      });
}

TEST_CASE("kernels::dense_forward tester: rejects a kernel that stores z after a" *
          doctest::should_fail()) {
  // Right out of place; in place (a = z) the final buffer holds z, not tanh(z).
  kn::testing::dense_forward_tester(kn::Activation::tanh)
      .rows(3)
      .n(5)
      .k(4)
      .in_place(true)
      .test([](int rows, int n, int k, const float* x, int ldx, const float* w, int ldw,
               const float* bias, float* z, int ldz, float* a, int lda, kn::Activation act,
               float slope) {
        kn::dense_forward__ref(rows, n, k, x, ldx, w, ldw, bias, a, lda, a, lda, act, slope);
        kn::dense_forward__ref(rows, n, k, x, ldx, w, ldw, bias, z, ldz, z, ldz,
                               kn::Activation::linear, 0.0f);
      });
}

TEST_CASE("kernels::dense_weight_gradients tester: rejects a kernel that ignores beta" *
          doctest::should_fail()) {
  kn::testing::DenseWeightGradientsTester().rows(4).n(3).k(5).beta(0.5f).test(
      [](int rows, int n, int k, float alpha, const float* delta, int ldd, const float* x, int ldx,
         float, float* dw, int lddw, float* db) {
        kn::dense_weight_gradients__ref(rows, n, k, alpha, delta, ldd, x, ldx, 0.0f, dw, lddw, db);
      });
}

TEST_CASE("kernels::dense_weight_gradients tester: rejects a kernel that skips db when k = 0" *
          doctest::should_fail()) {
  kn::testing::DenseWeightGradientsTester().rows(4).n(3).k(0).test(
      [](int rows, int n, int k, float alpha, const float* delta, int ldd, const float* x, int ldx,
         float beta, float* dw, int lddw, float* db) {
        if (k > 0)
          kn::dense_weight_gradients__ref(rows, n, k, alpha, delta, ldd, x, ldx, beta, dw, lddw,
                                          db);
      });
}

TEST_CASE("kernels::dense_input_delta tester: rejects a kernel that drops act'" *
          doctest::should_fail()) {
  kn::testing::dense_input_delta_tester(kn::Activation::sigmoid)
      .rows(3)
      .n(5)
      .k(4)
      .test([](int rows, int n, int k, const float* delta, int ldd, const float* w, int ldw,
               const float* z, int ldz, const float* a, int lda, float* dx, int lddx,
               kn::Activation, float slope) {
        kn::dense_input_delta__ref(rows, n, k, delta, ldd, w, ldw, z, ldz, a, lda, dx, lddx,
                                   kn::Activation::linear, slope);
      });
}
