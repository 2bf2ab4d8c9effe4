#pragma once
// The dense primitives of forward, backward and the optimizers, overloaded on
// the scalar type: the float overloads ARE the kernel dispatchers
// (engine/kernels/kernels.h: SIMD in the browser), the double overloads are
// plain loops with the same semantics for gradient checks. Templated engine
// code calls these and so runs unchanged in both precisions.
// Shapes and conventions exactly as in kernels.h (row-major, leading dimensions).
#include "engine/mlp/activation.h"
#include "engine/kernels/kernels.h"

namespace bpl::linalg {

// C = alpha·A·B + beta·C (nn), alpha·A·Bᵀ + beta·C (nt), alpha·Aᵀ·B + beta·C (tn).
void gemm_nn(int m, int n, int k, float alpha, const float* a, int lda, const float* b, int ldb,
             float beta, float* c, int ldc);
void gemm_nn(int m, int n, int k, double alpha, const double* a, int lda, const double* b,
             int ldb, double beta, double* c, int ldc);
void gemm_nt(int m, int n, int k, float alpha, const float* a, int lda, const float* b, int ldb,
             float beta, float* c, int ldc);
void gemm_nt(int m, int n, int k, double alpha, const double* a, int lda, const double* b,
             int ldb, double beta, double* c, int ldc);
void gemm_tn(int m, int n, int k, float alpha, const float* a, int lda, const float* b, int ldb,
             float beta, float* c, int ldc);
void gemm_tn(int m, int n, int k, double alpha, const double* a, int lda, const double* b,
             int ldb, double beta, double* c, int ldc);

// z += bias (per row); a = σ(z). softmax rows are normalised here too.
void bias_activation(int rows, int cols, float* z, int ldz, const float* bias, float* a, int lda,
                     Activation act, float slope);
void bias_activation(int rows, int cols, double* z, int ldz, const double* bias, double* a,
                     int lda, Activation act, double slope);

// A dense layer's forward pass: z = x·wᵀ + bias (per row); a = σ(z); softmax
// rows normalised here too. x rows×k, w n×k, z and a rows×n.
void dense_forward(int rows, int n, int k, const float* x, int ldx, const float* w, int ldw,
                   const float* bias, float* z, int ldz, float* a, int lda, Activation act,
                   float slope);
void dense_forward(int rows, int n, int k, const double* x, int ldx, const double* w, int ldw,
                   const double* bias, double* z, int ldz, double* a, int lda, Activation act,
                   double slope);

// A dense layer's backward pass (formulas in kernels.h): the parameter
// gradients dw = alpha·δᵀ·x + beta·dw, db = alpha·Σ_r δ[r] + beta·db, and the
// previous layer's δ, dx = (δ·w) ⊙ σ'(z, a).
void dense_weight_gradients(int rows, int n, int k, float alpha, const float* delta, int ldd,
                            const float* x, int ldx, float beta, float* dw, int lddw, float* db);
void dense_weight_gradients(int rows, int n, int k, double alpha, const double* delta, int ldd,
                            const double* x, int ldx, double beta, double* dw, int lddw,
                            double* db);
void dense_input_delta(int rows, int n, int k, const float* delta, int ldd, const float* w, int ldw,
                       const float* z, int ldz, const float* a, int lda, float* dx, int lddx,
                       Activation act, float slope);
void dense_input_delta(int rows, int n, int k, const double* delta, int ldd, const double* w,
                       int ldw, const double* z, int ldz, const double* a, int lda, double* dx,
                       int lddx, Activation act, double slope);

// dz = upstream ⊙ σ'(z)   (dz may be upstream).
void activation_backward(int rows, int cols, const float* z, int ldz, const float* a, int lda,
                         const float* upstream, int ldu, float* dz, int lddz, Activation act,
                         float slope);
void activation_backward(int rows, int cols, const double* z, int ldz, const double* a, int lda,
                         const double* upstream, int ldu, double* dz, int lddz, Activation act,
                         double slope);

// sums[j] = alpha·Σ_r x[r][j] + beta·sums[j].
void column_sums(int rows, int cols, float alpha, const float* x, int ldx, float beta,
                 float* sums);
void column_sums(int rows, int cols, double alpha, const double* x, int ldx, double beta,
                 double* sums);

// Optimizer updates (formulas in kernels.h).
void sgd_update(int n, float lr, const float* g, float* w);
void sgd_update(int n, double lr, const double* g, double* w);
void momentum_update(int n, float lr, float mu, const float* g, float* v, float* w);
void momentum_update(int n, double lr, double mu, const double* g, double* v, double* w);
void adam_update(int n, float lr, float beta1, float beta2, float eps, float c1, float c2,
                 const float* g, float* m, float* v, float* w);
void adam_update(int n, double lr, double beta1, double beta2, double eps, double c1, double c2,
                 const double* g, double* m, double* v, double* w);

}  // namespace bpl::linalg
