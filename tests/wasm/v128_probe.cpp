// Links every kernel dispatcher into one small .wasm so the ctest
// "wasm: engine .wasm contains v128 instructions" can count the SIMD ops that
// really made it into the binary (wasm-dis, scripts/cmake/check_v128.cmake).
// Running it is a smoke test: it prints one checksum and exits 0.
#include <cstdio>
#include <vector>

#include "engine/kernels/kernels.h"

int main() {
  namespace k = bpl::kernels;
  constexpr int m = 5, n = 9, depth = 7;
  std::vector<float> a(m * depth, 0.5f), b(depth * n, 0.25f), bt(n * depth, 0.25f);
  std::vector<float> at(depth * m, 0.5f), c(m * n, 0.0f), bias(n, 0.1f), act(m * n), dz(m * n);
  k::gemm_nn(m, n, depth, 1.0f, a.data(), depth, b.data(), n, 0.0f, c.data(), n);
  k::gemm_nt(m, n, depth, 1.0f, a.data(), depth, bt.data(), depth, 1.0f, c.data(), n);
  k::gemm_tn(m, n, depth, 1.0f, at.data(), m, b.data(), n, 1.0f, c.data(), n);
  for (k::Activation f : {k::Activation::linear, k::Activation::sigmoid, k::Activation::tanh,
                          k::Activation::relu, k::Activation::leaky_relu, k::Activation::gelu}) {
    k::bias_activation(m, n, c.data(), n, bias.data(), act.data(), n, f, 0.01f);
    k::activation_backward(m, n, c.data(), n, act.data(), n, act.data(), n, dz.data(), n, f, 0.01f);
  }
  std::vector<float> sums(n), w(n, 1.0f), velocity(n), moment1(n), moment2(n);
  k::column_sums(m, n, 1.0f / m, dz.data(), n, 0.0f, sums.data());
  k::sgd_update(n, 0.1f, sums.data(), w.data());
  k::momentum_update(n, 0.1f, 0.9f, sums.data(), velocity.data(), w.data());
  k::adam_update(n, 1e-3f, 0.9f, 0.999f, 1e-8f, 10.0f, 1000.0f, sums.data(), moment1.data(),
                 moment2.data(), w.data());
  float checksum = 0.0f;
  for (float x : w) checksum += x;
  std::printf("v128_probe: backend=%s checksum=%g\n",
              k::backend() == k::Backend::simd ? "simd" : "reference", checksum);
  return 0;
}
