// C = alpha·A·B + beta·C;  A m×k, B k×n, row-major.
// i-k-j order: the inner loop is c[i][0..n) += (alpha·a[i][p])·b[p][0..n), a
// contiguous axpy that compilers vectorise without reassociating a sum.
#include "engine/kernels/variants.h"

namespace bpl::kernels {

void gemm_nn__ref(int m, int n, int k, float alpha, const float* a, int lda, const float* b,
                  int ldb, float beta, float* c, int ldc) {
  expect_gemm_args(m, n, k, k, lda, n, ldb, ldc);
  for (int i = 0; i < m; ++i) {
    float* c_row = c + static_cast<std::ptrdiff_t>(i) * ldc;
    scale_row__ref(c_row, n, beta);
    const float* a_row = a + static_cast<std::ptrdiff_t>(i) * lda;
    for (int p = 0; p < k; ++p) {
      const float scaled_a = alpha * a_row[p];
      const float* b_row = b + static_cast<std::ptrdiff_t>(p) * ldb;
      for (int j = 0; j < n; ++j) c_row[j] += scaled_a * b_row[j];
    }
  }
}

}  // namespace bpl::kernels
