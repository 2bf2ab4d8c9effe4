// w ← w − lr·g, four at a time; same operation order as sgd_update__ref.
#include <wasm_simd128.h>

#include "engine/kernels/variants.h"

namespace bpl::kernels {

void sgd_update__wasmsimd(int n, float lr, const float* g, float* w) {
  BPL_EXPECT(n >= 0, "sgd_update: n must be non-negative");
  const v128_t lr_v = wasm_f32x4_splat(lr);
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    const v128_t step = wasm_f32x4_mul(lr_v, wasm_v128_load(g + i));
    wasm_v128_store(w + i, wasm_f32x4_sub(wasm_v128_load(w + i), step));
  }
  for (; i < n; ++i) w[i] -= lr * g[i];
}

}  // namespace bpl::kernels
