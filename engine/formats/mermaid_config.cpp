#include "engine/formats/mermaid_config.h"

#include <iterator>
#include <string>

#include "engine/formats/mermaid_network.h"

namespace bpl {

namespace {

// The order the diagram's inputs take the features in.
const Feature kFeatureOrder[] = {Feature::x1, Feature::x2, Feature::x1_squared, Feature::x2_squared,
                                 Feature::x1_times_x2, Feature::sin_x1, Feature::sin_x2};

}  // namespace

Result<TrainConfig> config_from_mermaid(std::string_view text, const TrainConfig& current) {
  const MermaidImport parsed = parse_mermaid_network(text);
  FieldErrors errors;
  if (!parsed.ok()) {
    for (const MermaidError& e : parsed.errors)
      errors.push_back({"line " + std::to_string(e.line) + ", column " + std::to_string(e.column), e.message});
    return Result<TrainConfig>::failure(errors);
  }
  const MermaidNetwork& net = *parsed.value;
  if (net.inputs < 1 || net.inputs > int(std::size(kFeatureOrder)))
    errors.push_back({"inputs", "the diagram has " + std::to_string(net.inputs) + " inputs; BackpropLens has 1 to 7 (x1, x2, x1², …)"});
  if (net.outputs != 1 && !(net.outputs == 2 && current.loss == Loss::softmax_ce))
    errors.push_back({"outputs", "the diagram has " + std::to_string(net.outputs) + " outputs; use 1 (or 2 with softmax_ce)"});
  if (!errors.empty()) return Result<TrainConfig>::failure(errors);
  TrainConfig config = current;
  if (int(config.features.size()) != net.inputs)
    config.features.assign(std::begin(kFeatureOrder), std::begin(kFeatureOrder) + net.inputs);
  config.hidden = net.hidden;
  return Result<TrainConfig>::success(config);
}

}  // namespace bpl
