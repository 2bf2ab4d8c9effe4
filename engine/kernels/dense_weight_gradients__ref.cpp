// dW = alpha·δᵀ·X + beta·dW, db = alpha·Σ_r δ[r] + beta·db: the unfused
// composition, gemm_tn__ref then column_sums__ref.
#include "engine/kernels/variants.h"

namespace bpl::kernels {

void dense_weight_gradients__ref(int rows, int n, int k, float alpha, const float* delta, int ldd,
                                 const float* x, int ldx, float beta, float* dw, int lddw,
                                 float* db) {
  expect_dense_backward_args(rows, n, k, ldd, ldx, lddw);
  gemm_tn__ref(n, k, rows, alpha, delta, ldd, x, ldx, beta, dw, lddw);
  column_sums__ref(rows, n, alpha, delta, ldd, beta, db);
}

}  // namespace bpl::kernels
