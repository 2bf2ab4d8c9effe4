// Z = X·Wᵀ + b, A = act(Z): the unfused composition, gemm_nt__ref then
// bias_activation__ref (their loop orders are the ones compilers vectorise
// well, which the native build relies on).
#include "engine/kernels/variants.h"

namespace bpl::kernels {

template <typename Scalar>
void dense_forward__ref(int rows, int n, int k, const Scalar* x, int ldx, const Scalar* w, int ldw,
                        const Scalar* bias, Scalar* z, int ldz, Scalar* a, int lda, Activation act,
                        Scalar slope) {
  expect_dense_forward_args(rows, n, k, ldx, ldw, ldz, lda);
  gemm_nt__ref(rows, n, k, Scalar(1), x, ldx, w, ldw, Scalar(0), z, ldz);
  bias_activation__ref(rows, n, z, ldz, bias, a, lda, act, slope);
}

template void dense_forward__ref(int, int, int, const float*, int, const float*, int, const float*,
                                 float*, int, float*, int, Activation, float);
template void dense_forward__ref(int, int, int, const double*, int, const double*, int,
                                 const double*, double*, int, double*, int, Activation, double);

}  // namespace bpl::kernels
