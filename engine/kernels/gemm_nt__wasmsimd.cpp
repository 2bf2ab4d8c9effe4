// C = alpha·A·Bᵀ + beta·C;  A m×k, B n×k: op(B)(p, j) = b[j·ldb + p], so every
// 8-column panel is packed k-major (8 rows of B transposed, 8 KB per k-block)
// and then reused by all m/4 strips. See gemm_4x8__wasmsimd.h.
#include "engine/kernels/gemm_4x8__wasmsimd.h"
#include "engine/kernels/variants.h"

namespace bpl::kernels {

void gemm_nt__wasmsimd(int m, int n, int k, float alpha, const float* a, int lda, const float* b,
                       int ldb, float beta, float* c, int ldc) {
  expect_gemm_args(m, n, k, k, lda, k, ldb, ldc);
  const auto rows_of_a = [=](int i, int p0) {
    return gemm_wasmsimd::RowsOfA{a + static_cast<std::ptrdiff_t>(i) * lda + p0, lda};
  };
  gemm_wasmsimd::gemm_blocked(m, n, k, alpha, rows_of_a, b, 1, ldb, beta, c, ldc);
}

}  // namespace bpl::kernels
