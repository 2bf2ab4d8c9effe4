#include "engine/training/step_job.h"

#include <algorithm>

namespace bpl {

const char* step_unit_name(StepUnit unit) {
  switch (unit) {
    case StepUnit::sample: return "sample";
    case StepUnit::batch: return "batch";
    case StepUnit::epoch: return "epoch";
  }
  return "epoch";
}

void StepCost::add(double step_ms) {
  ms = known ? 0.75 * ms + 0.25 * step_ms : step_ms;
  known = true;
}

StepJob::StepJob(StepUnit unit, long long count, const Trainer& trainer)
    : unit_(unit), count_(count), start_epoch_(trainer.epoch()) {}

bool StepJob::done(const Trainer& trainer) const {
  return trainer.status() != TrainStatus::ok || completed(trainer) >= count_;
}

long long StepJob::completed(const Trainer& trainer) const {
  return unit_ == StepUnit::epoch ? trainer.epoch() - start_epoch_ : steps_done_;
}

double StepJob::fraction(const Trainer& trainer) const {
  if (count_ <= 0) return 1.0;
  double units = double(completed(trainer));
  if (unit_ == StepUnit::epoch && units < count_) units += trainer.epoch_progress();
  return std::clamp(units / double(count_), 0.0, 1.0);
}

SliceResult StepJob::run(Trainer& trainer, double budget_ms, const std::function<double()>& now_ms, StepCost& cost,
                         const std::function<void()>& on_epoch) {
  SliceResult slice;
  const double start = now_ms();
  double before = start;
  while (!done(trainer)) {
    const int epoch = trainer.epoch();
    // Epochs are their batches, as Trainer::step_epoch steps them.
    if (unit_ == StepUnit::sample) trainer.step_sample();
    else trainer.step_batch();
    ++steps_done_;
    ++slice.steps;
    if (trainer.epoch() != epoch) {
      ++slice.epochs_completed;
      if (on_epoch) on_epoch();
    }
    const double after = now_ms();
    cost.add(after - before);
    before = after;
    if (after - start + cost.ms > budget_ms) break;
  }
  return slice;
}

}  // namespace bpl
