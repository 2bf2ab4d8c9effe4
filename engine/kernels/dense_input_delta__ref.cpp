// dX = (δ·W) ⊙ act'(Z, A): the unfused composition, gemm_nn__ref then
// activation_backward__ref in place.
#include "engine/kernels/variants.h"

namespace bpl::kernels {

template <typename Scalar>
void dense_input_delta__ref(int rows, int n, int k, const Scalar* delta, int ldd, const Scalar* w,
                            int ldw, const Scalar* z, int ldz, const Scalar* a, int lda, Scalar* dx,
                            int lddx, Activation act, Scalar slope) {
  expect_dense_backward_args(rows, n, k, ldd, ldz, ldw);
  expect_matrix_args(rows, k, lda);
  expect_matrix_args(rows, k, lddx);
  gemm_nn__ref(rows, k, n, Scalar(1), delta, ldd, w, ldw, Scalar(0), dx, lddx);
  activation_backward__ref(rows, k, z, ldz, a, lda, dx, lddx, dx, lddx, act, slope);
}

template void dense_input_delta__ref(int, int, int, const float*, int, const float*, int,
                                     const float*, int, const float*, int, float*, int, Activation,
                                     float);
template void dense_input_delta__ref(int, int, int, const double*, int, const double*, int,
                                     const double*, int, const double*, int, double*, int,
                                     Activation, double);

}  // namespace bpl::kernels
