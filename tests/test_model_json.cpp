#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "engine/mlp/model_json.h"
#include "engine/mlp/sample_data_json.h"
#include "mlp_testing.h"

using namespace bpl;
using bpl::testing::has_error;

namespace {
const char* kSeedModel = R"({"inputs": 2,
  "layers": [{"units": 2, "activation": "relu", "weights": [[0.1, 0.3], [0.2, 0.4]], "biases": [0.01, 0.02]},
             {"units": 1, "activation": "linear", "weights": [[0.5, 0.6]], "biases": [0.03]}],
  "loss": "half_mse"})";

}  // namespace

TEST_CASE("model_json: reads the bp grad format, weights[j][i] from input i to unit j") {
  const Result<Network<double>> r = read_model_json(kSeedModel);
  BPL_REQUIRE(r.ok());
  const Network<double>& net = *r.value;
  CHECK(net.inputs == 2);
  CHECK(net.depth() == 2);
  CHECK(net.loss == Loss::half_mse);
  CHECK(net.layers[0].activation == Activation::relu);
  CHECK(net.layers[0].weights(1, 0) == 0.2);  // input 0 → unit 1: the seed's w2
  CHECK(net.layers[0].weights(0, 1) == 0.3);  // input 1 → unit 0: the seed's w3
  CHECK(net.layers[1].biases(0) == 0.03);
}

TEST_CASE("model_json: write then read gives the same network") {
  const Network<double> net = *read_model_json(kSeedModel).value;
  const Result<Network<double>> again = read_model_json(write_model_json(net));
  BPL_REQUIRE(again.ok());
  CHECK(again.value->layers[0].weights == net.layers[0].weights);
  CHECK(again.value->layers[1].biases == net.layers[1].biases);
  CHECK(model_to_json(net) == model_to_json(*again.value));
}

TEST_CASE("model_json: wrong shapes and names are field errors") {
  SUBCASE("rows and columns") {
    const Result<Network<double>> r = read_model_json(R"({"inputs": 2, "loss": "half_mse",
      "layers": [{"units": 2, "activation": "relu", "weights": [[1, 2, 3], [4, 5, 6]], "biases": [0, 0]}]})");
    CHECK_FALSE(r.ok());
    CHECK(has_error(r.errors, "layers[0].weights[0]", "2 numbers"));
  }
  SUBCASE("negative units, unknown activation and loss") {
    const Result<Network<double>> r = read_model_json(R"({"inputs": 2, "loss": "hinge",
      "layers": [{"units": -1, "activation": "relu", "weights": [], "biases": []}]})");
    CHECK(has_error(r.errors, "loss", "half_mse | mse | bce | softmax_ce"));
    CHECK(has_error(r.errors, "layers[0].units", "from 1 to 1024"));
  }
  SUBCASE("bce on a linear output") {
    const Result<Network<double>> r = read_model_json(R"({"inputs": 1, "loss": "bce",
      "layers": [{"units": 1, "activation": "linear", "weights": [[1]], "biases": [0]}]})");
    CHECK(has_error(r.errors, "layers[0].activation", "sigmoid"));
  }
  SUBCASE("a string weight") {
    const Result<Network<double>> r = read_model_json(R"({"inputs": 1, "loss": "mse",
      "layers": [{"units": 1, "activation": "linear", "weights": [["1"]], "biases": [0]}]})");
    CHECK(has_error(r.errors, "layers[0].weights[0][0]", "finite number"));
  }
  SUBCASE("bad JSON") {
    const Result<Network<double>> r = read_model_json("{\"inputs\": 2,");
    CHECK(has_error(r.errors, "model", "line 1"));
  }
}

TEST_CASE("sample_data_json: rows per input and output, softmax_ce takes one-hot or [class]") {
  const Network<double> net = *read_model_json(kSeedModel).value;
  SUBCASE("plain rows") {
    const Result<SampleData> d = read_sample_data_json(R"({"x": [[1, 2], [3, 4]], "y": [[1], [0]]})", net);
    BPL_REQUIRE(d.ok());
    CHECK(d.value->x(1, 0) == 3.0);
    CHECK(d.value->targets(0, 0) == 1.0);
  }
  SUBCASE("shape errors") {
    const Result<SampleData> d = read_sample_data_json(R"({"x": [[1, 2], [3]], "y": [[1], [0]]})", net);
    CHECK(has_error(d.errors, "x[1]", "2 numbers"));
    const Result<SampleData> e = read_sample_data_json(R"({"x": [[1, 2]], "y": [[1], [0]]})", net);
    CHECK(has_error(e.errors, "y", "1 rows, got 2"));
  }
  SUBCASE("softmax_ce targets") {
    const Network<double> classifier = *read_model_json(R"({"inputs": 1, "loss": "softmax_ce",
      "layers": [{"units": 3, "activation": "softmax", "weights": [[1], [2], [3]], "biases": [0, 0, 0]}]})").value;
    const Result<SampleData> d = read_sample_data_json(R"({"x": [[1], [2]], "y": [[2], [0, 1, 0]]})", classifier);
    BPL_REQUIRE(d.ok());
    CHECK(d.value->targets(0, 2) == 1.0);
    CHECK(d.value->targets(0, 0) == 0.0);
    CHECK(d.value->targets(1, 1) == 1.0);
    const Result<SampleData> bad = read_sample_data_json(R"({"x": [[1]], "y": [[3]]})", classifier);
    CHECK(has_error(bad.errors, "y[0][0]", "from 0 to 2"));
  }
}

TEST_CASE("model_json: float_overflow names the first parameter a float cannot hold") {
  Network<double> net = make_network<double>(testing::make_shape(2, {3, 1}, Activation::tanh, Activation::linear, Loss::mse));
  CHECK_FALSE(float_overflow(net).has_value());
  net.layers[0].weights(1, 0) = 3.4028234663852886e38;  // FLT_MAX: still a float
  net.layers[0].biases(2) = -1e39;
  net.layers[1].weights(0, 1) = 1e300;
  const std::optional<FieldError> e = float_overflow(net);
  BPL_REQUIRE(e.has_value());
  CHECK(to_string(*e) == "layers[0].biases[2]: -1e+39 does not fit the 32-bit floats the page trains in (|w| ≤ 3.4e38)");
}
