// Z = X·Wᵀ + b, A = act(Z) for small layers in one pass: each f32x4 of Z is
// accumulated, biased and activated in registers and stored once, instead of
// gemm_nt writing Z and bias_activation reading it back (two calls, two loops).
//   one unit (n = 1): four rows at a time, each a dot product x_row·w, the four
//     partial-sum vectors folded by a 4×4 transpose into one f32x4 of z.
//   n ≤ kMaxPaddedWeights/k: Wᵀ padded to n4 = ⌈n/4⌉·4 columns on the stack, then
//     per row and 4 units: bias + Σ_p x[r][p]·Wᵀ[p][j..j+3].
//   larger layers: gemm_nt__wasmsimd (tiled, packed) then bias_activation__wasmsimd.
// Accuracy of the activations: activation_math__wasmsimd.h.
#include "engine/kernels/activation_math.h"
#include "engine/kernels/activation_math__wasmsimd.h"
#include "engine/kernels/gemm_4x8__wasmsimd.h"
#include "engine/kernels/variants.h"

namespace bpl::kernels {
namespace {

using Index = std::ptrdiff_t;

constexpr int kMaxPaddedWeights = 512;  // n4·k floats of Wᵀ on the stack (2 KB)

// Stores the first `count` lanes of v at out[0], out[stride], ...
inline void store_lanes(v128_t v, int count, float* out, Index stride) {
  alignas(16) float lanes[4];
  wasm_v128_store(lanes, v);
  for (int q = 0; q < count; ++q) out[q * stride] = lanes[q];
}

template <Activation kAct>
void dense_forward_one_unit(int rows, int k, const float* x, Index ldx, const float* w, float bias,
                            float* z, Index ldz, float* a, Index lda, float slope) {
  const v128_t slope_v = wasm_f32x4_splat(slope), bias_v = wasm_f32x4_splat(bias);
  const int k4 = k & ~3;
  for (int r = 0; r < rows; r += 4) {
    const int count = rows - r < 4 ? rows - r : 4;
    v128_t partial[4];
    alignas(16) float tail[4] = {};
    for (int q = 0; q < 4; ++q) {
      partial[q] = wasm_f32x4_splat(0.0f);
      if (q >= count) continue;  // rows past the end contribute zeros
      const float* x_row = x + (r + q) * ldx;
      for (int p = 0; p < k4; p += 4)
        partial[q] = wasm_f32x4_add(
            partial[q], wasm_f32x4_mul(wasm_v128_load(x_row + p), wasm_v128_load(w + p)));
      for (int p = k4; p < k; ++p) tail[q] += x_row[p] * w[p];
    }
    gemm_wasmsimd::transpose_4x4(partial);
    const v128_t dots = wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_add(partial[0], partial[1]),
                                                      wasm_f32x4_add(partial[2], partial[3])),
                                       wasm_v128_load(tail));
    const v128_t biased = wasm_f32x4_add(dots, bias_v);
    const v128_t activated = simd_math::activate_f32x4<kAct>(biased, slope_v);
    if (count == 4 && ldz == 1 && lda == 1) {
      wasm_v128_store(z + r, biased);
      wasm_v128_store(a + r, activated);
    } else {
      store_lanes(biased, count, z + r * ldz, ldz);
      store_lanes(activated, count, a + r * lda, lda);
    }
  }
}

// Rows r0 and r1 (kRows = 2, sharing each Wᵀ load) or r0 alone, kChunks
// groups of 4 units: z = bias + Σ_p x[r][p]·Wᵀ[p][j..j+3], activated, stored.
template <Activation kAct, int kRows, int kChunks>
inline void dense_forward_tile(int k, const float* const (&x_rows)[2], const float* wt, int n4,
                               const float* bias, int count, float* const (&z_rows)[2],
                               float* const (&a_rows)[2], v128_t slope_v) {
  v128_t acc[kRows][kChunks];
  for (int c = 0; c < kChunks; ++c) {
    const v128_t b = wasm_v128_load(bias + 4 * c);
    for (int i = 0; i < kRows; ++i) acc[i][c] = b;
  }
  for (int p = 0; p < k; ++p) {
    v128_t w_p[kChunks];
    for (int c = 0; c < kChunks; ++c) w_p[c] = wasm_v128_load(wt + 4 * c);
    for (int i = 0; i < kRows; ++i) {
      const v128_t x_p = wasm_v128_load32_splat(x_rows[i] + p);
      for (int c = 0; c < kChunks; ++c)
        acc[i][c] = wasm_f32x4_add(acc[i][c], wasm_f32x4_mul(x_p, w_p[c]));
    }
    wt += n4;
  }
  for (int i = 0; i < kRows; ++i) {
    for (int c = 0; c < kChunks; ++c) {
      const v128_t activated = simd_math::activate_f32x4<kAct>(acc[i][c], slope_v);
      const int lanes = count - 4 * c;
      if (lanes >= 4) {
        wasm_v128_store(z_rows[i] + 4 * c, acc[i][c]);
        wasm_v128_store(a_rows[i] + 4 * c, activated);
      } else {
        store_lanes(acc[i][c], lanes, z_rows[i] + 4 * c, 1);
        store_lanes(activated, lanes, a_rows[i] + 4 * c, 1);
      }
    }
  }
}

// wt[p·n4 + j] = w[j·ldw + p], zero for j ≥ n: 4×4 blocks by shuffles, edges by element.
void transpose_padded(int n, int k, const float* w, Index ldw, float* wt, int n4) {
  const int n_full = n & ~3, k_full = k & ~3;
  for (int j = 0; j < n_full; j += 4) {
    for (int p = 0; p < k_full; p += 4) {
      v128_t block[4];
      for (int q = 0; q < 4; ++q) block[q] = wasm_v128_load(w + (j + q) * ldw + p);
      gemm_wasmsimd::transpose_4x4(block);
      for (int q = 0; q < 4; ++q) wasm_v128_store(wt + (p + q) * n4 + j, block[q]);
    }
    for (int p = k_full; p < k; ++p)
      for (int q = 0; q < 4; ++q) wt[p * n4 + j + q] = w[(j + q) * ldw + p];
  }
  for (int p = 0; p < k; ++p)
    for (int j = n_full; j < n4; ++j) wt[p * n4 + j] = j < n ? w[j * ldw + p] : 0.0f;
}

template <Activation kAct, int kRows>
void dense_forward_row_tile(int n, int k, const float* const (&x_rows)[2], const float* wt, int n4,
                            const float* bias4, float* const (&z_rows)[2],
                            float* const (&a_rows)[2], v128_t slope_v) {
  int j = 0;
  for (; j + 8 <= n4; j += 8) {
    const float* const x_at[2] = {x_rows[0], x_rows[1]};
    float* const z_at[2] = {z_rows[0] + j, z_rows[1] + j};
    float* const a_at[2] = {a_rows[0] + j, a_rows[1] + j};
    dense_forward_tile<kAct, kRows, 2>(k, x_at, wt + j, n4, bias4 + j, n - j, z_at, a_at, slope_v);
  }
  if (j < n4) {
    float* const z_at[2] = {z_rows[0] + j, z_rows[1] + j};
    float* const a_at[2] = {a_rows[0] + j, a_rows[1] + j};
    dense_forward_tile<kAct, kRows, 1>(k, x_rows, wt + j, n4, bias4 + j, n - j, z_at, a_at,
                                       slope_v);
  }
}

template <Activation kAct>
void dense_forward_rows(int rows, int n, int k, const float* x, Index ldx, const float* w,
                        Index ldw, const float* bias, float* z, Index ldz, float* a, Index lda,
                        float slope) {
  const int n4 = (n + 3) & ~3;
  alignas(16) float wt[kMaxPaddedWeights];  // Wᵀ, k×n4, zero columns past n
  alignas(16) float bias4[kMaxPaddedWeights];
  transpose_padded(n, k, w, ldw, wt, n4);
  for (int j = 0; j < n4; ++j) bias4[j] = j < n ? bias[j] : 0.0f;
  const v128_t slope_v = wasm_f32x4_splat(slope);
  int r = 0;
  for (; r + 2 <= rows; r += 2) {
    const float* const x_rows[2] = {x + r * ldx, x + (r + 1) * ldx};
    float* const z_rows[2] = {z + r * ldz, z + (r + 1) * ldz};
    float* const a_rows[2] = {a + r * lda, a + (r + 1) * lda};
    dense_forward_row_tile<kAct, 2>(n, k, x_rows, wt, n4, bias4, z_rows, a_rows, slope_v);
  }
  if (r < rows) {
    const float* const x_rows[2] = {x + r * ldx, x + r * ldx};
    float* const z_rows[2] = {z + r * ldz, z + r * ldz};
    float* const a_rows[2] = {a + r * lda, a + r * lda};
    dense_forward_row_tile<kAct, 1>(n, k, x_rows, wt, n4, bias4, z_rows, a_rows, slope_v);
  }
}

}  // namespace

void dense_forward__wasmsimd(int rows, int n, int k, const float* x, int ldx, const float* w,
                             int ldw, const float* bias, float* z, int ldz, float* a, int lda,
                             Activation act, float slope) {
  expect_dense_forward_args(rows, n, k, ldx, ldw, ldz, lda);
  if (rows == 0 || n == 0) return;
  if (n == 1) {
    return visit_activation(act, [&](auto tag) {
      dense_forward_one_unit<tag()>(rows, k, x, ldx, w, bias[0], z, ldz, a, lda, slope);
    });
  }
  const int n4 = (n + 3) & ~3;
  if (k >= 1 && n4 * k <= kMaxPaddedWeights) {
    return visit_activation(act, [&](auto tag) {
      dense_forward_rows<tag()>(rows, n, k, x, ldx, w, ldw, bias, z, ldz, a, lda, slope);
    });
  }
  gemm_nt__wasmsimd(rows, n, k, 1.0f, x, ldx, w, ldw, 0.0f, z, ldz);
  bias_activation__wasmsimd(rows, n, z, ldz, bias, a, lda, act, slope);
}

}  // namespace bpl::kernels
