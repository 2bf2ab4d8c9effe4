#pragma once
// The one helper of the MLP tests: random networks, inputs and targets drawn
// from our seeded Rng, so every test is reproducible natively and in wasm.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "engine/mlp/loss.h"
#include "engine/core/matrix.h"
#include "engine/mlp/network.h"
#include "engine/core/result.h"
#include "engine/core/rng.h"

#include "bpl_require.h"

namespace bpl::testing {

inline NetworkShape make_shape(int inputs, const std::vector<int>& units, Activation hidden,
                               Activation output, Loss loss) {
  NetworkShape shape;
  shape.inputs = inputs;
  for (size_t l = 0; l < units.size(); ++l) {
    shape.layers.push_back({units[l], l + 1 == units.size() ? output : hidden});
  }
  shape.loss = loss;
  return shape;
}

inline Matrix<double> random_matrix(int rows, int cols, Rng& rng, double lo = -1.0, double hi = 1.0) {
  Matrix<double> m(rows, cols);
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) m(r, c) = rng.uniform(lo, hi);
  return m;
}

// Weights and biases ~ U(−scale, scale).
inline Network<double> random_network(const NetworkShape& shape, Rng& rng, double scale = 1.0) {
  Network<double> net = make_network<double>(shape);
  for (Layer<double>& layer : net.layers) {
    layer.weights = random_matrix(int(layer.weights.rows()), int(layer.weights.cols()), rng, -scale, scale);
    layer.biases = random_matrix(int(layer.biases.size()), 1, rng, -scale, scale);
  }
  return net;
}

// Targets a loss accepts: one-hot (softmax_ce), in [0, 1] (bce), in [−1, 1] otherwise.
inline Matrix<double> random_targets(Loss loss, int rows, int outputs, Rng& rng) {
  if (loss == Loss::softmax_ce) {
    Matrix<double> t = Matrix<double>::Zero(rows, outputs);
    for (int r = 0; r < rows; ++r) t(r, rng.below(outputs)) = 1.0;
    return t;
  }
  return loss == Loss::bce ? random_matrix(rows, outputs, rng, 0.0, 1.0) : random_matrix(rows, outputs, rng);
}

// True when some error names `field` and its message contains `fragment`.
inline bool has_error(const FieldErrors& errors, const std::string& field, const std::string& fragment = "") {
  for (const FieldError& e : errors) {
    if (e.field == field && e.message.find(fragment) != std::string::npos) return true;
  }
  return false;
}

}  // namespace bpl::testing
