// float → the kernel dispatchers; double → the same loops as the __ref kernels.
#include "engine/mlp/linalg.h"

#include <cmath>
#include <cstddef>

namespace bpl::linalg {
namespace {

using Index = std::ptrdiff_t;

// C = alpha·op(A)·op(B) + beta·C with element accessors for op(A)[i][p] and op(B)[p][j].
template <typename GetA, typename GetB>
void gemm_double(int m, int n, int k, double alpha, GetA a, GetB b, double beta, double* c,
                 int ldc) {
  for (int i = 0; i < m; ++i) {
    double* c_row = c + Index(i) * ldc;
    for (int j = 0; j < n; ++j) {
      double sum = 0.0;
      for (int p = 0; p < k; ++p) sum += a(i, p) * b(p, j);
      c_row[j] = alpha * sum + (beta == 0.0 ? 0.0 : beta * c_row[j]);
    }
  }
}

}  // namespace

void gemm_nn(int m, int n, int k, float alpha, const float* a, int lda, const float* b, int ldb,
             float beta, float* c, int ldc) {
  kernels::gemm_nn(m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
void gemm_nn(int m, int n, int k, double alpha, const double* a, int lda, const double* b,
             int ldb, double beta, double* c, int ldc) {
  gemm_double(
      m, n, k, alpha, [&](int i, int p) { return a[Index(i) * lda + p]; },
      [&](int p, int j) { return b[Index(p) * ldb + j]; }, beta, c, ldc);
}

void gemm_nt(int m, int n, int k, float alpha, const float* a, int lda, const float* b, int ldb,
             float beta, float* c, int ldc) {
  kernels::gemm_nt(m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
void gemm_nt(int m, int n, int k, double alpha, const double* a, int lda, const double* b,
             int ldb, double beta, double* c, int ldc) {
  gemm_double(
      m, n, k, alpha, [&](int i, int p) { return a[Index(i) * lda + p]; },
      [&](int p, int j) { return b[Index(j) * ldb + p]; }, beta, c, ldc);
}

void gemm_tn(int m, int n, int k, float alpha, const float* a, int lda, const float* b, int ldb,
             float beta, float* c, int ldc) {
  kernels::gemm_tn(m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
void gemm_tn(int m, int n, int k, double alpha, const double* a, int lda, const double* b,
             int ldb, double beta, double* c, int ldc) {
  gemm_double(
      m, n, k, alpha, [&](int i, int p) { return a[Index(p) * lda + i]; },
      [&](int p, int j) { return b[Index(p) * ldb + j]; }, beta, c, ldc);
}

void bias_activation(int rows, int cols, float* z, int ldz, const float* bias, float* a, int lda,
                     Activation act, float slope) {
  kernels::bias_activation(rows, cols, z, ldz, bias, a, lda, kernel_activation(act), slope);
  if (act == Activation::softmax) apply_softmax_rows(rows, cols, z, ldz, a, lda);
}
void bias_activation(int rows, int cols, double* z, int ldz, const double* bias, double* a,
                     int lda, Activation act, double slope) {
  for (int r = 0; r < rows; ++r) {
    for (int j = 0; j < cols; ++j) {
      double& zj = z[Index(r) * ldz + j];
      zj += bias[j];
      a[Index(r) * lda + j] = activate(act, zj, slope);
    }
  }
  if (act == Activation::softmax) apply_softmax_rows(rows, cols, z, ldz, a, lda);
}

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
  gemm_nt(rows, n, k, 1.0, x, ldx, w, ldw, 0.0, z, ldz);
  bias_activation(rows, n, z, ldz, bias, a, lda, act, slope);
}

void dense_weight_gradients(int rows, int n, int k, float alpha, const float* delta, int ldd,
                            const float* x, int ldx, float beta, float* dw, int lddw, float* db) {
  kernels::dense_weight_gradients(rows, n, k, alpha, delta, ldd, x, ldx, beta, dw, lddw, db);
}
void dense_weight_gradients(int rows, int n, int k, double alpha, const double* delta, int ldd,
                            const double* x, int ldx, double beta, double* dw, int lddw,
                            double* db) {
  gemm_tn(n, k, rows, alpha, delta, ldd, x, ldx, beta, dw, lddw);
  column_sums(rows, n, alpha, delta, ldd, beta, db);
}

void dense_input_delta(int rows, int n, int k, const float* delta, int ldd, const float* w, int ldw,
                       const float* z, int ldz, const float* a, int lda, float* dx, int lddx,
                       Activation act, float slope) {
  kernels::dense_input_delta(rows, n, k, delta, ldd, w, ldw, z, ldz, a, lda, dx, lddx,
                             kernel_activation(act), slope);
}
void dense_input_delta(int rows, int n, int k, const double* delta, int ldd, const double* w,
                       int ldw, const double* z, int ldz, const double* a, int lda, double* dx,
                       int lddx, Activation act, double slope) {
  gemm_nn(rows, k, n, 1.0, delta, ldd, w, ldw, 0.0, dx, lddx);
  activation_backward(rows, k, z, ldz, a, lda, dx, lddx, dx, lddx, act, slope);
}

void activation_backward(int rows, int cols, const float* z, int ldz, const float* a, int lda,
                         const float* upstream, int ldu, float* dz, int lddz, Activation act,
                         float slope) {
  kernels::activation_backward(rows, cols, z, ldz, a, lda, upstream, ldu, dz, lddz,
                               kernel_activation(act), slope);
}
void activation_backward(int rows, int cols, const double* z, int ldz, const double* a, int lda,
                         const double* upstream, int ldu, double* dz, int lddz, Activation act,
                         double slope) {
  for (int r = 0; r < rows; ++r) {
    for (int j = 0; j < cols; ++j) {
      const double derivative =
          activation_derivative(act, z[Index(r) * ldz + j], a[Index(r) * lda + j], slope);
      dz[Index(r) * lddz + j] = upstream[Index(r) * ldu + j] * derivative;
    }
  }
}

void column_sums(int rows, int cols, float alpha, const float* x, int ldx, float beta,
                 float* sums) {
  kernels::column_sums(rows, cols, alpha, x, ldx, beta, sums);
}
void column_sums(int rows, int cols, double alpha, const double* x, int ldx, double beta,
                 double* sums) {
  for (int j = 0; j < cols; ++j) {
    double sum = 0.0;
    for (int r = 0; r < rows; ++r) sum += x[Index(r) * ldx + j];
    sums[j] = alpha * sum + (beta == 0.0 ? 0.0 : beta * sums[j]);
  }
}

void sgd_update(int n, float lr, const float* g, float* w) { kernels::sgd_update(n, lr, g, w); }
void sgd_update(int n, double lr, const double* g, double* w) {
  for (int i = 0; i < n; ++i) w[i] -= lr * g[i];
}

void momentum_update(int n, float lr, float mu, const float* g, float* v, float* w) {
  kernels::momentum_update(n, lr, mu, g, v, w);
}
void momentum_update(int n, double lr, double mu, const double* g, double* v, double* w) {
  for (int i = 0; i < n; ++i) {
    v[i] = mu * v[i] + g[i];
    w[i] -= lr * v[i];
  }
}

void adam_update(int n, float lr, float beta1, float beta2, float eps, float c1, float c2,
                 const float* g, float* m, float* v, float* w) {
  kernels::adam_update(n, lr, beta1, beta2, eps, c1, c2, g, m, v, w);
}
void adam_update(int n, double lr, double beta1, double beta2, double eps, double c1, double c2,
                 const double* g, double* m, double* v, double* w) {
  for (int i = 0; i < n; ++i) {
    m[i] = beta1 * m[i] + (1.0 - beta1) * g[i];
    v[i] = beta2 * v[i] + (1.0 - beta2) * g[i] * g[i];
    w[i] -= lr * (m[i] * c1) / (std::sqrt(v[i] * c2) + eps);
  }
}

}  // namespace bpl::linalg
