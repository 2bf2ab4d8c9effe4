// The f(x, y) demo's getState/setState keys:
//   expression  "(x^2 + x*y) * y^3"                       must parse
//   point       {x, y}                                     finite numbers
//   descent     {optimizer: "gd"|"momentum"|"adam", learningRate > 0, steps 0…100000,
//                momentum in [0, 1), start: {x, y}}
// Checking reports every bad field by its path ("descent.learningRate") and changes
// nothing; applying runs only after a clean check, so it reads without re-checking.
#include <cmath>

#include "api_params.h"
#include "expression_demo.h"

namespace bpl::web {

namespace {

using nlohmann::json;

const char* const kPointKeys[] = {"x", "y"};
const char* const kDescentKeys[] = {"optimizer", "learningRate", "steps", "momentum", "start"};

bool one_of(const std::string& key, const char* const* keys, int count) {
  for (int i = 0; i < count; ++i)
    if (key == keys[i]) return true;
  return false;
}

// Errors from the api_params readers name the inner key; give them their full path.
void append_prefixed(FieldErrors& errors, const FieldErrors& inner, const std::string& prefix) {
  for (const FieldError& e : inner) errors.push_back({prefix + "." + e.field, e.message});
}

void check_point(const json& value, const std::string& field, FieldErrors& errors) {
  if (!value.is_object()) {
    errors.push_back({field, "expected an object {x, y}"});
    return;
  }
  FieldErrors inner;
  for (auto it = value.begin(); it != value.end(); ++it)
    if (!one_of(it.key(), kPointKeys, 2)) inner.push_back({it.key(), "unknown field (expected x or y)"});
  for (const char* key : kPointKeys) {
    const std::optional<double> v = read_number(value, key, inner);
    if (v && !std::isfinite(*v)) inner.push_back({key, "expected a finite number"});
  }
  append_prefixed(errors, inner, field);
}

void check_descent(const json& value, FieldErrors& errors) {
  if (!value.is_object()) {
    errors.push_back({"descent", "expected an object {optimizer, learningRate, steps, momentum, start}"});
    return;
  }
  FieldErrors inner;
  for (auto it = value.begin(); it != value.end(); ++it)
    if (!one_of(it.key(), kDescentKeys, 5)) inner.push_back({it.key(), "unknown field"});
  const std::optional<std::string> optimizer = read_string(value, "optimizer", inner);
  if (optimizer && *optimizer != "gd" && *optimizer != "momentum" && *optimizer != "adam")
    inner.push_back({"optimizer", "expected \"gd\", \"momentum\" or \"adam\""});
  const std::optional<double> rate = read_number(value, "learningRate", inner);
  if (rate && !(std::isfinite(*rate) && *rate > 0)) inner.push_back({"learningRate", "expected a number > 0"});
  const std::optional<double> steps = read_number(value, "steps", inner);
  if (steps && !(*steps >= 0 && *steps <= expr::kMaxDescentSteps && *steps == std::floor(*steps)))
    inner.push_back({"steps", "expected a whole number from 0 to " + std::to_string(expr::kMaxDescentSteps)});
  const std::optional<double> momentum = read_number(value, "momentum", inner);
  if (momentum && !(*momentum >= 0 && *momentum < 1)) inner.push_back({"momentum", "expected a number in [0, 1)"});
  append_prefixed(errors, inner, "descent");
  if (value.contains("start")) check_point(value["start"], "descent.start", errors);
}

expr::Optimizer optimizer_from(const std::string& name) {
  if (name == "momentum") return expr::Optimizer::momentum;
  if (name == "adam") return expr::Optimizer::adam;
  return expr::Optimizer::gd;
}

// Reads a checked point, keeping the coordinates it leaves out.
void read_point(const json& value, double& x, double& y) {
  if (value.contains("x")) x = value["x"].get<double>();
  if (value.contains("y")) y = value["y"].get<double>();
}

}  // namespace

bool is_expression_key(const std::string& key) {
  return key == "expression" || key == "point" || key == "descent";
}

void write_expression_state(const ExpressionDemo& demo, json& state) {
  const expr::DescentConfig& d = demo.descent;
  state["expression"] = demo.graph.source;
  state["point"] = {{"x", demo.x}, {"y", demo.y}};
  state["descent"] = {{"optimizer", expr::optimizer_name(d.optimizer)}, {"learningRate", d.learning_rate},
                      {"steps", d.steps}, {"momentum", d.momentum}, {"start", {{"x", d.x0}, {"y", d.y0}}}};
}

FieldErrors check_expression_state(const ExpressionDemo&, const json& part) {
  FieldErrors errors;
  if (!part.is_object()) return {{"", "expected an object of state keys"}};
  const std::optional<std::string> text = read_string(part, "expression", errors);
  if (text) {
    const expr::ParseResult parsed = expr::parse(*text);
    if (!parsed.ok) errors.push_back({"expression", expr::describe(parsed.error)});
  }
  if (part.contains("point")) check_point(part["point"], "point", errors);
  if (part.contains("descent")) check_descent(part["descent"], errors);
  return errors;
}

void apply_expression_state(ExpressionDemo& demo, const json& part) {
  if (!part.is_object()) return;
  if (part.contains("expression")) load_expression(demo, part["expression"].get<std::string>());
  if (part.contains("point")) {
    double x = demo.x, y = demo.y;
    read_point(part["point"], x, y);
    set_point(demo, x, y);
  }
  if (part.contains("descent")) {
    const json& d = part["descent"];
    expr::DescentConfig& config = demo.descent;
    if (d.contains("optimizer")) config.optimizer = optimizer_from(d["optimizer"].get<std::string>());
    if (d.contains("learningRate")) config.learning_rate = d["learningRate"].get<double>();
    if (d.contains("steps")) config.steps = int(d["steps"].get<double>());
    if (d.contains("momentum")) config.momentum = d["momentum"].get<double>();
    if (d.contains("start")) read_point(d["start"], config.x0, config.y0);
  }
}

}  // namespace bpl::web
