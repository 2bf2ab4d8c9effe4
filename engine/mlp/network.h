#pragma once
// An MLP: its shape and its parameters, for any Scalar (float trains through
// the kernels, double checks gradients).
//
// Layer numbering: layer 0 is the input (no parameters); layers 1..L carry
// parameters and are stored at layers[l−1]; layer L is the output. So
//   W⁽ˡ⁾ = layers[l−1].weights  [units⁽ˡ⁾ × units⁽ˡ⁻¹⁾], W⁽ˡ⁾[j][i]: unit i of layer l−1 → unit j of layer l
//   b⁽ˡ⁾ = layers[l−1].biases   [units⁽ˡ⁾]
//   z⁽ˡ⁾ = a⁽ˡ⁻¹⁾ W⁽ˡ⁾ᵀ + b⁽ˡ⁾,  a⁽ˡ⁾ = σ⁽ˡ⁾(z⁽ˡ⁾),  a⁽⁰⁾ = x   (rows = samples)
// This is the MODEL.json layout: layers[l−1].weights[j][i].
#include <vector>

#include "engine/mlp/activation.h"
#include "engine/mlp/loss.h"
#include "engine/core/matrix.h"

namespace bpl {

inline constexpr int kMaxLayers = 16;   // parameter layers, output included
inline constexpr int kMaxUnits = 1024;  // per layer, inputs included

// One parameter: W⁽ˡ⁾[row][col], or b⁽ˡ⁾[row] when col < 0. layer is 1-based.
struct ParameterRef {
  int layer = 1;
  int row = 0;
  int col = 0;  // −1: the bias
  bool is_bias() const { return col < 0; }
};

struct LayerShape {
  int units = 1;
  Activation activation = Activation::linear;
};

struct NetworkShape {
  int inputs = 2;
  std::vector<LayerShape> layers;  // hidden layers then the output layer
  Loss loss = Loss::half_mse;
  double leaky_slope = kDefaultLeakySlope;

  // Σ over layers of (inputs + 1) · units: W⁽ˡ⁾ [units × inputs] and b⁽ˡ⁾ [units].
  long long parameter_count() const;
};

template <typename Scalar>
struct Layer {
  Matrix<Scalar> weights;  // [units_out × units_in]
  Vector<Scalar> biases;   // [units_out]
  Activation activation = Activation::linear;
};

template <typename Scalar>
struct Network {
  int inputs = 0;
  std::vector<Layer<Scalar>> layers;
  Loss loss = Loss::half_mse;
  Scalar leaky_slope = Scalar(kDefaultLeakySlope);

  int outputs() const { return layers.empty() ? inputs : int(layers.back().weights.rows()); }
  int units(int l) const { return l == 0 ? inputs : int(layers[l - 1].weights.rows()); }
  int depth() const { return int(layers.size()); }  // L
  int parameter_count() const;
  NetworkShape shape() const;

  template <typename Other>
  Network<Other> cast() const {
    Network<Other> out;
    out.inputs = inputs;
    out.loss = loss;
    out.leaky_slope = Other(leaky_slope);
    for (const Layer<Scalar>& layer : layers) {
      out.layers.push_back({layer.weights.template cast<Other>(),
                            layer.biases.template cast<Other>(), layer.activation});
    }
    return out;
  }
};

// All parameters zero; the shape must be valid (see shape_errors).
template <typename Scalar>
Network<Scalar> make_network(const NetworkShape& shape);

// Parameter gradients, shaped like the network's parameters.
template <typename Scalar>
struct Gradients {
  std::vector<Matrix<Scalar>> weights;
  std::vector<Vector<Scalar>> biases;
  Scalar of(ParameterRef p) const {  // ∂L/∂θ of one parameter
    return p.is_bias() ? biases[p.layer - 1](p.row) : weights[p.layer - 1](p.row, p.col);
  }
};
template <typename Scalar>
Gradients<Scalar> zero_gradients(const Network<Scalar>& net);

// True when every weight and bias is finite.
template <typename Scalar>
bool all_finite(const Network<Scalar>& net);

}  // namespace bpl
