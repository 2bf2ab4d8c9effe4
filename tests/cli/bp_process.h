#pragma once
// Runs the real `bp` binary (BP_EXECUTABLE) the way a user does, capturing
// stdout, stderr and the exit code; and writes scratch files for it.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace bpl::testing {

struct BpRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::filesystem::path scratch_dir() {
  static const std::filesystem::path dir = [] {
    std::filesystem::path d = std::filesystem::temp_directory_path() / ("bp_cli_tests_" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Writes `text` to a scratch file named `name` and returns its path.
inline std::string scratch_file(const std::string& name, const std::string& text) {
  const std::filesystem::path path = scratch_dir() / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

inline std::string source_file(const std::string& relative) {
  return std::string(BPL_SOURCE_DIR) + "/" + relative;
}

// `args` are appended to the executable as one shell string (quote paths with spaces).
inline BpRun run_bp_binary(const std::string& args) {
  static int counter = 0;
  const std::string base = (scratch_dir() / ("run" + std::to_string(++counter))).string();
  const std::string command = std::string("'") + BP_EXECUTABLE + "' " + args + " >'" + base +
                              ".out' 2>'" + base + ".err'";
  const int status = std::system(command.c_str());
  BpRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = read_text(base + ".out");
  run.err = read_text(base + ".err");
  return run;
}

}  // namespace bpl::testing
