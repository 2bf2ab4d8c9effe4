// dW = alpha·δᵀ·X + beta·dW, db = alpha·Σ_r δ[r] + beta·db: the unfused
// composition, gemm_tn__ref then column_sums__ref.
#include "engine/kernels/variants.h"

namespace bpl::kernels {

template <typename Scalar>
void dense_weight_gradients__ref(int rows, int n, int k, Scalar alpha, const Scalar* delta,
                                 int ldd, const Scalar* x, int ldx, Scalar beta, Scalar* dw,
                                 int lddw, Scalar* db) {
  expect_dense_backward_args(rows, n, k, ldd, ldx, lddw);
  gemm_tn__ref(n, k, rows, alpha, delta, ldd, x, ldx, beta, dw, lddw);
  column_sums__ref(rows, n, alpha, delta, ldd, beta, db);
}

template void dense_weight_gradients__ref(int, int, int, float, const float*, int, const float*,
                                          int, float, float*, int, float*);
template void dense_weight_gradients__ref(int, int, int, double, const double*, int,
                                          const double*, int, double, double*, int, double*);

}  // namespace bpl::kernels
