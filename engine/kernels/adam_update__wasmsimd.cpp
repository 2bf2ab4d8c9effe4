// Adam, four parameters at a time; same formula and operation order as
// adam_update__ref (f32x4.sqrt and f32x4.div are correctly rounded, like the
// scalar ones, so the two agree bit for bit).
#include <wasm_simd128.h>

#include <cmath>

#include "engine/kernels/variants.h"

namespace bpl::kernels {

void adam_update__wasmsimd(int n, float lr, float beta1, float beta2, float eps, float c1, float c2,
                           const float* g, float* m, float* v, float* w) {
  BPL_EXPECT(n >= 0, "adam_update: n must be non-negative");
  const float one_minus_beta1 = 1.0f - beta1, one_minus_beta2 = 1.0f - beta2;
  const v128_t lr_v = wasm_f32x4_splat(lr), eps_v = wasm_f32x4_splat(eps);
  const v128_t beta1_v = wasm_f32x4_splat(beta1), beta2_v = wasm_f32x4_splat(beta2);
  const v128_t one_minus_beta1_v = wasm_f32x4_splat(one_minus_beta1);
  const v128_t one_minus_beta2_v = wasm_f32x4_splat(one_minus_beta2);
  const v128_t c1_v = wasm_f32x4_splat(c1), c2_v = wasm_f32x4_splat(c2);
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    const v128_t grad = wasm_v128_load(g + i);
    const v128_t first = wasm_f32x4_add(wasm_f32x4_mul(beta1_v, wasm_v128_load(m + i)),
                                        wasm_f32x4_mul(one_minus_beta1_v, grad));
    const v128_t second =
        wasm_f32x4_add(wasm_f32x4_mul(beta2_v, wasm_v128_load(v + i)),
                       wasm_f32x4_mul(one_minus_beta2_v, wasm_f32x4_mul(grad, grad)));
    wasm_v128_store(m + i, first);
    wasm_v128_store(v + i, second);
    const v128_t step =
        wasm_f32x4_div(wasm_f32x4_mul(lr_v, wasm_f32x4_mul(c1_v, first)),
                       wasm_f32x4_add(wasm_f32x4_sqrt(wasm_f32x4_mul(c2_v, second)), eps_v));
    wasm_v128_store(w + i, wasm_f32x4_sub(wasm_v128_load(w + i), step));
  }
  for (; i < n; ++i) {
    const float first = beta1 * m[i] + one_minus_beta1 * g[i];
    const float second = beta2 * v[i] + one_minus_beta2 * (g[i] * g[i]);
    m[i] = first;
    v[i] = second;
    w[i] -= lr * (c1 * first) / (std::sqrt(c2 * second) + eps);
  }
}

}  // namespace bpl::kernels
