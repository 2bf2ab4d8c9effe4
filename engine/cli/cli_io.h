#pragma once
// What every `bp` command shares: reading the files a user names on the command line (MODEL.json, DATA.json,
// CONFIG.json, lesson files): one size cap for all of them (README "Input
// limits"), checked before anything is read, so /dev/zero, a directory or a
// 3 GB file fail at once with one line instead of exhausting memory.
#include <cstddef>
#include <iosfwd>
#include <string>

#include "engine/core/input_limits.h"
#include "engine/core/result.h"

namespace bpl::cli {

using bpl::kMaxInputFileBytes;  // 64 MiB (engine/core/input_limits.h)

// Reads `path` whole into `text`. On failure writes
// "error: <option>: <why>" to `err` and returns false.
bool read_input_file(const std::string& path, const char* option, std::string& text, std::ostream& err);

// Writes the first error on one line, "error: field: message (and N more)", and returns 2.
int report_errors(const FieldErrors& errors, std::ostream& err);

}  // namespace bpl::cli
