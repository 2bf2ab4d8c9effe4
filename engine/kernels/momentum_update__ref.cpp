// v ← μ·v + g;  w ← w − lr·v  (heavy-ball momentum, the PyTorch convention).
#include "engine/kernels/variants.h"

namespace bpl::kernels {

void momentum_update__ref(int n, float lr, float mu, const float* g, float* v, float* w) {
  BPL_EXPECT(n >= 0, "momentum_update: n must be non-negative");
  for (int i = 0; i < n; ++i) {
    const float velocity = mu * v[i] + g[i];
    v[i] = velocity;
    w[i] -= lr * velocity;
  }
}

}  // namespace bpl::kernels
