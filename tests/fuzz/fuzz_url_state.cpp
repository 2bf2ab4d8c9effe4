// libFuzzer target: any bytes as a URL hash → decode_url_state; check that what
// it keeps is valid, and that encoding what it keeps reads back the same.
// A failed invariant aborts with a message.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/training/train_config.h"
#include "engine/formats/origin.h"
#include "engine/formats/url_state.h"

using json = nlohmann::json;
using namespace bpl;

namespace {

void require(bool condition, const char* what) {
  if (condition) return;
  std::fprintf(stderr, "invariant failed: %s\n", what);
  std::abort();
}

// What a page might start from: the built-in config, a few view and embed fields.
json page_defaults() {
  json d = config_to_json(TrainConfig{});
  d["demo"] = "network";
  d["selected"] = "";
  d["expression"] = "x*y";
  d["point"] = {{"x", 1}, {"y", 2}};
  d["descent"] = {{"optimizer", "gd"}, {"learningRate", 0.1}, {"steps", 50}, {"momentum", 0.9},
                  {"start", {{"x", 1}, {"y", 1}}}};
  d["embed"] = false;
  d["theme"] = "light";
  return d;
}

bool is_config_key(const std::string& key) {
  static const json keys = config_to_json(TrainConfig{});
  return keys.contains(key);
}

void check(std::string_view hash, const json& defaults) {
  const UrlStateResult decoded = decode_url_state(hash, defaults);
  require(decoded.state.is_object(), "state is an object");
  // The size cap (README "Input limits"): past it the whole hash is ignored with one warning.
  bool refused_for_length = false;
  for (const FieldError& w : decoded.warnings) refused_for_length = refused_for_length || w.message.find("bytes, more than the 64 KiB") != std::string::npos;
  require(refused_for_length == (hash.size() > kMaxUrlHashLength), "refused for its length exactly when over the cap");
  if (refused_for_length) require(decoded.state.empty() && decoded.warnings.size() == 1, "an over-cap hash applies nothing");
  // origin= fails closed: a warning about it leaves "none", never "" (any parent).
  for (const FieldError& w : decoded.warnings) {
    if (w.field == "origin") require(decoded.state.value("origin", "") == "none", "a malformed origin answers no one");
  }
  if (decoded.state.contains("origin")) {
    const Result<std::string> again = normalise_origin(decoded.state["origin"].get<std::string>());
    require(again.ok() && *again.value == decoded.state["origin"], "a kept origin is already normalised");
  }
  // Strict dumps abort on invalid UTF-8: everything decoded must be printable by the page.
  (void)decoded.state.dump();
  for (const FieldError& w : decoded.warnings) {
    (void)json(w.field).dump();
    (void)json(w.message).dump();
    require(!w.message.empty(), "a warning says what was expected");
  }

  // The config fields apply over the defaults' config as they are.
  TrainConfig config;
  json config_part = json::object();
  for (auto it = decoded.state.begin(); it != decoded.state.end(); ++it) {
    if (is_config_key(it.key())) config_part[it.key()] = it.value();
  }
  json defaults_config = json::object();
  for (auto it = defaults.begin(); it != defaults.end(); ++it) {
    if (is_config_key(it.key())) defaults_config[it.key()] = it.value();
  }
  require(apply_config_json(defaults_config, config).empty(), "the test's defaults are valid");
  require(apply_config_json(config_part, config).empty(), "decoded config fields apply cleanly");

  // decode(encode(decode(x).state)).state == decode(x).state
  const UrlStateResult again = decode_url_state(encode_url_state(decoded.state), defaults);
  require(again.warnings.empty(), "a link written from a decoded state reads without warnings");
  require(again.state == decoded.state, "decode(encode(state)) == state");

  // With the defaults left out of the link, the same state over the defaults.
  const UrlStateResult shorter = decode_url_state(encode_url_state(decoded.state, defaults), defaults);
  require(shorter.warnings.empty(), "a short link reads without warnings");
  json merged = defaults, merged_again = defaults;
  merged.merge_patch(decoded.state);
  merged_again.merge_patch(shorter.state);
  require(merged == merged_again, "defaults + decode(encode(state, defaults)) == defaults + state");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const json defaults = page_defaults();
  const std::string_view hash(reinterpret_cast<const char*>(data), size);
  check(hash, json::object());
  check(hash, defaults);
  return 0;
}
