#pragma once
// A mermaid `graph LR` network drawing as a TrainConfig (importMermaid, the
// Import dialog). The diagram gives the network's shape; everything else comes
// from the current config:
//   inputs   1 to 7: the features become the first n of x1, x2, x1², x2², x1·x2,
//            sin x1, sin x2 (kept as they are when their count is already n)
//   hidden   the diagram's hidden layers, unit counts in order
//   outputs  1, or 2 with the softmax_ce loss (the loss is the config's)
// Refused with the text's line and column (a parse error, mermaid_network.h)
// or by field ("inputs", "outputs"). The result is not validated here:
// Trainer::update() validates whatever config it is given.
#include <string_view>

#include "engine/core/result.h"
#include "engine/training/train_config.h"

namespace bpl {

Result<TrainConfig> config_from_mermaid(std::string_view text, const TrainConfig& current);

}  // namespace bpl
