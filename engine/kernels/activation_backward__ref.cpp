// dz[r][j] = upstream[r][j] · act'(z[r][j])  (δ = ∂L/∂a ⊙ σ'(z)).  `dz` may be `upstream`.
#include "engine/kernels/activation_math.h"
#include "engine/kernels/variants.h"

namespace bpl::kernels {

template <typename Scalar>
void activation_backward__ref(int rows, int cols, const Scalar* z, int ldz, const Scalar* a,
                              int lda, const Scalar* upstream, int ldu, Scalar* dz, int lddz,
                              Activation act, Scalar slope) {
  expect_matrix_args(rows, cols, ldz);
  expect_matrix_args(rows, cols, lda);
  expect_matrix_args(rows, cols, ldu);
  expect_matrix_args(rows, cols, lddz);
  visit_activation(act, [&](auto tag) {
    for (int r = 0; r < rows; ++r) {
      const Scalar* z_row = z + static_cast<std::ptrdiff_t>(r) * ldz;
      const Scalar* a_row = a + static_cast<std::ptrdiff_t>(r) * lda;
      const Scalar* u_row = upstream + static_cast<std::ptrdiff_t>(r) * ldu;
      Scalar* dz_row = dz + static_cast<std::ptrdiff_t>(r) * lddz;
      for (int j = 0; j < cols; ++j) {
        dz_row[j] = u_row[j] * activation_derivative<tag()>(z_row[j], a_row[j], slope);
      }
    }
  });
}

template void activation_backward__ref(int, int, const float*, int, const float*, int,
                                       const float*, int, float*, int, Activation, float);
template void activation_backward__ref(int, int, const double*, int, const double*, int,
                                       const double*, int, double*, int, Activation, double);

}  // namespace bpl::kernels
