#pragma once
// origin= (embed mode): which parent page the frame answers through postMessage.
//   ""                      any parent (the default)
//   "none"                  no parent at all
//   scheme://host[:port]    exactly that parent, in the form browsers give event.origin
// The rules normalise_origin applies, so that what the author writes matches
// what the browser reports, or is refused with the reason:
//   scheme  http or https, in any case; written in lower case
//   host    a DNS name: labels of letters, digits and '-' (not first or last), 1–63 characters each,
//           253 in all, no empty label (so no trailing '.'); any case, written in lower case.
//           An IPv4 address is four numbers 0–255 without leading zeros. Refused: IPv6
//           literals, non-ASCII names (write them as the browser does, in punycode: xn--…),
//           a name whose last label is a number but that is not an IPv4 address
//   port    optional, 1–65535, digits only; the scheme's default (http 80, https 443) is
//           dropped, as browsers drop it from event.origin
//   nothing else: no path (not even a trailing '/'), query, fragment, user or password;
//           at most kMaxUrlOriginLength characters; "null" (sandboxed and file:// pages
//           all share it) is refused
// A link with a malformed origin gets "none" and a warning (a security setting
// that cannot be read answers no one); setState refuses it and changes nothing.
#include <string>
#include <string_view>

#include "engine/core/result.h"

namespace bpl {

// The normalised origin, or one error on the field "origin" saying which rule the text breaks.
Result<std::string> normalise_origin(std::string_view text);

}  // namespace bpl
