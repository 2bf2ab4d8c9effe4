// w ← w − lr·g
#include "engine/kernels/variants.h"

namespace bpl::kernels {

template <typename Scalar>
void sgd_update__ref(int n, Scalar lr, const Scalar* g, Scalar* w) {
  BPL_EXPECT(n >= 0, "sgd_update: n must be non-negative");
  for (int i = 0; i < n; ++i) w[i] -= lr * g[i];
}

template void sgd_update__ref(int, float, const float*, float*);
template void sgd_update__ref(int, double, const double*, double*);

}  // namespace bpl::kernels
