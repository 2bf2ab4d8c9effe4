// The size caps of train_config.h: what the page can train and show at once.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "engine/core/count_text.h"
#include "engine/training/train_config.h"
#include "mlp_testing.h"

using namespace bpl;
using bpl::testing::has_error;
using json = nlohmann::json;

TEST_CASE("count_text: thousands separated by commas") {
  CHECK(count_text(0) == "0");
  CHECK(count_text(999) == "999");
  CHECK(count_text(1000) == "1,000");
  CHECK(count_text(3152897) == "3,152,897");
  CHECK(count_text(-1234567) == "-1,234,567");
}

TEST_CASE("train_config: parameter_count counts every weight and bias") {
  TrainConfig c;
  // The seed's 2-4-1 net: 2·4 + 4 weights and biases into the hidden layer, 4 + 1 into the output.
  CHECK(parameter_count(c) == 17);
  c.features.assign({Feature::x1, Feature::x2, Feature::x1_squared, Feature::x2_squared, Feature::x1_times_x2,
                     Feature::sin_x1, Feature::sin_x2});
  c.hidden = {8, 8, 3};
  c.loss = Loss::softmax_ce;  // two outputs
  // (7+1)·8 + (8+1)·8 + (8+1)·3 + (3+1)·2
  CHECK(parameter_count(c) == 64 + 72 + 27 + 8);
  CHECK(parameter_count(c) == make_network<float>(c.network_shape()).parameter_count());
}

TEST_CASE("train_config: the parameter cap names hidden and the count") {
  TrainConfig c;
  c.dataset = DatasetKind::circle;
  SUBCASE("the issue's nets: 4, 8 and 15 layers of 1024 units") {
    for (int layers : {4, 8, 15}) {
      const FieldErrors e = apply_config_json(json{{"dataset", "circle"}, {"hidden", std::vector<int>(layers, 1024)}}, c);
      CHECK(has_error(e, "hidden", "parameters; at most " + count_text(kMaxParameters)));
      CHECK(e.size() == 1);
    }
    // (2+1)·1024 + 3·(1024+1)·1024 + (1024+1)·1
    CHECK(has_error(apply_config_json(json{{"hidden", {1024, 1024, 1024, 1024}}}, c), "hidden", "3,152,897 parameters"));
  }
  SUBCASE("just under and just over 100,000") {
    // 2-313-313-1: 3·313 + 314·313 + 314 = 99,535; 2-314-314-1: 3·314 + 315·314 + 315 = 100,167.
    CHECK(apply_config_json(json{{"hidden", {313, 313}}}, c).empty());
    CHECK(parameter_count(c) == 99535);
    CHECK(has_error(apply_config_json(json{{"hidden", {314, 314}}}, c), "hidden", "100,167 parameters; at most 100,000"));
    CHECK(c.hidden == std::vector<int>{313, 313});  // nothing applied
  }
  SUBCASE("validate() reports other bad fields beside it") {
    c.hidden = {1024, 1024};
    c.learning_rate = -1.0;
    const FieldErrors e = validate(c);
    CHECK(has_error(e, "hidden", "parameters"));
    CHECK(has_error(e, "learningRate", "> 0"));
  }
}

TEST_CASE("train_config: the parameters × data points cap") {
  TrainConfig c;
  // 2-100-100-1: 3·100 + 101·100 + 101 = 10,501 parameters.
  const json net = {{"dataset", "circle"}, {"hidden", {100, 100}}, {"batchSize", 10}};
  CHECK(apply_config_json(net, c).empty());
  json more = net;
  more["samples"] = 9522;  // 9,522 · 10,501 = 99,990,522
  CHECK(apply_config_json(more, c).empty());
  more["samples"] = 9523;  // 100,001,023
  const FieldErrors e = apply_config_json(more, c);
  CHECK(has_error(e, "samples", "9,523 data points × 10,501 parameters is 100,001,023; at most 100,000,000"));
  SUBCASE("the field is hidden when the points are the dataset's default") {
    // Regression sets default to 1,200 points: 2-300-300-1 has 3·300 + 301·300 + 301 = 91,501 parameters.
    const FieldErrors by_net = apply_config_json(json{{"dataset", "plane"}, {"loss", "half_mse"}, {"outputActivation", "tanh"},
                                                      {"samples", 0}, {"hidden", {300, 300}}}, c);
    CHECK(has_error(by_net, "hidden", "1,200 data points × 91,501 parameters"));
  }
}

TEST_CASE("train_config: the parameters × batch cap counts the points a batch really has") {
  TrainConfig c;
  // circle: 500 points; trainFraction 1 → 500 training points. 10,501 parameters as above.
  const json net = {{"dataset", "circle"}, {"hidden", {100, 100}}, {"trainFraction", 1.0}};
  json batch = net;
  batch["batchSize"] = 476;  // 4,998,476
  CHECK(apply_config_json(batch, c).empty());
  batch["batchSize"] = 477;  // 5,008,977
  CHECK(has_error(apply_config_json(batch, c), "batchSize", "a batch of 477 points × 10,501 parameters"));
  // A batch size past the training set is a full batch: 500 points.
  batch["batchSize"] = 100000;
  CHECK(has_error(apply_config_json(batch, c), "batchSize", "a batch of 500 points"));
  batch["trainFraction"] = 0.5;  // 250 training points: 2,625,250
  CHECK(apply_config_json(batch, c).empty());
}
