// C = alpha·A·Bᵀ + beta·C;  A m×k, B n×k, row-major: c[i][j] = alpha·(a_i · b_j) + beta·c[i][j].
// Each entry is a dot product of two contiguous rows. Eight independent
// partial sums (lane l sums p ≡ l mod 8) let compilers vectorise it without
// -ffast-math, which they may not do for a single running sum.
#include "engine/kernels/variants.h"

namespace bpl::kernels {
namespace {

float dot(const float* x, const float* y, int k) {
  constexpr int lanes = 8;
  float partial[lanes] = {};
  int p = 0;
  for (; p + lanes <= k; p += lanes) {
    for (int l = 0; l < lanes; ++l) partial[l] += x[p + l] * y[p + l];
  }
  for (int l = 0; p < k; ++p, ++l) partial[l] += x[p] * y[p];
  return ((partial[0] + partial[4]) + (partial[1] + partial[5])) +
         ((partial[2] + partial[6]) + (partial[3] + partial[7]));
}

}  // namespace

void gemm_nt__ref(int m, int n, int k, float alpha, const float* a, int lda, const float* b,
                  int ldb, float beta, float* c, int ldc) {
  expect_gemm_args(m, n, k, k, lda, k, ldb, ldc);
  for (int i = 0; i < m; ++i) {
    const float* a_row = a + static_cast<std::ptrdiff_t>(i) * lda;
    float* c_row = c + static_cast<std::ptrdiff_t>(i) * ldc;
    for (int j = 0; j < n; ++j) {
      const float product = alpha * dot(a_row, b + static_cast<std::ptrdiff_t>(j) * ldb, k);
      c_row[j] = beta == 0.0f ? product : product + beta * c_row[j];  // beta = 0: C write-only
    }
  }
}

}  // namespace bpl::kernels
