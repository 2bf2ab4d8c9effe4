#pragma once
// The one object the UI drives: a config, its dataset, a float network trained
// through the SIMD kernels, the optimizer state and the progress through the
// current epoch. Single-threaded; every call returns quickly for UI-sized nets.
//
// Steps follow TF Playground: an epoch visits the training points in an order
// shuffled by the seed; every batch_size points (or the epoch's last, smaller
// batch) make one optimizer update with the batch-mean gradient. step_sample()
// adds one point's gradient to the current batch (updating when the batch is
// complete), step_batch() finishes the current batch, step_epoch() the epoch.
//
// Divergence: when the loss or a parameter becomes NaN/Inf, or a batch's loss
// grows past kDivergenceFactor × its reference (set_divergence_bound() in
// trainer.cpp: the start loss or the all-zero prediction's, whichever is larger),
// the trainer stops, status() is TrainStatus::diverged with a message, and
// further steps do nothing until reset() or configure(). The loss over a whole
// set can overflow too; metrics() finds that and check_divergence() stops.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/mlp/backprop.h"
#include "engine/training/dataset.h"
#include "engine/training/grid_pass.h"
#include "engine/mlp/gradcheck.h"
#include "engine/mlp/network.h"
#include "engine/mlp/optimizer.h"
#include "engine/core/result.h"
#include "engine/mlp/step_trace.h"
#include "engine/training/train_config.h"

namespace bpl {

enum class TrainStatus { ok, diverged };
const char* train_status_name(TrainStatus status);  // "ok" | "diverged"

struct Metrics {
  TrainStatus status = TrainStatus::ok;
  std::string message;           // why it diverged; empty when ok
  int epoch = 0;                 // completed epochs
  long long samples_seen = 0;    // training points whose gradient was used
  long long updates = 0;         // optimizer steps
  // Only meaningful when status == ok (NaN otherwise; never show them then).
  double train_loss = 0.0;       // batch-mean data loss over the whole training set
  double test_loss = 0.0;        // same over the test set; 0 if has_test is false
  bool has_test = false;         // the test set is not empty
  bool has_accuracy = false;     // classification dataset
  double train_accuracy = 0.0;   // fraction in [0, 1]
  double test_accuracy = 0.0;
};

struct StepResult {
  TrainStatus status = TrainStatus::ok;
  bool updated = false;  // an optimizer step happened
};

struct ParameterInfo {
  std::string id;        // "w1" / "W2[0][1]" / "b1[0]" (engine/mlp/parameter_names.h)
  ParameterRef ref;
  double value = 0.0;
  double gradient = 0.0;  // ∂J/∂θ of the last completed batch (0 before any)
};

inline constexpr double kDivergenceFactor = 1000.0;

class Trainer {
 public:
  Trainer();  // TrainConfig{} (the seed's XOR net), reset

  // Validates; on errors nothing changes. Otherwise rebuilds data and network.
  FieldErrors configure(const TrainConfig& config);
  // Keys present in a setState-style JSON object over the current config (all or nothing).
  FieldErrors apply_json(const nlohmann::json& json);
  // Hyperparameters only (learning rate, optimizer settings, regularization,
  // batch size, epochs) keep the weights and optimizer state (a new batch size
  // restarts the current, partly accumulated batch); anything else rebuilds
  // like configure(). Returns the errors, or {} with *reset telling which happened.
  FieldErrors update(const TrainConfig& config, bool* reset = nullptr);
  const TrainConfig& config() const { return config_; }

  // Initial weights from the seed (same seed ⇒ same weights), optimizer state
  // and progress cleared, status ok. The dataset stays, added points included.
  void reset();

  StepResult step_sample();
  StepResult step_batch();
  StepResult step_epoch();
  // The training points of the current batch, in the epoch's order (those already
  // stepped and those to come).
  std::vector<int> current_batch() const;

  TrainStatus status() const { return status_; }
  // Computed lazily after a change (a pass over the data), and only read: when
  // the loss over a set is not finite, the metrics say diverged, and
  // check_divergence() makes that the trainer's status.
  const Metrics& metrics() const;
  bool metrics_current() const { return !metrics_dirty_; }  // metrics() would not make that pass
  // Evaluates the metrics (a pass over the data when they are stale) and stops
  // training when they found the loss over a set not finite (every weight
  // finite, the forward pass overflowing): status() becomes diverged with their
  // message. Every step first applies metrics already computed the same way.
  TrainStatus check_divergence();
  // Progress without that pass: completed epochs, and the fraction of the current one stepped.
  int epoch() const { return epoch_; }
  long long samples_seen() const { return samples_seen_; }
  double epoch_progress() const { return order_.empty() ? 0.0 : double(cursor_) / double(order_.size()); }

  const Dataset& dataset() const { return dataset_; }
  // Appends a point (label 0/1 for classification, in [−2, 2] for regression).
  FieldErrors add_point(double x1, double x2, double label, bool to_test);
  // The training points add_point appended since the data was last generated (the
  // page's state `points`); configure() keeps them while the data settings stay.
  const std::vector<Point>& added_points() const { return added_points_; }
  // Makes `points` the added training points: the data is generated again with them
  // appended and the weights reset (the data changed); nothing changes if they are the
  // ones already added. Errors name points[i].x1 / .x2 / .label; then nothing changes.
  FieldErrors set_added_points(const std::vector<Point>& points);
  InputWindow window() const { return input_window(config_.dataset); }

  const Network<float>& network() const { return net_; }
  std::vector<ParameterInfo> parameters() const;
  // `count` of them from index `first`, in the same order (fewer at the end).
  std::vector<ParameterInfo> parameters(int first, int count) const;
  Result<double> get_parameter(const std::string& id) const;
  FieldErrors set_parameter(const std::string& id, double value);

  // Forward/backward in double on the current weights, no update:
  // one training point (index into dataset().train), or the current batch.
  Result<StepTrace<double>> trace_sample(int train_index) const;
  StepTrace<double> trace_batch() const;
  // Central difference vs backprop for one parameter on the current batch.
  Result<GradCheck> gradient_check(const std::string& id) const;

  // Network output over the window: sigmoid/linear outputs as they are,
  // softmax: P(class 1). For the decision-boundary heatmap.
  Result<Grid> predict_grid(int n) const;
  // a⁽ˡ⁾_j over the window for every layer l = 1..L and unit j:
  // result[l−1][j] is a Grid.
  Result<std::vector<std::vector<Grid>>> unit_grids(int n) const;

  // MODEL.json of the current network; load one of the same shape as the config.
  std::string model_json() const;
  FieldErrors load_model_json(const std::string& text);

 private:
  void rebuild_data_matrices();
  void size_buffers();
  void start_epoch();
  int batch_end() const;
  void process(int count);  // the next `count` points of the current batch
  void apply_update();
  void diverge(const std::string& what);
  void compute_metrics() const;
  void evaluate_set(const Matrix<float>& x, const Matrix<float>& t, double& loss, double& accuracy) const;
  void set_divergence_bound();  // after the weights change by anything but training
  bool can_step();

  TrainConfig config_;
  Dataset dataset_;
  std::vector<Point> added_points_;  // the tail of dataset_.train that add_point appended
  Matrix<float> train_x_, train_t_, test_x_, test_t_;  // features / targets of dataset_
  Network<float> net_;
  Optimizer<float> optimizer_;
  Rng shuffle_rng_{1};
  std::vector<int> order_;   // training indices in this epoch's order
  int cursor_ = 0;           // position in order_ of the next point
  int batch_start_ = 0;      // position in order_ where the current batch began
  Matrix<float> batch_x_, batch_t_;  // the gathered batch rows
  Workspace<float> workspace_;
  Gradients<float> grads_;       // the current batch's accumulating gradient
  Gradients<float> last_grads_;  // the last applied batch's gradient
  double batch_loss_sum_ = 0.0;
  double divergence_bound_ = 0.0;  // a batch loss above it stops training
  TrainStatus status_ = TrainStatus::ok;
  std::string status_message_;
  int epoch_ = 0;
  long long samples_seen_ = 0;
  long long updates_ = 0;
  mutable Metrics metrics_;
  mutable bool metrics_dirty_ = true;
  mutable Workspace<float> eval_workspace_;  // metrics, in chunks
};

}  // namespace bpl
