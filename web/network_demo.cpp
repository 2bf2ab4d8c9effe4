#include "network_demo.h"

#include <algorithm>

#include "engine/derivation/informative_sample.h"
#include "engine/mlp/parameter_names.h"
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

void select_parameter(NetworkDemo& demo, const std::string& id, bool keep_sample) {
  demo.selected = id;
  const std::optional<ParameterRef> p = selected_parameter(demo);
  if (keep_sample || !p || demo.trainer.status() != TrainStatus::ok) return;
  const int sample = informative_sample(demo.trainer, *p, demo.derivation_sample);
  if (sample != demo.derivation_sample) {
    demo.derivation_sample = sample;
    demo.traces_version = -1;
  }
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
  const bool same_sample = demo.traced_sample == demo.derivation_sample;
  if (demo.traces_version == demo.weights_version && same_sample) return;
  // While training, traces that cost more than a frame can spare keep their older weights.
  if (!exact && demo.traces_version >= 0 && same_sample && training_busy(demo) && demo.traces_ms > kLiveRefreshMs) return;
  const double start = now_ms();
  demo.traces_version = demo.weights_version;
  demo.batch_trace = demo.trainer.trace_batch();
  const int train_size = int(demo.trainer.dataset().train.size());
  demo.derivation_sample = std::clamp(demo.derivation_sample, 0, std::max(train_size - 1, 0));
  Result<StepTrace<double>> sample = demo.trainer.trace_sample(demo.derivation_sample);
  demo.sample_trace = sample.ok() ? std::move(sample.value) : std::nullopt;
  demo.traced_sample = demo.derivation_sample;
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

std::optional<ParameterRef> selected_parameter(NetworkDemo& demo) {
  const Network<float>& net = demo.trainer.network();
  NetworkDemo::SelectionParse& parse = demo.selection;
  bool same_shape = parse.id == demo.selected && int(parse.units.size()) == net.depth() + 1;
  for (int l = 0; same_shape && l <= net.depth(); ++l) same_shape = parse.units[l] == net.units(l);
  if (!same_shape) {
    parse.id = demo.selected;
    parse.units.clear();
    for (int l = 0; l <= net.depth(); ++l) parse.units.push_back(net.units(l));
    parse.parameter = demo.selected.empty() ? std::nullopt : parse_parameter_id(net, demo.selected);
  }
  return parse.parameter;
}

const WeightDerivation* derivation_of(NetworkDemo& demo, ParameterRef p, bool live) {
  const int sample = demo.derivation_sample;
  if (sample < 0 || sample >= int(demo.trainer.dataset().train.size())) return nullptr;
  const bool keep_older = live && training_busy(demo) && demo.derivation_ms > kLiveRefreshMs;
  auto derive = [&demo, p, sample] {
    const double start = now_ms();
    const StepTrace<double>& batch = batch_trace(demo);  // exact: the traces at the current weights
    const StepTrace<double>& one = *sample_trace(demo);
    const Network<double> net = demo.trainer.network().cast<double>();
    WeightDerivation d = derive_weight({net, one, sample, batch, demo.trainer.config().regularization_settings()}, p);
    demo.derivation_epoch = demo.trainer.epoch();
    demo.derivation_ms = now_ms() - start;
    return d;
  };
  return &demo.derivations.get({demo.weights_version, p, sample}, derive, keep_older);
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
