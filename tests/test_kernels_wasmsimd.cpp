// Every __wasmsimd kernel against a double-precision loop and its __ref twin
// on the awkward sizes of kernel_tester.h. Only in the wasm build, where the
// ctest runs each case under node.
#include "engine/kernels/variants.h"

#if BPL_KERNELS_HAVE_WASMSIMD
#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <vector>

#include "tests/kernel_tester.h"

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
      (simd ? kn::sgd_update__wasmsimd : kn::sgd_update__ref)(n, 0.05f, g, s);
    });
    check_same_as_reference(n, [n](bool simd, const float* g, float* s) {
      (simd ? kn::momentum_update__wasmsimd : kn::momentum_update__ref)(n, 0.05f, 0.9f, g, s,
                                                                        s + n);
    });
    check_same_as_reference(n, [n](bool simd, const float* g, float* s) {
      (simd ? kn::adam_update__wasmsimd : kn::adam_update__ref)(
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

#endif  // BPL_KERNELS_HAVE_WASMSIMD
