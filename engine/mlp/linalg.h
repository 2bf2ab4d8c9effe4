#pragma once
// The dense layer passes and the optimizer updates, overloaded on the scalar
// type so templated engine code runs unchanged in both precisions: float goes
// through the kernel dispatchers (engine/kernels/kernels.h: SIMD in the
// browser), double through the same kernels' __ref<double> loops
// (engine/kernels/reference.h), for gradient checks and `bp grad`.
// Shapes and formulas exactly as in kernels.h (row-major, leading dimensions);
// here softmax is an activation too: its rows are normalised after the kernel.
#include "engine/mlp/activation.h"

namespace bpl::linalg {

// A dense layer's forward pass: z = x·wᵀ + bias (per row); a = σ(z). x rows×k, w n×k, z and a rows×n.
void dense_forward(int rows, int n, int k, const float* x, int ldx, const float* w, int ldw,
                   const float* bias, float* z, int ldz, float* a, int lda, Activation act,
                   float slope);
void dense_forward(int rows, int n, int k, const double* x, int ldx, const double* w, int ldw,
                   const double* bias, double* z, int ldz, double* a, int lda, Activation act,
                   double slope);

// A dense layer's backward pass: the parameter gradients dw = alpha·δᵀ·x + beta·dw,
// db = alpha·Σ_r δ[r] + beta·db, and the previous layer's δ, dx = (δ·w) ⊙ σ'(z, a).
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

// dz = upstream ⊙ σ'(z)   (dz may be upstream; not for softmax).
void activation_backward(int rows, int cols, const float* z, int ldz, const float* a, int lda,
                         const float* upstream, int ldu, float* dz, int lddz, Activation act,
                         float slope);
void activation_backward(int rows, int cols, const double* z, int ldz, const double* a, int lda,
                         const double* upstream, int ldu, double* dz, int lddz, Activation act,
                         double slope);

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
