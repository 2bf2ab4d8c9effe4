#pragma once
// Reading JS API parameters safely: nlohmann::json without exceptions aborts on
// a wrong-typed access, so every read checks the type first and reports the field.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/core/result.h"

namespace bpl::web {

// params[key] as T if present and of the right type; otherwise nullopt, and an
// error naming `key` is appended when the key is present with a wrong type.
inline std::optional<double> read_number(const nlohmann::json& params, const char* key, FieldErrors& errors) {
  if (!params.is_object() || !params.contains(key)) return std::nullopt;
  const nlohmann::json& value = params[key];
  if (value.is_number()) return value.get<double>();
  errors.push_back({key, "expected a number"});
  return std::nullopt;
}

inline std::optional<std::string> read_string(const nlohmann::json& params, const char* key, FieldErrors& errors) {
  if (!params.is_object() || !params.contains(key)) return std::nullopt;
  const nlohmann::json& value = params[key];
  if (value.is_string()) return value.get<std::string>();
  errors.push_back({key, "expected a string"});
  return std::nullopt;
}

inline std::optional<bool> read_bool(const nlohmann::json& params, const char* key, FieldErrors& errors) {
  if (!params.is_object() || !params.contains(key)) return std::nullopt;
  const nlohmann::json& value = params[key];
  if (value.is_boolean()) return value.get<bool>();
  errors.push_back({key, "expected true or false"});
  return std::nullopt;
}

inline nlohmann::json errors_json(const FieldErrors& errors) {
  nlohmann::json out = nlohmann::json::array();
  for (const FieldError& e : errors) out.push_back({{"field", e.field}, {"message", e.message}});
  return out;
}

// A finite double as JSON, NaN/Inf as null (JSON has no NaN).
inline nlohmann::json finite_or_null(double value) {
  return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr);
}

}  // namespace bpl::web
