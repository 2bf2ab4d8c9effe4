#include "engine/core/result.h"

namespace bpl {

std::string to_string(const FieldError& error) {
  return error.field.empty() ? error.message : error.field + ": " + error.message;
}

}  // namespace bpl
