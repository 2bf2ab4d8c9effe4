// `bp train --config CONFIG.json [--model MODEL.json] [--save-model OUT.json]`:
// trains the config's network (engine/training/train_config.h) and prints one JSON line per epoch:
//   {"epoch": 1, "train_loss": …, "test_loss": …, "accuracy": …, "train_accuracy": …}
// test_loss only with a test set; accuracy (on the test set, else the training
// set) and train_accuracy only for classification datasets. If training
// diverges the last line is {"epoch": e, "status": "diverged", "message": …},
// stderr says why, no model is saved and the exit code is 1.
//
// --model starts from given weights: MODEL.json defines the network (hidden units,
// activations, loss, leakySlope, and the input count, which must match the
// features), CONFIG.json everything else. A key given in both must agree.
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>

#include "engine/cli/cli_io.h"
#include "engine/cli/commands.h"
#include "engine/mlp/model_json.h"
#include "engine/training/trainer.h"

namespace bpl::cli {

namespace {

nlohmann::ordered_json epoch_line(const Metrics& m) {
  nlohmann::ordered_json line = {{"epoch", m.epoch}};
  if (m.status != TrainStatus::ok) {
    line["status"] = train_status_name(m.status);
    line["message"] = m.message;
    return line;
  }
  line["train_loss"] = m.train_loss;
  if (m.has_test) line["test_loss"] = m.test_loss;
  if (m.has_accuracy) {
    line["accuracy"] = m.has_test ? m.test_accuracy : m.train_accuracy;
    line["train_accuracy"] = m.train_accuracy;
  }
  return line;
}

// The config keys a model fixes, as TrainConfig JSON; an error when the model
// has a shape that no config can describe (hidden layers with different activations).
Result<nlohmann::json> model_config_keys(const Network<double>& model) {
  nlohmann::json keys;
  nlohmann::json hidden = nlohmann::json::array();
  const int depth = model.depth();
  for (int l = 1; l < depth; ++l) {
    hidden.push_back(model.units(l));
    const Activation act = model.layers[l - 1].activation;
    if (act != model.layers[0].activation) {
      return Result<nlohmann::json>::failure(
          {{"layers[" + std::to_string(l - 1) + "].activation",
            std::string("bp train needs one activation for every hidden layer; layers[0] has \"") +
                activation_name(model.layers[0].activation) + "\", this one \"" + activation_name(act) + "\""}});
    }
  }
  keys["hidden"] = hidden;
  if (depth > 1) keys["activation"] = activation_name(model.layers[0].activation);
  keys["outputActivation"] = activation_name(model.layers.back().activation);
  keys["loss"] = loss_name(model.loss);
  keys["leakySlope"] = double(model.leaky_slope);
  return Result<nlohmann::json>::success(keys);
}

// CONFIG.json with the model's keys laid over it; a config key that says otherwise is an error.
FieldErrors config_with_model(const nlohmann::json& config_json, const Network<double>& model, TrainConfig& config) {
  const Result<nlohmann::json> keys = model_config_keys(model);
  if (!keys.ok()) return keys.errors;
  FieldErrors errors;
  for (const auto& [key, value] : keys.value->items()) {
    if (config_json.contains(key) && config_json[key] != value) {
      errors.push_back({key, "the config says " + config_json[key].dump() + " but --model has " + value.dump() +
                                 "; leave it out of the config or make them agree"});
    }
  }
  if (!errors.empty()) return errors;
  nlohmann::json merged = config_json;
  merged.update(*keys.value);
  errors = apply_config_json(merged, config);
  if (!errors.empty()) return errors;
  if (int(config.features.size()) != model.inputs) {
    return {{"features", "the config has " + std::to_string(config.features.size()) + " features but --model has " +
                             std::to_string(model.inputs) + " inputs; list one feature per input"}};
  }
  return {};
}

FieldErrors read_config(const TrainOptions& options, TrainConfig& config, std::string& model_text, std::ostream& err,
                        bool& read_failed) {
  std::string config_text;
  read_failed = !read_input_file(options.config_path, "--config", config_text, err) ||
                (!options.model_path.empty() && !read_input_file(options.model_path, "--model", model_text, err));
  if (read_failed) return {};
  if (options.model_path.empty()) return apply_config_json(config_text, config);
  const nlohmann::json config_json = nlohmann::json::parse(config_text, nullptr, false);
  if (config_json.is_discarded() || !config_json.is_object()) {
    return apply_config_json(config_text, config);  // its message has the line and column
  }
  const Result<Network<double>> model = read_model_json(model_text);
  if (!model.ok()) {
    FieldErrors errors = model.errors;
    for (FieldError& e : errors) e.field = "--model: " + e.field;
    return errors;
  }
  return config_with_model(config_json, *model.value, config);
}

}  // namespace

int run_train(const TrainOptions& options, std::ostream& out, std::ostream& err) {
  TrainConfig config;
  std::string model_text;
  bool read_failed = false;
  const FieldErrors errors = read_config(options, config, model_text, err, read_failed);
  if (read_failed) return 2;
  if (!errors.empty()) return report_errors(errors, err);

  Trainer trainer;
  trainer.configure(config);  // valid: apply_config_json validated it
  if (!model_text.empty()) {
    const FieldErrors load_errors = trainer.load_model_json(model_text);  // same shape: checked above
    if (!load_errors.empty()) return report_errors(load_errors, err);
  }
  for (int epoch = 0; epoch < config.epochs; ++epoch) {
    trainer.step_epoch();
    const Metrics& m = trainer.metrics();
    out << epoch_line(m).dump() << "\n";
    if (m.status != TrainStatus::ok) {
      err << "error: " << m.message << "\n";
      return 1;
    }
  }
  if (!options.save_model_path.empty()) {
    std::ofstream model(options.save_model_path, std::ios::binary);
    if (!(model << trainer.model_json())) {
      err << "error: --save-model: cannot write file \"" << options.save_model_path << "\"\n";
      return 2;
    }
  }
  return 0;
}

}  // namespace bpl::cli
