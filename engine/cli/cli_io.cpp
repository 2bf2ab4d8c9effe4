#include "engine/cli/cli_io.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <ostream>

namespace bpl::cli {

namespace {
std::string megabytes(std::size_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }
}  // namespace

bool read_input_file(const std::string& path, const char* option, std::string& text, std::ostream& err) {
  const std::string quoted = "\"" + path + "\"";
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    err << "error: " << option << ": cannot read file " << quoted << " (" << std::strerror(errno) << ")\n";
    return false;
  }
  if (S_ISDIR(info.st_mode)) {
    err << "error: " << option << ": " << quoted << " is a directory; expected a file\n";
    return false;
  }
  // A regular file's size is known up front; pipes and devices (/dev/stdin, /dev/zero)
  // are read up to the cap and refused past it.
  if (S_ISREG(info.st_mode) && std::size_t(info.st_size) > kMaxInputFileBytes) {
    err << "error: " << option << ": " << quoted << " is " << megabytes(std::size_t(info.st_size))
        << "; files are limited to " << megabytes(kMaxInputFileBytes) << "\n";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    err << "error: " << option << ": cannot read file " << quoted << "; expected a readable file\n";
    return false;
  }
  text.clear();
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, std::size_t(in.gcount()));
    if (text.size() > kMaxInputFileBytes) {
      err << "error: " << option << ": " << quoted << " is larger than " << megabytes(kMaxInputFileBytes)
          << ", the limit for input files\n";
      text.clear();
      return false;
    }
  }
  return true;
}

int report_errors(const FieldErrors& errors, std::ostream& err) {
  err << "error: " << to_string(errors.front());
  if (errors.size() > 1) err << " (and " << errors.size() - 1 << " more)";
  err << "\n";
  return 2;
}

}  // namespace bpl::cli
