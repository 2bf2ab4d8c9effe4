#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "engine/mlp/activation.h"
#include "engine/kernels/kernels.h"

using namespace bpl;

TEST_CASE("activation: values at known points") {
  const double s = 0.01;
  CHECK(activate(Activation::sigmoid, 0.0, s) == 0.5);
  CHECK(activate(Activation::sigmoid, 2.0, s) == doctest::Approx(1.0 / (1.0 + std::exp(-2.0))));
  CHECK(activate(Activation::tanh, 0.5, s) == doctest::Approx(0.46211715726000974));
  CHECK(activate(Activation::relu, -3.0, s) == 0.0);
  CHECK(activate(Activation::relu, 3.0, s) == 3.0);
  CHECK(activate(Activation::leaky_relu, -3.0, s) == doctest::Approx(-0.03));
  // gelu(1) = Φ(1) = 0.8413447460685429 (standard normal CDF table value)
  CHECK(activate(Activation::gelu, 1.0, s) == doctest::Approx(0.8413447460685429).epsilon(1e-15));
  CHECK(activate(Activation::gelu, -1.0, s) == doctest::Approx(-0.15865525393145707).epsilon(1e-14));
}

TEST_CASE("activation: derivatives equal central differences, away from the kinks") {
  const Activation acts[] = {Activation::linear, Activation::sigmoid, Activation::tanh,
                             Activation::relu, Activation::leaky_relu, Activation::gelu};
  for (Activation act : acts) {
    for (double z : {-3.1, -0.7, -0.05, 0.2, 1.3, 4.0}) {
      CAPTURE(activation_name(act));
      CAPTURE(z);
      const double h = 1e-6, s = 0.01;
      const double numeric = (activate(act, z + h, s) - activate(act, z - h, s)) / (2 * h);
      const double a = activate(act, z, s);
      CHECK(activation_derivative(act, z, a, s) == doctest::Approx(numeric).epsilon(1e-8));
    }
  }
}

TEST_CASE("activation: the double path agrees with the kernels' float definitions") {
  const Activation acts[] = {Activation::linear, Activation::sigmoid, Activation::tanh,
                             Activation::relu, Activation::leaky_relu, Activation::gelu};
  for (Activation act : acts) {
    for (float z : {-5.0f, -1.0f, -0.1f, 0.0f, 0.3f, 2.0f, 7.0f}) {
      CAPTURE(activation_name(act));
      // Through the public kernels: a = σ(z + 0), then 1·σ'(z).
      float zz = z, a = 0.0f, derivative = 0.0f;
      const float zero_bias = 0.0f, one = 1.0f;
      kernels::bias_activation(1, 1, &zz, 1, &zero_bias, &a, 1, kernel_activation(act), 0.01f);
      kernels::activation_backward(1, 1, &zz, 1, &a, 1, &one, 1, &derivative, 1, kernel_activation(act), 0.01f);
      CHECK(a == doctest::Approx(activate<double>(act, z, 0.01)).epsilon(1e-6));
      CHECK(derivative == doctest::Approx(activation_derivative<double>(act, z, double(a), 0.01)).epsilon(1e-5));
    }
  }
}

TEST_CASE("activation: softmax rows sum to 1 and survive large logits") {
  const double z[2][3] = {{1.0, 2.0, 3.0}, {1000.0, 1000.0, -1000.0}};
  double a[2][3];
  apply_softmax_rows(2, 3, &z[0][0], 3, &a[0][0], 3);
  const double e = std::exp(1.0), e2 = std::exp(2.0), e3 = std::exp(3.0);
  CHECK(a[0][0] == doctest::Approx(e / (e + e2 + e3)));
  CHECK(a[0][2] == doctest::Approx(e3 / (e + e2 + e3)));
  CHECK(a[1][0] == doctest::Approx(0.5));
  CHECK(a[1][1] == doctest::Approx(0.5));
  CHECK(a[1][2] == 0.0);
}

TEST_CASE("activation: names round-trip") {
  for (const char* name : {"linear", "sigmoid", "tanh", "relu", "leaky_relu", "gelu", "softmax"}) {
    CHECK(std::string(activation_name(*activation_from_name(name))) == name);
  }
  CHECK_FALSE(activation_from_name("swish"));
}
