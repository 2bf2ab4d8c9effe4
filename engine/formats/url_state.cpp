// Section index: paths · encoding · reading values · decoding. The keys, their
// readers and the rules between fields are the state table's (state_schema.h).
#include "engine/formats/url_state.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

#include "engine/mlp/model_json.h"
#include "engine/core/json_text.h"
#include "engine/formats/state_schema.h"
#include "engine/formats/url_state_text.h"
#include "engine/formats/url_state_weights.h"

namespace bpl {

using json = nlohmann::json;

namespace {

// ---------------------------------------------------------------- paths

using Kind = FieldSyntax;

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

// ---------------------------------------------------------------- encoding

std::optional<std::string> encode_item(const json& item, bool in_list) {
  if (item.is_string()) return url::percent_encode(item.get<std::string>(), in_list);
  return url::format_number(item);
}

std::optional<std::string> encode_value(const StateField& spec, const json& v) {
  switch (spec.syntax) {
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
    case Kind::point_list: {
      if (!v.is_array()) return std::nullopt;
      std::string out;
      for (const json& p : v) {
        const json *x1 = find_path(p, "x1"), *x2 = find_path(p, "x2"), *label = find_path(p, "label");
        if (!x1 || !x2 || !label) return std::nullopt;
        std::string item;
        for (const json* n : {x1, x2, label}) {
          // Whole numbers without ".0": a label is 1, not 1.0.
          const bool whole = n->is_number_float() && std::abs(n->get<double>()) < 1e15 &&
                             n->get<double>() == std::floor(n->get<double>());
          const std::optional<std::string> text =
              url::format_number(whole ? json(static_cast<long long>(n->get<double>())) : *n);
          if (!text) return std::nullopt;
          item += (item.empty() ? "" : ",") + *text;
        }
        out += (out.empty() ? "" : ";") + item;
      }
      return out;
    }
    case Kind::weights:
      return url::encode_weights(v);
  }
  return std::nullopt;
}

// ---------------------------------------------------------------- reading values

struct Read {
  std::optional<json> value;
  std::string error;  // when no value: what was expected; with a value: what was left out of it
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

// x1,x2,label;…: a point that is not three numbers is left out (said in `error`), the others kept.
Read read_point_list(std::string_view raw) {
  json points = json::array();
  if (raw.empty()) return {std::move(points), ""};
  const std::vector<std::string_view> items = url::split(raw, ';');
  if (items.size() > kMaxAddedPoints) {
    return {std::nullopt, std::to_string(items.size()) + " points, more than the " + std::to_string(kMaxAddedPoints) +
                              " a page keeps (engine/core/input_limits.h)"};
  }
  std::string left_out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::vector<std::string_view> parts = url::split(items[i], ',');
    json point = json::object();
    const char* const names[] = {"x1", "x2", "label"};
    for (std::size_t k = 0; parts.size() == 3 && k < 3; ++k) {
      const Read n = number_value(parts[k], false);
      if (n.value && std::isfinite(n.value->get<double>())) point[names[k]] = *n.value;
    }
    if (point.size() == 3) points.push_back(std::move(point));
    else if (left_out.empty()) left_out = "point " + std::to_string(i + 1) + " \"" + url::printable(items[i], 40) + "\"";
    else left_out += ", " + std::to_string(i + 1);
  }
  if (left_out.empty()) return {std::move(points), ""};
  return {std::move(points), left_out + ": expected x1,x2,label (three finite numbers, e.g. 1.5,-2,1); left out, the " +
                                 std::to_string(points.size()) + " others kept"};
}

Read read_value(const StateField& spec, std::string_view raw, bool has_value) {
  if (!has_value) {
    if (spec.syntax == Kind::boolean) return {json(true), ""};
    return {std::nullopt, std::string("no value; expected ") + spec.url + "=…"};
  }
  switch (spec.syntax) {
    case Kind::name:
    case Kind::text:
      return text_value(raw);
    case Kind::number:
      return number_value(raw, true);
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
        Read item = spec.syntax == Kind::number_list ? number_value(part, true) : text_value(part);
        if (!item.value) return item;
        items.push_back(std::move(*item.value));
      }
      return {std::move(items), ""};
    }
    case Kind::point:
      return read_point(raw);
    case Kind::point_list:
      return read_point_list(raw);
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

}  // namespace

FieldError url_hash_too_long(std::size_t length) {
  const std::optional<FieldError> e = over_cap("", "the link's state", length, kMaxUrlHashLength, "this page");
  return e ? FieldError{e->field, e->message + "; using the defaults"}
           : FieldError{"", "the link's state is too long; using the defaults"};
}

std::string encode_url_state(const json& state, const json& defaults) {
  std::string out = "v=" + std::to_string(kUrlStateVersion);
  for (const StateField& spec : state_fields()) {
    const json* value = find_path(state, spec.name);
    if (!value) continue;
    const json* fallback = find_path(defaults, spec.name);
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
  UrlStateResult result;
  if (hash.size() > kMaxUrlHashLength) {
    result.warnings.push_back(url_hash_too_long(hash.size()));
    return result;
  }
  if (!hash.empty() && hash[0] == '#') hash.remove_prefix(1);
  PageState state = state_from_json(defaults);

  // The last occurrence of each key wins.
  const std::vector<StateField>& fields = state_fields();
  struct Raw { std::string_view value; bool has_value = false; bool seen = false; };
  std::vector<Raw> raws(fields.size());
  int pairs = 0;
  for (std::string_view pair : url::split(hash, '&')) {
    if (pair.empty()) continue;
    if (++pairs > kMaxUrlKeys) {
      result.warnings.push_back({"", "more than " + std::to_string(kMaxUrlKeys) + " key=value pairs; the rest are ignored"});
      break;
    }
    const std::size_t eq = pair.find('=');
    const std::optional<std::string> key = url::percent_decode(pair.substr(0, eq));
    const std::string_view value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    if (key && *key == "v") {
      if (value != "1") {
        result.warnings.push_back({"v", "unknown link version \"" + url::printable(value) + "\"; this page reads version " +
                                            std::to_string(kUrlStateVersion) + ", so the rest is read as that"});
      }
      continue;
    }
    const StateField* field = key ? find_state_field(*key, true) : nullptr;
    if (!field) {
      result.warnings.push_back({url::printable(key ? *key : pair.substr(0, eq)),
                                 "unknown key; ignored (the keys are listed in engine/formats/url_state.h)"});
      continue;
    }
    Raw& raw = raws[std::size_t(field - fields.data())];
    if (raw.seen) result.warnings.push_back({field->name, "given twice; the last one is used"});
    raw = {value, eq != std::string_view::npos, true};
  }

  // The link's syntax here; each field's reader and the rules between fields in the table.
  std::vector<std::pair<std::string, json>> given;
  FieldErrors syntax_warnings;
  for (std::size_t k = 0; k < fields.size(); ++k) {
    if (!raws[k].seen) continue;
    Read read = read_value(fields[k], raws[k].value, raws[k].has_value);
    if (read.value) {
      given.emplace_back(fields[k].name, std::move(*read.value));
      if (!read.error.empty()) syntax_warnings.push_back({fields[k].name, read.error});
    } else if (std::string_view(fields[k].name) == "origin") {  // fails closed: no parent rather than any
      given.emplace_back("origin", "none");
      syntax_warnings.push_back({"origin", read.error + "; so postMessage is answered by no parent (origin=none) "
                                                        "until the link gives a valid one"});
    } else {
      const json now = fields[k].write(state);
      syntax_warnings.push_back({fields[k].name, read.error + "; using the default" +
                                                     (now.is_null() ? "" : " " + url::printable(dump_safely(now), 60))});
    }
  }
  LenientResult applied = apply_state_leniently(given, state);
  result.warnings.insert(result.warnings.end(), syntax_warnings.begin(), syntax_warnings.end());
  result.warnings.insert(result.warnings.end(), applied.warnings.begin(), applied.warnings.end());
  for (const std::string& name : applied.kept) set_path(result.state, name, find_state_field(name)->write(state));
  return result;
}

}  // namespace bpl
