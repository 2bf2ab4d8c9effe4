#pragma once
// Every cap on what a user, a link, a parent page or a file can hand the
// engine, in one place (README "Input limits"). The page's bridge
// (web/bridge.js) asks the engine for them (the `info` method) and checks them
// before anything is copied into wasm memory; the engine checks them again, so
// a caller that skips the bridge gets the same answer.
//
//   input                                  cap            why this size
//   the URL hash ('#' counted)             64 KiB         w= carries ~12,000 f32 parameters (2-64-64-64-1 has
//                                                         8,577) and the decoder stays linear and quick
//   params of a JS / postMessage call      64 KiB         a whole getState() is ~1.5 KB; its longest field, the
//     (setState, select, step, …) as JSON                 f(x, y) text, is at most 1000 bytes
//   params of loadUrlHash as JSON          129 KiB        a hash at its cap with every byte JSON-escaped
//   the text of an import (importText,     4 MiB          a pretty-printed MODEL.json of ~125,000 parameters
//     importModel, importMermaid, the                     (2-250-250-250-1, ≈ 31 bytes each); the file
//     file picker)                                        picker's limit before this table
//   params of an import call as JSON       8 MiB + 1 KiB  that text JSON-escaped (quotes and newlines double)
//   mermaid text                           256 KiB        500 nodes and their edges, with room for labels
//   f(x, y) text                           1000 bytes     a formula a learner types, many times over
//   LaTeX to typeset (engine/typeset)      32 KiB         the engine's longest LaTeX: a symbolic gradient, cut
//                                                         at 20,000 bytes; a 2-8-8-8-3 derivation is ~8 KB
//   JSON nesting (every JSON reader)       64 levels      the deepest valid document, MODEL.json, nests 4;
//                                                         deeper trees recurse on the 5 MB wasm stack when
//                                                         copied or printed
//   origin=                                256 bytes      scheme://host:port, with DNS names of up to 253
//   files `bp` reads; read_model_json      64 MiB         a 2×1024 model is ~40 MB of JSON
//   points added by clicking (state         1000 points    a learner adds a few dozen; at ~15 characters a point
//     `points`, link `points=`)                            (clicks keep 3 decimals) 1000 stay under 16 KiB of link
// The URL's own structure has further caps (128 pairs, 64 list items), in engine/formats/url_state.h.
// Over a cap: one FieldError naming the field, nothing read, nothing changed.
#include <cstddef>
#include <optional>
#include <string>

#include "engine/core/result.h"

namespace bpl {

inline constexpr std::size_t kMaxUrlHashLength = 64 * 1024;
inline constexpr std::size_t kMaxCallJsonBytes = 64 * 1024;
inline constexpr std::size_t kMaxLoadUrlHashJsonBytes = 2 * kMaxUrlHashLength + 1024;
inline constexpr std::size_t kMaxImportBytes = 4 * 1024 * 1024;
inline constexpr std::size_t kMaxImportCallJsonBytes = 2 * kMaxImportBytes + 1024;
inline constexpr std::size_t kMaxMermaidBytes = 256 * 1024;
inline constexpr std::size_t kMaxExpressionLength = 1000;
inline constexpr std::size_t kMaxLatexBytes = 32 * 1024;
inline constexpr int kMaxJsonDepth = 64;
inline constexpr std::size_t kMaxUrlOriginLength = 256;
inline constexpr std::size_t kMaxInputFileBytes = 64u << 20;
inline constexpr std::size_t kMaxModelJsonBytes = kMaxInputFileBytes;
inline constexpr std::size_t kMaxAddedPoints = 1000;

// "4 MiB", "64 KiB", "1000 bytes": how the messages and the README write a cap.
std::string size_text(std::size_t bytes);

// nullopt when bytes ≤ cap; else the one message every cap gives (callers add what happens next):
// "<field>: <what> is 5,000,000 bytes, more than the 4 MiB (4,194,304 bytes) <reader> takes".
std::optional<FieldError> over_cap(const std::string& field, const std::string& what, std::size_t bytes,
                                   std::size_t cap, const std::string& reader);

}  // namespace bpl
