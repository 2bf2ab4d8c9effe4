#include <doctest/doctest.h>

#include "engine/build_info.h"
#include "version.h"

TEST_CASE("build_info: reports the configured version and the real SIMD state") {
  const bpl::BuildInfo info = bpl::build_info();
  CHECK(info.version == BPL_VERSION);
#if defined(__wasm__)
  CHECK(info.target == "wasm32");
  CHECK(info.simd);  // the wasm build is always -msimd128
#else
  CHECK(info.target == "native");
  CHECK_FALSE(info.simd);
#endif
}
