// dx[r][p] = (Σ_j δ[r][j]·w[j][p]) · act'(z[r][p], a[r][p]).
#include "engine/kernels/activation_math.h"
#include "engine/kernels/variants.h"

namespace bpl::kernels {

void dense_input_delta__ref(int rows, int n, int k, const float* delta, int ldd, const float* w,
                            int ldw, const float* z, int ldz, const float* a, int lda, float* dx,
                            int lddx, Activation act, float slope) {
  expect_dense_backward_args(rows, n, k, ldd, ldz, ldw);
  expect_matrix_args(rows, k, lda);
  expect_matrix_args(rows, k, lddx);
  visit_activation(act, [&](auto tag) {
    for (int r = 0; r < rows; ++r) {
      const float* delta_row = delta + static_cast<std::ptrdiff_t>(r) * ldd;
      for (int p = 0; p < k; ++p) {
        float sum = 0.0f;
        for (int j = 0; j < n; ++j)
          sum += delta_row[j] * w[static_cast<std::ptrdiff_t>(j) * ldw + p];
        const std::ptrdiff_t at_z = static_cast<std::ptrdiff_t>(r) * ldz + p;
        const std::ptrdiff_t at_a = static_cast<std::ptrdiff_t>(r) * lda + p;
        dx[static_cast<std::ptrdiff_t>(r) * lddx + p] =
            sum * activation_derivative<tag()>(z[at_z], a[at_a], slope);
      }
    }
  });
}

}  // namespace bpl::kernels
