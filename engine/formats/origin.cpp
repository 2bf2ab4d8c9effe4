#include "engine/formats/origin.h"

#include <cctype>
#include <vector>

#include "engine/core/input_limits.h"
#include "engine/core/text.h"

namespace bpl {

namespace {

using R = Result<std::string>;

R refuse(std::string_view text, const std::string& why) {
  return R::failure({{"origin", why + "; expected \"\" (any parent), \"none\" or scheme://host[:port] such as "
                                      "https://example.org, got \"" + printable(text, 60) + "\""}});
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

std::vector<std::string_view> labels_of(std::string_view host) {
  std::vector<std::string_view> labels;
  for (std::size_t start = 0;;) {
    const std::size_t dot = host.find('.', start);
    labels.push_back(host.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) return labels;
    start = dot + 1;
  }
}

// "" when `host` (already lower case) is a name or IPv4 address browsers write as is, else why not.
std::string host_problem(std::string_view host) {
  if (host.empty()) return "no host after \"://\"";
  if (host.front() == '[') return "IPv6 addresses are not supported; use the parent page's host name";
  for (char c : host) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) return "the host is not ASCII; write it in punycode (xn--…), as the browser's address bar does";
    if (!std::isalnum(u) && c != '-' && c != '.') {
      return std::string("'") + (u < 0x20 || u == 0x7F ? '?' : c) + "' cannot be part of a host name";
    }
  }
  if (host.size() > 253) return "the host is longer than 253 characters";
  const std::vector<std::string_view> labels = labels_of(host);
  if (all_digits(labels.back())) {  // browsers read such hosts as IPv4 addresses
    bool ipv4 = labels.size() == 4;
    for (std::string_view part : labels) {
      ipv4 = ipv4 && all_digits(part) && part.size() <= 3 && (part.size() == 1 || part[0] != '0') &&
             std::stoi(std::string(part)) <= 255;
    }
    return ipv4 ? "" : "a host ending in a number must be an IPv4 address a.b.c.d (each 0–255, no leading zeros)";
  }
  for (std::string_view label : labels) {
    if (label.empty()) return "the host has an empty part (\"..\", or a '.' at its start or end)";
    if (label.size() > 63) return "a part of the host is longer than 63 characters";
    if (label.front() == '-' || label.back() == '-') return "a part of the host starts or ends with '-'";
  }
  return "";
}

}  // namespace

Result<std::string> normalise_origin(std::string_view text) {
  if (text.empty() || text == "none") return R::success(std::string(text));
  if (text.size() > kMaxUrlOriginLength) {
    return refuse(text, "longer than " + std::to_string(kMaxUrlOriginLength) + " characters");
  }
  if (lower(text) == "null") return refuse(text, "\"null\" is shared by every sandboxed and file:// page, so it names no one parent");
  const std::size_t sep = text.find("://");
  if (sep == std::string_view::npos) return refuse(text, "no scheme (write https:// or http:// before the host)");
  const std::string scheme = lower(text.substr(0, sep));
  if (scheme != "http" && scheme != "https") return refuse(text, "the scheme must be http or https");
  std::string_view rest = text.substr(sep + 3);
  const std::size_t stop = rest.find_first_of("/?#");
  if (stop != std::string_view::npos) {
    return refuse(text, stop + 1 == rest.size() && rest[stop] == '/'
                            ? "a trailing '/' makes it a URL, not an origin (remove the '/')"
                            : "an origin has no path, query or fragment (remove everything from '" +
                                  std::string(1, rest[stop]) + "' on)");
  }
  if (rest.find('@') != std::string_view::npos) return refuse(text, "an origin has no user name or password");
  const std::size_t colon = rest.rfind(':');
  std::string port;
  if (colon != std::string_view::npos && rest.front() != '[') {
    const std::string_view digits = rest.substr(colon + 1);
    if (!all_digits(digits)) return refuse(text, "the port must be a number from 1 to 65535");
    std::size_t first = digits.find_first_not_of('0');
    const std::string_view value = first == std::string_view::npos ? "0" : digits.substr(first);
    if (value.size() > 5 || std::stol(std::string(value)) < 1 || std::stol(std::string(value)) > 65535) {
      return refuse(text, "the port must be a number from 1 to 65535");
    }
    const bool default_port = (scheme == "http" && value == "80") || (scheme == "https" && value == "443");
    if (!default_port) port = ":" + std::string(value);
    rest = rest.substr(0, colon);
  }
  const std::string host = lower(rest);
  if (const std::string problem = host_problem(host); !problem.empty()) return refuse(text, problem);
  return R::success(scheme + "://" + host + port);
}

}  // namespace bpl
