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

// A dense layer's forward pass in one call, so the products stay in registers
// for the bias and the activation (small layers are all call overhead):
//   z[r][j] = bias[j] + Σ_p x[r][p]·w[j][p];  a[r][j] = act(z[r][j])   (Z = X·Wᵀ + b)
// X rows×k, W n×k (one weight row per unit), Z and A rows×n; Z is write-only;
// `a` may be `z`. Equals gemm_nt then bias_activation up to the order of the additions.
void dense_forward(int rows, int n, int k, const float* x, int ldx, const float* w, int ldw,
                   const float* bias, float* z, int ldz, float* a, int lda, Activation act,
                   float slope);

// dz[r][j] = upstream[r][j] · act'(z[r][j]), using z (pre-activation) and a (post-activation).
void activation_backward(int rows, int cols, const float* z, int ldz, const float* a, int lda,
                         const float* upstream, int ldu, float* dz, int lddz, Activation act,
                         float slope);

// A dense layer's backward pass in two calls (for small layers the separate
// GEMM, column-sum and activation kernels are mostly call overhead). With δ the
// layer's ∂L/∂Z (rows×n), X its input (rows×k) and W its weights (n×k):
//   dw[j][p] = alpha·Σ_r δ[r][j]·x[r][p] + beta·dw[j][p]   (alpha·δᵀ·X + beta·dW)
//   db[j]    = alpha·Σ_r δ[r][j] + beta·db[j]
// beta = 0: dw and db are write-only. Equals gemm_tn then column_sums up to the order of the additions.
void dense_weight_gradients(int rows, int n, int k, float alpha, const float* delta, int ldd,
                            const float* x, int ldx, float beta, float* dw, int lddw, float* db);
// The previous layer's δ: dx[r][p] = (Σ_j δ[r][j]·w[j][p]) · act'(z[r][p], a[r][p]),
// with z, a (rows×k) that layer's pre-activation and activation. dx is
// write-only and must not overlap δ. Equals gemm_nn then activation_backward.
void dense_input_delta(int rows, int n, int k, const float* delta, int ldd, const float* w, int ldw,
                       const float* z, int ldz, const float* a, int lda, float* dx, int lddx,
                       Activation act, float slope);

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
