// dX = (δ·W) ⊙ act'(Z, A): the unfused composition, gemm_nn__ref then
// activation_backward__ref in place.
#include "engine/kernels/variants.h"

namespace bpl::kernels {

void dense_input_delta__ref(int rows, int n, int k, const float* delta, int ldd, const float* w,
                            int ldw, const float* z, int ldz, const float* a, int lda, float* dx,
                            int lddx, Activation act, float slope) {
  expect_dense_backward_args(rows, n, k, ldd, ldz, ldw);
  expect_matrix_args(rows, k, lda);
  expect_matrix_args(rows, k, lddx);
  gemm_nn__ref(rows, k, n, 1.0f, delta, ldd, w, ldw, 0.0f, dx, lddx);
  activation_backward__ref(rows, k, z, ldz, a, lda, dx, lddx, dx, lddx, act, slope);
}

}  // namespace bpl::kernels
