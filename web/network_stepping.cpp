// Training within the time budgets (README "Limits"): a running step or play
// trains for at most kFrameTrainingMs a frame, a step() that fits kSyncStepMs is
// done at once, and the heatmap pass takes a few milliseconds a frame.
#include <algorithm>

#include "engine/core/expect.h"
#include "network_demo.h"
#include "platform.h"

namespace bpl::web {

namespace {

SliceResult run_slice(NetworkDemo& demo, StepJob& job, double budget_ms) {
  return job.run(demo.trainer, budget_ms, now_ms, demo.step_cost, [&demo] {
    if (demo.metrics_ms <= kLiveRefreshMs || now_ms() >= demo.metrics_next_ms) record_metrics(demo);
  });
}

void finish_step(NetworkDemo& demo, bool stopped) {
  demo.step_job.reset();
  record_metrics(demo);  // the step's last point, mid-epoch steps included
  ++demo.weights_version;
  check_divergence(demo);
  if (demo.step_ended) {
    const auto ended = std::move(demo.step_ended);
    demo.step_ended = nullptr;
    ended(stopped);
  }
}

// Training samples per second of wall time, over windows of ≥ 0.5 s (per frame,
// the browser's coarse clock would make it noise).
void track_rate(NetworkDemo& demo, double start, long long samples_before) {
  if (demo.rate_window_start_ms <= 0.0) demo.rate_window_start_ms = start;
  demo.rate_samples += double(demo.trainer.samples_seen() - samples_before);
  const double window_ms = now_ms() - demo.rate_window_start_ms;
  if (window_ms >= 500.0) {
    demo.samples_per_second = demo.rate_samples / (window_ms / 1000.0);
    demo.rate_samples = 0.0;
    demo.rate_window_start_ms = now_ms();
  }
}

// As many heatmap cells as fit in the budget, from the measured cost of a cell; at least one.
void run_grid_cells(NetworkDemo& demo, double budget_ms) {
  GridPass& pass = demo.grid_pass;
  StepCost& cost = demo.grid_cell_cost;
  const double start = now_ms();
  while (!pass.done()) {
    const double left = budget_ms - (now_ms() - start);
    const int cells = cost.known && cost.ms > 0.0 ? std::clamp(int(left / cost.ms), 1, pass.cells_left())
                                                  : std::min(16, pass.cells_left());
    const double before = now_ms();
    pass.run(cells);
    cost.add((now_ms() - before) / cells);
    if (now_ms() - start + cost.ms >= budget_ms) break;
  }
}

void upload_grids(NetworkDemo& demo) {
  const GridPass& pass = demo.grid_pass;
  demo.output_texture.upload(pass.output().values, pass.output().n);
  const std::vector<std::vector<Grid>>& units = pass.units();
  demo.unit_textures.resize(units.size());
  for (std::size_t l = 0; l < units.size(); ++l) {
    if (demo.unit_textures[l].size() != units[l].size()) demo.unit_textures[l] = std::vector<HeatmapTexture>(units[l].size());
    for (std::size_t j = 0; j < units[l].size(); ++j) demo.unit_textures[l][j].upload(units[l][j].values, units[l][j].n);
  }
  demo.grids_version = demo.grid_pass_version;
}

}  // namespace

int play_epochs_per_frame(const NetworkDemo& demo) {
  if (demo.epochs_per_frame > 0) return demo.epochs_per_frame;
  const int points = std::max<int>(1, int(demo.trainer.dataset().train.size()));
  return std::clamp((kAutoSamplesPerFrame + points / 2) / points, 1, kMaxEpochsPerFrame);
}

bool stepping(const NetworkDemo& demo) { return demo.step_job.has_value(); }

bool training_busy(const NetworkDemo& demo) { return demo.playing || stepping(demo); }

bool start_step(NetworkDemo& demo, StepUnit unit, long long count, double now_budget_ms) {
  BPL_EXPECT(!stepping(demo), "start_step while a step is running");
  demo.step_job.emplace(unit, count, demo.trainer);
  run_slice(demo, *demo.step_job, now_budget_ms);
  ++demo.weights_version;
  if (!demo.step_job->done(demo.trainer)) return false;
  finish_step(demo, false);
  return true;
}

void toggle_play(NetworkDemo& demo) {
  if (training_busy(demo)) {
    stop_step(demo);
    demo.playing = false;
  } else {
    demo.playing = demo.trainer.status() == TrainStatus::ok;
  }
}

void stop_step(NetworkDemo& demo) {
  if (stepping(demo)) finish_step(demo, true);
}

void advance_network(NetworkDemo& demo) {
  if (!training_busy(demo)) {
    demo.rate_window_start_ms = 0.0;  // a pause does not count as slow training
    demo.rate_samples = 0.0;
    return;
  }
  const double start = now_ms();
  const long long samples_before = demo.trainer.samples_seen();
  if (demo.step_job) {  // a step runs before play goes on
    run_slice(demo, *demo.step_job, kFrameTrainingMs);
    if (demo.step_job->done(demo.trainer)) finish_step(demo, false);
  } else if (demo.trainer.status() == TrainStatus::ok) {
    StepJob play(StepUnit::epoch, play_epochs_per_frame(demo), demo.trainer);
    run_slice(demo, play, kFrameTrainingMs);
  }
  track_rate(demo, start, samples_before);
  ++demo.weights_version;
  check_divergence(demo);
}

void refresh_grids(NetworkDemo& demo) {
  demo.grids_shown = true;
  if (demo.trainer.status() != TrainStatus::ok || demo.grids_version == demo.weights_version) return;
  GridPass& pass = demo.grid_pass;
  // Paused: a pass of the current weights at once. Training: the pass under way
  // finishes first, so the picture keeps moving on a network too large for a frame.
  if (demo.grid_pass_version != demo.weights_version && (pass.done() || !training_busy(demo))) {
    pass.start(demo.trainer.network(), demo.trainer.config().features, demo.trainer.window(), kGridSize,
               kThumbnailsPerLayer);
    demo.grid_pass_version = demo.weights_version;
  }
  run_grid_cells(demo, training_busy(demo) ? kGridBusyMs : kGridIdleMs);
  if (pass.done() && demo.grids_version != demo.grid_pass_version) upload_grids(demo);
}

}  // namespace bpl::web
