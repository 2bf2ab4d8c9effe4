#pragma once
// The __ref kernels: the plain loops of kernels.h, templates on the scalar
// type. float is the native backend and the oracle of the SIMD variants'
// tests; double is the precision of gradient checks and `bp grad` (through
// engine/mlp/linalg.h). Each <op>__ref.cpp defines one and instantiates it for
// float and double. Formulas and shapes as in kernels.h.
#include "engine/kernels/kernels.h"

namespace bpl::kernels {

template <typename Scalar>
void gemm_nn__ref(int m, int n, int k, Scalar alpha, const Scalar* a, int lda, const Scalar* b,
                  int ldb, Scalar beta, Scalar* c, int ldc);
template <typename Scalar>
void gemm_nt__ref(int m, int n, int k, Scalar alpha, const Scalar* a, int lda, const Scalar* b,
                  int ldb, Scalar beta, Scalar* c, int ldc);
template <typename Scalar>
void gemm_tn__ref(int m, int n, int k, Scalar alpha, const Scalar* a, int lda, const Scalar* b,
                  int ldb, Scalar beta, Scalar* c, int ldc);
template <typename Scalar>
void bias_activation__ref(int rows, int cols, Scalar* z, int ldz, const Scalar* bias, Scalar* a,
                          int lda, Activation act, Scalar slope);
template <typename Scalar>
void activation_backward__ref(int rows, int cols, const Scalar* z, int ldz, const Scalar* a,
                              int lda, const Scalar* upstream, int ldu, Scalar* dz, int lddz,
                              Activation act, Scalar slope);
template <typename Scalar>
void dense_forward__ref(int rows, int n, int k, const Scalar* x, int ldx, const Scalar* w, int ldw,
                        const Scalar* bias, Scalar* z, int ldz, Scalar* a, int lda, Activation act,
                        Scalar slope);
template <typename Scalar>
void dense_weight_gradients__ref(int rows, int n, int k, Scalar alpha, const Scalar* delta,
                                 int ldd, const Scalar* x, int ldx, Scalar beta, Scalar* dw,
                                 int lddw, Scalar* db);
template <typename Scalar>
void dense_input_delta__ref(int rows, int n, int k, const Scalar* delta, int ldd, const Scalar* w,
                            int ldw, const Scalar* z, int ldz, const Scalar* a, int lda, Scalar* dx,
                            int lddx, Activation act, Scalar slope);
template <typename Scalar>
void column_sums__ref(int rows, int cols, Scalar alpha, const Scalar* x, int ldx, Scalar beta,
                      Scalar* sums);
template <typename Scalar>
void sgd_update__ref(int n, Scalar lr, const Scalar* g, Scalar* w);
template <typename Scalar>
void momentum_update__ref(int n, Scalar lr, Scalar mu, const Scalar* g, Scalar* v, Scalar* w);
template <typename Scalar>
void adam_update__ref(int n, Scalar lr, Scalar beta1, Scalar beta2, Scalar eps, Scalar c1,
                      Scalar c2, const Scalar* g, Scalar* m, Scalar* v, Scalar* w);

}  // namespace bpl::kernels
