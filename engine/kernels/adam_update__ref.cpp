// m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;
// w ← w − lr·m̂/(√v̂ + ε) with m̂ = c1·m, v̂ = c2·v, c1 = 1/(1−β1ᵗ), c2 = 1/(1−β2ᵗ)
// (Kingma & Ba, Algorithm 1; the caller owns the step count t).
#include <cmath>

#include "engine/kernels/variants.h"

namespace bpl::kernels {

void adam_update__ref(int n, float lr, float beta1, float beta2, float eps, float c1, float c2,
                      const float* g, float* m, float* v, float* w) {
  BPL_EXPECT(n >= 0, "adam_update: n must be non-negative");
  const float one_minus_beta1 = 1.0f - beta1;
  const float one_minus_beta2 = 1.0f - beta2;
  for (int i = 0; i < n; ++i) {
    const float first = beta1 * m[i] + one_minus_beta1 * g[i];
    const float second = beta2 * v[i] + one_minus_beta2 * (g[i] * g[i]);
    m[i] = first;
    v[i] = second;
    w[i] -= lr * (c1 * first) / (std::sqrt(c2 * second) + eps);
  }
}

}  // namespace bpl::kernels
