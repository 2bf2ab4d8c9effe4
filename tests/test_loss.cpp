#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "engine/mlp/loss.h"

using namespace bpl;

namespace {
double loss_of(Loss loss, const std::vector<double>& z, const std::vector<double>& a,
               const std::vector<double>& t) {
  return loss_sum<double>(loss, 1, int(z.size()), z.data(), 0, a.data(), 0, t.data(), 0, nullptr);
}
double sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }
}  // namespace

TEST_CASE("loss: values by hand") {
  SUBCASE("half_mse: ½Σ(o−t)²") {
    CHECK(loss_of(Loss::half_mse, {0, 0}, {0.5, -1.0}, {1.0, 1.0}) == doctest::Approx(0.5 * (0.25 + 4.0)));
  }
  SUBCASE("mse: mean of (o−t)²") {
    CHECK(loss_of(Loss::mse, {0, 0}, {0.5, -1.0}, {1.0, 1.0}) == doctest::Approx((0.25 + 4.0) / 2));
  }
  SUBCASE("bce: −[t log o + (1−t) log(1−o)] with o = σ(z)") {
    const double z = 0.8, o = sigmoid(z), t = 0.3;
    CHECK(loss_of(Loss::bce, {z}, {o}, {t}) ==
          doctest::Approx(-(t * std::log(o) + (1 - t) * std::log(1 - o))).epsilon(1e-12));
  }
  SUBCASE("softmax_ce: −log softmax(z)_class") {
    const double z0 = 0.5, z1 = -1.0, z2 = 2.0;
    const double p1 = std::exp(z1) / (std::exp(z0) + std::exp(z1) + std::exp(z2));
    CHECK(loss_of(Loss::softmax_ce, {z0, z1, z2}, {0, 0, 0}, {0, 1, 0}) ==
          doctest::Approx(-std::log(p1)).epsilon(1e-12));
  }
}

TEST_CASE("loss: bce and softmax_ce stay finite for saturated logits") {
  // o = σ(40) rounds to 1 in double; log(1 − o) would be −inf. From the logit: ℓ = z·(1−t) + log(1+e^−z).
  CHECK(loss_of(Loss::bce, {40.0}, {1.0}, {0.0}) == doctest::Approx(40.0));
  CHECK(loss_of(Loss::bce, {-800.0}, {0.0}, {1.0}) == doctest::Approx(800.0));
  CHECK(loss_of(Loss::softmax_ce, {1000.0, -1000.0}, {1.0, 0.0}, {0.0, 1.0}) == doctest::Approx(2000.0));
}

TEST_CASE("loss: gradient equals the central difference of the loss") {
  const double h = 1e-6;
  SUBCASE("half_mse and mse: ∂ℓ/∂o") {
    for (Loss loss : {Loss::half_mse, Loss::mse}) {
      std::vector<double> o = {0.3, -0.6, 1.2}, t = {0.0, 0.5, 1.0}, grad(3);
      loss_gradient<double>(loss, 1, 3, o.data(), 3, t.data(), 3, grad.data(), 3);
      for (int k = 0; k < 3; ++k) {
        std::vector<double> up = o, down = o;
        up[k] += h;
        down[k] -= h;
        CHECK(grad[k] == doctest::Approx((loss_of(loss, o, up, t) - loss_of(loss, o, down, t)) / (2 * h)).epsilon(1e-8));
      }
    }
  }
  SUBCASE("bce: ∂ℓ/∂z = σ(z) − t") {
    const double z = -0.4, t = 1.0;
    std::vector<double> o = {sigmoid(z)}, tv = {t}, grad(1);
    loss_gradient<double>(Loss::bce, 1, 1, o.data(), 1, tv.data(), 1, grad.data(), 1);
    const double numeric = (loss_of(Loss::bce, {z + h}, {sigmoid(z + h)}, tv) -
                            loss_of(Loss::bce, {z - h}, {sigmoid(z - h)}, tv)) / (2 * h);
    CHECK(grad[0] == doctest::Approx(numeric).epsilon(1e-8));
  }
}

TEST_CASE("loss: output activation rules") {
  CHECK_FALSE(output_activation_mismatch(Loss::bce, Activation::sigmoid));
  CHECK(output_activation_mismatch(Loss::bce, Activation::linear));
  CHECK_FALSE(output_activation_mismatch(Loss::softmax_ce, Activation::softmax));
  CHECK(output_activation_mismatch(Loss::softmax_ce, Activation::sigmoid));
  CHECK(output_activation_mismatch(Loss::mse, Activation::softmax));
  CHECK_FALSE(output_activation_mismatch(Loss::half_mse, Activation::relu));
}
