// The previous layer's δ = (δ·W) ⊙ act'(Z, A) in one pass for small products
// (m·n·k ≤ gemm_wasmsimd::kDirectMaxWork, the GEMMs' limit for skipping the
// packed tile): per row and 8 or 4 columns, Σ_j δ[r][j]·W[j][p..p+3] in
// registers, times the derivative, stored once. W's rows are zero-padded to a
// multiple of 4 on the stack when k isn't one; a row's last 1–3 z and a go
// through a padded copy. Larger products: gemm_nn__wasmsimd then
// activation_backward__wasmsimd. Derivatives: activation_math__wasmsimd.h.
#include "engine/kernels/activation_math.h"
#include "engine/kernels/activation_math__wasmsimd.h"
#include "engine/kernels/gemm_4x8__wasmsimd.h"
#include "engine/kernels/variants.h"

namespace bpl::kernels {
namespace {

using Index = std::ptrdiff_t;

constexpr int kMaxPaddedWeights = 512;  // n·k4 floats of padded W on the stack (2 KB)

// Loads count ≤ 4 floats, zero lanes after them.
inline v128_t load_lanes(const float* in, int count) {
  if (count >= 4) return wasm_v128_load(in);
  alignas(16) float lanes[4] = {};
  for (int q = 0; q < count; ++q) lanes[q] = in[q];
  return wasm_v128_load(lanes);
}

template <Activation kAct, int kChunks>
inline void input_delta_chunks(int n, const float* delta_row, const float* w, Index ldw,
                               const float* z_row, const float* a_row, int count, float* dx_row,
                               v128_t slope_v) {
  v128_t acc[kChunks];
  for (int c = 0; c < kChunks; ++c) acc[c] = wasm_f32x4_splat(0.0f);
  for (int j = 0; j < n; ++j) {
    const v128_t d = wasm_v128_load32_splat(delta_row + j);
    for (int c = 0; c < kChunks; ++c)
      acc[c] = wasm_f32x4_add(acc[c], wasm_f32x4_mul(d, wasm_v128_load(w + 4 * c)));
    w += ldw;
  }
  for (int c = 0; c < kChunks; ++c) {
    const int lanes = count - 4 * c;
    const v128_t derivative = simd_math::activation_derivative_f32x4<kAct>(
        load_lanes(z_row + 4 * c, lanes), load_lanes(a_row + 4 * c, lanes), slope_v);
    const v128_t dx = wasm_f32x4_mul(acc[c], derivative);
    if (lanes >= 4) {
      wasm_v128_store(dx_row + 4 * c, dx);
    } else {
      alignas(16) float out[4];
      wasm_v128_store(out, dx);
      for (int q = 0; q < lanes; ++q) dx_row[4 * c + q] = out[q];
    }
  }
}

template <Activation kAct>
void input_delta_rows(int rows, int n, int k, const float* delta, Index ldd, const float* w,
                      Index ldw, const float* z, Index ldz, const float* a, Index lda, float* dx,
                      Index lddx, float slope) {
  const int k4 = (k + 3) & ~3;
  const v128_t slope_v = wasm_f32x4_splat(slope);
  for (int r = 0; r < rows; ++r) {
    const float* delta_row = delta + r * ldd;
    const float* z_row = z + r * ldz;
    const float* a_row = a + r * lda;
    float* dx_row = dx + r * lddx;
    int p = 0;
    for (; p + 8 <= k4; p += 8)
      input_delta_chunks<kAct, 2>(n, delta_row, w + p, ldw, z_row + p, a_row + p, k - p, dx_row + p,
                                  slope_v);
    if (p < k4)
      input_delta_chunks<kAct, 1>(n, delta_row, w + p, ldw, z_row + p, a_row + p, k - p, dx_row + p,
                                  slope_v);
  }
}

}  // namespace

void dense_input_delta__wasmsimd(int rows, int n, int k, const float* delta, int ldd,
                                 const float* w, int ldw, const float* z, int ldz, const float* a,
                                 int lda, float* dx, int lddx, Activation act, float slope) {
  expect_dense_backward_args(rows, n, k, ldd, ldz, ldw);
  expect_matrix_args(rows, k, lda);
  expect_matrix_args(rows, k, lddx);
  const int k4 = (k + 3) & ~3;
  if (rows == 0 || k == 0) return;
  if (n == 0 || !gemm_wasmsimd::prefer_direct(rows, k, n) ||
      (k4 != k && n * k4 > kMaxPaddedWeights)) {
    gemm_nn__wasmsimd(rows, k, n, 1.0f, delta, ldd, w, ldw, 0.0f, dx, lddx);
    activation_backward__wasmsimd(rows, k, z, ldz, a, lda, dx, lddx, dx, lddx, act, slope);
    return;
  }
  alignas(16) float w_padded[kMaxPaddedWeights];
  Index ld_padded = ldw;
  if (k4 != k) {  // W with zero columns k..k4, so every chunk is a full f32x4
    for (int j = 0; j < n; ++j)
      for (int p = 0; p < k4; ++p) w_padded[j * k4 + p] = p < k ? w[Index(j) * ldw + p] : 0.0f;
    w = w_padded;
    ld_padded = k4;
  }
  visit_activation(act, [&](auto tag) {
    input_delta_rows<tag()>(rows, n, k, delta, ldd, w, ld_padded, z, ldz, a, lda, dx, lddx, slope);
  });
}

}  // namespace bpl::kernels
