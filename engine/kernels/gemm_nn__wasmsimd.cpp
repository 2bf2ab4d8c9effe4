// C = alpha·A·B + beta·C;  A m×k, B k×n: B's rows are already k-major 8-wide
// panels, so only a last partial panel is packed; tiny products skip packing
// (gemm_direct). See gemm_4x8__wasmsimd.h.
#include "engine/kernels/gemm_4x8__wasmsimd.h"
#include "engine/kernels/variants.h"

namespace bpl::kernels {

void gemm_nn__wasmsimd(int m, int n, int k, float alpha, const float* a, int lda, const float* b,
                       int ldb, float beta, float* c, int ldc) {
  expect_gemm_args(m, n, k, k, lda, n, ldb, ldc);
  if (gemm_wasmsimd::prefer_direct(m, n, k))
    return gemm_wasmsimd::gemm_direct(m, n, k, alpha, a, lda, 1, b, ldb, beta, c, ldc);
  const auto rows_of_a = [=](int i, int p0, auto rows) {
    return gemm_wasmsimd::RowsOfA<rows()>(a + static_cast<std::ptrdiff_t>(i) * lda + p0, lda);
  };
  gemm_wasmsimd::gemm_blocked(m, n, k, alpha, rows_of_a, b, ldb, 1, beta, c, ldc);
}

}  // namespace bpl::kernels
