#pragma once
// What a user got wrong, by field: the engine's answer to bad input instead of
// an exception. A FieldError names the JSON field (e.g. "layers[1].weights[0]",
// "learningRate") and says the expected form; a Result carries either a value
// or every error found, never both.
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace bpl {

struct FieldError {
  std::string field;    // JSON key or path; "" for the whole document
  std::string message;  // what was expected, e.g. "expected a number > 0"
};
using FieldErrors = std::vector<FieldError>;

// "field: message", the form the `bp` command prints after "error: ".
std::string to_string(const FieldError& error);

template <typename T>
struct Result {
  std::optional<T> value;
  FieldErrors errors;

  bool ok() const { return value.has_value(); }
  static Result success(T v) { return Result{std::move(v), {}}; }
  static Result failure(FieldErrors e) { return Result{std::nullopt, std::move(e)}; }
};

}  // namespace bpl
