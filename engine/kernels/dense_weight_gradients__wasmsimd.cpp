// dW = alpha·δᵀ·X + beta·dW and db = alpha·Σ_r δ[r] + beta·db in one call.
// Small products (m·n·k ≤ gemm_wasmsimd::kDirectMaxWork, the GEMMs' own limit
// for skipping the packed tile) run here directly: per unit j and 8 or 4
// columns of X, accumulators in registers over all rows,
//   dw[j][p..p+3] += δ[r][j]·x[r][p..p+3],
// with X's rows zero-padded to a multiple of 4 on the stack when k isn't one;
// for k ≤ 3 inputs and whole f32x4s of units, the units are the lanes instead.
// Larger ones: gemm_tn__wasmsimd then column_sums__wasmsimd.
#include "engine/kernels/gemm_4x8__wasmsimd.h"
#include "engine/kernels/variants.h"

namespace bpl::kernels {
namespace {

using Index = std::ptrdiff_t;

constexpr int kMaxPaddedInputs = 1024;  // rows·k4 floats of padded X on the stack (4 KB)

// out[0..count) = alpha·v + beta·out (beta = 0: write-only).
inline void store_scaled(v128_t v, int count, float alpha, float beta, float* out) {
  alignas(16) float lanes[4];
  wasm_v128_store(lanes, wasm_f32x4_mul(wasm_f32x4_splat(alpha), v));
  for (int q = 0; q < count; ++q) out[q] = beta == 0.0f ? lanes[q] : lanes[q] + beta * out[q];
}

template <int kChunks>
inline void weight_gradient_chunks(int rows, const float* delta_j, Index ldd, const float* x,
                                   Index ldx, int count, float alpha, float beta, float* dw) {
  v128_t acc[kChunks];
  for (int c = 0; c < kChunks; ++c) acc[c] = wasm_f32x4_splat(0.0f);
  for (int r = 0; r < rows; ++r) {
    const v128_t d = wasm_v128_load32_splat(delta_j);
    for (int c = 0; c < kChunks; ++c)
      acc[c] = wasm_f32x4_add(acc[c], wasm_f32x4_mul(d, wasm_v128_load(x + 4 * c)));
    delta_j += ldd;
    x += ldx;
  }
  for (int c = 0; c < kChunks; ++c) {
    const int lanes = count - 4 * c;
    if (lanes >= 4) {
      v128_t out = wasm_f32x4_mul(wasm_f32x4_splat(alpha), acc[c]);
      if (beta != 0.0f)
        out =
            wasm_f32x4_add(out, wasm_f32x4_mul(wasm_f32x4_splat(beta), wasm_v128_load(dw + 4 * c)));
      wasm_v128_store(dw + 4 * c, out);
    } else {
      store_scaled(acc[c], lanes, alpha, beta, dw + 4 * c);
    }
  }
}

// db[j] = alpha·Σ_r δ[r][j] + beta·db[j], four units at a time.
void bias_gradients(int rows, int n, float alpha, const float* delta, Index ldd, float beta,
                    float* db) {
  int j = 0;
  for (; j + 4 <= n; j += 4) {
    v128_t sum = wasm_f32x4_splat(0.0f);
    for (int r = 0; r < rows; ++r) sum = wasm_f32x4_add(sum, wasm_v128_load(delta + r * ldd + j));
    store_scaled(sum, 4, alpha, beta, db + j);
  }
  for (; j < n; ++j) {
    float sum = 0.0f;
    for (int r = 0; r < rows; ++r) sum += delta[r * ldd + j];
    db[j] = beta == 0.0f ? alpha * sum : alpha * sum + beta * db[j];
  }
}

// Few inputs (k ≤ 3: a Playground net's first layer has 2) and n a multiple of
// 4: the units are the lanes, so nothing is padded and db comes from the same
// loads: dwᵀ[p][j..j+3] += x[r][p]·δ[r][j..j+3], db[j..j+3] += δ[r][j..j+3].
template <int kInputs>
void weight_gradients_few_inputs(int rows, int n, float alpha, const float* delta, Index ldd,
                                 const float* x, Index ldx, float beta, float* dw, Index lddw,
                                 float* db) {
  for (int j = 0; j < n; j += 4) {
    v128_t acc[kInputs];
    for (int p = 0; p < kInputs; ++p) acc[p] = wasm_f32x4_splat(0.0f);
    v128_t bias_acc = wasm_f32x4_splat(0.0f);
    const float* delta_r = delta + j;
    const float* x_r = x;
    for (int r = 0; r < rows; ++r) {
      const v128_t d = wasm_v128_load(delta_r);
      bias_acc = wasm_f32x4_add(bias_acc, d);
      for (int p = 0; p < kInputs; ++p)
        acc[p] = wasm_f32x4_add(acc[p], wasm_f32x4_mul(wasm_v128_load32_splat(x_r + p), d));
      delta_r += ldd;
      x_r += ldx;
    }
    alignas(16) float lanes[kInputs][4];
    for (int p = 0; p < kInputs; ++p)
      wasm_v128_store(lanes[p], wasm_f32x4_mul(wasm_f32x4_splat(alpha), acc[p]));
    for (int q = 0; q < 4; ++q) {
      float* dw_row = dw + Index(j + q) * lddw;
      for (int p = 0; p < kInputs; ++p)
        dw_row[p] = beta == 0.0f ? lanes[p][q] : lanes[p][q] + beta * dw_row[p];
    }
    store_scaled(bias_acc, 4, alpha, beta, db + j);
  }
}

}  // namespace

void dense_weight_gradients__wasmsimd(int rows, int n, int k, float alpha, const float* delta,
                                      int ldd, const float* x, int ldx, float beta, float* dw,
                                      int lddw, float* db) {
  expect_dense_backward_args(rows, n, k, ldd, ldx, lddw);
  const int k4 = (k + 3) & ~3;
  if (rows == 0 || k == 0 || !gemm_wasmsimd::prefer_direct(n, k, rows) ||
      (k4 != k && rows * k4 > kMaxPaddedInputs)) {
    gemm_tn__wasmsimd(n, k, rows, alpha, delta, ldd, x, ldx, beta, dw, lddw);
    column_sums__wasmsimd(rows, n, alpha, delta, ldd, beta, db);
    return;
  }
  if (k <= 3 && n % 4 == 0) {
    const auto few_inputs = k == 1   ? weight_gradients_few_inputs<1>
                            : k == 2 ? weight_gradients_few_inputs<2>
                                     : weight_gradients_few_inputs<3>;
    return few_inputs(rows, n, alpha, delta, ldd, x, ldx, beta, dw, lddw, db);
  }
  alignas(16) float x_padded[kMaxPaddedInputs];
  Index ld_padded = ldx;
  if (k4 != k) {
    gemm_wasmsimd::copy_zero_padded(rows, k, x, ldx, k4, x_padded);
    x = x_padded;
    ld_padded = k4;
  }
  for (int j = 0; j < n; ++j) {
    float* dw_row = dw + Index(j) * lddw;
    int p = 0;
    for (; p + 8 <= k4; p += 8)
      weight_gradient_chunks<2>(rows, delta + j, ldd, x + p, ld_padded, k - p, alpha, beta,
                                dw_row + p);
    if (p < k4)
      weight_gradient_chunks<1>(rows, delta + j, ldd, x + p, ld_padded, k - p, alpha, beta,
                                dw_row + p);
  }
  bias_gradients(rows, n, alpha, delta, ldd, beta, db);
}

}  // namespace bpl::kernels
