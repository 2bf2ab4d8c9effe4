#pragma once
// The page's whole state as one JSON object: getState()/setState() in the JS
// API, and (with the embedding issue) the URL hash. Keys:
//   demo                       "network" | "expression"
//   every TrainConfig key      (engine/training/train_config.h: dataset, hidden, activation, ..., seed)
//   selected                   parameter id, "" for none
//   derivationSample           index of the training sample the derivation uses
//   gradientLens, logScale, discretize, showTestPoints    view options (booleans)
//   expression, point, descent the f(x,y) demo (web/expression_demo.h)
//   embed, panels, hide, theme, autoplay, origin   embed mode (web/embed.h)
#include <nlohmann/json.hpp>

#include "engine/core/result.h"

namespace bpl::web {

struct App;

nlohmann::json get_state(App& app);
// All or nothing: every bad field is reported and nothing changes if there is one.
FieldErrors set_state(App& app, const nlohmann::json& partial);

}  // namespace bpl::web
