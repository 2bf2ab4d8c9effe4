#include "engine/mlp/network.h"

#include <cmath>

namespace bpl {

long long NetworkShape::parameter_count() const {
  long long count = 0, units_in = inputs;
  for (const LayerShape& layer : layers) {
    count += (units_in + 1) * layer.units;
    units_in = layer.units;
  }
  return count;
}

template <typename Scalar>
int Network<Scalar>::parameter_count() const {
  return int(shape().parameter_count());  // ≤ kMaxParameters (train_config.h), so it fits
}

template <typename Scalar>
NetworkShape Network<Scalar>::shape() const {
  NetworkShape shape;
  shape.inputs = inputs;
  shape.loss = loss;
  shape.leaky_slope = double(leaky_slope);
  for (const Layer<Scalar>& layer : layers) shape.layers.push_back({int(layer.weights.rows()), layer.activation});
  return shape;
}

template <typename Scalar>
Network<Scalar> make_network(const NetworkShape& shape) {
  Network<Scalar> net;
  net.inputs = shape.inputs;
  net.loss = shape.loss;
  net.leaky_slope = Scalar(shape.leaky_slope);
  int units_in = shape.inputs;
  for (const LayerShape& layer : shape.layers) {
    net.layers.push_back({Matrix<Scalar>::Zero(layer.units, units_in),
                          Vector<Scalar>::Zero(layer.units), layer.activation});
    units_in = layer.units;
  }
  return net;
}

template <typename Scalar>
Gradients<Scalar> zero_gradients(const Network<Scalar>& net) {
  Gradients<Scalar> grads;
  for (const Layer<Scalar>& layer : net.layers) {
    grads.weights.push_back(Matrix<Scalar>::Zero(layer.weights.rows(), layer.weights.cols()));
    grads.biases.push_back(Vector<Scalar>::Zero(layer.biases.size()));
  }
  return grads;
}

template <typename Scalar>
bool all_finite(const Network<Scalar>& net) {
  for (const Layer<Scalar>& layer : net.layers) {
    // x − x is 0 for finite x and NaN for ±Inf or NaN: one pass, no branches.
    if (!std::isfinite((layer.weights.array() - layer.weights.array()).sum())) return false;
    if (!std::isfinite((layer.biases.array() - layer.biases.array()).sum())) return false;
  }
  return true;
}

template struct Network<float>;
template struct Network<double>;
template Network<float> make_network(const NetworkShape&);
template Network<double> make_network(const NetworkShape&);
template Gradients<float> zero_gradients(const Network<float>&);
template Gradients<double> zero_gradients(const Network<double>&);
template bool all_finite(const Network<float>&);
template bool all_finite(const Network<double>&);

}  // namespace bpl
