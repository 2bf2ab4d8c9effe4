#include "engine/core/json_text.h"

#include <cmath>
#include <cstdio>

#include "engine/core/input_limits.h"
#include "engine/core/text.h"

namespace bpl {
namespace {

using json = nlohmann::json;

// nlohmann's DOM builder with exceptions off, plus the error position: the
// library calls parse_error() instead of throwing (JSON_NOEXCEPTION).
class PositionedDomParser {
 public:
  explicit PositionedDomParser(json& result) : dom_(result, /*allow_exceptions=*/false) {}

  bool null() { return dom_.null(); }
  bool boolean(bool v) { return dom_.boolean(v); }
  bool number_integer(json::number_integer_t v) { return dom_.number_integer(v); }
  bool number_unsigned(json::number_unsigned_t v) { return dom_.number_unsigned(v); }
  bool number_float(json::number_float_t v, const json::string_t& s) { return dom_.number_float(v, s); }
  bool string(json::string_t& v) { return dom_.string(v); }
  bool binary(json::binary_t& v) { return dom_.binary(v); }
  bool start_object(std::size_t n) { return dom_.start_object(n); }
  bool key(json::string_t& v) { return dom_.key(v); }
  bool end_object() { return dom_.end_object(); }
  bool start_array(std::size_t n) { return dom_.start_array(n); }
  bool end_array() { return dom_.end_array(); }
  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception& ex) {
    failed_ = true;
    position_ = position;
    message_ = ex.what();
    return dom_.parse_error(position, last_token, ex);
  }

  bool failed() const { return failed_; }
  std::size_t position() const { return position_; }
  const std::string& message() const { return message_; }

 private:
  nlohmann::detail::json_sax_dom_parser<json> dom_;
  bool failed_ = false;
  std::size_t position_ = 0;
  std::string message_;
};

// "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error ..."
// → "parse error at line 3, column 5: syntax error ..."
std::string strip_exception_id(const std::string& what) {
  const std::size_t close = what.find("] ");
  return what.rfind("[json.exception.", 0) == 0 && close != std::string::npos ? what.substr(close + 2)
                                                                            : what;
}

// The offset of the first '[' or '{' nested deeper than max_depth outside a string, or npos.
std::size_t too_deep_at(const std::string& text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return i;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return std::string::npos;
}

std::string range_text(long long lo, long long hi) {
  return "expected an integer from " + std::to_string(lo) + " to " + std::to_string(hi);
}

}  // namespace

Result<json> parse_json_text(const std::string& text, const std::string& what) {
  // Refused before nlohmann builds the tree: copying or printing a deep tree recurses once per level.
  const std::size_t deep = too_deep_at(text, kMaxJsonDepth);
  if (deep != std::string::npos) {
    const LineColumn at = line_column(text, deep);
    return Result<json>::failure({{what, "invalid JSON (nested deeper than " + std::to_string(kMaxJsonDepth) +
                                             " levels at line " + std::to_string(at.line) + ", column " +
                                             std::to_string(at.column) + ")"}});
  }
  json value;
  PositionedDomParser parser(value);
  const bool ok = json::sax_parse(text, &parser, nlohmann::detail::input_format_t::json, true);
  if (!ok || parser.failed()) {
    // nlohmann's syntax errors say where they are; its number overflow ("1e309") does not.
    std::string message = printable(strip_exception_id(parser.message()), 160);
    if (message.find(" at line ") == std::string::npos) {
      const LineColumn at = line_column(text, parser.position() > 0 ? parser.position() - 1 : 0);
      message += " at line " + std::to_string(at.line) + ", column " + std::to_string(at.column);
    }
    return Result<json>::failure(
        {{what, "invalid JSON (" + message + "; byte " + std::to_string(parser.position()) + ")"}});
  }
  return Result<json>::success(std::move(value));
}

bool read_int(const json& value, const std::string& field, long long lo, long long hi,
              long long& out, FieldErrors& errors) {
  long long v = 0;
  if (value.is_number_integer()) {
    if (value.is_number_unsigned() && value.get<json::number_unsigned_t>() > 0x7fffffffffffffffull) {
      errors.push_back({field, range_text(lo, hi)});
      return false;
    }
    v = value.get<long long>();
  } else if (value.is_number_float()) {
    const double d = value.get<double>();
    if (!(d == std::floor(d)) || !(std::abs(d) < 9.0e18)) {
      errors.push_back({field, range_text(lo, hi)});
      return false;
    }
    v = static_cast<long long>(d);
  } else {
    errors.push_back({field, range_text(lo, hi) + ", got " + value.type_name()});
    return false;
  }
  if (v < lo || v > hi) {
    errors.push_back({field, range_text(lo, hi) + ", got " + std::to_string(v)});
    return false;
  }
  out = v;
  return true;
}

bool read_number(const json& value, const std::string& field, double lo, bool lo_open, double hi,
                 bool hi_open, double& out, FieldErrors& errors) {
  auto bound_text = [&] {
    std::string text = "expected a number";
    const bool has_lo = std::isfinite(lo), has_hi = std::isfinite(hi);
    auto num = [](double x) {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%g", x);
      return std::string(buffer);
    };
    if (has_lo && has_hi) {
      text += std::string(" in ") + (lo_open ? "(" : "[") + num(lo) + ", " + num(hi) + (hi_open ? ")" : "]");
    } else if (has_lo) {
      text += std::string(lo_open ? " > " : " >= ") + num(lo);
    } else if (has_hi) {
      text += std::string(hi_open ? " < " : " <= ") + num(hi);
    }
    return text;
  };
  if (!value.is_number()) {
    errors.push_back({field, bound_text() + ", got " + value.type_name()});
    return false;
  }
  const double v = value.get<double>();
  const bool in_range = std::isfinite(v) && (lo_open ? v > lo : v >= lo) && (hi_open ? v < hi : v <= hi);
  if (!in_range) {
    errors.push_back({field, bound_text() + ", got " + value.dump()});
    return false;
  }
  out = v;
  return true;
}

std::string dump_safely(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

bool read_string(const json& value, const std::string& field, std::string& out, FieldErrors& errors) {
  if (!value.is_string()) {
    errors.push_back({field, std::string("expected a string, got ") + value.type_name()});
    return false;
  }
  out = value.get<std::string>();
  return true;
}

}  // namespace bpl
