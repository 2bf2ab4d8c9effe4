#pragma once
// Everything that defines a training run: the `bp train` config file and the
// web page's setState. One field per JSON key (JSON camelCase ↔ C++ snake_case):
//   dataset            dataset              "xor4" | "xor" | "circle" | "gauss" | "spiral" | "plane" | "multigauss"
//   samples            samples              points before the split; 0 = Playground's 500 / 1200 (xor4: always 4)
//   noise              noise                0..1 (Playground's noise slider / 100)
//   trainFraction      train_fraction       (0, 1]
//   features           features             ["x1","x2","x1^2","x2^2","x1x2","sin_x1","sin_x2"] subset, ≥ 1
//   hidden             hidden               unit counts of the hidden layers, each 1..1024, ≤ 15 layers
//                                           (and the size caps below)
//   activation         activation           hidden layers: "linear" | "sigmoid" | "tanh" | "relu" | "leaky_relu" | "gelu"
//   leakySlope         leaky_slope          leaky_relu's negative slope, default 0.01
//   outputActivation   output_activation    as activation, or "softmax" (softmax_ce only)
//   loss               loss                 "half_mse" | "mse" | "bce" | "softmax_ce"
//   optimizer          optimizer            "sgd" | "momentum" | "adam"
//   learningRate       learning_rate        finite, > 0
//   momentum           momentum             μ in [0, 1)
//   beta1, beta2       beta1, beta2         in [0, 1)
//   epsilon            epsilon              finite, > 0
//   batchSize          batch_size           ≥ 1 (larger than the training set = full batch)
//   regularization     regularization       "none" | "l1" | "l2"
//   regularizationRate regularization_rate  finite, ≥ 0
//   init               init                 "xavier" | "he" | "uniform" | "zeros"
//   seed               seed                 integer 0..2^53 (exact in JavaScript)
//   epochs             epochs               0..1000000 (bp train)
// The network: inputs = features.size(); outputs = 2 for softmax_ce (the two
// classes), else 1. Defaults are the seed tutorial's XOR network: xor4,
// 2-4-1 sigmoid, bce, SGD lr 0.5, full batch, He init.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "engine/mlp/activation.h"
#include "engine/training/dataset.h"
#include "engine/training/features.h"
#include "engine/mlp/initializer.h"
#include "engine/mlp/loss.h"
#include "engine/mlp/network.h"
#include "engine/mlp/optimizer.h"
#include "engine/mlp/regularization.h"
#include "engine/core/result.h"

namespace bpl {

struct TrainConfig {
  DatasetKind dataset = DatasetKind::xor4;
  int samples = 0;  // 0: the dataset's default (default_samples)
  double noise = 0.0;
  double train_fraction = 1.0;
  std::vector<Feature> features = {Feature::x1, Feature::x2};
  std::vector<int> hidden = {4};
  Activation activation = Activation::sigmoid;
  double leaky_slope = kDefaultLeakySlope;
  Activation output_activation = Activation::sigmoid;
  Loss loss = Loss::bce;
  OptimizerKind optimizer = OptimizerKind::sgd;
  double learning_rate = 0.5;
  double momentum = 0.9;
  double beta1 = 0.9;
  double beta2 = 0.999;
  double epsilon = 1e-8;
  int batch_size = 4;
  Regularization regularization = Regularization::none;
  double regularization_rate = 0.0;
  Init init = Init::he;
  std::uint64_t seed = 1;
  int epochs = 10000;

  NetworkShape network_shape() const;
  OptimizerSettings optimizer_settings() const;
  RegularizationSettings regularization_settings() const;
  DatasetSettings dataset_settings() const;
};

inline constexpr int kMaxEpochs = 1000000;
inline constexpr int kMaxSamples = 100000;

// Size caps (README "Limits"): what the page can train, draw, derive and export
// with every call answering within about a second in headless Chromium, and
// memory far below the wasm maximum. Each bounds one kind of work:
//   parameters                      weights and biases: memory, exports, the heatmap (4,672 forward passes)
//   parameters × data points        one pass over the data set (the loss and accuracy metrics)
//   parameters × points per batch   the double-precision trace of a batch (derivation, parameters().grad)
inline constexpr long long kMaxParameters = 100000;
inline constexpr long long kMaxParameterPoints = 100000000;
inline constexpr long long kMaxBatchParameters = 5000000;

// Weights and biases of config.network_shape(), without building it.
long long parameter_count(const TrainConfig& config);

// Every rule a config must satisfy: each field's type and range (its row in
// config_fields.h, the one check of that field), then the rules between fields
// (bce needs a sigmoid output on a classification dataset, the size caps, ...).
// Empty = valid.
FieldErrors validate(const TrainConfig& config);
// Only the rules between fields; for a config whose fields are each valid.
FieldErrors validate_combination(const TrainConfig& config);

// Applies the keys present in `json` (an object) over `config`: all or
// nothing. Returns every error found (unknown keys, wrong types, values out
// of range, and the rules between fields); `config` is changed only if none.
// (Implemented with the rows of config_fields.h.)
FieldErrors apply_config_json(const nlohmann::json& json, TrainConfig& config);
// The same from text; bad JSON gives one error with line and column.
FieldErrors apply_config_json(const std::string& text, TrainConfig& config);

// Every key, in the order of the table above.
nlohmann::json config_to_json(const TrainConfig& config);

// The loss and output a learner most likely wants after picking config.dataset
// (the page's dataset picker, and links whose loss cannot train on their dataset):
// a regression dataset gets half_mse with a tanh output; a classification dataset
// with a squared error gets bce with a sigmoid output; xor4 trains on all four points
// (trainFraction 1); anything else is kept.
void preselect_for_dataset(TrainConfig& config);

}  // namespace bpl
