// C = alpha·A·Bᵀ + beta·C;  A m×k, B n×k, row-major: c[i][j] = alpha·(a_i · b_j) + beta·c[i][j].
// Each entry is a dot product of two contiguous rows. Eight independent
// partial sums (lane l sums p ≡ l mod 8) let compilers vectorise it without
// -ffast-math, which they may not do for a single running sum.
#include "engine/kernels/variants.h"

namespace bpl::kernels {
namespace {

template <typename Scalar>
Scalar dot(const Scalar* x, const Scalar* y, int k) {
  constexpr int lanes = 8;
  Scalar partial[lanes] = {};
  int p = 0;
  for (; p + lanes <= k; p += lanes) {
    for (int l = 0; l < lanes; ++l) partial[l] += x[p + l] * y[p + l];
  }
  for (int l = 0; p < k; ++p, ++l) partial[l] += x[p] * y[p];
  return ((partial[0] + partial[4]) + (partial[1] + partial[5])) +
         ((partial[2] + partial[6]) + (partial[3] + partial[7]));
}

}  // namespace

template <typename Scalar>
void gemm_nt__ref(int m, int n, int k, Scalar alpha, const Scalar* a, int lda, const Scalar* b,
                  int ldb, Scalar beta, Scalar* c, int ldc) {
  expect_gemm_args(m, n, k, k, lda, k, ldb, ldc);
  for (int i = 0; i < m; ++i) {
    const Scalar* a_row = a + static_cast<std::ptrdiff_t>(i) * lda;
    Scalar* c_row = c + static_cast<std::ptrdiff_t>(i) * ldc;
    for (int j = 0; j < n; ++j) {
      const Scalar product = alpha * dot(a_row, b + static_cast<std::ptrdiff_t>(j) * ldb, k);
      c_row[j] = beta == Scalar(0) ? product : product + beta * c_row[j];  // beta = 0: C write-only
    }
  }
}

template void gemm_nt__ref(int, int, int, float, const float*, int, const float*, int, float,
                           float*, int);
template void gemm_nt__ref(int, int, int, double, const double*, int, const double*, int, double,
                           double*, int);

}  // namespace bpl::kernels
