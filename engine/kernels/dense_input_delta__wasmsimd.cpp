// The previous layer's δ = (δ·W) ⊙ act'(Z, A) in one pass for small products
// (m·n·k ≤ gemm_wasmsimd::kDirectMaxWork, the GEMMs' limit for skipping the
// packed tile): per two rows and 8 or 4 columns, Σ_j δ[r][j]·W[j][p..p+3] in
// registers (each W load shared by both rows), times the derivative, stored
// once. W's rows are zero-padded to a multiple of 4 on the stack when k isn't
// one; a row's last 1–3 z and a go through a padded copy. Larger products:
// gemm_nn__wasmsimd then activation_backward__wasmsimd. Derivatives:
// activation_math__wasmsimd.h.
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

// One row (kRows = 1) or two rows sharing each W load, kChunks groups of 4
// columns: dx = (Σ_j δ[r][j]·W[j][p..p+3]) ⊙ act'(z, a), stored once.
template <Activation kAct, int kRows, int kChunks>
inline void input_delta_tile(int n, const float* const (&delta_rows)[2], const float* w, Index ldw,
                             const float* const (&z_rows)[2], const float* const (&a_rows)[2],
                             int count, float* const (&dx_rows)[2], v128_t slope_v) {
  v128_t acc[kRows][kChunks];
  for (int i = 0; i < kRows; ++i)
    for (int c = 0; c < kChunks; ++c) acc[i][c] = wasm_f32x4_splat(0.0f);
  for (int j = 0; j < n; ++j) {
    v128_t w_j[kChunks];
    for (int c = 0; c < kChunks; ++c) w_j[c] = wasm_v128_load(w + 4 * c);
    for (int i = 0; i < kRows; ++i) {
      const v128_t d = wasm_v128_load32_splat(delta_rows[i] + j);
      for (int c = 0; c < kChunks; ++c)
        acc[i][c] = wasm_f32x4_add(acc[i][c], wasm_f32x4_mul(d, w_j[c]));
    }
    w += ldw;
  }
  for (int i = 0; i < kRows; ++i) {
    for (int c = 0; c < kChunks; ++c) {
      const int lanes = count - 4 * c;
      const v128_t derivative = simd_math::activation_derivative_f32x4<kAct>(
          load_lanes(z_rows[i] + 4 * c, lanes), load_lanes(a_rows[i] + 4 * c, lanes), slope_v);
      const v128_t dx = wasm_f32x4_mul(acc[i][c], derivative);
      if (lanes >= 4) {
        wasm_v128_store(dx_rows[i] + 4 * c, dx);
      } else {
        alignas(16) float out[4];
        wasm_v128_store(out, dx);
        for (int q = 0; q < lanes; ++q) dx_rows[i][4 * c + q] = out[q];
      }
    }
  }
}

template <Activation kAct, int kRows>
void input_delta_row_tile(int n, int k, const float* const (&delta_rows)[2], const float* w,
                          Index ldw, const float* const (&z_rows)[2],
                          const float* const (&a_rows)[2], float* const (&dx_rows)[2],
                          v128_t slope_v) {
  const int k4 = (k + 3) & ~3;
  for (int p = 0; p < k4; p += 8) {
    const float* const z_at[2] = {z_rows[0] + p, z_rows[1] + p};
    const float* const a_at[2] = {a_rows[0] + p, a_rows[1] + p};
    float* const dx_at[2] = {dx_rows[0] + p, dx_rows[1] + p};
    if (p + 8 <= k4)
      input_delta_tile<kAct, kRows, 2>(n, delta_rows, w + p, ldw, z_at, a_at, k - p, dx_at,
                                       slope_v);
    else
      input_delta_tile<kAct, kRows, 1>(n, delta_rows, w + p, ldw, z_at, a_at, k - p, dx_at,
                                       slope_v);
  }
}

template <Activation kAct>
void input_delta_rows(int rows, int n, int k, const float* delta, Index ldd, const float* w,
                      Index ldw, const float* z, Index ldz, const float* a, Index lda, float* dx,
                      Index lddx, float slope) {
  const v128_t slope_v = wasm_f32x4_splat(slope);
  int r = 0;
  for (; r + 2 <= rows; r += 2) {
    const float* const delta_rows[2] = {delta + r * ldd, delta + (r + 1) * ldd};
    const float* const z_rows[2] = {z + r * ldz, z + (r + 1) * ldz};
    const float* const a_rows[2] = {a + r * lda, a + (r + 1) * lda};
    float* const dx_rows[2] = {dx + r * lddx, dx + (r + 1) * lddx};
    input_delta_row_tile<kAct, 2>(n, k, delta_rows, w, ldw, z_rows, a_rows, dx_rows, slope_v);
  }
  if (r < rows) {
    const float* const delta_rows[2] = {delta + r * ldd, delta + r * ldd};
    const float* const z_rows[2] = {z + r * ldz, z + r * ldz};
    const float* const a_rows[2] = {a + r * lda, a + r * lda};
    float* const dx_rows[2] = {dx + r * lddx, dx + r * lddx};
    input_delta_row_tile<kAct, 1>(n, k, delta_rows, w, ldw, z_rows, a_rows, dx_rows, slope_v);
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
  if (k4 != k) {
    gemm_wasmsimd::copy_zero_padded(n, k, w, ldw, k4, w_padded);
    w = w_padded;
    ld_padded = k4;
  }
  visit_activation(act, [&](auto tag) {
    input_delta_rows<tag()>(rows, n, k, delta, ldd, w, ld_padded, z, ldz, a, lda, dx, lddx, slope);
  });
}

}  // namespace bpl::kernels
