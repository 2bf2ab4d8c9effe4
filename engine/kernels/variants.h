#pragma once
// Internal to engine/kernels/ and its tests: every variant of every op, one
// signature per op (the one in kernels.h), named XNNPACK-style
// <op>__<isa>. The dispatchers in dispatch.cpp pick one. The __ref variants
// are templates on the scalar type (reference.h); <float> has that signature.
//
// Aliasing: GEMM outputs must not overlap their inputs. The elementwise
// kernels read an element before writing it, so `a` may be `z`
// (bias_activation) and `dz` may be `upstream` (activation_backward).
#include "engine/core/expect.h"
#include "engine/kernels/kernels.h"
#include "engine/kernels/reference.h"

#if defined(__wasm_simd128__)
#define BPL_KERNELS_HAVE_WASMSIMD 1
#else
#define BPL_KERNELS_HAVE_WASMSIMD 0
#endif

// Preconditions (BPL_EXPECT) are checked at every variant's entry. They stay
// on in Release because a wrong leading dimension silently reads another row,
// and they cost a few compares per call.
namespace bpl::kernels {

// Leading dimensions are in elements and must cover the stored row.
// c_row[0..n) *= beta before an accumulating GEMM; beta = 0 writes zeros
// without reading (C may hold NaN), beta = 1 leaves the row alone.
template <typename Scalar>
inline void scale_row__ref(Scalar* c_row, int n, Scalar beta) {
  if (beta == Scalar(0)) {
    for (int j = 0; j < n; ++j) c_row[j] = Scalar(0);
  } else if (beta != Scalar(1)) {
    for (int j = 0; j < n; ++j) c_row[j] *= beta;
  }
}

inline void expect_gemm_args(int m, int n, int k, int a_cols, int lda, int b_cols, int ldb,
                             int ldc) {
  BPL_EXPECT(m >= 0 && n >= 0 && k >= 0, "gemm sizes must be non-negative");
  BPL_EXPECT(lda >= a_cols && lda >= 1, "gemm: lda must be >= the columns of A");
  BPL_EXPECT(ldb >= b_cols && ldb >= 1, "gemm: ldb must be >= the columns of B");
  BPL_EXPECT(ldc >= n && ldc >= 1, "gemm: ldc must be >= n");
}

inline void expect_matrix_args(int rows, int cols, int ld) {
  BPL_EXPECT(rows >= 0 && cols >= 0, "sizes must be non-negative");
  BPL_EXPECT(ld >= cols && ld >= 1, "leading dimension must be >= cols");
}

// rows×n δ and rows×k X (or Z, A, dX), n×k W (or dW).
inline void expect_dense_backward_args(int rows, int n, int k, int ldd, int ldx, int ldw) {
  BPL_EXPECT(k >= 0, "dense backward: k must be non-negative");
  expect_matrix_args(rows, n, ldd);
  expect_matrix_args(rows, k, ldx);
  expect_matrix_args(n, k, ldw);
}

inline void expect_dense_forward_args(int rows, int n, int k, int ldx, int ldw, int ldz, int lda) {
  BPL_EXPECT(k >= 0, "dense_forward: k must be non-negative");
  expect_matrix_args(rows, k, ldx);
  expect_matrix_args(n, k, ldw);
  expect_matrix_args(rows, n, ldz);
  expect_matrix_args(rows, n, lda);
}

#if BPL_KERNELS_HAVE_WASMSIMD
// WebAssembly SIMD128 (-msimd128), only compiled in the wasm build.
void gemm_nn__wasmsimd(int m, int n, int k, float alpha, const float* a, int lda, const float* b,
                       int ldb, float beta, float* c, int ldc);
void gemm_nt__wasmsimd(int m, int n, int k, float alpha, const float* a, int lda, const float* b,
                       int ldb, float beta, float* c, int ldc);
void gemm_tn__wasmsimd(int m, int n, int k, float alpha, const float* a, int lda, const float* b,
                       int ldb, float beta, float* c, int ldc);
void bias_activation__wasmsimd(int rows, int cols, float* z, int ldz, const float* bias, float* a,
                               int lda, Activation act, float slope);
void activation_backward__wasmsimd(int rows, int cols, const float* z, int ldz, const float* a,
                                   int lda, const float* upstream, int ldu, float* dz, int lddz,
                                   Activation act, float slope);
void dense_forward__wasmsimd(int rows, int n, int k, const float* x, int ldx, const float* w,
                             int ldw, const float* bias, float* z, int ldz, float* a, int lda,
                             Activation act, float slope);
void dense_weight_gradients__wasmsimd(int rows, int n, int k, float alpha, const float* delta,
                                      int ldd, const float* x, int ldx, float beta, float* dw,
                                      int lddw, float* db);
void dense_input_delta__wasmsimd(int rows, int n, int k, const float* delta, int ldd,
                                 const float* w, int ldw, const float* z, int ldz, const float* a,
                                 int lda, float* dx, int lddx, Activation act, float slope);
void column_sums__wasmsimd(int rows, int cols, float alpha, const float* x, int ldx, float beta,
                           float* sums);
void sgd_update__wasmsimd(int n, float lr, const float* g, float* w);
void momentum_update__wasmsimd(int n, float lr, float mu, const float* g, float* v, float* w);
void adam_update__wasmsimd(int n, float lr, float beta1, float beta2, float eps, float c1, float c2,
                           const float* g, float* m, float* v, float* w);
#endif

}  // namespace bpl::kernels
