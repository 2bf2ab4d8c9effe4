#include <doctest/doctest.h>

#include <cmath>

#include "engine/mlp/initializer.h"
#include "mlp_testing.h"

using namespace bpl;

namespace {
Network<float> seed_xor_net(Init init, std::uint64_t seed) {
  Network<float> net = make_network<float>(
      testing::make_shape(2, {4, 1}, Activation::sigmoid, Activation::sigmoid, Loss::bce));
  initialize(net, init, seed);
  return net;
}
}  // namespace

TEST_CASE("initializer: seed 42 gives these exact first weights natively and in wasm") {
  // Printed once natively (x86-64, g++ 12) for the 2-4-1 XOR net, W⁽¹⁾ row by row;
  // the wasm build must produce the same floats bit for bit.
  SUBCASE("he") {
    const float expected[8] = {-0.111436971f, -2.49443364f, 0.507595301f, -0.128720909f,
                               1.63026822f,   0.144432679f, 0.877602935f, -1.84016681f};
    const Network<float> net = seed_xor_net(Init::he, 42);
    for (int k = 0; k < 8; ++k) CHECK(net.layers[0].weights(k / 2, k % 2) == expected[k]);
    CHECK(net.layers[1].weights(0, 3) == -1.86662579f);
  }
  SUBCASE("xavier") {
    const float expected[8] = {0.911447644f, 0.48578918f,   -0.743746817f, 0.92094636f,
                               0.475951165f, -0.971872926f, 0.74968946f,   0.641650915f};
    const Network<float> net = seed_xor_net(Init::xavier, 42);
    for (int k = 0; k < 8; ++k) CHECK(net.layers[0].weights(k / 2, k % 2) == expected[k]);
  }
  SUBCASE("uniform") {
    const float expected[8] = {0.455723822f, 0.24289459f,   -0.371873409f, 0.46047318f,
                               0.237975582f, -0.485936463f, 0.37484473f,   0.320825458f};
    const Network<float> net = seed_xor_net(Init::uniform, 42);
    for (int k = 0; k < 8; ++k) CHECK(net.layers[0].weights(k / 2, k % 2) == expected[k]);
  }
}

TEST_CASE("initializer: same seed same weights, other seed other weights, float = rounded double") {
  const Network<float> a = seed_xor_net(Init::he, 9), b = seed_xor_net(Init::he, 9), c = seed_xor_net(Init::he, 10);
  CHECK(a.layers[0].weights == b.layers[0].weights);
  CHECK(a.layers[1].weights == b.layers[1].weights);
  CHECK(a.layers[0].weights != c.layers[0].weights);
  Network<double> d = make_network<double>(a.shape());
  initialize(d, Init::he, 9);
  CHECK(d.cast<float>().layers[0].weights == a.layers[0].weights);
}

TEST_CASE("initializer: each scheme's range, spread and biases") {
  Network<double> net = make_network<double>(
      testing::make_shape(100, {200, 50}, Activation::relu, Activation::linear, Loss::mse));
  SUBCASE("xavier: |w| ≤ √(6/(fan_in+fan_out)), b = 0") {
    initialize(net, Init::xavier, 1);
    CHECK(net.layers[0].weights.cwiseAbs().maxCoeff() <= std::sqrt(6.0 / 300.0));
    CHECK(net.layers[0].weights.cwiseAbs().maxCoeff() > 0.95 * std::sqrt(6.0 / 300.0));
    CHECK(net.layers[0].biases.cwiseAbs().sum() == 0.0);
  }
  SUBCASE("he: variance 2/fan_in, b = 0") {
    initialize(net, Init::he, 1);
    const double var = net.layers[0].weights.array().square().mean();
    CHECK(var == doctest::Approx(2.0 / 100).epsilon(0.03));
    CHECK(net.layers[1].weights.array().square().mean() == doctest::Approx(2.0 / 200).epsilon(0.05));
  }
  SUBCASE("uniform (Playground): w in [−0.5, 0.5), b = 0.1") {
    initialize(net, Init::uniform, 1);
    CHECK(net.layers[0].weights.maxCoeff() < 0.5);
    CHECK(net.layers[0].weights.minCoeff() >= -0.5);
    CHECK((net.layers[1].biases.array() == 0.1).all());
  }
  SUBCASE("zeros") {
    initialize(net, Init::zeros, 1);
    CHECK(net.layers[0].weights.cwiseAbs().sum() == 0.0);
  }
}
