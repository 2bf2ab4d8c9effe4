// dz[r][j] = upstream[r][j]·act'(z[r][j]), four columns at a time; a row's last
// 1–3 columns go through zero-padded 4-float copies. `dz` may be `upstream`.
#include "engine/kernels/activation_math.h"
#include "engine/kernels/activation_math__wasmsimd.h"
#include "engine/kernels/variants.h"

namespace bpl::kernels {
namespace {

template <Activation kAct>
void activation_backward_rows(int rows, int cols, const float* z, int ldz, const float* a, int lda,
                              const float* upstream, int ldu, float* dz, int lddz, float slope) {
  const v128_t slope_v = wasm_f32x4_splat(slope);
  const int full = cols & ~3;
  for (int r = 0; r < rows; ++r) {
    const float* z_row = z + static_cast<std::ptrdiff_t>(r) * ldz;
    const float* a_row = a + static_cast<std::ptrdiff_t>(r) * lda;
    const float* u_row = upstream + static_cast<std::ptrdiff_t>(r) * ldu;
    float* dz_row = dz + static_cast<std::ptrdiff_t>(r) * lddz;
    for (int j = 0; j < full; j += 4) {
      const v128_t slope_at = simd_math::activation_derivative_f32x4<kAct>(
          wasm_v128_load(z_row + j), wasm_v128_load(a_row + j), slope_v);
      wasm_v128_store(dz_row + j, wasm_f32x4_mul(wasm_v128_load(u_row + j), slope_at));
    }
    if (full < cols) {
      float z_tail[4] = {}, a_tail[4] = {}, u_tail[4] = {}, dz_tail[4];
      for (int j = full; j < cols; ++j) {
        z_tail[j - full] = z_row[j], a_tail[j - full] = a_row[j], u_tail[j - full] = u_row[j];
      }
      const v128_t slope_at = simd_math::activation_derivative_f32x4<kAct>(
          wasm_v128_load(z_tail), wasm_v128_load(a_tail), slope_v);
      wasm_v128_store(dz_tail, wasm_f32x4_mul(wasm_v128_load(u_tail), slope_at));
      for (int j = full; j < cols; ++j) dz_row[j] = dz_tail[j - full];
    }
  }
}

}  // namespace

void activation_backward__wasmsimd(int rows, int cols, const float* z, int ldz, const float* a,
                                   int lda, const float* upstream, int ldu, float* dz, int lddz,
                                   Activation act, float slope) {
  expect_matrix_args(rows, cols, ldz);
  expect_matrix_args(rows, cols, lda);
  expect_matrix_args(rows, cols, ldu);
  expect_matrix_args(rows, cols, lddz);
  // Contiguous matrices (the MLP's) are one long row: a 1-unit output layer's
  // column is then 4 rows per vector instead of one zero-padded copy per row.
  if (ldz == cols && lda == cols && ldu == cols && lddz == cols) {
    cols *= rows;
    rows = cols == 0 ? 0 : 1;
    ldz = lda = ldu = lddz = cols;
  }
  visit_activation(act, [&](auto tag) {
    activation_backward_rows<tag()>(rows, cols, z, ldz, a, lda, upstream, ldu, dz, lddz, slope);
  });
}

}  // namespace bpl::kernels
