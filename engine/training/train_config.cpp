// Section index: derived settings · validate(). The JSON rows: config_fields.cpp.
#include "engine/training/train_config.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>

#include "engine/core/count_text.h"
#include "engine/training/config_fields.h"

namespace bpl {


// ---------------------------------------------------------------- derived settings

NetworkShape TrainConfig::network_shape() const {
  NetworkShape shape;
  shape.inputs = int(features.size());
  for (int units : hidden) shape.layers.push_back({units, activation});
  shape.layers.push_back({loss == Loss::softmax_ce ? 2 : 1, output_activation});
  shape.loss = loss;
  shape.leaky_slope = leaky_slope;
  return shape;
}

OptimizerSettings TrainConfig::optimizer_settings() const {
  return {optimizer, learning_rate, momentum, beta1, beta2, epsilon};
}

RegularizationSettings TrainConfig::regularization_settings() const {
  return {regularization, regularization_rate};
}

DatasetSettings TrainConfig::dataset_settings() const {
  return {dataset, samples, noise, train_fraction, seed};
}

long long parameter_count(const TrainConfig& config) { return config.network_shape().parameter_count(); }

// ---------------------------------------------------------------- validate()

namespace {

// The size caps of train_config.h, one error each, naming the field a learner
// would change. Only when the shape itself is valid.
void check_size_caps(const TrainConfig& c, int points, int training_points, FieldErrors& errors) {
  const long long parameters = parameter_count(c);
  if (parameters > kMaxParameters) {
    errors.push_back({"hidden", "the network would have " + count_text(parameters) + " parameters; at most " +
                                    count_text(kMaxParameters) + ": use fewer or narrower hidden layers"});
    return;
  }
  if (parameters * points > kMaxParameterPoints) {
    errors.push_back({c.samples > 0 ? "samples" : "hidden",
                      count_text(points) + " data points × " + count_text(parameters) + " parameters is " +
                          count_text(parameters * points) + "; at most " + count_text(kMaxParameterPoints) +
                          " (one pass over the data for the loss): use fewer points (samples) or a smaller network"});
    return;
  }
  const long long batch = std::min(c.batch_size, std::max(training_points, 1));
  if (parameters * batch > kMaxBatchParameters) {
    errors.push_back({"batchSize", "a batch of " + count_text(batch) + " points × " + count_text(parameters) +
                                       " parameters is " + count_text(parameters * batch) + "; at most " +
                                       count_text(kMaxBatchParameters) +
                                       " (the derivation traces a batch in double precision): use a smaller batch "
                                       "or a smaller network"});
  }
}

}  // namespace

// The rules between fields; each field's own type and range are its row's
// (config_fields.cpp), checked once by field_errors().
FieldErrors validate_combination(const TrainConfig& c) {
  FieldErrors errors;
  const int total = c.samples > 0 && c.dataset != DatasetKind::xor4 ? c.samples : default_samples(c.dataset);
  if (training_point_count(c.dataset_settings()) < 1) {
    errors.push_back({"trainFraction", "leaves no training points; expected a larger fraction of the " +
                                           std::to_string(total) + " points"});
  }
  if (auto mismatch = output_activation_mismatch(c.loss, c.output_activation)) {
    errors.push_back({"outputActivation", *mismatch});
  }
  if ((c.loss == Loss::bce || c.loss == Loss::softmax_ce) && !is_classification(c.dataset)) {
    errors.push_back({"loss", std::string("dataset \"") + dataset_name(c.dataset) +
                                  "\" is regression (targets in [-1, 1]); expected \"mse\" or \"half_mse\""});
  }
  if (errors.empty()) check_size_caps(c, total, int(std::floor(total * c.train_fraction)), errors);
  return errors;
}

FieldErrors validate(const TrainConfig& c) {
  FieldErrors errors = field_errors(c);
  // The rules between fields read these; an error in another field does not hide them.
  const bool combinable = std::none_of(errors.begin(), errors.end(), [](const FieldError& e) {
    for (const char* field : {"dataset", "samples", "trainFraction", "features", "hidden", "outputActivation", "loss",
                              "batchSize", "seed"})
      if (e.field.rfind(field, 0) == 0) return true;
    return false;
  });
  if (combinable) {
    const FieldErrors between = validate_combination(c);
    errors.insert(errors.end(), between.begin(), between.end());
  }
  return errors;
}

void preselect_for_dataset(TrainConfig& config) {
  if (is_classification(config.dataset)) {
    if (config.loss == Loss::half_mse || config.loss == Loss::mse) {
      config.loss = Loss::bce;
      config.output_activation = Activation::sigmoid;
    }
  } else {
    config.loss = Loss::half_mse;
    config.output_activation = Activation::tanh;
  }
  // The seed's four points are its whole example: a test split would train on two of them.
  if (config.dataset == DatasetKind::xor4) config.train_fraction = 1.0;
}

}  // namespace bpl
