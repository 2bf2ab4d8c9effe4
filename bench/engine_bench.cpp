// Sections: workloads · one epoch · the harness · export · the C entry point for JS.
#include "bench/engine_bench.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/mlp/backprop.h"
#include "engine/training/dataset.h"
#include "engine/training/features.h"
#include "engine/mlp/initializer.h"
#include "engine/kernels/kernels.h"
#include "engine/mlp/model_json.h"
#include "engine/mlp/network.h"
#include "engine/mlp/optimizer.h"
#include "engine/core/rng.h"

namespace bpl::bench {
namespace {

using nlohmann::json;

// ---------------------------------------------------------------- workloads

struct Workload {
  std::string name;
  NetworkShape shape;
  Init init = Init::he;
  double learning_rate = 0.1;
  int batch = 1;
  int samples = 0;
  Matrix<float> x;        // [samples × inputs]
  Matrix<float> targets;  // [samples × outputs]
};

constexpr std::uint64_t kSeed = 1;
constexpr int kMnistSamples = 6400;
constexpr int kMnistPixels = 784;
constexpr int kMnistClasses = 10;

// MNIST's shape without its files: each class has a prototype marking ~20% of
// the pixels; a sample lights a prototype pixel with probability 0.5 and any
// other pixel with probability 0.1, at an intensity in [0.5, 1); the rest are
// exactly 0 (~140 lit pixels per image, as in MNIST). Noisy enough that the
// loss is still well above 0 after the check epochs, so comparing it means something.
void make_mnist_like(Workload& w) {
  Rng rng(kSeed, RngStream::dataset);
  std::vector<std::vector<bool>> prototype(kMnistClasses, std::vector<bool>(kMnistPixels));
  for (auto& pixels : prototype)
    for (int p = 0; p < kMnistPixels; ++p) pixels[p] = rng.uniform() < 0.2;
  w.x = Matrix<float>::Zero(kMnistSamples, kMnistPixels);
  w.targets = Matrix<float>::Zero(kMnistSamples, kMnistClasses);
  for (int s = 0; s < kMnistSamples; ++s) {
    const int label = rng.below(kMnistClasses);
    w.targets(s, label) = 1.0f;
    for (int p = 0; p < kMnistPixels; ++p) {
      const double lit = rng.uniform();
      const double intensity = rng.uniform(0.5, 1.0);
      if (lit < (prototype[label][p] ? 0.5 : 0.1)) w.x(s, p) = float(intensity);
    }
  }
}

bool make_workload(const std::string& name, Workload& w) {
  w.name = name;
  if (name == "playground") {
    w.shape.inputs = 2;
    w.shape.layers = {{8, Activation::tanh}, {8, Activation::tanh}, {1, Activation::tanh}};
    w.shape.loss = Loss::half_mse;
    w.init = Init::uniform;
    w.learning_rate = 0.03;
    w.batch = 10;
    // Playground: the points are shuffled once when generated, then visited in order.
    const Dataset data = make_dataset({DatasetKind::circle, 500, 0.0, 1.0, kSeed});
    w.x = feature_matrix<float>({Feature::x1, Feature::x2}, data.train);
    w.targets = (2.0f * target_matrix<float>(data.train, 0).array() - 1.0f).matrix();  // 0/1 → ±1
  } else if (name == "mnist") {
    w.shape.inputs = kMnistPixels;
    w.shape.layers = {{128, Activation::relu}, {kMnistClasses, Activation::softmax}};
    w.shape.loss = Loss::softmax_ce;
    w.init = Init::he;
    w.learning_rate = 0.01;
    w.batch = 128;
    make_mnist_like(w);
  } else {
    return false;
  }
  w.samples = int(w.x.rows());
  return true;
}

Network<float> initial_network(const Workload& w) {
  Network<float> net = make_network<float>(w.shape);
  initialize(net, w.init, kSeed);
  return net;
}

// 2·m·n·k per GEMM; per layer and sample: forward Z, ∂W and ∂X, except ∂X of layer 1.
double flops_per_sample(const NetworkShape& shape) {
  double flops = 0.0;
  int units_in = shape.inputs;
  for (std::size_t l = 0; l < shape.layers.size(); ++l) {
    const double product = 2.0 * units_in * shape.layers[l].units;
    flops += (l == 0 ? 2.0 : 3.0) * product;
    units_in = shape.layers[l].units;
  }
  return flops;
}

// What the compiler was allowed to use, for the log.
const char* instruction_set() {
#if defined(__wasm_simd128__)
  return "wasm simd128";
#elif defined(__wasm__)
  return "wasm (no simd128)";
#elif defined(__AVX512F__)
  return "x86-64 AVX-512 (+AVX2, FMA)";
#elif defined(__AVX2__) && defined(__FMA__)
  return "x86-64 AVX2 + FMA";
#elif defined(__AVX__)
  return "x86-64 AVX";
#elif defined(__SSE4_2__)
  return "x86-64 SSE4.2 (128-bit, no AVX/FMA)";
#else
  return "baseline";
#endif
}

// ---------------------------------------------------------------- one epoch

struct Training {
  const Workload& w;
  Network<float> net;
  Optimizer<float> optimizer;
  Workspace<float> workspace;
  Gradients<float> grads;

  explicit Training(const Workload& workload)
      : w(workload), net(initial_network(workload)),
        optimizer({OptimizerKind::sgd, workload.learning_rate}, net), grads(zero_gradients(net)) {
    workspace.reserve(net, w.batch);
  }

  // Every batch in order; the last may be smaller. Returns Σ_s ℓ_s seen during the epoch.
  double epoch() {
    const int inputs = w.shape.inputs, outputs = net.outputs();
    double loss_sum = 0.0;
    for (int first = 0; first < w.samples; first += w.batch) {
      const int batch = std::min(w.batch, w.samples - first);
      loss_sum += backprop(net, w.x.data() + std::ptrdiff_t(first) * inputs, inputs,
                           w.targets.data() + std::ptrdiff_t(first) * outputs, outputs, batch,
                           workspace, grads, {1.0f / float(batch), false});
      optimizer.step(net, grads);
    }
    return loss_sum;
  }

  // Mean ℓ over the whole training set on the current weights.
  double mean_loss() const {
    Workspace<float> eval;
    eval.reserve(net, w.samples);
    const float sum = evaluate_loss_sum(net, w.x.data(), w.shape.inputs, w.targets.data(),
                                        net.outputs(), w.samples, eval);
    return double(sum) / w.samples;
  }
};

// ---------------------------------------------------------------- the harness

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

json measure(const json& options) {
  Workload w;
  const std::string name = options.value("workload", "");
  if (!make_workload(name, w)) return {{"error", "unknown workload '" + name + "' (playground | mnist)"}};
  const std::string backend = options.value("backend", "simd");
  if (backend != "simd" && backend != "reference")
    return {{"error", "backend must be simd or reference, got '" + backend + "'"}};
  kernels::set_backend(backend == "simd" ? kernels::Backend::simd : kernels::Backend::reference);
  const double warmup_s = options.value("warmup_s", 1.0);
  const double block_s = options.value("block_s", 0.1);
  const int reps = options.value("reps", 5);
  const int check_epochs = options.value("check_epochs", 2);

  Training training(w);
  const double initial_loss = training.mean_loss();
  for (int e = 0; e < check_epochs; ++e) training.epoch();
  const double final_loss = training.mean_loss();

  int warmup_epochs = 0;
  const Clock::time_point warmup_start = Clock::now();
  double warmup_elapsed = 0.0;
  double sink = 0.0;  // keeps every epoch's result observable
  while (warmup_epochs == 0 || warmup_elapsed < warmup_s) {
    sink += training.epoch();
    ++warmup_epochs;
    warmup_elapsed = seconds_since(warmup_start);
  }
  const double epoch_estimate = warmup_elapsed / warmup_epochs;
  const int epochs_per_block = std::max(1, int(std::ceil(block_s / epoch_estimate)));

  json epoch_seconds = json::array();
  for (int r = 0; r < reps; ++r) {
    const Clock::time_point start = Clock::now();
    for (int e = 0; e < epochs_per_block; ++e) sink += training.epoch();
    epoch_seconds.push_back(seconds_since(start) / epochs_per_block);
  }

  const bool simd_on = kernels::backend() == kernels::Backend::simd;
  return {{"workload", w.name},
          {"contestant", options.value("contestant", "")},
          {"implementation", "BackpropLens engine (backprop + Optimizer, float32)"},
          {"backend", std::string("kernels: ") + (simd_on ? "__wasmsimd" : "__ref") +
                          ", compiled for " + instruction_set()},
          {"simd", simd_on ? "wasm simd128 kernels" : std::string("reference kernels (compiler: ") +
                                                          instruction_set() + ")"},
          {"threads", 1},
          {"compiler", __VERSION__},
#if !defined(__wasm__)
          {"runtime", "native process"},
#endif
          {"samples_per_epoch", w.samples},
          {"flops_per_sample", flops_per_sample(w.shape)},
          {"check_epochs", check_epochs},
          {"initial_loss", initial_loss},
          {"final_loss", final_loss},
          {"warmup_s", warmup_elapsed},
          {"warmup_epochs", warmup_epochs},
          {"epochs_per_block", epochs_per_block},
          {"epoch_seconds", epoch_seconds},
          {"finite", std::isfinite(sink)}};
}

// ---------------------------------------------------------------- export

std::string write_floats(const std::string& path, const Matrix<float>& m) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(m.data()), std::streamsize(m.size() * sizeof(float)));
  return out ? "" : "could not write " + path;
}

}  // namespace

std::string run(const std::string& options_json) {
  const json options = json::parse(options_json, nullptr, /*allow_exceptions=*/false);
  if (!options.is_object()) return json{{"error", "options must be a JSON object"}}.dump();
  return measure(options).dump();
}

std::string export_workloads(const std::string& dir) {
  for (const char* name : {"playground", "mnist"}) {
    Workload w;
    make_workload(name, w);
    const Network<float> net = initial_network(w);
    const json description = {
        {"workload", w.name},
        {"samples", w.samples},
        {"inputs", w.shape.inputs},
        {"outputs", net.outputs()},
        {"batch", w.batch},
        {"learning_rate", w.learning_rate},
        {"loss", loss_name(w.shape.loss)},
        {"flops_per_sample", flops_per_sample(w.shape)},
        {"model", model_to_json(net)}};
    const std::string base = dir + "/" + w.name;
    std::ofstream out(base + ".json");
    out << description.dump() << "\n";
    if (!out) return "could not write " + base + ".json";
    for (const std::string& error :
         {write_floats(base + ".x.f32", w.x), write_floats(base + ".t.f32", w.targets)}) {
      if (!error.empty()) return error;
    }
  }
  return "";
}

}  // namespace bpl::bench

// ---------------------------------------------------------------- the C entry point for JS
// bench/engine_wasm.mjs (node) and bench/browser/worker.js call this through ccall.
extern "C" const char* bench_run(const char* options_json) {
  static std::string result;
  result = bpl::bench::run(options_json);
  return result.c_str();
}
