#pragma once
// JSON text → value without exceptions: on a syntax error, one FieldError
// whose message gives the line, column and byte offset and what was wrong.
// Documents nested deeper than kMaxJsonDepth (engine/core/input_limits.h) are
// refused before a tree is built.
#include <string>

#include <nlohmann/json.hpp>

#include "engine/core/result.h"

namespace bpl {

// `what` names the document and is the error's field (e.g. "config", "model").
Result<nlohmann::json> parse_json_text(const std::string& text, const std::string& what);

// `value` as compact JSON text for a message; invalid UTF-8 in strings becomes U+FFFD
// (the default dump aborts on it without exceptions).
std::string dump_safely(const nlohmann::json& value);

// Shared helpers for the readers: "expected ..." checks that append to errors.
// A JSON number that is an integer (1 or 1.0) in [lo, hi].
bool read_int(const nlohmann::json& value, const std::string& field, long long lo, long long hi,
              long long& out, FieldErrors& errors);
// A finite JSON number in [lo, hi] (lo_open / hi_open exclude the bound).
bool read_number(const nlohmann::json& value, const std::string& field, double lo, bool lo_open,
                 double hi, bool hi_open, double& out, FieldErrors& errors);
// A JSON string.
bool read_string(const nlohmann::json& value, const std::string& field, std::string& out,
                 FieldErrors& errors);

}  // namespace bpl
