#include <doctest/doctest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "engine/mlp/backprop.h"
#include "engine/training/trainer.h"
#include "mlp_testing.h"

using namespace bpl;
using json = nlohmann::json;

namespace {

TrainConfig config_from(const json& changes) {
  TrainConfig c;
  const FieldErrors errors = apply_config_json(changes, c);
  CHECK(errors.empty());
  return c;
}

// Network outputs on the four xor4 points, through the float forward.
std::vector<float> xor_predictions(const Trainer& t) {
  Workspace<float> ws;
  ws.reserve(t.network(), 4);
  const float x[8] = {0, 0, 0, 1, 1, 0, 1, 1};
  forward(t.network(), x, 2, 4, ws);
  return {ws.a.back()(0, 0), ws.a.back()(1, 0), ws.a.back()(2, 0), ws.a.back()(3, 0)};
}

bool xor_solved(const Trainer& t) {
  const std::vector<float> p = xor_predictions(t);
  return p[0] < 0.05f && p[1] > 0.95f && p[2] > 0.95f && p[3] < 0.05f;
}

}  // namespace

TEST_CASE("trainer: the seed's 2-4-1 sigmoid XOR net (bce, lr 0.5, full batch) solves xor4 for >= 9 of 10 seeds") {
  int solved = 0;
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    Trainer t;
    TrainConfig c;  // the defaults are this network
    c.seed = seed;
    BPL_REQUIRE(t.configure(c).empty());
    for (int epoch = 0; epoch < 10000 && !xor_solved(t); epoch += 100) {
      for (int k = 0; k < 100; ++k) t.step_epoch();
    }
    CAPTURE(seed);
    CHECK(t.status() == TrainStatus::ok);
    solved += xor_solved(t);
  }
  CHECK(solved >= 9);
}

TEST_CASE("trainer: a huge learning rate gives the diverged status, never NaN metrics") {
  Trainer t;
  BPL_REQUIRE(t.configure(config_from({{"dataset", "plane"}, {"loss", "mse"}, {"outputActivation", "linear"},
                                   {"activation", "relu"}, {"hidden", {8, 8}}, {"learningRate", 100},
                                   {"batchSize", 10}})).empty());
  for (int epoch = 0; epoch < 20 && t.status() == TrainStatus::ok; ++epoch) t.step_epoch();
  CHECK(t.status() == TrainStatus::diverged);
  const Metrics& m = t.metrics();
  CHECK(m.status == TrainStatus::diverged);
  CHECK(m.message.find("diverged") != std::string::npos);
  CHECK(m.message.find("learning rate") != std::string::npos);
  const long long updates = m.updates;
  CHECK(t.step_batch().status == TrainStatus::diverged);  // stopped: nothing more happens
  CHECK(t.metrics().updates == updates);
  t.reset();
  CHECK(t.status() == TrainStatus::ok);
  CHECK(std::isfinite(t.metrics().train_loss));
}

TEST_CASE("trainer: a set loss that overflows is read by metrics() and stops training at check_divergence()") {
  // Every weight 1e6 (finite) through two linear hidden layers of 8: outputs near
  // 8²·2·1e18 ≈ 1e20, whose squared error overflows float. No step has run, so only
  // the pass over the data set finds it.
  Trainer t;
  BPL_REQUIRE(t.configure(config_from({{"dataset", "plane"}, {"loss", "mse"}, {"outputActivation", "linear"},
                                       {"activation", "linear"}, {"hidden", {8, 8}}})).empty());
  for (const ParameterInfo& p : t.parameters()) BPL_REQUIRE(t.set_parameter(p.id, 1e6).empty());
  const Metrics& m = t.metrics();
  CHECK(m.status == TrainStatus::diverged);
  CHECK(m.message.find("the loss over the data set is not finite") != std::string::npos);
  CHECK(std::isnan(m.train_loss));
  CHECK(t.status() == TrainStatus::ok);  // metrics() only reads
  SUBCASE("check_divergence() stops it") {
    CHECK(t.check_divergence() == TrainStatus::diverged);
    CHECK(t.status() == TrainStatus::diverged);
    CHECK(t.metrics().message == m.message);
  }
  SUBCASE("a step goes no further from metrics already computed") {
    CHECK(t.step_sample().status == TrainStatus::diverged);
    CHECK(t.metrics().updates == 0);
    CHECK(t.metrics().samples_seen == 0);
  }
  t.reset();
  CHECK(t.status() == TrainStatus::ok);
  CHECK(t.metrics().status == TrainStatus::ok);
}

TEST_CASE("trainer: stepping a batch sample by sample equals stepping it at once") {
  const TrainConfig c = config_from({{"dataset", "circle"}, {"hidden", {5, 3}}, {"activation", "tanh"},
                                     {"batchSize", 7}, {"optimizer", "momentum"}, {"learningRate", 0.1},
                                     {"regularization", "l2"}, {"regularizationRate", 0.01}});
  Trainer by_sample, by_batch;
  BPL_REQUIRE(by_sample.configure(c).empty());
  BPL_REQUIRE(by_batch.configure(c).empty());
  for (int b = 0; b < 3; ++b) {
    for (int s = 0; s < 7; ++s) CHECK(by_sample.step_sample().updated == (s == 6));
    CHECK(by_batch.step_batch().updated);
  }
  CHECK(by_sample.metrics().samples_seen == 21);
  for (int l = 0; l < by_batch.network().depth(); ++l) {
    const auto diff = (by_sample.network().layers[l].weights - by_batch.network().layers[l].weights).cwiseAbs().maxCoeff();
    CHECK(diff < 1e-6f);
  }
}

TEST_CASE("trainer: an epoch is ceil(N / batch) updates and the last batch may be smaller") {
  Trainer t;
  BPL_REQUIRE(t.configure(config_from({{"dataset", "gauss"}, {"samples", 100}, {"trainFraction", 0.5},
                                   {"batchSize", 16}})).empty());
  t.step_epoch();
  CHECK(t.metrics().epoch == 1);
  CHECK(t.metrics().updates == 4);  // 16 + 16 + 16 + 2
  CHECK(t.metrics().samples_seen == 50);
}

TEST_CASE("trainer: same seed, same initial weights, and reset restores them") {
  Trainer a, b;
  TrainConfig c;
  c.seed = 31;
  BPL_REQUIRE(a.configure(c).empty());
  BPL_REQUIRE(b.configure(c).empty());
  CHECK(a.network().layers[0].weights == b.network().layers[0].weights);
  const Matrix<float> initial = a.network().layers[0].weights;
  for (int i = 0; i < 10; ++i) a.step_epoch();
  CHECK(a.network().layers[0].weights != initial);
  a.reset();
  CHECK(a.network().layers[0].weights == initial);
  CHECK(a.metrics().epoch == 0);
}

TEST_CASE("trainer: parameters use the seed's names on a 2-2-1 net, W<l>[j][i] otherwise") {
  Trainer t;
  BPL_REQUIRE(t.configure(config_from({{"hidden", {2}}, {"activation", "relu"}, {"outputActivation", "linear"},
                                   {"loss", "half_mse"}})).empty());
  const std::vector<ParameterInfo> params = t.parameters();
  BPL_REQUIRE(params.size() == 9);
  std::vector<std::string> ids;
  for (const ParameterInfo& p : params) ids.push_back(p.id);
  // Order: W⁽¹⁾ row by row (unit h1: from x1, x2; then h2), b⁽¹⁾, W⁽²⁾, b⁽²⁾.
  CHECK(ids == std::vector<std::string>{"w1", "w3", "w2", "w4", "b1", "b2", "w5", "w6", "b3"});
  BPL_REQUIRE(t.set_parameter("w3", 0.25).empty());
  CHECK(t.network().layers[0].weights(0, 1) == 0.25f);  // w3: x2 → h1
  CHECK(*t.get_parameter("W1[0][1]").value == 0.25);
  CHECK(t.get_parameter("w7").errors.at(0).field == "id");
  CHECK(t.set_parameter("w1", NAN).at(0).field == "value");

  BPL_REQUIRE(t.configure(config_from({{"hidden", {3, 2}}})).empty());
  CHECK(t.parameters()[1].id == "W1[0][1]");
  CHECK(t.parameters().back().id == "b3[0]");
  CHECK(t.get_parameter("W3[0][1]").ok());
  CHECK_FALSE(t.get_parameter("W3[1][0]").ok());
}

TEST_CASE("trainer: traces give per-sample and batch-mean gradients") {
  Trainer t;
  BPL_REQUIRE(t.configure(config_from({{"dataset", "xor"}, {"hidden", {3}}, {"activation", "tanh"},
                                   {"batchSize", 5}})).empty());
  const StepTrace<double> batch = t.trace_batch();
  BPL_REQUIRE(batch.samples() == 5);
  const std::vector<int> indices = t.current_batch();
  for (int l = 1; l <= 2; ++l) {
    Matrix<double> mean = Matrix<double>::Zero(batch.layers[l - 1].weight_gradient.rows(),
                                               batch.layers[l - 1].weight_gradient.cols());
    for (int s = 0; s < 5; ++s) {
      // The per-sample gradient from the batch trace equals a one-point trace of that sample.
      const StepTrace<double> one = *t.trace_sample(indices[s]).value;
      CHECK((batch.sample_weight_gradient(l, s) - one.layers[l - 1].weight_gradient).cwiseAbs().maxCoeff() < 1e-12);
      CHECK((batch.sample_bias_gradient(l, s) - one.layers[l - 1].bias_gradient).cwiseAbs().maxCoeff() < 1e-12);
      mean += batch.sample_weight_gradient(l, s) / 5.0;
    }
    CHECK((mean - batch.layers[l - 1].weight_gradient).cwiseAbs().maxCoeff() < 1e-12);
  }
  CHECK(t.trace_sample(100000).errors.at(0).field == "index");
}

TEST_CASE("trainer: gradient check of one parameter on the current batch") {
  Trainer t;
  BPL_REQUIRE(t.configure(config_from({{"dataset", "spiral"}, {"hidden", {6, 4}}, {"activation", "gelu"},
                                   {"batchSize", 8}, {"regularization", "l2"}, {"regularizationRate", 0.05},
                                   {"features", {"x1", "x2", "sin_x1"}}})).empty());
  for (const char* id : {"W1[2][1]", "b1[0]", "W2[3][5]", "W3[0][2]", "b3[0]"}) {
    const Result<GradCheck> check = t.gradient_check(id);
    BPL_REQUIRE(check.ok());
    CAPTURE(id);
    CHECK(check.value->relative_error < 1e-6);
  }
}

TEST_CASE("trainer: grids sample the window row 0 at the top, column 0 at the left") {
  Trainer t;
  BPL_REQUIRE(t.configure(config_from({{"dataset", "circle"}, {"hidden", {4, 3}}, {"activation", "tanh"},
                                   {"features", {"x1", "x2", "x1^2"}}})).empty());
  const Grid grid = *t.predict_grid(5).value;
  CHECK(grid.values.size() == 25);
  CHECK(grid.window.min == -6.0);
  // Cell (row 1, column 3): x1 = −6 + 12·3/4 = 3, x2 = 6 − 12·1/4 = 3.
  Matrix<double> x(1, 3);
  x << 3.0, 3.0, 9.0;
  const StepTrace<double> at = trace_step(t.network().cast<double>(), x, Matrix<double>(Matrix<double>::Zero(1, 1)));
  CHECK(grid.values[1 * 5 + 3] == doctest::Approx(at.layers.back().a(0, 0)).epsilon(1e-5));
  const std::vector<std::vector<Grid>> units = *t.unit_grids(5).value;
  BPL_REQUIRE(units.size() == 3);
  CHECK(units[0].size() == 4);
  CHECK(units[1][2].values[8] == doctest::Approx(at.layers[1].a(0, 2)).epsilon(1e-5));
  CHECK(units[2][0].values == grid.values);
  CHECK(t.predict_grid(1).errors.at(0).field == "n");
}

TEST_CASE("trainer: training reaches high accuracy on gauss with softmax_ce") {
  Trainer t;
  BPL_REQUIRE(t.configure(config_from({{"dataset", "gauss"}, {"loss", "softmax_ce"}, {"outputActivation", "softmax"},
                                   {"hidden", {4}}, {"activation", "tanh"}, {"batchSize", 10},
                                   {"learningRate", 0.05}, {"trainFraction", 0.5}})).empty());
  for (int i = 0; i < 5; ++i) t.step_epoch();
  const Metrics& m = t.metrics();
  CHECK(m.has_accuracy);
  CHECK(m.has_test);
  CHECK(m.train_accuracy > 0.95);
  CHECK(m.test_accuracy > 0.95);
  CHECK(m.train_loss < 0.2);
}

TEST_CASE("trainer: update keeps weights for hyperparameters and rebuilds for structure") {
  Trainer t;
  for (int i = 0; i < 5; ++i) t.step_epoch();
  const Matrix<float> trained = t.network().layers[0].weights;
  TrainConfig c = t.config();
  c.learning_rate = 0.1;
  c.optimizer = OptimizerKind::adam;
  bool reset = true;
  BPL_REQUIRE(t.update(c, &reset).empty());
  CHECK_FALSE(reset);
  CHECK(t.network().layers[0].weights == trained);
  c.hidden = {3};
  BPL_REQUIRE(t.update(c, &reset).empty());
  CHECK(reset);
  CHECK(t.network().layers[0].weights.rows() == 3);
  c.learning_rate = -1;
  CHECK(t.update(c).at(0).field == "learningRate");
  CHECK(t.config().learning_rate == 0.1);  // unchanged on error
  CHECK(t.apply_json(json{{"batchSize", 2}, {"loss", "nope"}}).at(0).field == "loss");
  CHECK(t.config().batch_size == 4);
}

TEST_CASE("trainer: add a data point") {
  Trainer t;
  BPL_REQUIRE(t.configure(config_from({{"dataset", "xor"}, {"samples", 40}, {"trainFraction", 0.5}})).empty());
  BPL_REQUIRE(t.add_point(1.0, -2.0, 1.0, false).empty());
  CHECK(t.dataset().train.size() == 21);
  BPL_REQUIRE(t.add_point(3.0, 3.0, 0.0, true).empty());
  CHECK(t.dataset().test.size() == 21);
  CHECK(t.add_point(1.0, 1.0, 0.5, false).at(0).field == "label");
  t.step_epoch();
  CHECK(t.metrics().samples_seen == 21);
}

TEST_CASE("trainer: the model JSON round-trips through load_model_json") {
  Trainer a, b;
  for (int i = 0; i < 3; ++i) a.step_epoch();
  BPL_REQUIRE(b.load_model_json(a.model_json()).empty());
  CHECK(b.network().layers[1].weights == a.network().layers[1].weights);
  CHECK(b.load_model_json(R"({"inputs": 3, "layers": [{"units": 1, "activation": "sigmoid", "weights": [[1,2,3]], "biases": [0]}], "loss": "bce"})")
            .at(0).field == "model");
}
