#include "engine/core/build_info.h"

#include "version.h"

namespace bpl {

BuildInfo build_info() {
#if defined(__wasm_simd128__)
  constexpr bool simd = true;
#else
  constexpr bool simd = false;
#endif
#if defined(__wasm__)
  const char* target = "wasm32";
#else
  const char* target = "native";
#endif
  return BuildInfo{BPL_VERSION, simd, target};
}

}  // namespace bpl
