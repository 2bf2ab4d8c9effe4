#include "network_demo.h"

#include <algorithm>

#include "platform.h"

namespace bpl::web {

namespace {

constexpr int kGridSize = 64;      // output heatmap resolution
constexpr int kUnitGridSize = 24;  // per-unit thumbnails
constexpr std::size_t kMaxCurvePoints = 20000;

void record_metrics(NetworkDemo& demo) {
  const Metrics& m = demo.trainer.metrics();
  if (m.status != TrainStatus::ok) return;
  if (!demo.curve.empty() && demo.curve.back().epoch == m.epoch) demo.curve.pop_back();
  demo.curve.push_back({m.epoch, m.train_loss, m.test_loss, m.train_accuracy, m.test_accuracy});
  if (demo.curve.size() > kMaxCurvePoints) {  // keep every other point: the curve's shape survives
    std::vector<CurvePoint> thinned;
    for (std::size_t i = 0; i < demo.curve.size(); i += 2) thinned.push_back(demo.curve[i]);
    demo.curve.swap(thinned);
  }
}

void check_divergence(NetworkDemo& demo) {
  if (demo.trainer.status() != TrainStatus::diverged) return;
  demo.playing = false;
  demo.notice = "Training paused: " + demo.trainer.metrics().message + ".";
}

void after_change(NetworkDemo& demo) {
  ++demo.weights_version;
  record_metrics(demo);
  check_divergence(demo);
}

}  // namespace

FieldErrors configure_network(NetworkDemo& demo, const TrainConfig& config) {
  FieldErrors errors = demo.trainer.configure(config);
  if (!errors.empty()) return errors;
  reset_network(demo);
  return {};
}

void reset_network(NetworkDemo& demo) {
  demo.trainer.reset();
  demo.playing = false;
  demo.curve.clear();
  demo.notice.clear();
  demo.derivation_sample = 0;
  after_change(demo);
}

void step_network(NetworkDemo& demo, StepUnit unit, int count) {
  for (int i = 0; i < count && demo.trainer.status() == TrainStatus::ok; ++i) {
    const int epoch_before = demo.trainer.metrics().epoch;
    switch (unit) {
      case StepUnit::sample: demo.trainer.step_sample(); break;
      case StepUnit::batch: demo.trainer.step_batch(); break;
      case StepUnit::epoch: demo.trainer.step_epoch(); break;
    }
    if (demo.trainer.metrics().epoch != epoch_before || unit != StepUnit::epoch) record_metrics(demo);
  }
  ++demo.weights_version;
  check_divergence(demo);
}

void advance_network(NetworkDemo& demo, double now_ms) {
  if (!demo.playing || demo.trainer.status() != TrainStatus::ok) {
    demo.rate_window_start_ms = 0.0;  // a pause does not count as slow training
    demo.rate_samples = 0.0;
    return;
  }
  const long long samples_before = demo.trainer.metrics().samples_seen;
  const double start = now_ms;
  for (int i = 0; i < demo.epochs_per_frame; ++i) {
    demo.trainer.step_epoch();
    record_metrics(demo);
    if (demo.trainer.status() != TrainStatus::ok || web::now_ms() - start > demo.frame_budget_ms) break;
  }
  // Samples per second of wall time while playing, over windows of ≥ 0.5 s
  // (per frame, the browser's coarse clock would make it noise).
  if (demo.rate_window_start_ms <= 0.0) demo.rate_window_start_ms = start;
  demo.rate_samples += double(demo.trainer.metrics().samples_seen - samples_before);
  const double window_ms = web::now_ms() - demo.rate_window_start_ms;
  if (window_ms >= 500.0) {
    demo.steps_per_second = demo.rate_samples / (window_ms / 1000.0);
    demo.rate_samples = 0.0;
    demo.rate_window_start_ms = web::now_ms();
  }
  ++demo.weights_version;
  check_divergence(demo);
}

void refresh_grids(NetworkDemo& demo) {
  if (demo.grids_version == demo.weights_version || demo.trainer.status() != TrainStatus::ok) return;
  demo.grids_version = demo.weights_version;
  Result<Grid> output = demo.trainer.predict_grid(kGridSize);
  if (output.ok()) demo.output_texture.upload(output.value->values, output.value->n);
  Result<std::vector<std::vector<Grid>>> units = demo.trainer.unit_grids(kUnitGridSize);
  if (!units.ok()) return;
  demo.unit_textures.resize(units.value->size());
  for (std::size_t l = 0; l < units.value->size(); ++l) {
    const auto& layer = (*units.value)[l];
    if (demo.unit_textures[l].size() != layer.size()) demo.unit_textures[l] = std::vector<HeatmapTexture>(layer.size());
    for (std::size_t j = 0; j < layer.size(); ++j) demo.unit_textures[l][j].upload(layer[j].values, layer[j].n);
  }
}

namespace {
void refresh_traces(NetworkDemo& demo) {
  if (demo.traces_version == demo.weights_version) return;
  demo.traces_version = demo.weights_version;
  demo.batch_trace = demo.trainer.trace_batch();
  const int train_size = int(demo.trainer.dataset().train.size());
  demo.derivation_sample = std::clamp(demo.derivation_sample, 0, std::max(train_size - 1, 0));
  Result<StepTrace<double>> sample = demo.trainer.trace_sample(demo.derivation_sample);
  demo.sample_trace = sample.ok() ? std::move(sample.value) : std::nullopt;
}
}  // namespace

const StepTrace<double>& batch_trace(NetworkDemo& demo) {
  refresh_traces(demo);
  return demo.batch_trace;
}

const StepTrace<double>* sample_trace(NetworkDemo& demo) {
  refresh_traces(demo);
  return demo.sample_trace ? &*demo.sample_trace : nullptr;
}

FieldErrors set_parameter(NetworkDemo& demo, const std::string& id, double value) {
  FieldErrors errors = demo.trainer.set_parameter(id, value);
  if (errors.empty()) after_change(demo);
  return errors;
}

}  // namespace bpl::web
