#pragma once
// The register-tiled GEMM shared by gemm_{nn,nt,tn}__wasmsimd (wasm only).
//
//   C = alpha·op(A)·op(B) + beta·C
//
// A 4×8 tile of C lives in eight f32x4 accumulators for a whole k-block. Each
// k step loads one row of a packed 8-column B panel (two f32x4), broadcasts
// the four op(A) values of that k from memory, and does 8 f32x4 mul + 8 add:
// 64 flops per 2 loads + 4 broadcasts. (Wasm SIMD has no FMA without relaxed
// SIMD.) 8 accumulators + 2 B + 1 A + 1 product fit x86-64's 16 XMM registers
// (V8 keeps one as scratch); a 6×8 tile would spill.
//
// The loop nest, outermost first:
//   k-block p0 (kKBlock deep: the B panel, 8 KB, and the A strip stay in L1)
//     8-column panel j of op(B), packed k-major and zero-padded into a static
//       buffer (a copy for nn/tn, a 4×4-transposing gather for nt), so the
//       tile reads B at fixed offsets and n needs no remainder kernel
//       4-row strip i of op(A) — the tile; 1–3 leftover rows use smaller tiles
// The first k-block applies beta; later ones accumulate (beta = 1). alpha
// scales each k-block's contribution, so alpha·Σ_blocks = Σ alpha·block.
#include <wasm_simd128.h>

#include <cstddef>
#include <type_traits>

namespace bpl::kernels::gemm_wasmsimd {

constexpr int kTileRows = 4;
constexpr int kTileCols = 8;
constexpr int kKBlock = 256;

template <int kRows>
using RowCount = std::integral_constant<int, kRows>;

// Cursors over op(A) for the rows of one tile, advanced one k step at a
// time (pointer bumps: Emscripten builds with -disable-lsr, so an index·stride
// address would cost a multiply per step). load gives the broadcasts of
// op(A)(r, p) for r < kRows.
//
// op(A)(r, p) = a[r·lda + p]: the rows of a tile are rows of A (nn, nt).
template <int kRows>
struct RowsOfA {
  const float* rows[kRows];
  RowsOfA(const float* a, std::ptrdiff_t lda) {
    for (int r = 0; r < kRows; ++r) rows[r] = a + r * lda;
  }
  void load(v128_t (&out)[kRows]) const {
    for (int r = 0; r < kRows; ++r) out[r] = wasm_v128_load32_splat(rows[r]);
  }
  void advance() {
    for (int r = 0; r < kRows; ++r) ++rows[r];
  }
};

// op(A)(r, p) = a[p·lda + r]: the rows of a tile are columns of A (tn); one
// k step's values are contiguous.
template <int kRows>
struct ColumnsOfA {
  const float* column;
  std::ptrdiff_t lda;
  void load(v128_t (&out)[kRows]) const {
    for (int r = 0; r < kRows; ++r) out[r] = wasm_v128_load32_splat(column + r);
  }
  void advance() { column += lda; }
};

// One tile: c[r][0..cols) = alpha·Σ_{p<depth} op(A)(r,p)·panel[p][0..8) + beta·c[r][..],
// panel row p at panel + 8p (packed). beta = 0 does not read C.
// One k step per iteration: unrolled, clang hoists all B loads of the
// unrolled steps and the accumulators spill from V8's 16 registers.
template <int kRows, class ACursor>
inline void gemm_tile(int depth, ACursor a, const float* panel, float alpha, float beta, float* c,
                      std::ptrdiff_t ldc, int cols) {
  v128_t acc[kRows][2];
  for (int r = 0; r < kRows; ++r) acc[r][0] = acc[r][1] = wasm_f32x4_splat(0.0f);
#pragma clang loop unroll(disable)
  for (int p = 0; p < depth; ++p) {
    const v128_t b_lo = wasm_v128_load(panel), b_hi = wasm_v128_load(panel + 4);
    v128_t a_splat[kRows];
    a.load(a_splat);
    for (int r = 0; r < kRows; ++r) {
      acc[r][0] = wasm_f32x4_add(acc[r][0], wasm_f32x4_mul(a_splat[r], b_lo));
      acc[r][1] = wasm_f32x4_add(acc[r][1], wasm_f32x4_mul(a_splat[r], b_hi));
    }
    a.advance();
    panel += kTileCols;
  }
  const v128_t alpha_v = wasm_f32x4_splat(alpha), beta_v = wasm_f32x4_splat(beta);
  for (int r = 0; r < kRows; ++r) {
    float* c_row = c + r * ldc;
    v128_t lo = wasm_f32x4_mul(alpha_v, acc[r][0]), hi = wasm_f32x4_mul(alpha_v, acc[r][1]);
    if (cols == kTileCols) {
      if (beta != 0.0f) {
        lo = wasm_f32x4_add(lo, wasm_f32x4_mul(beta_v, wasm_v128_load(c_row)));
        hi = wasm_f32x4_add(hi, wasm_f32x4_mul(beta_v, wasm_v128_load(c_row + 4)));
      }
      wasm_v128_store(c_row, lo);
      wasm_v128_store(c_row + 4, hi);
    } else {
      float out[kTileCols];
      wasm_v128_store(out, lo);
      wasm_v128_store(out + 4, hi);
      for (int j = 0; j < cols; ++j) c_row[j] = beta == 0.0f ? out[j] : out[j] + beta * c_row[j];
    }
  }
}

// The strips of one panel: full 4-row tiles, then one 1–3-row tile.
// make_a(i, rows_tag) gives the cursor whose row 0 is op(A)'s row i.
template <class MakeA>
inline void gemm_panel(int m, int depth, const MakeA& make_a, const float* panel, float alpha,
                       float beta, float* c, std::ptrdiff_t ldc, int cols) {
  int i = 0;
  for (; i + kTileRows <= m; i += kTileRows)
    gemm_tile<4>(depth, make_a(i, RowCount<4>{}), panel, alpha, beta, c + i * ldc, ldc, cols);
  switch (m - i) {
    case 3:
      gemm_tile<3>(depth, make_a(i, RowCount<3>{}), panel, alpha, beta, c + i * ldc, ldc, cols);
      break;
    case 2:
      gemm_tile<2>(depth, make_a(i, RowCount<2>{}), panel, alpha, beta, c + i * ldc, ldc, cols);
      break;
    case 1:
      gemm_tile<1>(depth, make_a(i, RowCount<1>{}), panel, alpha, beta, c + i * ldc, ldc, cols);
      break;
    default:
      break;
  }
}

// C = beta·C for k = 0 (beta = 0 writes zeros without reading C).
inline void scale_c(int m, int n, float beta, float* c, std::ptrdiff_t ldc) {
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j) c[i * ldc + j] = beta == 0.0f ? 0.0f : beta * c[i * ldc + j];
}

// Transposes four f32x4 rows in place: rows[q][r] ← rows[r][q].
inline void transpose_4x4(v128_t (&rows)[4]) {
  const v128_t lo01 = wasm_i32x4_shuffle(rows[0], rows[1], 0, 4, 1, 5);
  const v128_t hi01 = wasm_i32x4_shuffle(rows[0], rows[1], 2, 6, 3, 7);
  const v128_t lo23 = wasm_i32x4_shuffle(rows[2], rows[3], 0, 4, 1, 5);
  const v128_t hi23 = wasm_i32x4_shuffle(rows[2], rows[3], 2, 6, 3, 7);
  rows[0] = wasm_i32x4_shuffle(lo01, lo23, 0, 1, 4, 5);
  rows[1] = wasm_i32x4_shuffle(lo01, lo23, 2, 3, 6, 7);
  rows[2] = wasm_i32x4_shuffle(hi01, hi23, 0, 1, 4, 5);
  rows[3] = wasm_i32x4_shuffle(hi01, hi23, 2, 3, 6, 7);
}

// Packs op(B)(p, col) = src[p·row_stride + col·col_stride], p < depth,
// col < cols, into panel[p·8 + col], zero-filling columns cols..7.
// A whole panel of transposed B (gemm_nt: col_stride = ldb, row_stride = 1)
// goes 4 k steps at a time: eight contiguous 4-float loads, two 4×4
// transposes, eight stores.
inline void pack_panel(int depth, int cols, const float* src, std::ptrdiff_t row_stride,
                       std::ptrdiff_t col_stride, float* panel) {
  int p = 0;
  if (col_stride == 1 && cols == kTileCols) {  // rows of B (nn, tn): copy 8 floats per k step
    for (; p < depth; ++p) {
      wasm_v128_store(panel + p * kTileCols, wasm_v128_load(src + p * row_stride));
      wasm_v128_store(panel + p * kTileCols + 4, wasm_v128_load(src + p * row_stride + 4));
    }
  }
  if (row_stride == 1 && cols == kTileCols) {
    for (; p + 4 <= depth; p += 4) {
      v128_t left[4], right[4];
      for (int col = 0; col < 4; ++col) {
        left[col] = wasm_v128_load(src + col * col_stride + p);
        right[col] = wasm_v128_load(src + (col + 4) * col_stride + p);
      }
      transpose_4x4(left);
      transpose_4x4(right);
      for (int q = 0; q < 4; ++q) {
        wasm_v128_store(panel + (p + q) * kTileCols, left[q]);
        wasm_v128_store(panel + (p + q) * kTileCols + 4, right[q]);
      }
    }
  }
  for (; p < depth; ++p) {
    float* out = panel + p * kTileCols;
    for (int col = 0; col < cols; ++col) out[col] = src[p * row_stride + col * col_stride];
    for (int col = cols; col < kTileCols; ++col) out[col] = 0.0f;
  }
}

// Tiny products (Playground-sized layers: m·n·k ≤ kDirectMaxWork) cost less
// than packing and zero-padding a panel would: each row of C is computed in
// place, 8 then 4 columns at a time with op(B)'s rows read where they are
// (op(B)(p, j) = b[p·ldb + j]), the last 1–3 columns scalar. Above the limit a
// panel is reused by enough rows to pay for its packing.
constexpr long long kDirectMaxWork = 4096;
inline bool prefer_direct(int m, int n, int k) {
  return static_cast<long long>(m) * n * k <= kDirectMaxWork;
}

// c[i][j] = alpha·Σ_p op(A)(i,p)·b[p·ldb + j] + beta·c[i][j], with
// op(A)(i, p) = a[i·a_row_stride + p·a_col_stride]. k = 0 leaves beta·C.
template <int kChunks>
inline void gemm_direct_columns(int k, const float* a_row, std::ptrdiff_t a_col_stride,
                                const float* b, std::ptrdiff_t ldb, float alpha, float beta,
                                float* c) {
  v128_t acc[kChunks];
  for (int q = 0; q < kChunks; ++q) acc[q] = wasm_f32x4_splat(0.0f);
  for (int p = 0; p < k; ++p) {
    const v128_t a_splat = wasm_v128_load32_splat(a_row);
    for (int q = 0; q < kChunks; ++q)
      acc[q] = wasm_f32x4_add(acc[q], wasm_f32x4_mul(a_splat, wasm_v128_load(b + 4 * q)));
    a_row += a_col_stride;
    b += ldb;
  }
  for (int q = 0; q < kChunks; ++q) {
    v128_t out = wasm_f32x4_mul(wasm_f32x4_splat(alpha), acc[q]);
    if (beta != 0.0f)  // beta = 0: C is write-only
      out = wasm_f32x4_add(out, wasm_f32x4_mul(wasm_f32x4_splat(beta), wasm_v128_load(c + 4 * q)));
    wasm_v128_store(c + 4 * q, out);
  }
}

inline void gemm_direct(int m, int n, int k, float alpha, const float* a,
                        std::ptrdiff_t a_row_stride, std::ptrdiff_t a_col_stride, const float* b,
                        std::ptrdiff_t ldb, float beta, float* c, std::ptrdiff_t ldc) {
  for (int i = 0; i < m; ++i) {
    const float* a_row = a + i * a_row_stride;
    float* c_row = c + i * ldc;
    int j = 0;
    for (; j + 8 <= n; j += 8)
      gemm_direct_columns<2>(k, a_row, a_col_stride, b + j, ldb, alpha, beta, c_row + j);
    for (; j + 4 <= n; j += 4)
      gemm_direct_columns<1>(k, a_row, a_col_stride, b + j, ldb, alpha, beta, c_row + j);
    for (; j < n; ++j) {
      float sum = 0.0f;
      const float* a_p = a_row;
      const float* b_p = b + j;
      for (int p = 0; p < k; ++p) {
        sum += *a_p * *b_p;
        a_p += a_col_stride;
        b_p += ldb;
      }
      c_row[j] = beta == 0.0f ? alpha * sum : alpha * sum + beta * c_row[j];
    }
  }
}

// out (ld cols4 = ⌈cols/4⌉·4) = the rows×cols matrix `in` with zero columns
// cols..cols4, so every 4-column chunk of a row is a full f32x4.
inline void copy_zero_padded(int rows, int cols, const float* in, std::ptrdiff_t ld, int cols4,
                             float* out) {
  for (int r = 0; r < rows; ++r)
    for (int p = 0; p < cols4; ++p) out[r * cols4 + p] = p < cols ? in[r * ld + p] : 0.0f;
}

// The driver for all three forms: op(B)(p, j) = b[p·b_row_stride + j·b_col_stride].
template <class MakeA>
inline void gemm_blocked(int m, int n, int k, float alpha, const MakeA& make_a_at, const float* b,
                         std::ptrdiff_t b_row_stride, std::ptrdiff_t b_col_stride, float beta,
                         float* c, std::ptrdiff_t ldc) {
  if (m == 0 || n == 0) return;
  if (k == 0) return scale_c(m, n, beta, c, ldc);
  alignas(16) static float panel[kKBlock * kTileCols];  // single-threaded engine
  for (int p0 = 0; p0 < k; p0 += kKBlock) {
    const int depth = k - p0 < kKBlock ? k - p0 : kKBlock;
    const float block_beta = p0 == 0 ? beta : 1.0f;
    const auto make_a = [&](int i, auto rows) { return make_a_at(i, p0, rows); };
    for (int j = 0; j < n; j += kTileCols) {
      const int cols = n - j < kTileCols ? n - j : kTileCols;
      pack_panel(depth, cols, b + p0 * b_row_stride + j * b_col_stride, b_row_stride, b_col_stride,
                 panel);
      gemm_panel(m, depth, make_a, panel, alpha, block_beta, c + j, ldc, cols);
    }
  }
}

}  // namespace bpl::kernels::gemm_wasmsimd
