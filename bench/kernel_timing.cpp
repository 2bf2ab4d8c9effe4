// Kernel timing: one training step of an MLP made of the kernels only,
// backend simd vs reference in the same process, reported as ratios and
// GFLOP/s. Not a test (STYLE.md rule 9): numbers vary by machine.
//
// Build and run (wasm, from the repository root):
//   export NODE_PATH=/usr/share/nodejs
//   emcc -O3 -msimd128 -std=c++17 -fno-exceptions -I. bench/kernel_timing.cpp \
//        engine/kernels/*.cpp -sALLOW_MEMORY_GROWTH=1 -o build/kernel_timing.js
//   node --no-experimental-fetch build/kernel_timing.js
// Natively (reference only): g++ -O3 -std=c++17 -I. bench/kernel_timing.cpp \
//        $(ls engine/kernels/*.cpp | grep -v __wasmsimd) -o build/kernel_timing
// The wasm reference kernels are auto-vectorised by clang (-msimd128), as in
// the engine; to compare with scalar loops instead, compile the *__ref.cpp
// files separately with -fno-vectorize -fno-slp-vectorize and link those.
// GFLOP/s counts the GEMMs only (2 flops per multiply-add), also for the steps.
//
// The step, batch-major row-major as in the MLP engine (layer: in → out):
//   forward   Z = X·Wᵀ (gemm_nt), A = act(Z + b) (bias_activation)
//   backward  dW = (1/B)·dZᵀ·X (gemm_tn), db = (1/B)·Σ_rows dZ (column_sums),
//             dX = dZ·W (gemm_nn, not for the first layer), dZ_prev = dX ⊙ act'
//             (activation_backward)
//   update    w -= lr·g (sgd_update) on every weight and bias
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <vector>

#include "engine/kernels/kernels.h"

#if defined(__EMSCRIPTEN__)
#include <emscripten.h>
#endif

namespace kn = bpl::kernels;

namespace {

struct Layer {
  int in, out;
  kn::Activation act;
  std::vector<float> w, b, z, a, dz, dw, db, dx;
};

struct Mlp {
  int batch;
  std::vector<float> x;
  std::vector<Layer> layers;
};

Mlp make_mlp(const std::vector<int>& widths, int batch, kn::Activation hidden) {
  std::mt19937 rng(42);
  std::uniform_real_distribution<float> dist(-0.1f, 0.1f);
  Mlp mlp{batch, std::vector<float>(std::size_t(batch) * widths[0]), {}};
  for (float& v : mlp.x) v = dist(rng) * 10;
  for (std::size_t l = 0; l + 1 < widths.size(); ++l) {
    const int in = widths[l], out = widths[l + 1];
    const auto size = [](int r, int c) { return std::vector<float>(std::size_t(r) * c); };
    Layer layer{in,
                out,
                l + 2 == widths.size() ? kn::Activation::linear : hidden,
                size(out, in),
                size(1, out),
                size(batch, out),
                size(batch, out),
                size(batch, out),
                size(out, in),
                size(1, out),
                size(batch, in)};
    for (float& v : layer.w) v = dist(rng);
    mlp.layers.push_back(std::move(layer));
  }
  return mlp;
}

void train_step(Mlp& mlp) {
  const int batch = mlp.batch;
  const float* input = mlp.x.data();
  for (Layer& l : mlp.layers) {
    kn::gemm_nt(batch, l.out, l.in, 1.0f, input, l.in, l.w.data(), l.in, 0.0f, l.z.data(), l.out);
    kn::bias_activation(batch, l.out, l.z.data(), l.out, l.b.data(), l.a.data(), l.out, l.act,
                        0.01f);
    input = l.a.data();
  }
  // dL/dA of the output layer: stands in for (prediction − target)·2/B.
  Layer& last = mlp.layers.back();
  for (std::size_t i = 0; i < last.dz.size(); ++i) last.dz[i] = last.a[i] - 0.5f;
  for (std::size_t l = mlp.layers.size(); l-- > 0;) {
    Layer& layer = mlp.layers[l];
    const float* layer_input = l == 0 ? mlp.x.data() : mlp.layers[l - 1].a.data();
    kn::gemm_tn(layer.out, layer.in, batch, 1.0f / batch, layer.dz.data(), layer.out, layer_input,
                layer.in, 0.0f, layer.dw.data(), layer.in);
    kn::column_sums(batch, layer.out, 1.0f / batch, layer.dz.data(), layer.out, 0.0f,
                    layer.db.data());
    if (l > 0) {
      Layer& below = mlp.layers[l - 1];
      kn::gemm_nn(batch, layer.in, layer.out, 1.0f, layer.dz.data(), layer.out, layer.w.data(),
                  layer.in, 0.0f, layer.dx.data(), layer.in);
      kn::activation_backward(batch, below.out, below.z.data(), below.out, below.a.data(),
                              below.out, layer.dx.data(), layer.in, below.dz.data(), below.out,
                              below.act, 0.01f);
    }
  }
  for (Layer& l : mlp.layers) {
    kn::sgd_update(int(l.w.size()), 1e-3f, l.dw.data(), l.w.data());
    kn::sgd_update(l.out, 1e-3f, l.db.data(), l.b.data());
  }
}

double gemm_flops_per_step(const Mlp& mlp) {
  double flops = 0;
  for (std::size_t l = 0; l < mlp.layers.size(); ++l) {
    const double mnk = double(mlp.batch) * mlp.layers[l].in * mlp.layers[l].out;
    flops += 2 * mnk * (l == 0 ? 2 : 3);  // forward, dW, and dX above the first layer
  }
  return flops;
}

// CPU time of this process, in seconds: on a shared machine (2 cores, several
// builds) wall time mostly measures the other processes. Under node that is
// process.cpuUsage(), which also counts V8's background threads; they are idle
// once the warm-up call has tiered the code up.
#if defined(__EMSCRIPTEN__)
EM_JS(double, cpu_seconds, (), {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) * 1e-6;
});
#else
double cpu_seconds() {
  timespec now;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return double(now.tv_sec) + 1e-9 * double(now.tv_nsec);
}
#endif

// Best of `rounds` timings of `reps` calls, in CPU seconds per call.
template <class F>
double seconds_per_call(F&& f, int reps, int rounds = 7) {
  double best = 1e30;
  for (int r = 0; r < rounds; ++r) {
    const double start = cpu_seconds();
    for (int i = 0; i < reps; ++i) f();
    best = std::min(best, (cpu_seconds() - start) / reps);
  }
  return best;
}

template <class F>
void compare(const char* name, double flops, int reps, F&& f) {
  double seconds[2] = {};
  const kn::Backend backends[2] = {kn::Backend::reference, kn::Backend::simd};
  const int count = kn::simd_available() ? 2 : 1;
  for (int i = 0; i < count; ++i) {
    kn::set_backend(backends[i]);
    f();  // warm up (JIT tiers, caches)
    seconds[i] = seconds_per_call(f, reps);
  }
  // GEMM flops count 2 per multiply-add; elementwise kernels print no rate.
  const auto print_time = [flops](const char* label, double t) {
    std::printf("%s %9.3f us", label, t * 1e6);
    if (flops > 0) std::printf(" %6.2f GFLOP/s", flops / t * 1e-9);
  };
  std::printf("%-36s", name);
  print_time("ref", seconds[0]);
  if (count == 2) {
    print_time(" | simd", seconds[1]);
    std::printf(" | simd/ref speed-up %.2fx", seconds[0] / seconds[1]);
  }
  std::printf("\n");
}

void compare_gemm(const char* name,
                  void (*gemm)(int, int, int, float, const float*, int, const float*, int, float,
                               float*, int),
                  int m, int n, int k, bool a_transposed, bool b_transposed, int reps) {
  std::vector<float> a(std::size_t(m) * k, 0.5f), b(std::size_t(k) * n, 0.25f),
      c(std::size_t(m) * n);
  const int lda = a_transposed ? m : k, ldb = b_transposed ? k : n;
  compare(name, 2.0 * m * n * k, reps,
          [&] { gemm(m, n, k, 1.0f, a.data(), lda, b.data(), ldb, 0.0f, c.data(), n); });
}

void compare_activation(kn::Activation act, int rows, int cols, int reps) {
  static const char* const names[] = {"linear", "sigmoid", "tanh", "relu", "leaky_relu", "gelu"};
  std::vector<float> z(std::size_t(rows) * cols), bias(cols, 0.01f), a(z.size()), up(z.size(), 1);
  for (std::size_t i = 0; i < z.size(); ++i) z[i] = float(int(i % 17) - 8) * 0.37f;
  const std::vector<float> z0 = z;
  char name[64];
  std::snprintf(name, sizeof name, "bias_activation %s %dx%d", names[int(act)], rows, cols);
  // z is restored from z0 each call so the inputs don't drift with the bias.
  compare(name, 0, reps, [&] {
    z = z0;
    kn::bias_activation(rows, cols, z.data(), cols, bias.data(), a.data(), cols, act, 0.01f);
  });
  std::snprintf(name, sizeof name, "activation_backward %s %dx%d", names[int(act)], rows, cols);
  compare(name, 0, reps, [&] {
    kn::activation_backward(rows, cols, z.data(), cols, a.data(), cols, up.data(), cols, up.data(),
                            cols, act, 0.01f);
  });
}

}  // namespace

int main() {
  std::printf("kernel timing (%s build), best of 7 rounds, CPU time\n",
              kn::simd_available() ? "wasm SIMD" : "native reference-only");
  compare_gemm("gemm_nt 128x128x784 (forward)", kn::gemm_nt, 128, 128, 784, false, true, 20);
  compare_gemm("gemm_tn 128x784x128 (dW)", kn::gemm_tn, 128, 784, 128, true, false, 20);
  compare_gemm("gemm_nn 128x784x128 (dX)", kn::gemm_nn, 128, 784, 128, false, false, 20);
  compare_gemm("gemm_nn 128x128x784 (nt's shape)", kn::gemm_nn, 128, 128, 784, false, false, 20);
  compare_gemm("gemm_nt 128x10x128", kn::gemm_nt, 128, 10, 128, false, true, 500);
  compare_gemm("gemm_nt 1x128x784 (one sample)", kn::gemm_nt, 1, 128, 784, false, true, 500);
  compare_gemm("gemm_nt 8x128x784", kn::gemm_nt, 8, 128, 784, false, true, 200);
  compare_gemm("gemm_nt 16x128x784", kn::gemm_nt, 16, 128, 784, false, true, 100);
  compare_gemm("gemm_nt 10x8x2 (Playground)", kn::gemm_nt, 10, 8, 2, false, true, 20000);

  for (kn::Activation act : {kn::Activation::relu, kn::Activation::sigmoid, kn::Activation::tanh,
                             kn::Activation::gelu}) {
    compare_activation(act, 128, 128, 500);
  }

  Mlp mnist = make_mlp({784, 128, 10}, 128, kn::Activation::relu);
  compare("train step 784-128-10, batch 128", gemm_flops_per_step(mnist), 10,
          [&] { train_step(mnist); });
  Mlp mnist_gelu = make_mlp({784, 128, 10}, 128, kn::Activation::gelu);
  compare("  same with gelu", gemm_flops_per_step(mnist_gelu), 10, [&] { train_step(mnist_gelu); });
  Mlp playground = make_mlp({2, 8, 8, 1}, 10, kn::Activation::tanh);
  compare("train step 2-8-8-1, batch 10", gemm_flops_per_step(playground), 5000,
          [&] { train_step(playground); });
  return 0;
}
