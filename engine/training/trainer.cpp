// Trainer, part 1: configuration, stepping, divergence, metrics.
// (Inspection — parameters, traces, grids, model JSON — is in trainer_inspect.cpp.)
#include "engine/training/trainer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>

#include "engine/core/input_limits.h"
#include "engine/training/features.h"
#include "engine/mlp/initializer.h"
#include "engine/mlp/regularization.h"

namespace bpl {

namespace {
constexpr int kEvalChunk = 1024;  // rows per forward when evaluating whole sets or grids
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool same_structure(const TrainConfig& a, const TrainConfig& b) {
  return a.dataset == b.dataset && a.samples == b.samples && a.noise == b.noise &&
         a.train_fraction == b.train_fraction && a.features == b.features && a.hidden == b.hidden &&
         a.activation == b.activation && a.leaky_slope == b.leaky_slope &&
         a.output_activation == b.output_activation && a.loss == b.loss && a.init == b.init &&
         a.seed == b.seed;
}
}  // namespace

const char* train_status_name(TrainStatus status) {
  return status == TrainStatus::ok ? "ok" : "diverged";
}

Trainer::Trainer() { configure(TrainConfig{}); }

FieldErrors Trainer::configure(const TrainConfig& config) {
  FieldErrors errors = validate(config);
  if (!errors.empty()) return errors;
  // Added points stay while the data settings do (a new network keeps a learner's clicks).
  if (!same_data(config.dataset_settings(), config_.dataset_settings())) added_points_.clear();
  config_ = config;
  dataset_ = make_dataset(config_.dataset_settings());
  dataset_.train.insert(dataset_.train.end(), added_points_.begin(), added_points_.end());
  rebuild_data_matrices();
  reset();
  return {};
}

FieldErrors Trainer::apply_json(const nlohmann::json& json) {
  TrainConfig updated = config_;
  FieldErrors errors = apply_config_json(json, updated);
  if (!errors.empty()) return errors;
  return update(updated);
}

FieldErrors Trainer::update(const TrainConfig& config, bool* reset) {
  if (!same_structure(config, config_)) {
    if (reset) *reset = true;
    return configure(config);
  }
  FieldErrors errors = validate(config);
  if (!errors.empty()) return errors;
  if (reset) *reset = false;
  const bool batch_changed = config.batch_size != config_.batch_size;
  config_ = config;
  optimizer_.set_settings(config_.optimizer_settings(), net_);
  if (batch_changed) {
    cursor_ = batch_start_;  // drop the partly accumulated batch; its points come again
    size_buffers();
  }
  metrics_dirty_ = true;
  return {};
}

void Trainer::reset() {
  net_ = make_network<float>(config_.network_shape());
  initialize(net_, config_.init, config_.seed);
  optimizer_ = Optimizer<float>(config_.optimizer_settings(), net_);
  shuffle_rng_ = Rng(config_.seed, RngStream::shuffle);
  grads_ = zero_gradients(net_);
  last_grads_ = zero_gradients(net_);
  status_ = TrainStatus::ok;
  status_message_.clear();
  epoch_ = 0;
  samples_seen_ = 0;
  updates_ = 0;
  size_buffers();
  start_epoch();
  set_divergence_bound();
  metrics_dirty_ = true;
}

void Trainer::rebuild_data_matrices() {
  const int classes = config_.loss == Loss::softmax_ce ? 2 : 0;  // one-hot targets for softmax_ce
  train_x_ = feature_matrix<float>(config_.features, dataset_.train);
  train_t_ = target_matrix<float>(dataset_.train, classes);
  test_x_ = feature_matrix<float>(config_.features, dataset_.test);
  test_t_ = target_matrix<float>(dataset_.test, classes);
}

// The batch buffers and workspace hold one batch: B = min(batchSize, training points).
void Trainer::size_buffers() {
  const int batch = std::max(1, std::min(config_.batch_size, int(train_x_.rows())));
  // Every dimension is compared: a new loss can change the target width alone
  // (bce: 1 column, softmax_ce: one-hot), with the feature count unchanged.
  if (batch_x_.rows() < batch || batch_x_.cols() != train_x_.cols() || batch_t_.rows() < batch ||
      batch_t_.cols() != train_t_.cols()) {
    batch_x_.resize(batch, train_x_.cols());
    batch_t_.resize(batch, train_t_.cols());
  }
  workspace_.reserve(net_, batch);
}

void Trainer::start_epoch() {
  order_.resize(train_x_.rows());
  for (int i = 0; i < int(order_.size()); ++i) order_[i] = i;
  shuffle_rng_.shuffle(order_);
  cursor_ = 0;
  batch_start_ = 0;
}

int Trainer::batch_end() const {
  return std::min(batch_start_ + config_.batch_size, int(order_.size()));
}

std::vector<int> Trainer::current_batch() const {
  return std::vector<int>(order_.begin() + batch_start_, order_.begin() + batch_end());
}

// Gathers the next `count` points, adds (1/B_batch)·Σ ∂ℓ/∂θ to grads_, and updates when the
// batch is complete: per-sample steps and a whole-batch step give the same gradient.
void Trainer::process(int count) {
  const int end = batch_end();
  count = std::min(count, end - cursor_);
  if (count <= 0) return;
  for (int k = 0; k < count; ++k) {
    batch_x_.row(k) = train_x_.row(order_[cursor_ + k]);
    batch_t_.row(k) = train_t_.row(order_[cursor_ + k]);
  }
  const float scale = 1.0f / float(end - batch_start_);
  const bool accumulate = cursor_ > batch_start_;
  if (!accumulate) batch_loss_sum_ = 0.0;
  batch_loss_sum_ += backprop(net_, batch_x_.data(), int(batch_x_.cols()), batch_t_.data(),
                              int(batch_t_.cols()), count, workspace_, grads_, {scale, accumulate});
  cursor_ += count;
  samples_seen_ += count;
  metrics_dirty_ = true;
  if (cursor_ == end) apply_update();
}

void Trainer::apply_update() {
  const double batch_loss = batch_loss_sum_ / double(cursor_ - batch_start_);
  if (!std::isfinite(batch_loss)) {
    diverge(std::string("the loss became ") + (std::isnan(batch_loss) ? "NaN" : "infinite"));
    return;
  }
  if (batch_loss > divergence_bound_) {
    char numbers[96];
    std::snprintf(numbers, sizeof numbers, "%.6g, more than %g times its start (bound %.6g)", batch_loss,
                  kDivergenceFactor, divergence_bound_);
    diverge(std::string("the loss grew to ") + numbers);
    return;
  }
  add_regularization_gradient(net_, config_.regularization_settings(), grads_);
  optimizer_.step(net_, grads_);
  ++updates_;
  std::swap(grads_, last_grads_);
  if (!all_finite(net_)) {
    diverge("a weight became NaN or infinite");
    return;
  }
  batch_start_ = cursor_;
  if (cursor_ == int(order_.size())) {
    ++epoch_;
    start_epoch();
  }
}

void Trainer::diverge(const std::string& what) {
  status_ = TrainStatus::diverged;
  char lr[32];
  std::snprintf(lr, sizeof lr, "%g", config_.learning_rate);
  status_message_ = "training diverged: " + what + " in epoch " + std::to_string(epoch_ + 1) +
                    " after " + std::to_string(updates_) + " updates; lower the learning rate (now " +
                    lr + ") and reset";
  metrics_dirty_ = true;
}

StepResult Trainer::step_sample() {
  if (!can_step()) return {status_, false};
  const long long before = updates_;
  process(1);
  return {status_, updates_ != before};
}

StepResult Trainer::step_batch() {
  if (!can_step()) return {status_, false};
  const long long before = updates_;
  process(batch_end() - cursor_);
  return {status_, updates_ != before};
}

StepResult Trainer::step_epoch() {
  const int epoch = epoch_;
  const long long before = updates_;
  while (status_ == TrainStatus::ok && epoch_ == epoch) step_batch();
  return {status_, updates_ != before};
}

const Metrics& Trainer::metrics() const {
  if (metrics_dirty_) compute_metrics();
  return metrics_;
}

TrainStatus Trainer::check_divergence() {
  const Metrics& m = metrics();
  if (status_ == TrainStatus::ok && m.status != TrainStatus::ok) {
    status_ = m.status;
    status_message_ = m.message;
  }
  return status_;
}

// Without a pass over the data: what metrics() last found still counts.
bool Trainer::can_step() {
  if (metrics_current()) check_divergence();
  return status_ == TrainStatus::ok;
}

void Trainer::compute_metrics() const {
  metrics_dirty_ = false;
  Metrics m;
  m.status = status_;
  m.message = status_message_;
  m.epoch = epoch_;
  m.samples_seen = samples_seen_;
  m.updates = updates_;
  m.has_test = test_x_.rows() > 0;
  m.has_accuracy = is_classification(config_.dataset);
  if (status_ != TrainStatus::ok) {
    m.train_loss = m.test_loss = m.train_accuracy = m.test_accuracy = kNaN;
    metrics_ = m;
    return;
  }
  evaluate_set(train_x_, train_t_, m.train_loss, m.train_accuracy);
  if (m.has_test) evaluate_set(test_x_, test_t_, m.test_loss, m.test_accuracy);
  if (!std::isfinite(m.train_loss) || (m.has_test && !std::isfinite(m.test_loss))) {
    // Weights still finite but the loss over a whole set overflows: the same
    // failure, which check_divergence() makes the trainer's status.
    m.status = TrainStatus::diverged;
    m.message = "training diverged: the loss over the data set is not finite; lower the learning rate and reset";
    m.train_loss = m.test_loss = m.train_accuracy = m.test_accuracy = kNaN;
  }
  if (!m.has_accuracy) m.train_accuracy = m.test_accuracy = 0.0;
  metrics_ = m;
}

// Mean loss and accuracy over a whole set, in chunks. A prediction is right when
// argmax (softmax) or [o ≥ 0.5] (one output) matches the 0/1 target.
void Trainer::evaluate_set(const Matrix<float>& x, const Matrix<float>& t, double& loss, double& accuracy) const {
  const int rows = int(x.rows());
  double loss_sum = 0.0;
  long long correct = 0;
  eval_workspace_.reserve(net_, std::min(std::max(rows, 1), kEvalChunk));
  for (int first = 0; first < rows; first += kEvalChunk) {
    const int count = std::min(kEvalChunk, rows - first);
    loss_sum += evaluate_loss_sum(net_, x.row(first).data(), int(x.cols()), t.row(first).data(), int(t.cols()),
                                  count, eval_workspace_);
    const Matrix<float>& out = eval_workspace_.a.back();
    for (int r = 0; r < count; ++r) {
      const int predicted = out.cols() > 1 ? (out(r, 1) > out(r, 0) ? 1 : 0) : (out(r, 0) >= 0.5f ? 1 : 0);
      const int actual = t.cols() > 1 ? (t(first + r, 1) > t(first + r, 0) ? 1 : 0) : (t(first + r, 0) >= 0.5f ? 1 : 0);
      correct += predicted == actual;
    }
  }
  loss = rows > 0 ? loss_sum / rows : 0.0;
  accuracy = rows > 0 ? double(correct) / rows : 0.0;
}

// The divergence bound: kDivergenceFactor × the larger of the loss at the start
// (after init, a model load or an edit) and the loss of predicting all zeros
// (logits 0 for bce and softmax_ce: ln 2 and ln K; output 0 for the squared
// errors: ½·mean Σt² or mean t²). With a step size that suits the problem, the
// loss stays near or below both; a batch loss 1000× above them only comes from a
// step that overshoots more each time (loss 0.72 → 635,039 at lr 10⁶), long before
// the numbers overflow.
void Trainer::set_divergence_bound() {
  double start_loss = 0.0, accuracy = 0.0;
  evaluate_set(train_x_, train_t_, start_loss, accuracy);
  double zero_prediction = 0.0;
  const int outputs = net_.outputs();
  switch (config_.loss) {
    case Loss::bce: zero_prediction = std::log(2.0); break;
    case Loss::softmax_ce: zero_prediction = std::log(double(outputs)); break;
    case Loss::half_mse:
    case Loss::mse: {
      double sum = 0.0;
      for (int r = 0; r < train_t_.rows(); ++r) {
        for (int k = 0; k < train_t_.cols(); ++k) sum += double(train_t_(r, k)) * train_t_(r, k);
      }
      const double per_sample = train_t_.rows() > 0 ? sum / double(train_t_.rows()) : 0.0;
      zero_prediction = config_.loss == Loss::half_mse ? 0.5 * per_sample : per_sample / outputs;
      break;
    }
  }
  // The floor keeps the bound meaningful when targets are all 0 and the start is exact.
  const double reference = std::max({std::isfinite(start_loss) ? start_loss : 0.0, zero_prediction, 1e-3});
  divergence_bound_ = kDivergenceFactor * reference;
}

namespace {
FieldErrors point_errors(const Point& p, DatasetKind kind, const std::string& prefix) {
  FieldErrors errors;
  auto coordinate = [&](const char* name, double v) {
    if (!std::isfinite(v) || std::abs(v) > kMaxPointCoordinate) errors.push_back({prefix + name, "expected a finite number"});
  };
  coordinate("x1", p.x1);
  coordinate("x2", p.x2);
  if (const std::optional<const char*> why = label_error(kind, p.label)) errors.push_back({prefix + "label", *why});
  return errors;
}

}  // namespace

FieldErrors Trainer::add_point(double x1, double x2, double label, bool to_test) {
  const Point point{x1, x2, label};
  FieldErrors errors = point_errors(point, config_.dataset, "");
  if (!to_test && added_points_.size() >= kMaxAddedPoints) {
    errors.push_back({"points", "at most " + std::to_string(kMaxAddedPoints) +
                                    " added points (engine/core/input_limits.h); Regenerate starts over"});
  }
  if (!errors.empty()) return errors;
  (to_test ? dataset_.test : dataset_.train).push_back(point);
  if (!to_test) added_points_.push_back(point);
  rebuild_data_matrices();
  if (!to_test) {
    order_.push_back(int(train_x_.rows()) - 1);  // visited later in this epoch
    size_buffers();
  }
  metrics_dirty_ = true;
  return {};
}

FieldErrors Trainer::set_added_points(const std::vector<Point>& points) {
  FieldErrors errors;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const FieldErrors e = point_errors(points[i], config_.dataset, "points[" + std::to_string(i) + "].");
    errors.insert(errors.end(), e.begin(), e.end());
  }
  if (!errors.empty() || points == added_points_) return errors;
  dataset_ = make_dataset(config_.dataset_settings());
  dataset_.train.insert(dataset_.train.end(), points.begin(), points.end());
  added_points_ = points;
  rebuild_data_matrices();
  reset();
  return {};
}

}  // namespace bpl
