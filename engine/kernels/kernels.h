#pragma once
// The hot loops of MLP training, float32, row-major. One dispatch point:
// the functions below pick the __wasmsimd variant in the wasm build (unless
// the reference backend is selected, for benchmarks) and __ref natively.
// Every variant of an op has the same signature; see <op>__ref.cpp for the
// plain-loop definition that the tests use as the oracle.
#include <cstddef>

namespace bpl::kernels {

enum class Activation { linear, sigmoid, tanh, relu, leaky_relu, gelu };

enum class Backend { reference, simd };
// Which variant the dispatchers call. simd is only available in the wasm build.
void set_backend(Backend b);
Backend backend();
bool simd_available();

// BLAS-style GEMMs, C = alpha·op(A)·op(B) + beta·C, with C m×n.
// beta == 0 means C is write-only (its old contents may be NaN).
// nn: A m×k, B k×n.   nt: A m×k, B n×k (C = A·Bᵀ).   tn: A k×m, B k×n (C = Aᵀ·B).
void gemm_nn(int m, int n, int k, float alpha, const float* a, int lda, const float* b, int ldb,
             float beta, float* c, int ldc);
void gemm_nt(int m, int n, int k, float alpha, const float* a, int lda, const float* b, int ldb,
             float beta, float* c, int ldc);
void gemm_tn(int m, int n, int k, float alpha, const float* a, int lda, const float* b, int ldb,
             float beta, float* c, int ldc);

// z[r][j] += bias[j]; a[r][j] = act(z[r][j]) for r < rows, j < cols.
// `slope` is the leaky_relu negative slope (ignored otherwise).
void bias_activation(int rows, int cols, float* z, int ldz, const float* bias, float* a, int lda,
                     Activation act, float slope);

// dz[r][j] = upstream[r][j] · act'(z[r][j]), using z (pre-activation) and a (post-activation).
void activation_backward(int rows, int cols, const float* z, int ldz, const float* a, int lda,
                         const float* upstream, int ldu, float* dz, int lddz, Activation act,
                         float slope);

// sums[j] = alpha·Σ_r x[r][j] + beta·sums[j]  (bias gradients).
void column_sums(int rows, int cols, float alpha, const float* x, int ldx, float beta, float* sums);

// Optimizer updates over n parameters.
// SGD:      w -= lr·g
void sgd_update(int n, float lr, const float* g, float* w);
// Momentum: v = μ·v + g;  w -= lr·v
void momentum_update(int n, float lr, float mu, const float* g, float* v, float* w);
// Adam:     m = β1·m + (1−β1)·g;  v = β2·v + (1−β2)·g²;
//           w -= lr·(m / (1−β1ᵗ)) / (sqrt(v / (1−β2ᵗ)) + ε), with bias corrections passed in:
//           c1 = 1/(1−β1ᵗ), c2 = 1/(1−β2ᵗ).
void adam_update(int n, float lr, float beta1, float beta2, float eps, float c1, float c2,
                 const float* g, float* m, float* v, float* w);

}  // namespace bpl::kernels
