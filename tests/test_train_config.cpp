#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "engine/training/train_config.h"
#include "mlp_testing.h"

using namespace bpl;
using bpl::testing::has_error;
using json = nlohmann::json;

TEST_CASE("train_config: the defaults are the seed's XOR network and valid") {
  const TrainConfig c;
  CHECK(validate(c).empty());
  CHECK(c.dataset == DatasetKind::xor4);
  CHECK(c.hidden == std::vector<int>{4});
  CHECK(c.loss == Loss::bce);
  CHECK(c.learning_rate == 0.5);
  const NetworkShape shape = c.network_shape();
  CHECK(shape.inputs == 2);
  BPL_REQUIRE(shape.layers.size() == 2);
  CHECK(shape.layers[1].units == 1);
}

TEST_CASE("train_config: every key reads, and the writer round-trips") {
  TrainConfig c;
  const FieldErrors errors = apply_config_json(std::string(R"({
    "dataset": "spiral", "samples": 300, "noise": 0.25, "trainFraction": 0.6,
    "features": ["x1", "x2", "x1^2", "x2^2", "x1x2", "sin_x1", "sin_x2"],
    "hidden": [8, 8, 3], "activation": "leaky_relu", "leakySlope": 0.2,
    "outputActivation": "softmax", "loss": "softmax_ce",
    "optimizer": "adam", "learningRate": 0.003, "momentum": 0.8, "beta1": 0.85, "beta2": 0.99, "epsilon": 1e-7,
    "batchSize": 16, "regularization": "l1", "regularizationRate": 0.001,
    "init": "xavier", "seed": 9007199254740992, "epochs": 12})"), c);
  BPL_REQUIRE(errors.empty());
  CHECK(c.dataset == DatasetKind::spiral);
  CHECK(c.samples == 300);
  CHECK(c.features.size() == 7);
  CHECK(c.features[4] == Feature::x1_times_x2);
  CHECK(c.hidden == std::vector<int>{8, 8, 3});
  CHECK(c.activation == Activation::leaky_relu);
  CHECK(c.leaky_slope == 0.2);
  CHECK(c.output_activation == Activation::softmax);
  CHECK(c.optimizer == OptimizerKind::adam);
  CHECK(c.beta2 == 0.99);
  CHECK(c.epsilon == 1e-7);
  CHECK(c.regularization == Regularization::l1);
  CHECK(c.init == Init::xavier);
  CHECK(c.seed == 9007199254740992ull);
  CHECK(c.epochs == 12);
  CHECK(c.network_shape().layers.back().units == 2);

  TrainConfig back;
  BPL_REQUIRE(apply_config_json(config_to_json(c), back).empty());
  CHECK(config_to_json(back) == config_to_json(c));
  CHECK(config_to_json(c)["learningRate"] == 0.003);
}

TEST_CASE("train_config: all errors are reported, by field, and nothing is applied") {
  TrainConfig c;
  const TrainConfig before = c;
  const FieldErrors errors = apply_config_json(std::string(R"({
    "dataset": "moons", "hidden": [4, -2, 2000], "learningRate": -0.1, "batchSize": 0,
    "optimizer": 3, "features": ["x1", "x3"], "colour": "red", "seed": 1.5, "noise": 2})"), c);
  CHECK(has_error(errors, "dataset", "xor4 | xor | circle"));
  CHECK(has_error(errors, "hidden[1]", "from 1 to 1024"));
  CHECK(has_error(errors, "hidden[2]", "from 1 to 1024"));
  CHECK(has_error(errors, "learningRate", "> 0"));
  CHECK(has_error(errors, "batchSize", "from 1"));
  CHECK(has_error(errors, "optimizer", "sgd | momentum | adam"));
  CHECK(has_error(errors, "features[1]", "\"x1^2\""));
  CHECK(has_error(errors, "colour", "unknown field"));
  CHECK(has_error(errors, "seed", "integer"));
  CHECK(has_error(errors, "noise", "[0, 1]"));
  CHECK(errors.size() == 10);
  CHECK(config_to_json(c) == config_to_json(before));
}

TEST_CASE("train_config: cross-field rules") {
  TrainConfig c;
  SUBCASE("bce needs a sigmoid output") {
    const FieldErrors e = apply_config_json(json{{"outputActivation", "tanh"}}, c);
    CHECK(has_error(e, "outputActivation", "sigmoid"));
  }
  SUBCASE("softmax_ce needs softmax, which is output-only") {
    CHECK(has_error(apply_config_json(json{{"loss", "softmax_ce"}}, c), "outputActivation", "softmax"));
    CHECK(apply_config_json(json{{"loss", "softmax_ce"}, {"outputActivation", "softmax"}}, c).empty());
    CHECK(has_error(apply_config_json(json{{"activation", "softmax"}}, c), "activation", "only for the output"));
  }
  SUBCASE("regression datasets need mse or half_mse") {
    CHECK(has_error(apply_config_json(json{{"dataset", "plane"}}, c), "loss", "mse"));
    CHECK(apply_config_json(json{{"dataset", "plane"}, {"loss", "mse"}, {"outputActivation", "linear"}}, c).empty());
  }
  SUBCASE("features: each at most once, so at most 7") {
    const FieldErrors e = apply_config_json(json{{"features", std::vector<std::string>(8000, "x1")}}, c);
    CHECK(has_error(e, "features", "got 8000 items"));
    CHECK(e.size() == 1);  // not 8000 × 7999 / 2 "listed twice"
  }
  SUBCASE("a 10 MB name is quoted short in the message") {
    const FieldErrors e = apply_config_json(json{{"dataset", std::string(10000000, 'x')}}, c);
    BPL_REQUIRE(e.size() == 1);
    CHECK(e[0].message.size() < 200);
  }
  SUBCASE("caps: 16 layers, 1024 units") {
    CHECK(has_error(apply_config_json(json{{"hidden", std::vector<int>(16, 2)}}, c), "hidden", "at most 15"));
    CHECK(apply_config_json(json{{"hidden", std::vector<int>(15, 2)}}, c).empty());
  }
  SUBCASE("a split that leaves no training point") {
    CHECK(has_error(apply_config_json(json{{"trainFraction", 0.1}}, c), "trainFraction", "no training points"));
  }
  SUBCASE("a wrong type names the expected form") {
    CHECK(has_error(apply_config_json(json{{"hidden", "4,4"}}, c), "hidden", "array"));
    CHECK(has_error(apply_config_json(json::array(), c), "config", "object"));
  }
}

TEST_CASE("train_config: bad JSON text gives line and column") {
  TrainConfig c;
  // Line 3 is `  "hidden": [4,, 2]`: the second comma is column 16.
  const FieldErrors e = apply_config_json(std::string("{\n  \"dataset\": \"xor\",\n  \"hidden\": [4,, 2]\n}"), c);
  BPL_REQUIRE(e.size() == 1);
  CHECK(e[0].field == "config");
  CHECK(e[0].message.find("line 3, column 16") != std::string::npos);
  CHECK(e[0].message.find("byte") != std::string::npos);
}

TEST_CASE("train_config: preselect_for_dataset pairs a loss the data can train with") {
  TrainConfig c;  // xor4, bce, sigmoid output
  c.dataset = DatasetKind::plane;
  preselect_for_dataset(c);
  CHECK(c.loss == Loss::half_mse);
  CHECK(c.output_activation == Activation::tanh);
  CHECK(validate(c).empty());
  c.dataset = DatasetKind::circle;
  preselect_for_dataset(c);  // squared error on classes → bce
  CHECK(c.loss == Loss::bce);
  CHECK(c.output_activation == Activation::sigmoid);
  c.loss = Loss::softmax_ce;
  c.output_activation = Activation::softmax;
  preselect_for_dataset(c);  // a classification loss on classes stays
  CHECK(c.loss == Loss::softmax_ce);
}
