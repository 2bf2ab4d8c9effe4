#pragma once
// TEMPORARY: the f(x,y) demo's state; replaced by its implementation (issue: f(x,y) demo in the app).
#include <string>

#include <nlohmann/json.hpp>

#include "engine/result.h"

namespace bpl::web {
struct ExpressionDemo {};
inline bool is_expression_key(const std::string&) { return false; }
inline void write_expression_state(const ExpressionDemo&, nlohmann::json&) {}
inline FieldErrors check_expression_state(const ExpressionDemo&, const nlohmann::json&) { return {}; }
inline void apply_expression_state(ExpressionDemo&, const nlohmann::json&) {}
}  // namespace bpl::web
