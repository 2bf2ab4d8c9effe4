// m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;
// w ← w − lr·m̂/(√v̂ + ε) with m̂ = c1·m, v̂ = c2·v, c1 = 1/(1−β1ᵗ), c2 = 1/(1−β2ᵗ)
// (Kingma & Ba, Algorithm 1; the caller owns the step count t).
#include <cmath>

#include "engine/kernels/variants.h"

namespace bpl::kernels {

template <typename Scalar>
void adam_update__ref(int n, Scalar lr, Scalar beta1, Scalar beta2, Scalar eps, Scalar c1,
                      Scalar c2, const Scalar* g, Scalar* m, Scalar* v, Scalar* w) {
  BPL_EXPECT(n >= 0, "adam_update: n must be non-negative");
  const Scalar one_minus_beta1 = Scalar(1) - beta1;
  const Scalar one_minus_beta2 = Scalar(1) - beta2;
  for (int i = 0; i < n; ++i) {
    const Scalar first = beta1 * m[i] + one_minus_beta1 * g[i];
    const Scalar second = beta2 * v[i] + one_minus_beta2 * (g[i] * g[i]);
    m[i] = first;
    v[i] = second;
    w[i] -= lr * (c1 * first) / (std::sqrt(c2 * second) + eps);
  }
}

template void adam_update__ref(int, float, float, float, float, float, float, const float*, float*,
                               float*, float*);
template void adam_update__ref(int, double, double, double, double, double, double, const double*,
                               double*, double*, double*);

}  // namespace bpl::kernels
