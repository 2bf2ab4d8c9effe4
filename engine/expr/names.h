#pragma once
// The names an expression may use, and the hint for a name it may not.
#include <string>
#include <string_view>

#include "engine/expr/graph.h"

namespace bpl::expr {

constexpr double kPi = 3.14159265358979323846;
constexpr double kE = 2.71828182845904523536;

struct FunctionInfo {
  const char* name;
  Op op;
  int arity;
  const char* usage;  // "pow(a, b)"
};
const FunctionInfo* find_function(std::string_view name);  // nullptr if not a function
bool is_variable_name(std::string_view name);               // x, y

// What the learner probably meant by an unknown name: "did you mean x*y?".
// Never empty: falls back to listing what is available.
std::string suggest_for_unknown_name(std::string_view name);

}  // namespace bpl::expr
