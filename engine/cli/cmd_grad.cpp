// `bp grad --model MODEL.json --data DATA.json`: the batch-mean loss and ∂L/∂θ
// of every parameter, in double precision, as JSON:
//   {"loss": L, "gradients": [{"weights": [[...]], "biases": [...]}, ...]}
// one entry per layer, shaped like MODEL.json's layers (weights[j][i]).
// Exit codes: 0 ok; 1 the result is not finite (stderr names the first NaN/Inf
// in the order computed; the JSON shows it as null); 2 bad input.
#include <nlohmann/json.hpp>
#include <ostream>

#include "engine/mlp/backprop.h"
#include "engine/cli/commands.h"
#include "engine/cli/cli_io.h"
#include "engine/cli/non_finite.h"
#include "engine/mlp/model_json.h"
#include "engine/mlp/sample_data_json.h"

namespace bpl::cli {

namespace {

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
  if (!read_input_file(options.model_path, "--model", model_text, err)) return 2;
  if (!read_input_file(options.data_path, "--data", data_text, err)) return 2;
  const Result<Network<double>> model = read_model_json(model_text);
  if (!model.ok()) return report_errors(model.errors, err);
  const Result<SampleData> data = read_sample_data_json(data_text, *model.value);
  if (!data.ok()) return report_errors(data.errors, err);

  Gradients<double> grads;
  const double loss = mean_loss_and_gradients(*model.value, data.value->x, data.value->targets, grads);
  const nlohmann::ordered_json result = {{"loss", loss}, {"gradients", gradients_json(grads)}};
  out << result.dump(2) << "\n";  // non-finite numbers print as null
  if (const auto where = first_non_finite(*model.value, data.value->x, data.value->targets)) {
    err << "error: result: not finite: the first non-finite value is " << *where
        << " (the numbers overflowed double precision)\n";
    return 1;
  }
  return 0;
}

}  // namespace bpl::cli
