// C = alpha·A·B + beta·C;  A m×k, B k×n, row-major.
// i-k-j order: the inner loop is c[i][0..n) += (alpha·a[i][p])·b[p][0..n), a
// contiguous axpy that compilers vectorise without reassociating a sum.
#include "engine/kernels/variants.h"

namespace bpl::kernels {

template <typename Scalar>
void gemm_nn__ref(int m, int n, int k, Scalar alpha, const Scalar* a, int lda, const Scalar* b,
                  int ldb, Scalar beta, Scalar* c, int ldc) {
  expect_gemm_args(m, n, k, k, lda, n, ldb, ldc);
  for (int i = 0; i < m; ++i) {
    Scalar* c_row = c + static_cast<std::ptrdiff_t>(i) * ldc;
    scale_row__ref(c_row, n, beta);
    const Scalar* a_row = a + static_cast<std::ptrdiff_t>(i) * lda;
    for (int p = 0; p < k; ++p) {
      const Scalar scaled_a = alpha * a_row[p];
      const Scalar* b_row = b + static_cast<std::ptrdiff_t>(p) * ldb;
      for (int j = 0; j < n; ++j) c_row[j] += scaled_a * b_row[j];
    }
  }
}

template void gemm_nn__ref(int, int, int, float, const float*, int, const float*, int, float,
                           float*, int);
template void gemm_nn__ref(int, int, int, double, const double*, int, const double*, int, double,
                           double*, int);

}  // namespace bpl::kernels
