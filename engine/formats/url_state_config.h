#pragma once
// A link's config fields (the TrainConfig keys) against each other: they apply
// over the config in the defaults; the ones the engine's reader rejects are
// dropped, with a warning naming the default used, until the rest applies
// cleanly; and a regression dataset with a classification loss keeps the
// dataset and takes the dataset picker's pairing (preselect_for_dataset).
// Internal to the url_state*.cpp files.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/formats/url_state.h"
#include "engine/training/train_config.h"

namespace bpl::url {

struct Decoder {
  const nlohmann::json& defaults;
  TrainConfig base;          // the config in `defaults`: what the link's config fields apply over
  nlohmann::json base_json;  // config_to_json(base), for the defaults named in warnings
  UrlStateResult result;

  // A field left out: the reason, then the default the page falls back to (url_state.cpp).
  void warn(const std::string& field, const std::string& reason);
};

struct Candidate {
  std::string field;
  nlohmann::json value;
  std::string message;  // why it is dropped, once it is
};

// The config in `defaults`; the built-in one if that is not a valid config.
TrainConfig config_in(const nlohmann::json& defaults);

// The candidates over d.base: the kept ones go into d.result.state, the dropped
// ones into its warnings; returns the config they make.
TrainConfig resolve_config(std::vector<Candidate> candidates, Decoder& d);

}  // namespace bpl::url
