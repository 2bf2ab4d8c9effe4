#pragma once
// The engine's side of ./scripts/bench: the two workloads (defined here, exported
// for the other contestants) and the measuring harness, shared by the native
// builds, the wasm build under node and the wasm build in a browser Worker.
//
// Workloads (float32, plain SGD, batches in a fixed order, no shuffle):
//   playground  2-8-8-1 tanh, tanh output, half_mse, 500 `circle` points (noise 0,
//               targets ±1 as in Playground), batch 10, lr 0.03, Playground's
//               uniform init (W ~ U(−0.5, 0.5), b = 0.1)
//   mnist       784-128-10 relu, softmax output, softmax_ce, 6,400 synthetic
//               MNIST-shaped samples (engine_bench.cpp: make_mnist_like), batch 128,
//               lr 0.01, He init
// One measured unit is an epoch: every batch in order, one optimizer step per batch.
//
// Method (bench/README.md has the why):
//   1. check    from the initial weights, `check_epochs` epochs, then the mean
//               loss over the whole training set: `final_loss`, compared across
//               contestants (they all start from the same exported weights).
//   2. warm-up  epochs until at least `warmup_s` seconds have passed.
//   3. blocks   `reps` timed blocks of N epochs, N chosen from the warm-up so a
//               block lasts at least `block_s`; each block gives seconds per epoch.
#include <string>

namespace bpl::bench {

// Runs one contestant. `options_json`:
//   {"workload": "playground" | "mnist", "backend": "simd" | "reference",
//    "contestant": label, "warmup_s": 1, "reps": 5, "block_s": 0.1, "check_epochs": 2}
// Returns one JSON object (bench/README.md: "Raw results"), or {"error": message}.
std::string run(const std::string& options_json);

// Writes <dir>/<workload>.json (shape, hyperparameters, initial weights as
// MODEL.json, FLOPs) and <dir>/<workload>.x.f32, .t.f32 (row-major float32
// little-endian) for every workload. Returns an error message, empty on success.
std::string export_workloads(const std::string& dir);

}  // namespace bpl::bench
