#pragma once
// What this build of the engine is: shown on the page and by `bp --version`.
#include <string>

namespace bpl {

struct BuildInfo {
  std::string version;  // BPL_VERSION
  bool simd;            // compiled with WASM SIMD (-msimd128) kernels
  std::string target;   // "wasm32" or "native"
};
BuildInfo build_info();

}  // namespace bpl
