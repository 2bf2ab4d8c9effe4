// v ← μ·v + g;  w ← w − lr·v  (heavy-ball momentum, the PyTorch convention).
#include "engine/kernels/variants.h"

namespace bpl::kernels {

template <typename Scalar>
void momentum_update__ref(int n, Scalar lr, Scalar mu, const Scalar* g, Scalar* v, Scalar* w) {
  BPL_EXPECT(n >= 0, "momentum_update: n must be non-negative");
  for (int i = 0; i < n; ++i) {
    const Scalar velocity = mu * v[i] + g[i];
    v[i] = velocity;
    w[i] -= lr * velocity;
  }
}

template void momentum_update__ref(int, float, float, const float*, float*, float*);
template void momentum_update__ref(int, double, double, const double*, double*, double*);

}  // namespace bpl::kernels
