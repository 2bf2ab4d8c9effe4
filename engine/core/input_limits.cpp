#include "engine/core/input_limits.h"

namespace bpl {

namespace {

// 4194304 → "4,194,304": a cap's exact value, readable.
std::string with_commas(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

std::string size_text(std::size_t bytes) {
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes >> 10) + " KiB";
  return with_commas(bytes) + " bytes";
}

std::optional<FieldError> over_cap(const std::string& field, const std::string& what, std::size_t bytes,
                                   std::size_t cap, const std::string& reader) {
  if (bytes <= cap) return std::nullopt;
  std::string limit = size_text(cap);
  if (limit.find("bytes") == std::string::npos) limit += " (" + with_commas(cap) + " bytes)";
  return FieldError{field, what + " is " + with_commas(bytes) + " bytes, more than the " + limit + " " + reader + " takes"};
}

}  // namespace bpl
