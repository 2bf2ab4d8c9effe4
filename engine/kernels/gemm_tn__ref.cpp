// C = alpha·Aᵀ·B + beta·C;  A k×m, B k×n, row-major (so Aᵀ[i][p] = a[p][i]).
// Same i-k-j axpy order as gemm_nn__ref; only the A element is strided.
#include "engine/kernels/variants.h"

namespace bpl::kernels {

template <typename Scalar>
void gemm_tn__ref(int m, int n, int k, Scalar alpha, const Scalar* a, int lda, const Scalar* b,
                  int ldb, Scalar beta, Scalar* c, int ldc) {
  expect_gemm_args(m, n, k, m, lda, n, ldb, ldc);
  for (int i = 0; i < m; ++i) {
    Scalar* c_row = c + static_cast<std::ptrdiff_t>(i) * ldc;
    scale_row__ref(c_row, n, beta);
    for (int p = 0; p < k; ++p) {
      const Scalar scaled_a = alpha * a[static_cast<std::ptrdiff_t>(p) * lda + i];
      const Scalar* b_row = b + static_cast<std::ptrdiff_t>(p) * ldb;
      for (int j = 0; j < n; ++j) c_row[j] += scaled_a * b_row[j];
    }
  }
}

template void gemm_tn__ref(int, int, int, float, const float*, int, const float*, int, float,
                           float*, int);
template void gemm_tn__ref(int, int, int, double, const double*, int, const double*, int, double,
                           double*, int);

}  // namespace bpl::kernels
