// Trainer, part 2: what the UI reads — parameters, traces, gradient checks,
// grids over the input window, MODEL.json.
#include <algorithm>
#include <cmath>

#include "engine/training/features.h"
#include "engine/mlp/model_json.h"
#include "engine/mlp/parameter_names.h"
#include "engine/training/trainer.h"

namespace bpl {

namespace {

const char* kParameterIdForm =
    "expected a parameter id: w1..w6, b1..b3 (2-2-1 network) or W<layer>[to][from] / b<layer>[unit], "
    "layers numbered from 1";
}  // namespace

std::vector<ParameterInfo> Trainer::parameters() const { return parameters(0, net_.parameter_count()); }

std::vector<ParameterInfo> Trainer::parameters(int first, int count) const {
  const std::vector<ParameterRef> all = all_parameters(net_);
  const int begin = std::clamp(first, 0, int(all.size()));
  const int end = begin + std::clamp(count, 0, int(all.size()) - begin);
  std::vector<ParameterInfo> out;
  out.reserve(end - begin);
  for (int k = begin; k < end; ++k) {
    const ParameterRef p = all[k];
    out.push_back({parameter_id(net_, p), p, double(parameter_value(net_, p)), double(last_grads_.of(p))});
  }
  return out;
}

Result<double> Trainer::get_parameter(const std::string& id) const {
  const std::optional<ParameterRef> p = parse_parameter_id(net_, id);
  if (!p) return Result<double>::failure({{"id", std::string(kParameterIdForm) + ", got \"" + id + "\""}});
  return Result<double>::success(double(parameter_value(net_, *p)));
}

FieldErrors Trainer::set_parameter(const std::string& id, double value) {
  const std::optional<ParameterRef> p = parse_parameter_id(net_, id);
  if (!p) return {{"id", std::string(kParameterIdForm) + ", got \"" + id + "\""}};
  if (!std::isfinite(value) || std::abs(value) > 1e6) return {{"value", "expected a finite number in [-1e6, 1e6]"}};
  parameter_value(net_, *p) = float(value);
  set_divergence_bound();  // an edited weight is a new start, not divergence
  metrics_dirty_ = true;
  return {};
}

Result<StepTrace<double>> Trainer::trace_sample(int train_index) const {
  if (train_index < 0 || train_index >= int(train_x_.rows())) {
    return Result<StepTrace<double>>::failure(
        {{"index", "expected a training point index from 0 to " + std::to_string(train_x_.rows() - 1)}});
  }
  return Result<StepTrace<double>>::success(trace_step(net_.cast<double>(),
                                                       Matrix<double>(train_x_.row(train_index).cast<double>()),
                                                       Matrix<double>(train_t_.row(train_index).cast<double>())));
}

StepTrace<double> Trainer::trace_batch() const {
  const std::vector<int> batch = current_batch();
  Matrix<double> x(batch.size(), train_x_.cols());
  Matrix<double> t(batch.size(), train_t_.cols());
  for (int k = 0; k < int(batch.size()); ++k) {
    x.row(k) = train_x_.row(batch[k]).cast<double>();
    t.row(k) = train_t_.row(batch[k]).cast<double>();
  }
  return trace_step(net_.cast<double>(), x, t);
}

Result<GradCheck> Trainer::gradient_check(const std::string& id) const {
  const std::optional<ParameterRef> p = parse_parameter_id(net_, id);
  if (!p) return Result<GradCheck>::failure({{"id", std::string(kParameterIdForm) + ", got \"" + id + "\""}});
  const StepTrace<double> batch = trace_batch();
  return Result<GradCheck>::success(bpl::gradient_check(net_.cast<double>(), batch.inputs, batch.targets,
                                                        config_.regularization_settings(), *p));
}

Result<Grid> Trainer::predict_grid(int n) const {
  if (n < 2 || n > kMaxGridSize) {
    return Result<Grid>::failure({{"n", "expected a grid size from 2 to " + std::to_string(kMaxGridSize)}});
  }
  GridPass pass;
  pass.start(net_, config_.features, window(), n, 0);
  pass.run(pass.cell_count());
  return Result<Grid>::success(pass.output());
}

Result<std::vector<std::vector<Grid>>> Trainer::unit_grids(int n) const {
  using R = Result<std::vector<std::vector<Grid>>>;
  if (n < 2 || n > kMaxGridSize) {
    return R::failure({{"n", "expected a grid size from 2 to " + std::to_string(kMaxGridSize)}});
  }
  GridPass pass;
  pass.start(net_, config_.features, window(), n, kMaxUnits);
  pass.run(pass.cell_count());
  return R::success(std::move(pass.units()));
}

std::string Trainer::model_json() const { return write_model_json(net_); }

FieldErrors Trainer::load_model_json(const std::string& text) {
  Result<Network<double>> model = read_model_json(text);
  if (!model.ok()) return model.errors;
  const NetworkShape want = config_.network_shape();
  const NetworkShape got = model.value->shape();
  bool same = want.inputs == got.inputs && want.loss == got.loss && want.layers.size() == got.layers.size();
  for (size_t l = 0; same && l < want.layers.size(); ++l) {
    same = want.layers[l].units == got.layers[l].units && want.layers[l].activation == got.layers[l].activation;
  }
  if (!same) {
    return {{"model", "expected the config's network: " + std::to_string(want.inputs) + " inputs (one per feature), " +
                          std::to_string(want.layers.size()) + " layers with the config's units, activations and loss " +
                          loss_name(want.loss)}};
  }
  net_ = model.value->cast<float>();
  net_.leaky_slope = float(config_.leaky_slope);
  optimizer_.reset(net_);
  set_divergence_bound();
  metrics_dirty_ = true;
  return {};
}

}  // namespace bpl
