#include <doctest/doctest.h>

#include <cmath>

#include "engine/mlp/backprop.h"
#include "engine/mlp/parameter_names.h"
#include "mlp_testing.h"

using namespace bpl;
using bpl::testing::make_shape;
using bpl::testing::random_matrix;
using bpl::testing::random_network;
using bpl::testing::random_targets;

namespace {

// The seed tutorial's per-weight formulas (000_*.txt §4.2) for its 2-2-1 net:
//   h1 = max(0, w1x1 + w3x2 + b1), h2 = max(0, w2x1 + w4x2 + b2), y = w5h1 + w6h2 + b3, L = ½(y − t)²
//   ∂L/∂w5 = (y−t)h1   ∂L/∂w6 = (y−t)h2
//   ∂L/∂w1 = (y−t)w5·1[h1>0]·x1   ∂L/∂w3 = (y−t)w5·1[h1>0]·x2
//   ∂L/∂w2 = (y−t)w6·1[h2>0]·x1   ∂L/∂w4 = (y−t)w6·1[h2>0]·x2
// and, by the same chain rule, ∂L/∂b1 = (y−t)w5·1[h1>0], ∂L/∂b2 = (y−t)w6·1[h2>0], ∂L/∂b3 = y−t.
struct SeedNet {
  double w1, w2, w3, w4, w5, w6, b1, b2, b3;
};

struct SeedGradients {
  double w1, w2, w3, w4, w5, w6, b1, b2, b3;
  bool h1_on, h2_on;
};

SeedGradients seed_formulas(const SeedNet& n, double x1, double x2, double t) {
  const double h1 = std::max(0.0, n.w1 * x1 + n.w3 * x2 + n.b1);
  const double h2 = std::max(0.0, n.w2 * x1 + n.w4 * x2 + n.b2);
  const double y = n.w5 * h1 + n.w6 * h2 + n.b3;
  const double e = y - t;
  const double on1 = h1 > 0 ? 1.0 : 0.0, on2 = h2 > 0 ? 1.0 : 0.0;
  return {e * n.w5 * on1 * x1, e * n.w6 * on2 * x1, e * n.w5 * on1 * x2, e * n.w6 * on2 * x2,
          e * h1,              e * h2,              e * n.w5 * on1,      e * n.w6 * on2,
          e,                   h1 > 0,              h2 > 0};
}

}  // namespace

TEST_CASE("backprop: the seed's 2-2-1 ReLU net matches its per-weight formulas, ReLUs on and off") {
  Rng rng(2024);
  int h1_off = 0, h2_off = 0, both_on = 0;
  for (int trial = 0; trial < 200; ++trial) {
    const SeedNet n{rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-1, 1),
                    rng.uniform(-1, 1), rng.uniform(-2, 2), rng.uniform(-2, 2),
                    rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-1, 1)};
    const double x1 = rng.uniform(-2, 2), x2 = rng.uniform(-2, 2), t = rng.uniform(-1, 1);
    Network<double> net = make_network<double>(
        make_shape(2, {2, 1}, Activation::relu, Activation::linear, Loss::half_mse));
    for (auto [name, value] : {std::pair{"w1", n.w1}, {"w2", n.w2}, {"w3", n.w3}, {"w4", n.w4},
                               {"w5", n.w5}, {"w6", n.w6}, {"b1", n.b1}, {"b2", n.b2}, {"b3", n.b3}}) {
      parameter_value(net, *parse_parameter_id(net, name)) = value;
    }
    Matrix<double> x(1, 2);
    x << x1, x2;
    Matrix<double> target(1, 1);
    target << t;
    Gradients<double> grads;
    mean_loss_and_gradients(net, x, target, grads);
    const SeedGradients want = seed_formulas(n, x1, x2, t);
    auto grad = [&](const char* name) { return grads.of(*parse_parameter_id(net, name)); };
    CHECK(grad("w1") == doctest::Approx(want.w1).epsilon(1e-12));
    CHECK(grad("w2") == doctest::Approx(want.w2).epsilon(1e-12));
    CHECK(grad("w3") == doctest::Approx(want.w3).epsilon(1e-12));
    CHECK(grad("w4") == doctest::Approx(want.w4).epsilon(1e-12));
    CHECK(grad("w5") == doctest::Approx(want.w5).epsilon(1e-12));
    CHECK(grad("w6") == doctest::Approx(want.w6).epsilon(1e-12));
    CHECK(grad("b1") == doctest::Approx(want.b1).epsilon(1e-12));
    CHECK(grad("b2") == doctest::Approx(want.b2).epsilon(1e-12));
    CHECK(grad("b3") == doctest::Approx(want.b3).epsilon(1e-12));
    h1_off += !want.h1_on;
    h2_off += !want.h2_on;
    both_on += want.h1_on && want.h2_on;
  }
  // The draws cover both ReLU states of each hidden unit.
  CHECK(h1_off > 10);
  CHECK(h2_off > 10);
  CHECK(both_on > 10);
}

TEST_CASE("backprop: a batch gradient is the mean of the per-sample gradients") {
  Rng rng(7);
  const Network<double> net = random_network(
      make_shape(3, {4, 2}, Activation::tanh, Activation::sigmoid, Loss::half_mse), rng);
  const Matrix<double> x = random_matrix(5, 3, rng);
  const Matrix<double> t = random_targets(Loss::half_mse, 5, 2, rng);
  Gradients<double> batch;
  mean_loss_and_gradients(net, x, t, batch);
  Gradients<double> sum = zero_gradients(net), one;
  for (int s = 0; s < 5; ++s) {
    mean_loss_and_gradients(net, Matrix<double>(x.row(s)), Matrix<double>(t.row(s)), one);
    for (int l = 0; l < net.depth(); ++l) {
      sum.weights[l] += one.weights[l] / 5.0;
      sum.biases[l] += one.biases[l] / 5.0;
    }
  }
  for (int l = 0; l < net.depth(); ++l) {
    CHECK((batch.weights[l] - sum.weights[l]).cwiseAbs().maxCoeff() < 1e-14);
    CHECK((batch.biases[l] - sum.biases[l]).cwiseAbs().maxCoeff() < 1e-14);
  }
}

TEST_CASE("backprop: gradient accumulation over k micro-batches equals the full-batch gradient") {
  Rng rng(11);
  const Network<double> net = random_network(
      make_shape(2, {8, 8, 3}, Activation::relu, Activation::softmax, Loss::softmax_ce), rng);
  const int n = 23;
  const Matrix<double> x = random_matrix(n, 2, rng);
  const Matrix<double> t = random_targets(Loss::softmax_ce, n, 3, rng);
  Gradients<double> full;
  const double full_loss = mean_loss_and_gradients(net, x, t, full);
  for (int micro : {1, 4, 5, 23}) {
    CAPTURE(micro);
    Workspace<double> ws;
    ws.reserve(net, micro);
    Gradients<double> accumulated = zero_gradients(net);
    double loss_sum = 0.0;
    for (int first = 0; first < n; first += micro) {
      const int count = std::min(micro, n - first);
      loss_sum += backprop(net, x.row(first).data(), 2, t.row(first).data(), 3, count, ws,
                           accumulated, {1.0 / n, first > 0});
    }
    CHECK(loss_sum / n == doctest::Approx(full_loss).epsilon(1e-13));
    for (int l = 0; l < net.depth(); ++l) {
      CHECK((accumulated.weights[l] - full.weights[l]).cwiseAbs().maxCoeff() < 1e-14);
      CHECK((accumulated.biases[l] - full.biases[l]).cwiseAbs().maxCoeff() < 1e-14);
    }
  }
}

TEST_CASE("backprop: the float path through the kernels equals the double path to float tolerance") {
  Rng rng(5);
  const Activation acts[] = {Activation::linear, Activation::sigmoid, Activation::tanh,
                             Activation::relu, Activation::leaky_relu, Activation::gelu};
  for (Activation hidden : acts) {
    for (Loss loss : {Loss::half_mse, Loss::mse, Loss::bce, Loss::softmax_ce}) {
      CAPTURE(activation_name(hidden));
      CAPTURE(loss_name(loss));
      const Activation output = loss == Loss::bce ? Activation::sigmoid
                                : loss == Loss::softmax_ce ? Activation::softmax
                                                           : Activation::tanh;
      const int outputs = loss == Loss::softmax_ce ? 3 : 2;
      const Network<double> net = random_network(make_shape(5, {7, 6, outputs}, hidden, output, loss), rng);
      const Matrix<double> x = random_matrix(9, 5, rng);
      const Matrix<double> t = random_targets(loss, 9, outputs, rng);
      Gradients<double> exact;
      const double exact_loss = mean_loss_and_gradients(net, x, t, exact);
      Gradients<float> fast;
      const float fast_loss = mean_loss_and_gradients(net.cast<float>(), Matrix<float>(x.cast<float>()),
                                                      Matrix<float>(t.cast<float>()), fast);
      CHECK(fast_loss == doctest::Approx(exact_loss).epsilon(1e-5));
      for (int l = 0; l < net.depth(); ++l) {
        const double scale = 1.0 + exact.weights[l].cwiseAbs().maxCoeff();
        CHECK((fast.weights[l].cast<double>() - exact.weights[l]).cwiseAbs().maxCoeff() < 1e-5 * scale);
        CHECK((fast.biases[l].cast<double>() - exact.biases[l]).cwiseAbs().maxCoeff() < 1e-5 * scale);
      }
    }
  }
}
