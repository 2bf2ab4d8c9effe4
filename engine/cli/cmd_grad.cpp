// `bp grad --model MODEL.json --data DATA.json`: the batch-mean loss and ∂L/∂θ
// of every parameter, in double precision, as JSON:
//   {"loss": L, "gradients": [{"weights": [[...]], "biases": [...]}, ...]}
// one entry per layer, shaped like MODEL.json's layers (weights[j][i]).
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include "engine/backprop.h"
#include "engine/cli/commands.h"
#include "engine/model_json.h"
#include "engine/sample_data_json.h"

namespace bpl::cli {

namespace {

bool read_file(const std::string& path, const char* option, std::string& text, std::ostream& err) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    err << "error: " << option << ": cannot read file \"" << path << "\"; expected a readable JSON file\n";
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  text = buffer.str();
  return true;
}

// The first error, on one line (all of them are in the FieldErrors).
int report(const FieldErrors& errors, std::ostream& err) {
  err << "error: " << to_string(errors.front());
  if (errors.size() > 1) err << " (and " << errors.size() - 1 << " more)";
  err << "\n";
  return 2;
}

nlohmann::ordered_json gradients_json(const Gradients<double>& grads) {
  nlohmann::ordered_json layers = nlohmann::ordered_json::array();
  for (size_t l = 0; l < grads.weights.size(); ++l) {
    nlohmann::ordered_json weights = nlohmann::ordered_json::array();
    for (int j = 0; j < grads.weights[l].rows(); ++j) {
      nlohmann::ordered_json row = nlohmann::ordered_json::array();
      for (int i = 0; i < grads.weights[l].cols(); ++i) row.push_back(grads.weights[l](j, i));
      weights.push_back(std::move(row));
    }
    nlohmann::ordered_json biases = nlohmann::ordered_json::array();
    for (int j = 0; j < grads.biases[l].size(); ++j) biases.push_back(grads.biases[l](j));
    layers.push_back({{"weights", std::move(weights)}, {"biases", std::move(biases)}});
  }
  return layers;
}

}  // namespace

int run_grad(const GradOptions& options, std::ostream& out, std::ostream& err) {
  std::string model_text, data_text;
  if (!read_file(options.model_path, "--model", model_text, err)) return 2;
  if (!read_file(options.data_path, "--data", data_text, err)) return 2;
  const Result<Network<double>> model = read_model_json(model_text);
  if (!model.ok()) return report(model.errors, err);
  const Result<SampleData> data = read_sample_data_json(data_text, *model.value);
  if (!data.ok()) return report(data.errors, err);

  Gradients<double> grads;
  const double loss = mean_loss_and_gradients(*model.value, data.value->x, data.value->targets, grads);
  const nlohmann::ordered_json result = {{"loss", loss}, {"gradients", gradients_json(grads)}};
  out << result.dump(2) << "\n";
  return 0;
}

}  // namespace bpl::cli
