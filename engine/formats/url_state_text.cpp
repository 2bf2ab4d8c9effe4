#include "engine/formats/url_state_text.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>

namespace bpl::url {

namespace {

constexpr char kHex[] = "0123456789ABCDEF";
constexpr char kBase64url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// RFC 3986: fragment = *( unreserved / sub-delims / ":" / "@" / "/" / "?" ),
// less the characters that separate our pairs and the '+' some readers take for a space.
bool is_plain(unsigned char c, bool in_list) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '-': case '.': case '_': case '~': case '!': case '$': case '\'': case '(': case ')':
    case '*': case ';': case ':': case '@': case '/': case '?':
      return true;
    case ',':
      return !in_list;
    default:
      return false;
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

int base64url_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

}  // namespace

std::string percent_encode(std::string_view text, bool in_list) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_plain(c, in_list)) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::optional<std::string> percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    const int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

std::optional<nlohmann::json> parse_number(std::string_view text) {
  if (text.empty() || text.size() > 64) return std::nullopt;
  std::size_t i = 0;
  const bool negative = text[0] == '-';
  if (text[0] == '-' || text[0] == '+') ++i;
  const std::size_t int_start = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  std::size_t digits = i - int_start;
  bool integral = true;
  if (i < text.size() && text[i] == '.') {
    integral = false;
    const std::size_t frac_start = ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    digits += i - frac_start;
  }
  if (digits == 0) return std::nullopt;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    integral = false;
    ++i;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    const std::size_t exp_start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    if (i == exp_start) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  if (integral) {
    std::uint64_t magnitude = 0;
    bool fits = true;
    for (std::size_t k = int_start; k < text.size() && fits; ++k) {
      const std::uint64_t digit = std::uint64_t(text[k] - '0');
      fits = magnitude <= (std::numeric_limits<std::uint64_t>::max() - digit) / 10;
      magnitude = magnitude * 10 + digit;
    }
    const std::uint64_t limit = std::uint64_t(std::numeric_limits<std::int64_t>::max());
    if (fits && magnitude <= limit) {
      const auto value = std::int64_t(magnitude);
      return nlohmann::json(negative ? -value : value);
    }
  }
  // strtod reads a plain decimal the same in every locale the engine runs in ("C").
  const std::string copy(text);
  return nlohmann::json(std::strtod(copy.c_str(), nullptr));
}

std::optional<std::string> format_number(const nlohmann::json& number) {
  if (number.is_number_float() && !std::isfinite(number.get<double>())) return std::nullopt;
  if (!number.is_number()) return std::nullopt;
  return number.dump();  // nlohmann writes the shortest round-trip form
}

std::size_t base64url_length(std::size_t bytes) {
  return bytes / 3 * 4 + (bytes % 3 == 0 ? 0 : bytes % 3 + 1);
}

std::string base64url_encode(const std::vector<unsigned char>& bytes) {
  std::string out;
  out.reserve(base64url_length(bytes.size()));
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = bytes.size() - i < 3 ? bytes.size() - i : 3;
    std::uint32_t block = std::uint32_t(bytes[i]) << 16;
    if (n > 1) block |= std::uint32_t(bytes[i + 1]) << 8;
    if (n > 2) block |= bytes[i + 2];
    for (std::size_t k = 0; k <= n; ++k) out += kBase64url[(block >> (18 - 6 * k)) & 63];
  }
  return out;
}

std::optional<std::vector<unsigned char>> base64url_decode(std::string_view text) {
  if (text.size() % 4 == 1) return std::nullopt;
  std::vector<unsigned char> out;
  out.reserve(text.size() / 4 * 3 + 2);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    const std::size_t n = text.size() - i < 4 ? text.size() - i : 4;
    std::uint32_t block = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const int v = k < n ? base64url_value(text[i + k]) : 0;
      if (v < 0) return std::nullopt;
      block = (block << 6) | std::uint32_t(v);
    }
    for (std::size_t k = 0; k + 1 < n; ++k) out.push_back(static_cast<unsigned char>(block >> (16 - 8 * k)));
  }
  return out;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    if (end == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

}  // namespace bpl::url
