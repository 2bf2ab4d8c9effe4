// dw[j][p] = alpha·Σ_r δ[r][j]·x[r][p] + beta·dw[j][p];  db[j] = alpha·Σ_r δ[r][j] + beta·db[j].
#include "engine/kernels/variants.h"

namespace bpl::kernels {

void dense_weight_gradients__ref(int rows, int n, int k, float alpha, const float* delta, int ldd,
                                 const float* x, int ldx, float beta, float* dw, int lddw,
                                 float* db) {
  expect_dense_backward_args(rows, n, k, ldd, ldx, lddw);
  for (int j = 0; j < n; ++j) {
    float* dw_row = dw + static_cast<std::ptrdiff_t>(j) * lddw;
    for (int p = 0; p < k; ++p) {
      float sum = 0.0f;
      for (int r = 0; r < rows; ++r)
        sum += delta[static_cast<std::ptrdiff_t>(r) * ldd + j] *
               x[static_cast<std::ptrdiff_t>(r) * ldx + p];
      dw_row[p] =
          beta == 0.0f ? alpha * sum : alpha * sum + beta * dw_row[p];  // beta = 0: write-only
    }
    float sum = 0.0f;
    for (int r = 0; r < rows; ++r) sum += delta[static_cast<std::ptrdiff_t>(r) * ldd + j];
    db[j] = beta == 0.0f ? alpha * sum : alpha * sum + beta * db[j];
  }
}

}  // namespace bpl::kernels
