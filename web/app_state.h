#pragma once
// The page's whole state as one JSON object: getState()/setState() in the JS
// API; links carry the same fields. Every key, its type and range, and the rules
// between keys are the engine's state table (engine/formats/state_schema.h);
// this only moves values between the page and that table's PageState.
#include <nlohmann/json.hpp>

#include "engine/core/result.h"

namespace bpl::web {

struct App;

nlohmann::json get_state(App& app);
// All or nothing: every bad field is reported and nothing changes if there is one.
FieldErrors set_state(App& app, const nlohmann::json& partial);

}  // namespace bpl::web
