// `bp train --config CONFIG.json [--save-model OUT.json]`: trains the config's
// network (engine/train_config.h) and prints one JSON line per epoch:
//   {"epoch": 1, "train_loss": …, "test_loss": …, "accuracy": …, "train_accuracy": …}
// test_loss only with a test set; accuracy (on the test set, else the training
// set) and train_accuracy only for classification datasets. If training
// diverges the last line is {"epoch": e, "status": "diverged", "message": …},
// stderr says why, no model is saved and the exit code is 1.
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include "engine/cli/commands.h"
#include "engine/trainer.h"

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

}  // namespace

int run_train(const TrainOptions& options, std::ostream& out, std::ostream& err) {
  std::ifstream in(options.config_path, std::ios::binary);
  if (!in) {
    err << "error: --config: cannot read file \"" << options.config_path << "\"; expected a readable JSON file\n";
    return 2;
  }
  std::ostringstream text;
  text << in.rdbuf();
  TrainConfig config;
  const FieldErrors errors = apply_config_json(text.str(), config);
  if (!errors.empty()) {
    err << "error: " << to_string(errors.front());
    if (errors.size() > 1) err << " (and " << errors.size() - 1 << " more)";
    err << "\n";
    return 2;
  }

  Trainer trainer;
  trainer.configure(config);  // valid: apply_config_json validated it
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
