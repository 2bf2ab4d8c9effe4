// The one dispatch point: each public kernel forwards to __wasmsimd when the
// build has WebAssembly SIMD and the simd backend is selected, else to __ref.
// The backend is a process-wide switch (the engine is single-threaded) so a
// benchmark or the UI can compare the two in the same run.
#include "engine/kernels/variants.h"

namespace bpl::kernels {
namespace {

Backend g_backend = BPL_KERNELS_HAVE_WASMSIMD ? Backend::simd : Backend::reference;

}  // namespace

bool simd_available() { return BPL_KERNELS_HAVE_WASMSIMD; }

// Selecting simd where it is not available keeps the reference backend;
// callers that care check simd_available() or read backend() back.
void set_backend(Backend b) { g_backend = simd_available() ? b : Backend::reference; }

Backend backend() { return g_backend; }

#if BPL_KERNELS_HAVE_WASMSIMD
#define BPL_DISPATCH(op, ...) \
  (g_backend == Backend::simd ? op##__wasmsimd(__VA_ARGS__) : op##__ref(__VA_ARGS__))
#else
#define BPL_DISPATCH(op, ...) op##__ref(__VA_ARGS__)
#endif

void gemm_nn(int m, int n, int k, float alpha, const float* a, int lda, const float* b, int ldb,
             float beta, float* c, int ldc) {
  BPL_DISPATCH(gemm_nn, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

void gemm_nt(int m, int n, int k, float alpha, const float* a, int lda, const float* b, int ldb,
             float beta, float* c, int ldc) {
  BPL_DISPATCH(gemm_nt, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

void gemm_tn(int m, int n, int k, float alpha, const float* a, int lda, const float* b, int ldb,
             float beta, float* c, int ldc) {
  BPL_DISPATCH(gemm_tn, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

void bias_activation(int rows, int cols, float* z, int ldz, const float* bias, float* a, int lda,
                     Activation act, float slope) {
  BPL_DISPATCH(bias_activation, rows, cols, z, ldz, bias, a, lda, act, slope);
}

void dense_forward(int rows, int n, int k, const float* x, int ldx, const float* w, int ldw,
                   const float* bias, float* z, int ldz, float* a, int lda, Activation act,
                   float slope) {
  BPL_DISPATCH(dense_forward, rows, n, k, x, ldx, w, ldw, bias, z, ldz, a, lda, act, slope);
}

void activation_backward(int rows, int cols, const float* z, int ldz, const float* a, int lda,
                         const float* upstream, int ldu, float* dz, int lddz, Activation act,
                         float slope) {
  BPL_DISPATCH(activation_backward, rows, cols, z, ldz, a, lda, upstream, ldu, dz, lddz, act,
               slope);
}

void dense_weight_gradients(int rows, int n, int k, float alpha, const float* delta, int ldd,
                            const float* x, int ldx, float beta, float* dw, int lddw, float* db) {
  BPL_DISPATCH(dense_weight_gradients, rows, n, k, alpha, delta, ldd, x, ldx, beta, dw, lddw, db);
}

void dense_input_delta(int rows, int n, int k, const float* delta, int ldd, const float* w, int ldw,
                       const float* z, int ldz, const float* a, int lda, float* dx, int lddx,
                       Activation act, float slope) {
  BPL_DISPATCH(dense_input_delta, rows, n, k, delta, ldd, w, ldw, z, ldz, a, lda, dx, lddx, act,
               slope);
}

void column_sums(int rows, int cols, float alpha, const float* x, int ldx, float beta,
                 float* sums) {
  BPL_DISPATCH(column_sums, rows, cols, alpha, x, ldx, beta, sums);
}

void sgd_update(int n, float lr, const float* g, float* w) {
  BPL_DISPATCH(sgd_update, n, lr, g, w);
}

void momentum_update(int n, float lr, float mu, const float* g, float* v, float* w) {
  BPL_DISPATCH(momentum_update, n, lr, mu, g, v, w);
}

void adam_update(int n, float lr, float beta1, float beta2, float eps, float c1, float c2,
                 const float* g, float* m, float* v, float* w) {
  BPL_DISPATCH(adam_update, n, lr, beta1, beta2, eps, c1, c2, g, m, v, w);
}

#undef BPL_DISPATCH

}  // namespace bpl::kernels
