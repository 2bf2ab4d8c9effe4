// v ← μ·v + g;  w ← w − lr·v, four at a time; same order as momentum_update__ref.
#include <wasm_simd128.h>

#include "engine/kernels/variants.h"

namespace bpl::kernels {

void momentum_update__wasmsimd(int n, float lr, float mu, const float* g, float* v, float* w) {
  BPL_EXPECT(n >= 0, "momentum_update: n must be non-negative");
  const v128_t lr_v = wasm_f32x4_splat(lr), mu_v = wasm_f32x4_splat(mu);
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    const v128_t velocity =
        wasm_f32x4_add(wasm_f32x4_mul(mu_v, wasm_v128_load(v + i)), wasm_v128_load(g + i));
    wasm_v128_store(v + i, velocity);
    wasm_v128_store(w + i, wasm_f32x4_sub(wasm_v128_load(w + i), wasm_f32x4_mul(lr_v, velocity)));
  }
  for (; i < n; ++i) {
    const float velocity = mu * v[i] + g[i];
    v[i] = velocity;
    w[i] -= lr * velocity;
  }
}

}  // namespace bpl::kernels
