#pragma once
// A step of `count` samples, batches or epochs done in slices that each fit a
// time budget, so that the page keeps drawing while a long step runs
// (README "JS API", step). run() steps until the job is done or the next step
// would pass the budget, then returns; the next slice goes on where it stopped.
//
// Determinism: the slices together make exactly the Trainer calls that stepping
// at once makes (an epoch is its batches in order, as Trainer::step_epoch runs
// them), so the weights are the same bit for bit however the work is sliced.
//
// Budget: StepCost is the measured cost of one step (a running mean, kept by the
// caller across slices and jobs). A slice always takes its first step (a step
// larger than the budget still makes progress), then stops when the time spent
// plus one step's cost would pass the budget: it overruns by about one step at
// most. The clock is passed in (milliseconds), so tests can use their own.
#include <functional>

#include "engine/training/trainer.h"

namespace bpl {

enum class StepUnit { sample, batch, epoch };
const char* step_unit_name(StepUnit unit);  // "sample" | "batch" | "epoch"

struct StepCost {
  double ms = 0.0;     // one step_sample / step_batch, with the epoch callback's share
  bool known = false;  // false until a step was measured
  void add(double step_ms);  // running mean: the newest step weighs 1/4
};

struct SliceResult {
  int steps = 0;             // Trainer calls made in this slice
  int epochs_completed = 0;  // epochs the trainer finished in this slice
};

class StepJob {
 public:
  StepJob(StepUnit unit, long long count, const Trainer& trainer);

  // Steps within `budget_ms` of `now_ms()`; `on_epoch` runs after each completed epoch.
  SliceResult run(Trainer& trainer, double budget_ms, const std::function<double()>& now_ms, StepCost& cost,
                  const std::function<void()>& on_epoch = {});

  bool done(const Trainer& trainer) const;  // all units stepped, or training diverged
  StepUnit unit() const { return unit_; }
  long long count() const { return count_; }
  long long completed(const Trainer& trainer) const;  // units finished so far
  double fraction(const Trainer& trainer) const;      // 0..1, within the current unit too

 private:
  StepUnit unit_;
  long long count_;
  long long steps_done_ = 0;  // sample and batch units: Trainer calls made
  int start_epoch_ = 0;       // epoch unit: the trainer's epoch when the job began
};

}  // namespace bpl
