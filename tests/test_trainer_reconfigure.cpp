// A live Trainer whose loss, features and batch size change in every order
// (as the page does them one control at a time) must step exactly as the
// double-precision backprop of the same batch says. Bug it guards: a new loss
// changed only the target width, the batch buffers kept bce's 1 column, and
// softmax_ce read one-hot targets past the end of the buffer.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "engine/mlp/backprop.h"
#include "engine/training/features.h"
#include "engine/training/trainer.h"
#include "mlp_testing.h"

using namespace bpl;

namespace {

using Change = std::function<void(TrainConfig&)>;

// Steps one batch and compares the trainer's batch gradient with
// mean_loss_and_gradients in double on the same points and the weights before the step.
void check_next_batch_gradient(Trainer& t) {
  const Network<double> before = t.network().cast<double>();
  std::vector<Point> points;
  for (int k : t.current_batch()) points.push_back(t.dataset().train[k]);
  const int classes = t.config().loss == Loss::softmax_ce ? 2 : 0;
  const Matrix<double> x = feature_matrix<double>(t.config().features, points);
  const Matrix<double> targets = target_matrix<double>(points, classes);
  Gradients<double> want;
  mean_loss_and_gradients(before, x, targets, want);
  BPL_REQUIRE(t.step_batch().status == TrainStatus::ok);
  for (const ParameterInfo& info : t.parameters()) {
    CAPTURE(info.id);
    CHECK(info.gradient == doctest::Approx(want.of(info.ref)).epsilon(1e-5).scale(1.0));
  }
}

}  // namespace

TEST_CASE("trainer: loss, features and batch size changed on a live trainer in every order") {
  const std::vector<std::pair<std::string, Change>> changes = {
      {"loss softmax_ce", [](TrainConfig& c) { c.loss = Loss::softmax_ce, c.output_activation = Activation::softmax; }},
      {"features x1 x2 x1x2", [](TrainConfig& c) { c.features = {Feature::x1, Feature::x2, Feature::x1_times_x2}; }},
      {"batch size 1", [](TrainConfig& c) { c.batch_size = 1; }},
      {"loss bce again", [](TrainConfig& c) { c.loss = Loss::bce, c.output_activation = Activation::sigmoid; }},
  };
  std::vector<int> order = {0, 1, 2, 3};
  int orders = 0;
  do {
    std::string sequence;
    for (int k : order) sequence += changes[k].first + "; ";
    CAPTURE(sequence);
    Trainer t;  // the default: xor4, 2-4-1 sigmoid, bce, full batch
    TrainConfig config = t.config();
    check_next_batch_gradient(t);
    for (int k : order) {
      changes[k].second(config);
      BPL_REQUIRE(t.update(config).empty());
      check_next_batch_gradient(t);
      check_next_batch_gradient(t);  // and once more from the stepped weights
    }
    ++orders;
  } while (std::next_permutation(order.begin(), order.end()));
  CHECK(orders == 24);
}

TEST_CASE("trainer: a loss that grows 1000-fold pauses training for every loss") {
  // The default classification net at lr 10⁶: bce from logits never overflows,
  // but the loss climbs far past ln 2 within a few updates.
  const std::pair<Loss, Activation> cases[] = {{Loss::bce, Activation::sigmoid},
                                               {Loss::softmax_ce, Activation::softmax},
                                               {Loss::half_mse, Activation::linear},
                                               {Loss::mse, Activation::linear}};
  for (const auto& pair : cases) {
    const std::string name = loss_name(pair.first);
    CAPTURE(name);
    Trainer t;
    TrainConfig config = t.config();
    config.loss = pair.first;
    config.output_activation = pair.second;
    config.learning_rate = 1e6;
    BPL_REQUIRE(t.configure(config).empty());
    const double start = t.metrics().train_loss;
    for (int epoch = 0; epoch < 200 && t.status() == TrainStatus::ok; ++epoch) t.step_epoch();
    CHECK(t.status() == TrainStatus::diverged);
    CHECK(t.metrics().message.find("training diverged") == 0);
    CHECK(std::isfinite(start));
  }
  // A sane rate on the same net never trips the bound.
  Trainer sane;
  for (int epoch = 0; epoch < 2000; ++epoch) sane.step_epoch();
  CHECK(sane.status() == TrainStatus::ok);
}
