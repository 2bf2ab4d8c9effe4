// sums[j] = alpha·Σ_r x[r][j] + beta·sums[j], 16 then 4 columns at a time in
// f32x4 accumulators, the last 1–3 columns scalar. Every column is summed over
// rows in order, as in column_sums__ref, so the two agree bit for bit.
#include <wasm_simd128.h>

#include "engine/kernels/variants.h"

namespace bpl::kernels {
namespace {

inline v128_t finish(v128_t column_sum, v128_t alpha, float beta, const float* old) {
  const v128_t scaled = wasm_f32x4_mul(alpha, column_sum);
  if (beta == 0.0f) return scaled;  // sums may be NaN: don't read them
  return wasm_f32x4_add(scaled, wasm_f32x4_mul(wasm_f32x4_splat(beta), wasm_v128_load(old)));
}

}  // namespace

void column_sums__wasmsimd(int rows, int cols, float alpha, const float* x, int ldx, float beta,
                           float* sums) {
  expect_matrix_args(rows, cols, ldx);
  const v128_t alpha_v = wasm_f32x4_splat(alpha);
  int j = 0;
  for (; j + 16 <= cols; j += 16) {
    v128_t acc0 = wasm_f32x4_splat(0.0f), acc1 = acc0, acc2 = acc0, acc3 = acc0;
    for (int r = 0; r < rows; ++r) {
      const float* x_row = x + static_cast<std::ptrdiff_t>(r) * ldx + j;
      acc0 = wasm_f32x4_add(acc0, wasm_v128_load(x_row));
      acc1 = wasm_f32x4_add(acc1, wasm_v128_load(x_row + 4));
      acc2 = wasm_f32x4_add(acc2, wasm_v128_load(x_row + 8));
      acc3 = wasm_f32x4_add(acc3, wasm_v128_load(x_row + 12));
    }
    wasm_v128_store(sums + j, finish(acc0, alpha_v, beta, sums + j));
    wasm_v128_store(sums + j + 4, finish(acc1, alpha_v, beta, sums + j + 4));
    wasm_v128_store(sums + j + 8, finish(acc2, alpha_v, beta, sums + j + 8));
    wasm_v128_store(sums + j + 12, finish(acc3, alpha_v, beta, sums + j + 12));
  }
  for (; j + 4 <= cols; j += 4) {
    v128_t acc = wasm_f32x4_splat(0.0f);
    for (int r = 0; r < rows; ++r)
      acc = wasm_f32x4_add(acc, wasm_v128_load(x + static_cast<std::ptrdiff_t>(r) * ldx + j));
    wasm_v128_store(sums + j, finish(acc, alpha_v, beta, sums + j));
  }
  for (; j < cols; ++j) {
    float acc = 0.0f;
    for (int r = 0; r < rows; ++r) acc += x[static_cast<std::ptrdiff_t>(r) * ldx + j];
    sums[j] = beta == 0.0f ? alpha * acc : alpha * acc + beta * sums[j];
  }
}

}  // namespace bpl::kernels
