// Every __wasmsimd kernel against a double-precision loop and its __ref twin
// on the awkward sizes of kernel_tester.h. Only in the wasm build, where the
// ctest runs each case under node.
#include "engine/kernels/variants.h"

#if BPL_KERNELS_HAVE_WASMSIMD
#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <vector>

#include "engine/kernels/activation_math__wasmsimd.h"
#include "tests/kernel_tester_dense_suites.h"
#include "tests/kernel_tester_suites.h"

namespace kn = bpl::kernels;
using kn::testing::GemmForm;

TEST_CASE("kernels::gemm_nn__wasmsimd: matches a double loop and gemm_nn__ref") {
  kn::testing::run_gemm_suite(GemmForm::nn, kn::gemm_nn__wasmsimd, kn::gemm_nn__ref);
}

TEST_CASE("kernels::gemm_nt__wasmsimd: matches a double loop and gemm_nt__ref") {
  kn::testing::run_gemm_suite(GemmForm::nt, kn::gemm_nt__wasmsimd, kn::gemm_nt__ref);
}

TEST_CASE("kernels::gemm_tn__wasmsimd: matches a double loop and gemm_tn__ref") {
  kn::testing::run_gemm_suite(GemmForm::tn, kn::gemm_tn__wasmsimd, kn::gemm_tn__ref);
}

TEST_CASE(
    "kernels::bias_activation__wasmsimd and activation_backward__wasmsimd: match double formulas") {
  kn::testing::run_activation_suite(kn::bias_activation__wasmsimd,
                                    kn::activation_backward__wasmsimd);
}

TEST_CASE("kernels::column_sums__wasmsimd: matches a double loop") {
  kn::testing::run_column_sums_suite(kn::column_sums__wasmsimd);
}

TEST_CASE("kernels::dense_forward__wasmsimd: matches a double loop and dense_forward__ref") {
  kn::testing::run_dense_forward_suite(kn::dense_forward__wasmsimd, kn::dense_forward__ref);
}

TEST_CASE(
    "kernels::dense_weight_gradients__wasmsimd: matches a double loop and "
    "dense_weight_gradients__ref") {
  kn::testing::run_dense_weight_gradients_suite(kn::dense_weight_gradients__wasmsimd,
                                                kn::dense_weight_gradients__ref);
}

TEST_CASE(
    "kernels::dense_input_delta__wasmsimd: matches a double loop and dense_input_delta__ref") {
  kn::testing::run_dense_input_delta_suite(kn::dense_input_delta__wasmsimd,
                                           kn::dense_input_delta__ref);
}

namespace {

// Runs an elementwise kernel and its reference on copies of the same state
// and requires bitwise-equal results (same formula, same operation order).
template <class Kernel>
void check_same_as_reference(int n, Kernel&& run) {
  CAPTURE(n);
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  std::vector<float> g(n), state(3 * n);
  for (float& x : g) x = dist(rng);
  for (float& x : state) x = std::fabs(dist(rng));  // v must be ≥ 0 for Adam
  std::vector<float> simd_state = state, ref_state = state;
  run(true, g.data(), simd_state.data());
  run(false, g.data(), ref_state.data());
  CHECK(simd_state == ref_state);
}

}  // namespace

TEST_CASE("kernels::optimizer updates (wasmsimd): bit-identical to the references") {
  for (int n : {0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 33, 1000}) {
    check_same_as_reference(n, [n](bool simd, const float* g, float* s) {
      (simd ? kn::sgd_update__wasmsimd : kn::sgd_update__ref<float>)(n, 0.05f, g, s);
    });
    check_same_as_reference(n, [n](bool simd, const float* g, float* s) {
      (simd ? kn::momentum_update__wasmsimd : kn::momentum_update__ref<float>)(n, 0.05f, 0.9f, g,
                                                                               s, s + n);
    });
    check_same_as_reference(n, [n](bool simd, const float* g, float* s) {
      (simd ? kn::adam_update__wasmsimd : kn::adam_update__ref<float>)(
          n, 1e-3f, 0.9f, 0.999f, 1e-8f, 1 / (1 - 0.9f * 0.9f), 1 / (1 - 0.999f * 0.999f), g, s,
          s + n, s + 2 * n);
    });
  }
}

TEST_CASE("kernels::column_sums__wasmsimd: bit-identical to column_sums__ref") {
  // Both sum each column over rows in order, so even rounding agrees.
  std::mt19937 rng(9);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  for (int cols : {1, 5, 16, 21, 784}) {
    CAPTURE(cols);
    std::vector<float> x(128 * (cols + 1));
    for (float& v : x) v = dist(rng);
    std::vector<float> simd(cols, 0.5f), ref(cols, 0.5f);
    kn::column_sums__wasmsimd(128, cols, 1.0f / 128, x.data(), cols + 1, 0.9f, simd.data());
    kn::column_sums__ref(128, cols, 1.0f / 128, x.data(), cols + 1, 0.9f, ref.data());
    CHECK(simd == ref);
  }
}

namespace {

// Largest |simd(x) − exact(x)| / (relative·|exact(x)| + absolute) over a sweep
// of [lo, hi]: ≤ 1 means within the bound everywhere.
template <class Simd, class Exact>
double worst_error_ratio(float lo, float hi, Simd simd, Exact exact, double relative,
                         double absolute) {
  constexpr int kPoints = 40000;
  double worst = 0;
  for (int i = 0; i < kPoints; i += 4) {
    float x[4], y[4];
    for (int lane = 0; lane < 4; ++lane) x[lane] = lo + (hi - lo) * float(i + lane) / kPoints;
    wasm_v128_store(y, simd(wasm_v128_load(x)));
    for (int lane = 0; lane < 4; ++lane) {
      const double expected = exact(double(x[lane]));
      const double bound = relative * std::fabs(expected) + absolute;
      worst = std::fmax(worst, std::fabs(y[lane] - expected) / bound);
    }
  }
  return worst;
}

}  // namespace

TEST_CASE("kernels::simd_math: exp, sigmoid, tanh and Φ within their documented error") {
  namespace sm = kn::simd_math;
  // The bounds of activation_math__wasmsimd.h, with 2^-24 ≈ 6e-8 per ulp.
  SUBCASE("exp: 1 ulp (relative 1.2e-7) on [-87.3, 88]") {
    CHECK(worst_error_ratio(
              -87.3f, 88.0f, sm::exp_f32x4, [](double x) { return std::exp(x); }, 1.2e-7, 0) <= 1);
  }
  SUBCASE("exp: 0 below the normal range, e^88 above") {
    float x[4] = {-88.0f, -1e3f, 89.0f, 1e3f}, y[4];
    wasm_v128_store(y, sm::exp_f32x4(wasm_v128_load(x)));
    CHECK(y[0] == 0.0f);
    CHECK(y[1] == 0.0f);
    CHECK(y[2] == doctest::Approx(std::exp(88.0f)));
    CHECK(y[3] == doctest::Approx(std::exp(88.0f)));
  }
  SUBCASE("sigmoid: relative 2e-7 on [-30, 30]") {
    CHECK(worst_error_ratio(
              -30.0f, 30.0f, sm::sigmoid_f32x4, [](double x) { return 1 / (1 + std::exp(-x)); },
              2e-7, 1e-30) <= 1);
  }
  SUBCASE("tanh: relative 1.8e-7 and absolute 9e-8 on [-10, 10], near 0 and where n switches") {
    const auto exact = [](double x) { return std::tanh(x); };
    CHECK(worst_error_ratio(-10.0f, 10.0f, sm::tanh_f32x4, exact, 1.8e-7, 1e-30) <= 1);
    CHECK(worst_error_ratio(-10.0f, 10.0f, sm::tanh_f32x4, exact, 0, 9e-8) <= 1);
    // 2|z| = ln2/2 and 3·ln2/2: n goes 0 → 1 → 2 in the reduction.
    CHECK(worst_error_ratio(0.16f, 0.19f, sm::tanh_f32x4, exact, 1.8e-7, 1e-30) <= 1);
    CHECK(worst_error_ratio(-0.54f, -0.50f, sm::tanh_f32x4, exact, 1.8e-7, 1e-30) <= 1);
    CHECK(worst_error_ratio(-1e-3f, 1e-3f, sm::tanh_f32x4, exact, 1.8e-7, 1e-30) <= 1);
  }
  SUBCASE("tanh: exactly ±1 from |z| = 10 on, NaN stays NaN, tiny z returns z") {
    float x[4] = {10.0f, -1e30f, std::nanf(""), 1e-30f}, y[4];
    wasm_v128_store(y, sm::tanh_f32x4(wasm_v128_load(x)));
    CHECK(y[0] == 1.0f);
    CHECK(y[1] == -1.0f);
    CHECK(std::isnan(y[2]));
    CHECK(y[3] == 1e-30f);
  }
  SUBCASE("normal cdf: absolute 2.1e-7 on [-10, 10]") {
    CHECK(worst_error_ratio(
              -10.0f, 10.0f, sm::normal_cdf_f32x4,
              [](double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }, 0, 2.1e-7) <= 1);
  }
}

#endif  // BPL_KERNELS_HAVE_WASMSIMD
