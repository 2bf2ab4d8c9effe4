// w ← w − lr·g
#include "engine/kernels/variants.h"

namespace bpl::kernels {

void sgd_update__ref(int n, float lr, const float* g, float* w) {
  BPL_EXPECT(n >= 0, "sgd_update: n must be non-negative");
  for (int i = 0; i < n; ++i) w[i] -= lr * g[i];
}

}  // namespace bpl::kernels
