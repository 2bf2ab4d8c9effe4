// C = alpha·Aᵀ·B + beta·C;  A k×m, B k×n, row-major (so Aᵀ[i][p] = a[p][i]).
// Same i-k-j axpy order as gemm_nn__ref; only the A element is strided.
#include "engine/kernels/variants.h"

namespace bpl::kernels {

void gemm_tn__ref(int m, int n, int k, float alpha, const float* a, int lda, const float* b,
                  int ldb, float beta, float* c, int ldc) {
  expect_gemm_args(m, n, k, m, lda, n, ldb, ldc);
  for (int i = 0; i < m; ++i) {
    float* c_row = c + static_cast<std::ptrdiff_t>(i) * ldc;
    scale_row__ref(c_row, n, beta);
    for (int p = 0; p < k; ++p) {
      const float scaled_a = alpha * a[static_cast<std::ptrdiff_t>(p) * lda + i];
      const float* b_row = b + static_cast<std::ptrdiff_t>(p) * ldb;
      for (int j = 0; j < n; ++j) c_row[j] += scaled_a * b_row[j];
    }
  }
}

}  // namespace bpl::kernels
