// float → the kernel dispatchers; double → the kernels' __ref<double> loops.
#include "engine/mlp/linalg.h"

#include "engine/core/expect.h"
#include "engine/kernels/kernels.h"
#include "engine/kernels/reference.h"

namespace bpl::linalg {

void dense_forward(int rows, int n, int k, const float* x, int ldx, const float* w, int ldw,
                   const float* bias, float* z, int ldz, float* a, int lda, Activation act,
                   float slope) {
  kernels::dense_forward(rows, n, k, x, ldx, w, ldw, bias, z, ldz, a, lda, kernel_activation(act),
                         slope);
  if (act == Activation::softmax) apply_softmax_rows(rows, n, z, ldz, a, lda);
}
void dense_forward(int rows, int n, int k, const double* x, int ldx, const double* w, int ldw,
                   const double* bias, double* z, int ldz, double* a, int lda, Activation act,
                   double slope) {
  kernels::dense_forward__ref(rows, n, k, x, ldx, w, ldw, bias, z, ldz, a, lda,
                              kernel_activation(act), slope);
  if (act == Activation::softmax) apply_softmax_rows(rows, n, z, ldz, a, lda);
}

void dense_weight_gradients(int rows, int n, int k, float alpha, const float* delta, int ldd,
                            const float* x, int ldx, float beta, float* dw, int lddw, float* db) {
  kernels::dense_weight_gradients(rows, n, k, alpha, delta, ldd, x, ldx, beta, dw, lddw, db);
}
void dense_weight_gradients(int rows, int n, int k, double alpha, const double* delta, int ldd,
                            const double* x, int ldx, double beta, double* dw, int lddw,
                            double* db) {
  kernels::dense_weight_gradients__ref(rows, n, k, alpha, delta, ldd, x, ldx, beta, dw, lddw, db);
}

void dense_input_delta(int rows, int n, int k, const float* delta, int ldd, const float* w, int ldw,
                       const float* z, int ldz, const float* a, int lda, float* dx, int lddx,
                       Activation act, float slope) {
  BPL_EXPECT(act != Activation::softmax, "softmax is an output activation only");
  kernels::dense_input_delta(rows, n, k, delta, ldd, w, ldw, z, ldz, a, lda, dx, lddx,
                             kernel_activation(act), slope);
}
void dense_input_delta(int rows, int n, int k, const double* delta, int ldd, const double* w,
                       int ldw, const double* z, int ldz, const double* a, int lda, double* dx,
                       int lddx, Activation act, double slope) {
  BPL_EXPECT(act != Activation::softmax, "softmax is an output activation only");
  kernels::dense_input_delta__ref(rows, n, k, delta, ldd, w, ldw, z, ldz, a, lda, dx, lddx,
                                  kernel_activation(act), slope);
}

// softmax's Jacobian is not diagonal: with softmax_ce the loss gives δ directly.
void activation_backward(int rows, int cols, const float* z, int ldz, const float* a, int lda,
                         const float* upstream, int ldu, float* dz, int lddz, Activation act,
                         float slope) {
  BPL_EXPECT(act != Activation::softmax, "softmax has no elementwise derivative");
  kernels::activation_backward(rows, cols, z, ldz, a, lda, upstream, ldu, dz, lddz,
                               kernel_activation(act), slope);
}
void activation_backward(int rows, int cols, const double* z, int ldz, const double* a, int lda,
                         const double* upstream, int ldu, double* dz, int lddz, Activation act,
                         double slope) {
  BPL_EXPECT(act != Activation::softmax, "softmax has no elementwise derivative");
  kernels::activation_backward__ref(rows, cols, z, ldz, a, lda, upstream, ldu, dz, lddz,
                                    kernel_activation(act), slope);
}

void sgd_update(int n, float lr, const float* g, float* w) { kernels::sgd_update(n, lr, g, w); }
void sgd_update(int n, double lr, const double* g, double* w) {
  kernels::sgd_update__ref(n, lr, g, w);
}

void momentum_update(int n, float lr, float mu, const float* g, float* v, float* w) {
  kernels::momentum_update(n, lr, mu, g, v, w);
}
void momentum_update(int n, double lr, double mu, const double* g, double* v, double* w) {
  kernels::momentum_update__ref(n, lr, mu, g, v, w);
}

void adam_update(int n, float lr, float beta1, float beta2, float eps, float c1, float c2,
                 const float* g, float* m, float* v, float* w) {
  kernels::adam_update(n, lr, beta1, beta2, eps, c1, c2, g, m, v, w);
}
void adam_update(int n, double lr, double beta1, double beta2, double eps, double c1, double c2,
                 const double* g, double* m, double* v, double* w) {
  kernels::adam_update__ref(n, lr, beta1, beta2, eps, c1, c2, g, m, v, w);
}

}  // namespace bpl::linalg
