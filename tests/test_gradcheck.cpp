#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "engine/mlp/gradcheck.h"
#include "mlp_testing.h"

using namespace bpl;
using bpl::testing::make_shape;
using bpl::testing::random_matrix;
using bpl::testing::random_network;
using bpl::testing::random_targets;

namespace {

// Max relative error between backprop and central differences over every parameter.
double worst_error(const Network<double>& net, const Matrix<double>& x, const Matrix<double>& t,
                   const RegularizationSettings& reg) {
  double worst = 0.0;
  for (const GradCheck& c : gradient_check_all(net, x, t, reg)) worst = std::max(worst, c.relative_error);
  return worst;
}

Activation output_for(Loss loss, Activation hidden) {
  if (loss == Loss::bce) return Activation::sigmoid;
  if (loss == Loss::softmax_ce) return Activation::softmax;
  return hidden;  // half_mse / mse: the same activation at the output too
}

}  // namespace

TEST_CASE("gradcheck: every activation x loss pair, 1 to 4 layers, relative error < 1e-6") {
  const Activation acts[] = {Activation::linear, Activation::sigmoid, Activation::tanh,
                             Activation::relu, Activation::leaky_relu, Activation::gelu};
  const std::vector<std::vector<int>> hidden_sets = {{}, {4}, {5, 3}, {4, 3, 5}};
  Rng rng(99);
  for (Activation act : acts) {
    for (Loss loss : {Loss::half_mse, Loss::mse, Loss::bce, Loss::softmax_ce}) {
      for (const std::vector<int>& hidden : hidden_sets) {
        std::vector<int> units = hidden;
        const int outputs = loss == Loss::softmax_ce ? 3 : 2;
        units.push_back(outputs);
        const std::string act_name = activation_name(act);
        CAPTURE(act_name);
        const std::string loss_text = loss_name(loss);
        CAPTURE(loss_text);
        CAPTURE(units.size());
        NetworkShape shape = make_shape(3, units, act, output_for(loss, act), loss);
        shape.leaky_slope = 0.05;
        const Network<double> net = random_network(shape, rng);
        const Matrix<double> x = random_matrix(6, 3, rng, -2, 2);
        const Matrix<double> t = random_targets(loss, 6, outputs, rng);
        CHECK(worst_error(net, x, t, {}) < 1e-6);
      }
    }
  }
}

TEST_CASE("gradcheck: L1 and L2 regularization terms are included in the checked objective") {
  Rng rng(3);
  const Network<double> net = random_network(
      make_shape(2, {4, 1}, Activation::tanh, Activation::sigmoid, Loss::bce), rng);
  const Matrix<double> x = random_matrix(5, 2, rng);
  const Matrix<double> t = random_targets(Loss::bce, 5, 1, rng);
  SUBCASE("l2") { CHECK(worst_error(net, x, t, {Regularization::l2, 0.3}) < 1e-6); }
  SUBCASE("l1") { CHECK(worst_error(net, x, t, {Regularization::l1, 0.3}) < 1e-6); }
}

TEST_CASE("gradcheck: a wrong analytic gradient is caught") {
  // The seed's 2-2-1 shape with sigmoid hidden units, linear output, half_mse, one sample.
  // ∂L/∂w1 = (y−t)·w5·h1(1−h1)·x1 by hand; a learner who forgets σ' writes (y−t)·w5·x1.
  Network<double> net = make_network<double>(make_shape(2, {2, 1}, Activation::sigmoid, Activation::linear,
                                                        Loss::half_mse));
  net.layers[0].weights << 0.3, -0.4, 0.7, 0.2;  // [w1 w3; w2 w4]
  net.layers[0].biases << 0.1, -0.2;
  net.layers[1].weights << 0.9, -0.6;  // [w5 w6]
  net.layers[1].biases << 0.05;
  Matrix<double> x(1, 2), t(1, 1);
  x << 1.5, -0.5;
  t << 1.0;
  const double h1 = 1.0 / (1.0 + std::exp(-(0.3 * 1.5 - 0.4 * -0.5 + 0.1)));
  const double h2 = 1.0 / (1.0 + std::exp(-(0.7 * 1.5 + 0.2 * -0.5 - 0.2)));
  const double y = 0.9 * h1 - 0.6 * h2 + 0.05;
  const double right = (y - 1.0) * 0.9 * h1 * (1.0 - h1) * 1.5;
  const double forgot_slope = (y - 1.0) * 0.9 * 1.5;
  const GradCheck check = gradient_check(net, x, t, {}, ParameterRef{1, 0, 0});
  CHECK(check.analytic == doctest::Approx(right).epsilon(1e-12));
  CHECK(check.relative_error < 1e-8);
  // The same check flags the wrong formula: its error is far above any rounding.
  CHECK(relative_error(forgot_slope, check.numeric) > 0.5);
  CHECK(relative_error(right * 2.0, check.numeric) == doctest::Approx(1.0 / 3.0).epsilon(1e-6));
  CHECK(relative_error(-right, check.numeric) == doctest::Approx(1.0).epsilon(1e-6));
}
