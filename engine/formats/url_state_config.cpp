// The link's config fields against each other (engine/formats/url_state_config.h).
#include "engine/formats/url_state_config.h"

#include <algorithm>
#include <optional>

#include "engine/formats/url_state_text.h"

namespace bpl::url {

using json = nlohmann::json;

namespace {

// "hidden[1]" → "hidden".
std::string top_field(const std::string& field) { return field.substr(0, field.find('[')); }

// A string the config reader was given for a number: show the text, not "got string".
std::string with_text(std::string message, const json& value) {
  const std::string suffix = ", got string";
  if (value.is_string() && message.size() >= suffix.size() &&
      message.compare(message.size() - suffix.size(), suffix.size(), suffix) == 0) {
    message.replace(message.size() - suffix.size(), suffix.size(), ", got \"" + url::printable(value.get<std::string>()) + "\"");
  }
  return message;
}

Candidate* find_candidate(std::vector<Candidate>& candidates, const char* field) {
  for (Candidate& c : candidates)
    if (c.field == field) return &c;
  return nullptr;
}

// The link's dataset wins over a loss that cannot train on it (bce on "plane"):
// loss and outputActivation take the pairing the page's dataset picker makes
// (preselect_for_dataset), so the valid dataset is not lost with the pairing.
void pair_loss_with_dataset(std::vector<Candidate>& candidates, Decoder& d) {
  Candidate* dataset = find_candidate(candidates, "dataset");
  if (!dataset || !dataset->value.is_string()) return;
  const std::optional<DatasetKind> kind = dataset_from_name(dataset->value.get_ref<const std::string&>());
  if (!kind || is_classification(*kind)) return;
  Candidate* loss = find_candidate(candidates, "loss");
  std::optional<Loss> named;
  if (loss && loss->value.is_string()) named = loss_from_name(loss->value.get_ref<const std::string&>());
  const Loss effective = named.value_or(d.base.loss);
  if (effective != Loss::bce && effective != Loss::softmax_ce) return;
  TrainConfig paired = d.base;
  paired.dataset = *kind;
  preselect_for_dataset(paired);
  const std::string pairing = std::string("using \"") + loss_name(paired.loss) + "\" with the output \"" +
                              activation_name(paired.output_activation) + "\", the page's pairing for a regression dataset";
  if (loss) {
    TrainConfig scratch;
    const FieldErrors unreadable = apply_config_json(json{{"loss", loss->value}}, scratch);
    const std::string why = named ? std::string("\"") + loss_name(*named) + "\" cannot train on the regression dataset \"" +
                                        dataset_name(*kind) + "\" (targets in [-1, 1])"
                                  : unreadable.empty() ? std::string("unreadable") : unreadable.front().message;
    d.result.warnings.push_back({"loss", why + "; " + pairing});
  }
  if (loss) loss->value = loss_name(paired.loss);
  else candidates.push_back({"loss", loss_name(paired.loss), ""});
  Candidate* output = find_candidate(candidates, "outputActivation");
  if (output) {
    TrainConfig with_output = paired;
    const FieldErrors errors = apply_config_json(json{{"outputActivation", output->value}}, with_output);
    if (errors.empty()) return;  // the link's output fits the paired loss
    d.result.warnings.push_back({"outputActivation", errors.front().message + "; " + pairing});
    output->value = activation_name(paired.output_activation);
  } else {
    candidates.push_back({"outputActivation", activation_name(paired.output_activation), ""});
  }
}

}  // namespace

TrainConfig config_in(const json& defaults) {
  const json keys = config_to_json(TrainConfig{});
  json patch = json::object();
  for (auto it = keys.begin(); it != keys.end(); ++it) {
    if (defaults.is_object() && defaults.contains(it.key())) patch[it.key()] = defaults[it.key()];  // config keys have no '.' 
  }
  TrainConfig config;
  if (!apply_config_json(patch, config).empty()) config = TrainConfig{};  // all or nothing: stays the built-in one
  return config;
}

// Applies the link's config fields over the defaults' config, dropping the ones
// the engine's reader rejects until the rest applies cleanly. Each round drops
// at least one field, so this ends.
TrainConfig resolve_config(std::vector<Candidate> candidates, Decoder& d) {
  pair_loss_with_dataset(candidates, d);
  while (true) {
    json patch = json::object();
    for (const Candidate& c : candidates) patch[c.field] = c.value;
    TrainConfig config = d.base;
    const FieldErrors errors = apply_config_json(patch, config);
    if (errors.empty()) {
      for (Candidate& c : candidates) d.result.state[c.field] = std::move(c.value);
      return config;
    }
    std::vector<bool> drop(candidates.size(), false);
    auto mark = [&](std::size_t k, const std::string& message) {
      Candidate& c = candidates[k];
      if (drop[k]) return;  // one reason per field is enough to act on
      c.message = with_text(message, c.value);
      drop[k] = true;
    };
    for (const FieldError& e : errors) {
      for (std::size_t k = 0; k < candidates.size(); ++k) {
        if (candidates[k].field == top_field(e.field)) {
          mark(k, e.field == candidates[k].field ? e.message : e.field + ": " + e.message);
        }
      }
    }
    const auto none_dropped = [&] { return std::count(drop.begin(), drop.end(), true) == 0; };
    if (none_dropped()) {
      // The error names a field the link leaves at its default: drop the fields that fail alone.
      for (std::size_t j = 0; j < candidates.size(); ++j) {
        TrainConfig alone = d.base;
        const FieldErrors alone_errors = apply_config_json(json{{candidates[j].field, candidates[j].value}}, alone);
        if (alone_errors.empty()) continue;
        const FieldError& e = alone_errors.front();
        mark(j, top_field(e.field) == candidates[j].field ? e.message : "conflicts with " + e.field + ": " + e.message);
      }
    }
    if (candidates.empty()) return d.base;  // config_in() made base valid, so this is never reached
    if (none_dropped()) mark(candidates.size() - 1, to_string(errors.front()));
    std::vector<Candidate> kept;
    for (std::size_t k = 0; k < candidates.size(); ++k) {
      if (drop[k]) d.warn(candidates[k].field, candidates[k].message);
      else kept.push_back(std::move(candidates[k]));
    }
    candidates = std::move(kept);
  }
}


}  // namespace bpl::url
