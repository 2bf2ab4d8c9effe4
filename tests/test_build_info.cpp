#include <doctest/doctest.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "bpl_require.h"
#include "engine/core/build_info.h"

namespace {

// The version the project declares, read from CMakeLists.txt's project() line:
// the source of truth, independent of the generated header the engine reads.
std::string declared_version() {
  std::ifstream in(std::string(BPL_SOURCE_DIR) + "/CMakeLists.txt");
  std::stringstream text;
  text << in.rdbuf();
  std::smatch match;
  const std::string s = text.str();
  return std::regex_search(s, match, std::regex(R"(project\(BackpropLens VERSION ([0-9.]+))")) ? match[1].str() : "";
}

}  // namespace

TEST_CASE("build_info: reports the project's declared version and the real SIMD state") {
  const bpl::BuildInfo info = bpl::build_info();
  const std::string declared = declared_version();
  BPL_REQUIRE(!declared.empty());
  CHECK(info.version == declared);
#if defined(__wasm__)
  CHECK(info.target == "wasm32");
  CHECK(info.simd);  // the wasm build is always -msimd128
#else
  CHECK(info.target == "native");
  CHECK_FALSE(info.simd);
#endif
}
