#pragma once
// Files embedded into the wasm at build time (web/web.cmake): the subset math
// font and the GLSL sources in shaders/. Each is NUL-terminated after `size`.
#include <cstddef>
#include <string_view>
#include <vector>

namespace bpl {

struct EmbeddedAsset {
  const char* name;
  const unsigned char* bytes;
  std::size_t size;
};
const std::vector<EmbeddedAsset>& embedded_assets();

// The asset called `name`, or nullptr (a build error, not a user error).
inline const EmbeddedAsset* find_asset(std::string_view name) {
  for (const EmbeddedAsset& asset : embedded_assets())
    if (name == asset.name) return &asset;
  return nullptr;
}

}  // namespace bpl
