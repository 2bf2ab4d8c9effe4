// z[r][j] += bias[j];  a[r][j] = act(z[r][j]).  `a` may be `z`.
#include "engine/kernels/activation_math.h"
#include "engine/kernels/variants.h"

namespace bpl::kernels {

void bias_activation__ref(int rows, int cols, float* z, int ldz, const float* bias, float* a,
                          int lda, Activation act, float slope) {
  expect_matrix_args(rows, cols, ldz);
  expect_matrix_args(rows, cols, lda);
  visit_activation(act, [&](auto tag) {
    for (int r = 0; r < rows; ++r) {
      float* z_row = z + static_cast<std::ptrdiff_t>(r) * ldz;
      float* a_row = a + static_cast<std::ptrdiff_t>(r) * lda;
      for (int j = 0; j < cols; ++j) {
        const float biased = z_row[j] + bias[j];
        z_row[j] = biased;
        a_row[j] = activate<tag()>(biased, slope);
      }
    }
  });
}

}  // namespace bpl::kernels
