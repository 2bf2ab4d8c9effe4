#include "network_demo.h"

#include <algorithm>

#include "platform.h"

namespace bpl::web {

namespace {

constexpr std::size_t kMaxCurvePoints = 20000;

void after_change(NetworkDemo& demo) {
  ++demo.weights_version;
  record_metrics(demo);
  check_divergence(demo);
}

}  // namespace

void record_metrics(NetworkDemo& demo) {
  const bool pass = !demo.trainer.metrics_current();
  const double start = now_ms();
  demo.trainer.check_divergence();  // what the metrics find stops training
  const Metrics& m = demo.trainer.metrics();
  if (pass) {
    demo.metrics_ms = now_ms() - start;
    demo.metrics_next_ms = now_ms() + 3.0 * demo.metrics_ms;
  }
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

FieldErrors configure_network(NetworkDemo& demo, const TrainConfig& config) {
  FieldErrors errors = demo.trainer.configure(config);
  if (!errors.empty()) return errors;
  reset_network(demo);
  return {};
}

void reset_network(NetworkDemo& demo) {
  stop_step(demo);
  demo.trainer.reset();
  demo.playing = false;
  demo.step_cost = StepCost{};  // the network may have another size now
  demo.curve.clear();
  demo.notice.clear();
  demo.derivation_sample = 0;
  after_change(demo);
}

namespace {
void refresh_traces(NetworkDemo& demo, bool exact) {
  if (demo.traces_version == demo.weights_version) return;
  // While training, traces that cost more than a frame can spare keep their older weights.
  if (!exact && demo.traces_version >= 0 && training_busy(demo) && demo.traces_ms > kLiveRefreshMs) return;
  const double start = now_ms();
  demo.traces_version = demo.weights_version;
  demo.batch_trace = demo.trainer.trace_batch();
  const int train_size = int(demo.trainer.dataset().train.size());
  demo.derivation_sample = std::clamp(demo.derivation_sample, 0, std::max(train_size - 1, 0));
  Result<StepTrace<double>> sample = demo.trainer.trace_sample(demo.derivation_sample);
  demo.sample_trace = sample.ok() ? std::move(sample.value) : std::nullopt;
  demo.traces_ms = now_ms() - start;
}
}  // namespace

const StepTrace<double>& batch_trace(NetworkDemo& demo, bool exact) {
  refresh_traces(demo, exact);
  return demo.batch_trace;
}

const StepTrace<double>* sample_trace(NetworkDemo& demo, bool exact) {
  refresh_traces(demo, exact);
  return demo.sample_trace ? &*demo.sample_trace : nullptr;
}

FieldErrors set_parameter(NetworkDemo& demo, const std::string& id, double value) {
  FieldErrors errors = demo.trainer.set_parameter(id, value);
  if (errors.empty()) {
    stop_step(demo);  // a step goes on from the weights it started with, or not at all
    after_change(demo);
  }
  return errors;
}

}  // namespace bpl::web
