#include <doctest/doctest.h>

#include <cmath>

#include "engine/mlp/optimizer.h"
#include "engine/mlp/regularization.h"
#include "mlp_testing.h"

using namespace bpl;

namespace {

// A 1-1 network: one weight w and one bias b, both starting at `start`.
template <typename Scalar>
Network<Scalar> single_unit(double start) {
  Network<Scalar> net = make_network<Scalar>(
      testing::make_shape(1, {1}, Activation::linear, Activation::linear, Loss::half_mse));
  net.layers[0].weights(0, 0) = Scalar(start);
  net.layers[0].biases(0) = Scalar(start);
  return net;
}

template <typename Scalar>
Gradients<Scalar> gradient_of(const Network<Scalar>& net, double g) {
  Gradients<Scalar> grads = zero_gradients(net);
  grads.weights[0](0, 0) = Scalar(g);
  grads.biases[0](0) = Scalar(g);
  return grads;
}

// Runs `kind` over the gradient sequence and returns the final weight (the bias must match it).
template <typename Scalar>
double run(OptimizerSettings settings, const std::vector<double>& gradients) {
  Network<Scalar> net = single_unit<Scalar>(0.5);
  Optimizer<Scalar> optimizer(settings, net);
  for (double g : gradients) optimizer.step(net, gradient_of(net, g));
  CHECK(net.layers[0].biases(0) == net.layers[0].weights(0, 0));
  return double(net.layers[0].weights(0, 0));
}

}  // namespace

TEST_CASE("optimizer: steps equal the hand computation") {
  OptimizerSettings s;
  s.learning_rate = 0.1;
  const std::vector<double> g = {0.2, -0.1};
  SUBCASE("sgd: w −= lr·g") {
    s.kind = OptimizerKind::sgd;
    const double want = 0.5 - 0.1 * 0.2 - 0.1 * -0.1;  // 0.49
    CHECK(run<double>(s, g) == doctest::Approx(want).epsilon(1e-15));
    CHECK(run<float>(s, g) == doctest::Approx(want).epsilon(1e-6));
  }
  SUBCASE("momentum: v = μv + g; w −= lr·v") {
    s.kind = OptimizerKind::momentum;
    s.momentum = 0.9;
    const double v1 = 0.2, w1 = 0.5 - 0.1 * v1;               // 0.48
    const double v2 = 0.9 * v1 - 0.1, w2 = w1 - 0.1 * v2;     // v2 = 0.08, w2 = 0.472
    CHECK(w2 == doctest::Approx(0.472));
    CHECK(run<double>(s, g) == doctest::Approx(w2).epsilon(1e-15));
    CHECK(run<float>(s, g) == doctest::Approx(w2).epsilon(1e-6));
  }
  SUBCASE("adam: bias-corrected moments") {
    s.kind = OptimizerKind::adam;
    s.beta1 = 0.9;
    s.beta2 = 0.999;
    s.epsilon = 1e-8;
    // t = 1: m = 0.1·0.2 = 0.02, v = 0.001·0.04 = 4e-5; m̂ = 0.02/0.1 = 0.2, v̂ = 4e-5/0.001 = 0.04.
    const double w1 = 0.5 - 0.1 * 0.2 / (std::sqrt(0.04) + 1e-8);  // ≈ 0.4: Adam's first step is ≈ lr
    // t = 2: m = 0.9·0.02 + 0.1·(−0.1) = 0.008, v = 0.999·4e-5 + 0.001·0.01 = 4.996e-5;
    //        m̂ = 0.008/(1 − 0.9²) = 0.008/0.19, v̂ = 4.996e-5/(1 − 0.999²) = 4.996e-5/0.001999.
    const double w2 = w1 - 0.1 * (0.008 / 0.19) / (std::sqrt(4.996e-5 / 0.001999) + 1e-8);
    CHECK(w1 == doctest::Approx(0.4).epsilon(1e-7));
    CHECK(w2 == doctest::Approx(0.373366).epsilon(1e-5));
    CHECK(run<double>(s, g) == doctest::Approx(w2).epsilon(1e-13));
    CHECK(run<float>(s, g) == doctest::Approx(w2).epsilon(1e-6));
  }
}

TEST_CASE("optimizer: changing hyperparameters keeps momentum, changing the kind resets it") {
  Network<double> net = single_unit<double>(0.0);
  OptimizerSettings s;
  s.kind = OptimizerKind::momentum;
  s.learning_rate = 1.0;
  s.momentum = 0.5;
  Optimizer<double> optimizer(s, net);
  optimizer.step(net, gradient_of(net, 1.0));  // v = 1, w = −1
  s.learning_rate = 2.0;
  optimizer.set_settings(s, net);
  optimizer.step(net, gradient_of(net, 0.0));  // v = 0.5, w = −1 − 2·0.5 = −2
  CHECK(net.layers[0].weights(0, 0) == doctest::Approx(-2.0));
  s.kind = OptimizerKind::sgd;
  optimizer.set_settings(s, net);
  CHECK(optimizer.steps_taken() == 0);
}

TEST_CASE("regularization: L1 and L2 penalties and gradients by hand, weights only") {
  Network<double> net = make_network<double>(
      testing::make_shape(2, {2, 1}, Activation::tanh, Activation::linear, Loss::half_mse));
  net.layers[0].weights << 0.5, -2.0, 0.0, 1.0;
  net.layers[1].weights << -0.25, 3.0;
  net.layers[0].biases << 7.0, -7.0;  // biases are never regularized
  net.layers[1].biases << 9.0;
  const double rate = 0.1;
  SUBCASE("l2: λ·Σ ½w², gradient λ·w") {
    const RegularizationSettings reg{Regularization::l2, rate};
    const double squares = 0.25 + 4.0 + 0.0 + 1.0 + 0.0625 + 9.0;
    CHECK(regularization_penalty(net, reg) == doctest::Approx(rate * 0.5 * squares));
    Gradients<double> g = zero_gradients(net);
    add_regularization_gradient(net, reg, g);
    CHECK(g.weights[0](0, 0) == doctest::Approx(0.05));
    CHECK(g.weights[0](0, 1) == doctest::Approx(-0.2));
    CHECK(g.weights[1](0, 1) == doctest::Approx(0.3));
    CHECK(g.biases[0].cwiseAbs().sum() == 0.0);
    CHECK(g.biases[1].cwiseAbs().sum() == 0.0);
  }
  SUBCASE("l1: λ·Σ|w|, gradient λ·sign(w), 0 at w = 0") {
    const RegularizationSettings reg{Regularization::l1, rate};
    CHECK(regularization_penalty(net, reg) == doctest::Approx(rate * (0.5 + 2.0 + 0.0 + 1.0 + 0.25 + 3.0)));
    Gradients<double> g = zero_gradients(net);
    g.weights[0](0, 0) = 1.0;  // added to an existing data gradient
    add_regularization_gradient(net, reg, g);
    CHECK(g.weights[0](0, 0) == doctest::Approx(1.1));
    CHECK(g.weights[0](0, 1) == doctest::Approx(-0.1));
    CHECK(g.weights[0](1, 0) == 0.0);
    CHECK(g.weights[1](0, 0) == doctest::Approx(-0.1));
    CHECK(g.biases[0].cwiseAbs().sum() == 0.0);
  }
  SUBCASE("none or rate 0: nothing") {
    CHECK(regularization_penalty(net, {Regularization::none, rate}) == 0.0);
    CHECK(regularization_penalty(net, {Regularization::l2, 0.0}) == 0.0);
  }
}
