// StepJob: a long step in time-budgeted slices, bit for bit the same as stepping at once.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "engine/training/step_job.h"
#include "mlp_testing.h"

using namespace bpl;
using json = nlohmann::json;

namespace {

Trainer configured(const json& changes) {
  TrainConfig c;
  const FieldErrors errors = apply_config_json(changes, c);
  CHECK(errors.empty());
  Trainer t;
  CHECK(t.configure(c).empty());
  return t;
}

const json kCircle = {{"dataset", "circle"}, {"hidden", {6, 4}}, {"activation", "tanh"}, {"batchSize", 7},
                      {"optimizer", "adam"}, {"learningRate", 0.01}, {"trainFraction", 0.5}, {"noise", 0.2}};

// A clock that moves `step_ms` each time it is read: the job reads it once per slice and once per step.
struct FakeClock {
  double now = 0.0;
  double step_ms = 1.0;
  std::function<double()> fn() {
    return [this] { return now += step_ms; };
  }
};

// Runs the job to its end in slices of `budget_ms`; returns the number of slices.
int run_to_end(StepJob& job, Trainer& t, double budget_ms, FakeClock& clock) {
  StepCost cost;
  int slices = 0;
  while (!job.done(t)) {
    job.run(t, budget_ms, clock.fn(), cost);
    ++slices;
  }
  return slices;
}

void check_same_weights(const Trainer& a, const Trainer& b) {
  BPL_REQUIRE(a.network().depth() == b.network().depth());
  for (int l = 0; l < a.network().depth(); ++l) {
    CHECK(a.network().layers[l].weights == b.network().layers[l].weights);  // bit for bit
    CHECK(a.network().layers[l].biases == b.network().layers[l].biases);
  }
}

}  // namespace

TEST_CASE("step_job: sliced steps give the weights of stepping at once, bit for bit") {
  Trainer at_once = configured(kCircle), sliced = configured(kCircle);
  FakeClock clock;
  SUBCASE("epochs") {
    for (int e = 0; e < 3; ++e) at_once.step_epoch();
    StepJob job(StepUnit::epoch, 3, sliced);
    CHECK(run_to_end(job, sliced, 5.0, clock) > 3);  // 250 points in batches of 7: 36 batches an epoch
    CHECK(sliced.epoch() == 3);
    CHECK(job.completed(sliced) == 3);
    CHECK(job.fraction(sliced) == 1.0);
  }
  SUBCASE("batches, starting mid-batch") {
    at_once.step_sample();
    sliced.step_sample();
    for (int b = 0; b < 9; ++b) at_once.step_batch();
    StepJob job(StepUnit::batch, 9, sliced);
    CHECK(run_to_end(job, sliced, 2.0, clock) == 5);  // 2 steps per slice
  }
  SUBCASE("samples") {
    for (int s = 0; s < 23; ++s) at_once.step_sample();
    StepJob job(StepUnit::sample, 23, sliced);
    run_to_end(job, sliced, 3.0, clock);
    CHECK(job.completed(sliced) == 23);
  }
  check_same_weights(at_once, sliced);
  CHECK(at_once.metrics().train_loss == sliced.metrics().train_loss);
}

TEST_CASE("step_job: a slice stops within one step of its budget and always makes progress") {
  Trainer t = configured(kCircle);
  StepJob job(StepUnit::epoch, 5, t);
  FakeClock clock;
  StepCost cost;
  SUBCASE("steps of 1 ms in a 10 ms budget: 10 steps") {
    CHECK(job.run(t, 10.0, clock.fn(), cost).steps == 10);
    CHECK(cost.ms == 1.0);
    CHECK(job.run(t, 10.0, clock.fn(), cost).steps == 10);
  }
  SUBCASE("a step of 25 ms, longer than the budget: one step a slice") {
    clock.step_ms = 25.0;
    CHECK(job.run(t, 10.0, clock.fn(), cost).steps == 1);
    CHECK(job.run(t, 10.0, clock.fn(), cost).steps == 1);
  }
  SUBCASE("the fraction grows inside an epoch") {
    job.run(t, 10.0, clock.fn(), cost);
    // 10 batches of 7 of the 250 training points: 70/250 of the first of 5 epochs.
    CHECK(job.fraction(t) == doctest::Approx(70.0 / 250.0 / 5.0));
    CHECK(job.completed(t) == 0);
  }
}

TEST_CASE("step_job: epochs call back, and divergence ends the job") {
  Trainer t = configured({{"dataset", "xor4"}, {"batchSize", 2}});
  FakeClock clock;
  StepCost cost;
  int callbacks = 0;
  StepJob job(StepUnit::epoch, 3, t);
  const SliceResult slice = job.run(t, 1e9, clock.fn(), cost, [&] { ++callbacks; });
  CHECK(slice.epochs_completed == 3);
  CHECK(slice.steps == 6);  // 2 batches an epoch
  CHECK(callbacks == 3);
  CHECK(job.done(t));

  Trainer wild = configured({{"dataset", "plane"}, {"loss", "half_mse"}, {"outputActivation", "linear"},
                             {"activation", "relu"}, {"hidden", {8}}, {"learningRate", 100}, {"batchSize", 10}});
  StepJob doomed(StepUnit::epoch, 1000, wild);
  run_to_end(doomed, wild, 1e9, clock);
  CHECK(wild.status() == TrainStatus::diverged);
  CHECK(doomed.completed(wild) < 1000);
}

TEST_CASE("step_job: StepCost is a running mean that favours recent steps") {
  StepCost cost;
  CHECK_FALSE(cost.known);
  cost.add(4.0);
  CHECK(cost.ms == 4.0);
  cost.add(8.0);
  CHECK(cost.ms == 5.0);  // ¾·4 + ¼·8
}
