#pragma once
// The URL codec's text pieces (engine/formats/url_state.h): percent-encoding, numbers
// that read back to the same double, base64url, UTF-8 checks. Internal to the
// url_state*.cpp files.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/core/text.h"

namespace bpl::url {

// Escapes every byte outside RFC 3986's fragment characters, and also & = + ;
// a list item (in_list) also gets ',' escaped.
std::string percent_encode(std::string_view text, bool in_list = false);
// %XX → byte; nullopt on a '%' not followed by two hex digits. '+' stays '+'.
std::optional<std::string> percent_decode(std::string_view text);

// For messages (engine/core/text.h): the codec's files call them unqualified.
using bpl::is_valid_utf8;
using bpl::printable;

// A decimal number ("-1", "0.03", ".5", "1e-8"; no inf, nan or hex): an integer
// JSON value when it has no '.' or exponent and fits in 64 bits, else a double.
std::optional<nlohmann::json> parse_number(std::string_view text);
// The shortest text that parse_number reads back to the same value; nullopt
// unless `number` is a finite JSON number.
std::optional<std::string> format_number(const nlohmann::json& number);

std::string base64url_encode(const std::vector<unsigned char>& bytes);  // no padding
std::optional<std::vector<unsigned char>> base64url_decode(std::string_view text);
std::size_t base64url_length(std::size_t bytes);  // characters base64url_encode writes

std::vector<std::string_view> split(std::string_view text, char separator);

}  // namespace bpl::url
