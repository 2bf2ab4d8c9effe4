#pragma once
// The URL state's fields that are not TrainConfig keys (those go through
// apply_config_json): demo, selected, derivationSample, expression, descent.*,
// embed options, weights. Internal to the url_state*.cpp files.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/training/train_config.h"

namespace bpl::url {

// What is wrong with `value` for the state field `field` (e.g. "descent.steps"),
// or nullopt when it is valid. `config` is the one the decoded link describes:
// "selected" must name one of its parameters and "weights" must fit its network.
// `value` has the type the link's syntax gives the field (a string, a number,
// a boolean, an array, {x, y}, or a MODEL.json object).
std::optional<std::string> check_state_field(const std::string& field, const nlohmann::json& value,
                                             const TrainConfig& config);

}  // namespace bpl::url
