// Section index: the key table · encoding · reading values · checking fields ·
// the config (cross-field rules) · decoding.
#include "engine/formats/url_state.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

#include "engine/mlp/model_json.h"
#include "engine/training/train_config.h"
#include "engine/formats/origin.h"
#include "engine/formats/url_state_checks.h"
#include "engine/formats/url_state_text.h"
#include "engine/formats/url_state_weights.h"

namespace bpl {

using json = nlohmann::json;

namespace {

// ---------------------------------------------------------------- the key table

enum class Kind { name, text, number, boolean, number_list, name_list, point, weights };

struct KeySpec {
  const char* url;    // the key in the link
  const char* field;  // the state field; "descent.start" = state["descent"]["start"]
  Kind kind;
};

// The order of the links this writes; the table in url_state.h.
const KeySpec kKeys[] = {
    {"demo", "demo", Kind::name},
    {"dataset", "dataset", Kind::name},
    {"samples", "samples", Kind::number},
    {"noise", "noise", Kind::number},
    {"train", "trainFraction", Kind::number},
    {"features", "features", Kind::name_list},
    {"hidden", "hidden", Kind::number_list},
    {"activation", "activation", Kind::name},
    {"slope", "leakySlope", Kind::number},
    {"output", "outputActivation", Kind::name},
    {"loss", "loss", Kind::name},
    {"optimizer", "optimizer", Kind::name},
    {"lr", "learningRate", Kind::number},
    {"momentum", "momentum", Kind::number},
    {"beta1", "beta1", Kind::number},
    {"beta2", "beta2", Kind::number},
    {"eps", "epsilon", Kind::number},
    {"batch", "batchSize", Kind::number},
    {"reg", "regularization", Kind::name},
    {"regRate", "regularizationRate", Kind::number},
    {"init", "init", Kind::name},
    {"seed", "seed", Kind::number},
    {"epochs", "epochs", Kind::number},
    {"selected", "selected", Kind::text},
    {"sample", "derivationSample", Kind::number},
    {"lens", "gradientLens", Kind::boolean},
    {"log", "logScale", Kind::boolean},
    {"discretize", "discretize", Kind::boolean},
    {"test", "showTestPoints", Kind::boolean},
    {"expr", "expression", Kind::text},
    {"point", "point", Kind::point},
    {"d.opt", "descent.optimizer", Kind::name},
    {"d.lr", "descent.learningRate", Kind::number},
    {"d.steps", "descent.steps", Kind::number},
    {"d.momentum", "descent.momentum", Kind::number},
    {"d.start", "descent.start", Kind::point},
    {"embed", "embed", Kind::boolean},
    {"panels", "panels", Kind::name_list},
    {"hide", "hide", Kind::name_list},
    {"theme", "theme", Kind::name},
    {"autoplay", "autoplay", Kind::boolean},
    {"origin", "origin", Kind::text},
    {"w", "weights", Kind::weights},
};
constexpr int kKeyCount = int(sizeof kKeys / sizeof kKeys[0]);

int find_key(std::string_view key) {
  for (int k = 0; k < kKeyCount; ++k)
    if (key == kKeys[k].url || key == kKeys[k].field) return k;
  return -1;
}

bool is_config_field(const std::string& field) {
  static const json keys = config_to_json(TrainConfig{});
  return keys.contains(field);
}

const json* find_path(const json& root, std::string_view path) {
  if (!root.is_object()) return nullptr;
  const std::size_t dot = path.find('.');
  const auto it = root.find(std::string(path.substr(0, dot)));
  if (it == root.end()) return nullptr;
  return dot == std::string_view::npos ? &*it : find_path(*it, path.substr(dot + 1));
}

void set_path(json& root, std::string_view path, json value) {
  const std::size_t dot = path.find('.');
  json& child = root[std::string(path.substr(0, dot))];
  if (dot == std::string_view::npos) {
    child = std::move(value);
    return;
  }
  if (!child.is_object()) child = json::object();
  set_path(child, path.substr(dot + 1), std::move(value));
}

std::string dump_safely(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

// ---------------------------------------------------------------- encoding

std::optional<std::string> encode_item(const json& item, bool in_list) {
  if (item.is_string()) return url::percent_encode(item.get<std::string>(), in_list);
  return url::format_number(item);
}

std::optional<std::string> encode_value(const KeySpec& spec, const json& v) {
  switch (spec.kind) {
    case Kind::name:
    case Kind::text:
      if (!v.is_string()) return std::nullopt;
      return url::percent_encode(v.get<std::string>());
    case Kind::number:
      return url::format_number(v);
    case Kind::boolean:
      if (!v.is_boolean()) return std::nullopt;
      return std::string(v.get<bool>() ? "1" : "0");
    case Kind::number_list:
    case Kind::name_list: {
      if (!v.is_array()) return std::nullopt;
      std::string out;
      for (std::size_t i = 0; i < v.size(); ++i) {
        const std::optional<std::string> item = encode_item(v[i], true);
        if (!item) return std::nullopt;
        out += (i == 0 ? "" : ",") + *item;
      }
      return out;
    }
    case Kind::point: {
      const json* x = find_path(v, "x");
      const json* y = find_path(v, "y");
      if (!x || !y) return std::nullopt;
      const std::optional<std::string> xs = url::format_number(*x), ys = url::format_number(*y);
      if (!xs || !ys) return std::nullopt;
      return *xs + "," + *ys;
    }
    case Kind::weights:
      return url::encode_weights(v);
  }
  return std::nullopt;
}

// ---------------------------------------------------------------- reading values

struct Read {
  std::optional<json> value;
  std::string error;  // when no value: what was expected
};

Read text_value(std::string_view raw) {
  std::optional<std::string> text = url::percent_decode(raw);
  if (!text) return {std::nullopt, "malformed percent-escape in \"" + url::printable(raw) + "\"; expected %XX with two hex digits"};
  if (!url::is_valid_utf8(*text)) return {std::nullopt, "not valid UTF-8 text after percent-decoding"};
  return {json(std::move(*text)), ""};
}

// A number; for config fields, text that is not one goes on as a string so
// that the config reader says which numbers it takes.
Read number_value(std::string_view raw, bool pass_text_on) {
  Read text = text_value(raw);
  if (!text.value) return text;
  const std::string& s = text.value->get_ref<const std::string&>();
  if (std::optional<json> n = url::parse_number(s)) return {std::move(n), ""};
  if (pass_text_on) return text;
  return {std::nullopt, "expected a number, got \"" + url::printable(s) + "\""};
}

Read read_point(std::string_view raw) {
  const std::vector<std::string_view> parts = url::split(raw, ',');
  const std::string expected = "expected x,y (two finite numbers, e.g. 1,-0.5), got \"" + url::printable(raw) + "\"";
  if (parts.size() != 2) return {std::nullopt, expected};
  json point = json::object();
  const char* const names[] = {"x", "y"};
  for (int k = 0; k < 2; ++k) {
    const Read n = number_value(parts[std::size_t(k)], false);
    if (!n.value || !std::isfinite(n.value->get<double>())) return {std::nullopt, expected};
    point[names[k]] = *n.value;
  }
  return {std::move(point), ""};
}

Read read_value(const KeySpec& spec, std::string_view raw, bool has_value) {
  if (!has_value) {
    if (spec.kind == Kind::boolean) return {json(true), ""};
    return {std::nullopt, std::string("no value; expected ") + spec.url + "=…"};
  }
  switch (spec.kind) {
    case Kind::name:
    case Kind::text:
      return text_value(raw);
    case Kind::number:
      return number_value(raw, is_config_field(spec.field));
    case Kind::boolean:
      if (raw == "1" || raw == "true") return {json(true), ""};
      if (raw == "0" || raw == "false") return {json(false), ""};
      return {std::nullopt, "expected 1 or 0 (true or false), got \"" + url::printable(raw) + "\""};
    case Kind::number_list:
    case Kind::name_list: {
      json items = json::array();
      if (raw.empty()) return {std::move(items), ""};
      const std::vector<std::string_view> parts = url::split(raw, ',');
      if (parts.size() > std::size_t(kMaxUrlListItems)) {  // also keeps the config reader's pairwise checks small
        return {std::nullopt, "expected at most " + std::to_string(kMaxUrlListItems) + " comma-separated items, got " +
                                  std::to_string(parts.size())};
      }
      for (std::string_view part : parts) {
        Read item = spec.kind == Kind::number_list ? number_value(part, true) : text_value(part);
        if (!item.value) return item;
        items.push_back(std::move(*item.value));
      }
      return {std::move(items), ""};
    }
    case Kind::point:
      return read_point(raw);
    case Kind::weights: {
      const Read text = text_value(raw);
      if (!text.value) return text;
      url::DecodedWeights decoded = url::decode_weights(text.value->get_ref<const std::string&>());
      if (!decoded.network) return {std::nullopt, decoded.error};
      return {model_to_json(*decoded.network), ""};
    }
  }
  return {std::nullopt, "unreadable"};
}

// ---------------------------------------------------------------- decoding

struct Decoder {
  const json& defaults;
  TrainConfig base;           // the config in `defaults`: what the link's config fields apply over
  json base_json;             // config_to_json(base), for the defaults named in warnings
  UrlStateResult result;

  void warn(const std::string& field, const std::string& reason) {
    const json* fallback = find_path(defaults, field);
    if (!fallback && is_config_field(field)) fallback = find_path(base_json, field);
    std::string message = reason + "; using the default";
    if (fallback) message += " " + url::printable(dump_safely(*fallback), 60);
    result.warnings.push_back({field, std::move(message)});
  }
};

TrainConfig config_in(const json& defaults) {
  const json keys = config_to_json(TrainConfig{});
  json patch = json::object();
  for (auto it = keys.begin(); it != keys.end(); ++it) {
    if (const json* given = find_path(defaults, it.key())) patch[it.key()] = *given;
  }
  TrainConfig config;
  if (!apply_config_json(patch, config).empty()) config = TrainConfig{};  // all or nothing: stays the built-in one
  return config;
}

struct Candidate {
  std::string field;
  json value;
  std::string message;  // why it is dropped, once it is
};

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

// origin= fails closed: a value that cannot be read answers no parent ("none"), never any parent.
void read_origin(const Read& read, Decoder& d) {
  Result<std::string> origin = read.value ? normalise_origin(read.value->get_ref<const std::string&>())
                                          : Result<std::string>::failure({{"origin", read.error}});
  if (!origin.ok()) {
    d.result.warnings.push_back({"origin", origin.errors.front().message +
                                               "; so postMessage is answered by no parent (origin=none) until the link gives a valid one"});
  }
  d.result.state["origin"] = origin.ok() ? *origin.value : std::string("none");
}

}  // namespace

FieldError url_hash_too_long(std::size_t length) {
  const std::optional<FieldError> e = over_cap("", "the link's state", length, kMaxUrlHashLength, "this page");
  return e ? FieldError{e->field, e->message + "; using the defaults"}
           : FieldError{"", "the link's state is too long; using the defaults"};
}

std::string encode_url_state(const json& state, const json& defaults) {
  std::string out = "v=" + std::to_string(kUrlStateVersion);
  for (const KeySpec& spec : kKeys) {
    const json* value = find_path(state, spec.field);
    if (!value) continue;
    const json* fallback = find_path(defaults, spec.field);
    if (fallback && *fallback == *value) continue;
    const std::optional<std::string> text = encode_value(spec, *value);
    if (!text) continue;
    const std::size_t added = 2 + std::char_traits<char>::length(spec.url) + text->size();
    if (out.size() + added + 1 > kMaxUrlHashLength) continue;  // + 1: the '#'
    out += std::string("&") + spec.url + "=" + *text;
  }
  return out;
}

UrlStateResult decode_url_state(std::string_view hash, const json& defaults) {
  Decoder d{defaults, config_in(defaults), json(), {}};
  d.base_json = config_to_json(d.base);
  if (hash.size() > kMaxUrlHashLength) {
    d.result.warnings.push_back(url_hash_too_long(hash.size()));
    return d.result;
  }
  if (!hash.empty() && hash[0] == '#') hash.remove_prefix(1);

  // The last occurrence of each key wins.
  struct Raw { std::string_view value; bool has_value = false; bool seen = false; };
  std::vector<Raw> raws(kKeyCount);
  int pairs = 0;
  for (std::string_view pair : url::split(hash, '&')) {
    if (pair.empty()) continue;
    if (++pairs > kMaxUrlKeys) {
      d.result.warnings.push_back({"", "more than " + std::to_string(kMaxUrlKeys) + " key=value pairs; the rest are ignored"});
      break;
    }
    const std::size_t eq = pair.find('=');
    const std::optional<std::string> key = url::percent_decode(pair.substr(0, eq));
    const std::string_view value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    if (key && *key == "v") {
      if (value != "1") {
        d.result.warnings.push_back({"v", "unknown link version \"" + url::printable(value) + "\"; this page reads version " +
                                              std::to_string(kUrlStateVersion) + ", so the rest is read as that"});
      }
      continue;
    }
    const int k = key ? find_key(*key) : -1;
    if (k < 0) {
      d.result.warnings.push_back({url::printable(key ? *key : pair.substr(0, eq)),
                                   "unknown key; ignored (the keys are listed in engine/formats/url_state.h)"});
      continue;
    }
    if (raws[std::size_t(k)].seen) d.result.warnings.push_back({kKeys[k].field, "given twice; the last one is used"});
    raws[std::size_t(k)] = {value, eq != std::string_view::npos, true};
  }

  std::vector<Candidate> config_fields;
  std::vector<std::pair<std::string, json>> other_fields;
  for (int k = 0; k < kKeyCount; ++k) {
    if (!raws[std::size_t(k)].seen) continue;
    const KeySpec& spec = kKeys[k];
    Read read = read_value(spec, raws[std::size_t(k)].value, raws[std::size_t(k)].has_value);
    if (spec.kind == Kind::text && std::string_view(spec.field) == "origin") read_origin(read, d);
    else if (!read.value) d.warn(spec.field, read.error);
    else if (is_config_field(spec.field)) config_fields.push_back({spec.field, std::move(*read.value), ""});
    else other_fields.emplace_back(spec.field, std::move(*read.value));
  }
  const TrainConfig config = resolve_config(std::move(config_fields), d);
  for (auto& [field, value] : other_fields) {
    if (const std::optional<std::string> problem = url::check_state_field(field, value, config)) {
      d.warn(field, *problem);
    } else {
      set_path(d.result.state, field, std::move(value));
    }
  }
  return d.result;
}

}  // namespace bpl
