// z[r][j] = bias[j] + Σ_p x[r][p]·w[j][p];  a[r][j] = act(z[r][j]).  `a` may be `z`.
#include "engine/kernels/activation_math.h"
#include "engine/kernels/variants.h"

namespace bpl::kernels {

void dense_forward__ref(int rows, int n, int k, const float* x, int ldx, const float* w, int ldw,
                        const float* bias, float* z, int ldz, float* a, int lda, Activation act,
                        float slope) {
  expect_dense_forward_args(rows, n, k, ldx, ldw, ldz, lda);
  visit_activation(act, [&](auto tag) {
    for (int r = 0; r < rows; ++r) {
      const float* x_row = x + static_cast<std::ptrdiff_t>(r) * ldx;
      float* z_row = z + static_cast<std::ptrdiff_t>(r) * ldz;
      float* a_row = a + static_cast<std::ptrdiff_t>(r) * lda;
      for (int j = 0; j < n; ++j) {
        const float* w_row = w + static_cast<std::ptrdiff_t>(j) * ldw;
        float sum = 0.0f;
        for (int p = 0; p < k; ++p) sum += x_row[p] * w_row[p];
        const float biased = sum + bias[j];
        z_row[j] = biased;
        a_row[j] = activate<tag()>(biased, slope);
      }
    }
  });
}

}  // namespace bpl::kernels
