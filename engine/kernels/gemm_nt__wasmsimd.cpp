// C = alpha·A·Bᵀ + beta·C;  A m×k, B n×k: op(B)(p, j) = b[j·ldb + p].
// Large products pack every 8-column panel of op(B) k-major (eight rows of B
// transposed, 8 KB per k-block), reused by all m/4 strips of the 4×8 tile; see
// gemm_4x8__wasmsimd.h. Few rows or few columns (prefer_row_dots) don't repay
// the packing: there each c[i][j] is a dot product of two contiguous rows.
#include "engine/kernels/gemm_4x8__wasmsimd.h"
#include "engine/kernels/variants.h"

namespace bpl::kernels {
namespace {

using gemm_wasmsimd::transpose_4x4;

inline float horizontal_sum(v128_t v) {
  return (wasm_f32x4_extract_lane(v, 0) + wasm_f32x4_extract_lane(v, 1)) +
         (wasm_f32x4_extract_lane(v, 2) + wasm_f32x4_extract_lane(v, 3));
}

// c_row[j] = alpha·(a_row · b_j) + beta·c_row[j] for j < n: four rows of B at
// a time, each with an f32x4 of partial sums over p ≡ lane (mod 4); one 4×4
// transpose and three adds turn the four partial-sum vectors into four dots.
void gemm_nt_row_dots(int n, int k, float alpha, const float* a_row, const float* b, int ldb,
                      float beta, float* c_row) {
  const int k4 = k & ~3;
  int j = 0;
  for (; j + 4 <= n; j += 4) {
    const float* b_rows[4];
    v128_t partial[4];
    for (int q = 0; q < 4; ++q) {
      b_rows[q] = b + static_cast<std::ptrdiff_t>(j + q) * ldb;
      partial[q] = wasm_f32x4_splat(0.0f);
    }
    for (int p = 0; p < k4; p += 4) {
      const v128_t a4 = wasm_v128_load(a_row + p);
      for (int q = 0; q < 4; ++q)
        partial[q] = wasm_f32x4_add(partial[q], wasm_f32x4_mul(a4, wasm_v128_load(b_rows[q] + p)));
    }
    transpose_4x4(partial);
    v128_t dots = wasm_f32x4_add(wasm_f32x4_add(partial[0], partial[1]),
                                 wasm_f32x4_add(partial[2], partial[3]));
    if (k4 < k) {
      float tail[4] = {};
      for (int q = 0; q < 4; ++q)
        for (int p = k4; p < k; ++p) tail[q] += a_row[p] * b_rows[q][p];
      dots = wasm_f32x4_add(dots, wasm_v128_load(tail));
    }
    v128_t out = wasm_f32x4_mul(wasm_f32x4_splat(alpha), dots);
    if (beta != 0.0f)  // beta = 0: C is write-only
      out = wasm_f32x4_add(out, wasm_f32x4_mul(wasm_f32x4_splat(beta), wasm_v128_load(c_row + j)));
    wasm_v128_store(c_row + j, out);
  }
  for (; j < n; ++j) {
    const float* b_row = b + static_cast<std::ptrdiff_t>(j) * ldb;
    v128_t partial = wasm_f32x4_splat(0.0f);
    for (int p = 0; p < k4; p += 4)
      partial = wasm_f32x4_add(
          partial, wasm_f32x4_mul(wasm_v128_load(a_row + p), wasm_v128_load(b_row + p)));
    float dot = horizontal_sum(partial);
    for (int p = k4; p < k; ++p) dot += a_row[p] * b_row[p];
    c_row[j] = beta == 0.0f ? alpha * dot : alpha * dot + beta * c_row[j];
  }
}

// Packing costs ~n·k moves and is reused by m/4 strips. Measured under V8
// (bench/kernel_timing.cpp): the packed 4×8 tile wins for m ≥ 16 with n ≥ 16
// (48 vs 40 GFLOP/s at 128×128×784) and for tiny k; dots win for few rows
// (1×128×784: 42 vs 15 GFLOP/s) and for narrow C (128×10×128: 35 vs 27),
// where the tile would be mostly a zero-padded partial panel.
bool prefer_row_dots(int m, int n, int k) {
  return k >= 16 && (m < 16 || n < 2 * gemm_wasmsimd::kTileCols);
}

// Tiny products transpose B (at most this many floats) instead of packing it.
constexpr int kDirectMaxTransposed = 512;

}  // namespace

void gemm_nt__wasmsimd(int m, int n, int k, float alpha, const float* a, int lda, const float* b,
                       int ldb, float beta, float* c, int ldc) {
  expect_gemm_args(m, n, k, k, lda, k, ldb, ldc);
  if (gemm_wasmsimd::prefer_direct(m, n, k) && n * k <= kDirectMaxTransposed) {
    // Bᵀ (k×n) on the stack, reused by all m rows, then the nn direct loops.
    float b_transposed[kDirectMaxTransposed];
    for (int j = 0; j < n; ++j)
      for (int p = 0; p < k; ++p)
        b_transposed[p * n + j] = b[static_cast<std::ptrdiff_t>(j) * ldb + p];
    return gemm_wasmsimd::gemm_direct(m, n, k, alpha, a, lda, 1, b_transposed, n, beta, c, ldc);
  }
  if (prefer_row_dots(m, n, k)) {
    for (int i = 0; i < m; ++i) {
      gemm_nt_row_dots(n, k, alpha, a + static_cast<std::ptrdiff_t>(i) * lda, b, ldb, beta,
                       c + static_cast<std::ptrdiff_t>(i) * ldc);
    }
    return;
  }
  const auto rows_of_a = [=](int i, int p0, auto rows) {
    return gemm_wasmsimd::RowsOfA<rows()>(a + static_cast<std::ptrdiff_t>(i) * lda + p0, lda);
  };
  gemm_wasmsimd::gemm_blocked(m, n, k, alpha, rows_of_a, b, 1, ldb, beta, c, ldc);
}

}  // namespace bpl::kernels
