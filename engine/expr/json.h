#pragma once
// JSON for everything the UI and `bp expr` share. NaN and ±∞ become null.
// Build with JSON_NOEXCEPTION; use dump() below, never json::dump() directly:
// it replaces invalid UTF-8 instead of aborting.
#include <nlohmann/json.hpp>
#include <string>

#include "engine/expr/autodiff.h"
#include "engine/expr/derivation.h"
#include "engine/expr/descent.h"
#include "engine/expr/field.h"
#include "engine/expr/parser.h"
#include "engine/expr/symbolic.h"

namespace bpl::expr {

nlohmann::json to_json(const ParseError& error);  // {message, column, hint, text}
nlohmann::json to_json(const Graph& graph);       // {source, at, root, x, y, nodes: [...]}
nlohmann::json to_json(const Evaluation& evaluation);
nlohmann::json to_json(const Gradient& gradient);
nlohmann::json to_json(const Graph& graph, const StepRecord& step);
nlohmann::json to_json(const Graph& graph, const Derivation& derivation);
nlohmann::json to_json(const SymbolicGradient& gradient);  // {x: {text, latex}, y: {…}}
nlohmann::json to_json(const Trajectory& trajectory);
nlohmann::json to_json(const Field& field);

std::string dump(const nlohmann::json& value, int indent = -1);

}  // namespace bpl::expr
