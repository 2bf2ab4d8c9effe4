#pragma once
// One table per enum: {name, value} pairs, the only place an enum's names are
// written. Lookups both ways and the list for error messages read that table,
// so adding a value is one line.
//   constexpr EnumName<Loss> kLosses[] = {{"half_mse", Loss::half_mse}, ...};
//   enum_from_name(kLosses, "mse") → Loss::mse;  enum_name(kLosses, Loss::mse) → "mse"
//   enum_name_list(kLosses) → "half_mse | mse | ..."
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace bpl {

template <typename Enum>
struct EnumName {
  const char* name;
  Enum value;
};

template <typename Enum, std::size_t N>
std::optional<Enum> enum_from_name(const EnumName<Enum> (&table)[N], std::string_view name) {
  for (const EnumName<Enum>& entry : table) {
    if (name == entry.name) return entry.value;
  }
  return std::nullopt;
}

template <typename Enum, std::size_t N>
const char* enum_name(const EnumName<Enum> (&table)[N], Enum value) {
  for (const EnumName<Enum>& entry : table) {
    if (value == entry.value) return entry.name;
  }
  return "?";
}

// The first `count` names (all by default) joined by `separator`, each inside `quote`.
template <typename Enum, std::size_t N>
std::string enum_name_list(const EnumName<Enum> (&table)[N], const char* separator = " | ", const char* quote = "",
                           std::size_t count = N) {
  std::string out;
  for (std::size_t i = 0; i < count && i < N; ++i) {
    out += (i ? separator : "") + std::string(quote) + table[i].name + quote;
  }
  return out;
}

}  // namespace bpl
