// Z = X·Wᵀ + b, A = act(Z): the unfused composition, gemm_nt__ref then
// bias_activation__ref (their loop orders are the ones compilers vectorise
// well, which the native build relies on).
#include "engine/kernels/variants.h"

namespace bpl::kernels {

void dense_forward__ref(int rows, int n, int k, const float* x, int ldx, const float* w, int ldw,
                        const float* bias, float* z, int ldz, float* a, int lda, Activation act,
                        float slope) {
  expect_dense_forward_args(rows, n, k, ldx, ldw, ldz, lda);
  gemm_nt__ref(rows, n, k, 1.0f, x, ldx, w, ldw, 0.0f, z, ldz);
  bias_activation__ref(rows, n, z, ldz, bias, a, lda, act, slope);
}

}  // namespace bpl::kernels
