// dz[r][j] = upstream[r][j] · act'(z[r][j])  (δ = ∂L/∂a ⊙ σ'(z)).  `dz` may be `upstream`.
#include "engine/kernels/activation_math.h"
#include "engine/kernels/variants.h"

namespace bpl::kernels {

void activation_backward__ref(int rows, int cols, const float* z, int ldz, const float* a, int lda,
                              const float* upstream, int ldu, float* dz, int lddz, Activation act,
                              float slope) {
  expect_matrix_args(rows, cols, ldz);
  expect_matrix_args(rows, cols, lda);
  expect_matrix_args(rows, cols, ldu);
  expect_matrix_args(rows, cols, lddz);
  visit_activation(act, [&](auto tag) {
    for (int r = 0; r < rows; ++r) {
      const float* z_row = z + static_cast<std::ptrdiff_t>(r) * ldz;
      const float* a_row = a + static_cast<std::ptrdiff_t>(r) * lda;
      const float* u_row = upstream + static_cast<std::ptrdiff_t>(r) * ldu;
      float* dz_row = dz + static_cast<std::ptrdiff_t>(r) * lddz;
      for (int j = 0; j < cols; ++j) {
        dz_row[j] = u_row[j] * activation_derivative<tag()>(z_row[j], a_row[j], slope);
      }
    }
  });
}

}  // namespace bpl::kernels
