// z[r][j] += bias[j];  a[r][j] = act(z[r][j]), four columns at a time; the last
// 1–3 columns of a row go through a zero-padded 4-float copy so every element
// sees the same vector math. `a` may be `z`. Accuracy: activation_math__wasmsimd.h.
#include "engine/kernels/activation_math.h"
#include "engine/kernels/activation_math__wasmsimd.h"
#include "engine/kernels/variants.h"

namespace bpl::kernels {
namespace {

template <Activation kAct>
void bias_activation_rows(int rows, int cols, float* z, int ldz, const float* bias, float* a,
                          int lda, float slope) {
  const v128_t slope_v = wasm_f32x4_splat(slope);
  const int full = cols & ~3;
  for (int r = 0; r < rows; ++r) {
    float* z_row = z + static_cast<std::ptrdiff_t>(r) * ldz;
    float* a_row = a + static_cast<std::ptrdiff_t>(r) * lda;
    for (int j = 0; j < full; j += 4) {
      const v128_t biased = wasm_f32x4_add(wasm_v128_load(z_row + j), wasm_v128_load(bias + j));
      wasm_v128_store(z_row + j, biased);
      wasm_v128_store(a_row + j, simd_math::activate_f32x4<kAct>(biased, slope_v));
    }
    if (full < cols) {
      float z_tail[4] = {}, bias_tail[4] = {}, a_tail[4];
      for (int j = full; j < cols; ++j) z_tail[j - full] = z_row[j], bias_tail[j - full] = bias[j];
      const v128_t biased = wasm_f32x4_add(wasm_v128_load(z_tail), wasm_v128_load(bias_tail));
      wasm_v128_store(z_tail, biased);
      wasm_v128_store(a_tail, simd_math::activate_f32x4<kAct>(biased, slope_v));
      for (int j = full; j < cols; ++j) z_row[j] = z_tail[j - full], a_row[j] = a_tail[j - full];
    }
  }
}

// A contiguous single column (a 1-unit output layer, ldz = lda = 1) as one
// long row with a broadcast bias: 4 rows per vector instead of one zero-padded
// copy per row.
template <Activation kAct>
void bias_activation_column(int rows, float* z, float bias, float* a, float slope) {
  const v128_t slope_v = wasm_f32x4_splat(slope), bias_v = wasm_f32x4_splat(bias);
  const int full = rows & ~3;
  for (int r = 0; r < full; r += 4) {
    const v128_t biased = wasm_f32x4_add(wasm_v128_load(z + r), bias_v);
    wasm_v128_store(z + r, biased);
    wasm_v128_store(a + r, simd_math::activate_f32x4<kAct>(biased, slope_v));
  }
  if (full < rows) {
    float z_tail[4] = {}, a_tail[4];
    for (int r = full; r < rows; ++r) z_tail[r - full] = z[r];
    const v128_t biased = wasm_f32x4_add(wasm_v128_load(z_tail), bias_v);
    wasm_v128_store(z_tail, biased);
    wasm_v128_store(a_tail, simd_math::activate_f32x4<kAct>(biased, slope_v));
    for (int r = full; r < rows; ++r) z[r] = z_tail[r - full], a[r] = a_tail[r - full];
  }
}

}  // namespace

void bias_activation__wasmsimd(int rows, int cols, float* z, int ldz, const float* bias, float* a,
                               int lda, Activation act, float slope) {
  expect_matrix_args(rows, cols, ldz);
  expect_matrix_args(rows, cols, lda);
  if (cols == 1 && ldz == 1 && lda == 1 && rows > 0) {
    visit_activation(act, [&](auto tag) {
      bias_activation_column<tag()>(rows, z, bias[0], a, slope);
    });
    return;
  }
  visit_activation(
      act, [&](auto tag) { bias_activation_rows<tag()>(rows, cols, z, ldz, bias, a, lda, slope); });
}

}  // namespace bpl::kernels
