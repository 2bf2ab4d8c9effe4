// z[r][j] += bias[j];  a[r][j] = act(z[r][j]).  `a` may be `z`.
#include "engine/kernels/activation_math.h"
#include "engine/kernels/variants.h"

namespace bpl::kernels {

template <typename Scalar>
void bias_activation__ref(int rows, int cols, Scalar* z, int ldz, const Scalar* bias, Scalar* a,
                          int lda, Activation act, Scalar slope) {
  expect_matrix_args(rows, cols, ldz);
  expect_matrix_args(rows, cols, lda);
  visit_activation(act, [&](auto tag) {
    for (int r = 0; r < rows; ++r) {
      Scalar* z_row = z + static_cast<std::ptrdiff_t>(r) * ldz;
      Scalar* a_row = a + static_cast<std::ptrdiff_t>(r) * lda;
      for (int j = 0; j < cols; ++j) {
        const Scalar biased = z_row[j] + bias[j];
        z_row[j] = biased;
        a_row[j] = activate<tag()>(biased, slope);
      }
    }
  });
}

template void bias_activation__ref(int, int, float*, int, const float*, float*, int, Activation,
                                   float);
template void bias_activation__ref(int, int, double*, int, const double*, double*, int, Activation,
                                   double);

}  // namespace bpl::kernels
