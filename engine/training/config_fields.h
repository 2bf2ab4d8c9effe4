#pragma once
// The TrainConfig part of the state schema: one row per config key, with its
// link key, how a link spells it, and its one reader. A row's reader checks the
// type and the range of its field and is that field's only validator: validate()
// (train_config.h) runs every row over a config's own values, then the rules
// between fields. The page's other fields and the link codec build on these
// rows (engine/formats/state_schema.h).
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/core/result.h"
#include "engine/training/train_config.h"

namespace bpl {

// How a link spells a value (engine/formats/url_state.h).
enum class FieldSyntax { name, text, number, boolean, number_list, name_list, point, point_list, weights };

struct ConfigField {
  const char* name;    // the JSON key (getState, setState, bp train --config)
  const char* url;     // the link key
  FieldSyntax syntax;
  // Reads `value` into its field of `config`; on a wrong type or range, appends
  // errors naming the field and leaves the config unchanged.
  void (*read)(const nlohmann::json& value, TrainConfig& config, FieldErrors& errors);
  nlohmann::json (*write)(const TrainConfig& config);
};

// In the order of the table in train_config.h.
const std::vector<ConfigField>& config_fields();
const ConfigField* find_config_field(const std::string& name);

// Every config key's own errors (type and range), without the rules between fields.
FieldErrors field_errors(const TrainConfig& config);

}  // namespace bpl
