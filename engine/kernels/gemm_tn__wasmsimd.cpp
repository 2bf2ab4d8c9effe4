// C = alpha·Aᵀ·B + beta·C;  A k×m, B k×n: a tile's four op(A) values at step p
// are a[p][i..i+3], one contiguous load. B panels are used in place as in
// gemm_nn. See gemm_4x8__wasmsimd.h.
#include "engine/kernels/gemm_4x8__wasmsimd.h"
#include "engine/kernels/variants.h"

namespace bpl::kernels {

void gemm_tn__wasmsimd(int m, int n, int k, float alpha, const float* a, int lda, const float* b,
                       int ldb, float beta, float* c, int ldc) {
  expect_gemm_args(m, n, k, m, lda, n, ldb, ldc);
  if (gemm_wasmsimd::prefer_direct(m, n, k))
    return gemm_wasmsimd::gemm_direct(m, n, k, alpha, a, 1, lda, b, ldb, beta, c, ldc);
  const auto columns_of_a = [=](int i, int p0, auto rows) {
    return gemm_wasmsimd::ColumnsOfA<rows()>{a + static_cast<std::ptrdiff_t>(p0) * lda + i, lda};
  };
  gemm_wasmsimd::gemm_blocked(m, n, k, alpha, columns_of_a, b, ldb, 1, beta, c, ldc);
}

}  // namespace bpl::kernels
