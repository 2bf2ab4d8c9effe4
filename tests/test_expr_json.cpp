#include <doctest/doctest.h>

#include <string>

#include "engine/expr/json.h"
#include "test_expr_testing.h"

using namespace bpl::expr;
using bpl::expr::testing::parse_ok;
using nlohmann::json;

TEST_CASE("expr json: the seed's graph with values, adjoints and local derivatives") {
  Graph g = parse_ok("(x^2 + x*y) * y^3");
  evaluate(g, 1, 2);
  backward(g);
  const json j = json::parse(dump(to_json(g)), nullptr, false);
  BPL_REQUIRE(!(j.is_discarded()));
  BPL_REQUIRE(j["nodes"].size() == 9);
  const json& root = j["nodes"][j["root"].get<int>()];
  CHECK(root["op"] == "mul");
  CHECK(root["label"] == "f");
  CHECK(root["formula"] == "w·z");
  CHECK(root["value"] == 24);
  CHECK(root["adjoint"] == 1);
  CHECK(root["local"] == json::array({8, 3}));  // ∂f/∂w = z = 8, ∂f/∂z = w = 3
  const json& y = j["nodes"][j["y"].get<int>()];
  CHECK(y["op"] == "variable");
  CHECK(y["adjoint"] == 44);
  CHECK(y["undefined"].is_null());
  CHECK(j["at"]["x"] == 1);
}

TEST_CASE("expr json: step records, derivation, gradient, symbolic gradient") {
  Graph g = parse_ok("(x^2 + x*y) * y^3");
  evaluate(g, 1, 2);
  BackwardStepper stepper(g);
  stepper.next(g);
  const json step = to_json(g, *stepper.last());
  CHECK(step["label"] == "f");
  CHECK(step["edges"][0]["input_label"] == "w");
  CHECK(step["edges"][0]["contribution"] == 8);
  CHECK(step["edges"][1]["adjoint_after"] == 3);

  const json derivation = to_json(g, derive(g));
  CHECK(derivation["variables"][1]["variable"] == "y");
  CHECK(derivation["variables"][1]["total"] == 44);
  CHECK(derivation["variables"][1]["paths"][1]["factors"][0]["symbol"] == "∂f/∂z");
  CHECK(derivation["variables"][1]["paths"][1]["product"] == 36);

  const json gradient = to_json(backward(g));
  CHECK(gradient["x"] == 32);
  CHECK(gradient["defined"] == true);
  const json symbolic = to_json(symbolic_gradient(g));
  CHECK(symbolic["x"]["text"] == "2*y^3*x + y^3*y");
}

TEST_CASE("expr json: undefined values are null with a reason") {
  Graph g = parse_ok("ln(x)");
  const json e = json::parse(dump(to_json(evaluate(g, -1, 0))), nullptr, false);
  CHECK(e["value"].is_null());
  CHECK(e["status"] == "domain_error");
  CHECK(e["reason"] == "ln is only defined for positive numbers, and its input is -1");
}

TEST_CASE("expr json: trajectory, field and parse error") {
  const Graph g = parse_ok("x^2 + y^2");
  DescentConfig config;
  config.steps = 2;
  const json t = to_json(descend(g, config));
  CHECK(t["status"] == "completed");
  CHECK(t["points"].size() == 3);
  CHECK(t["points"][1]["x"] == doctest::Approx(0.8));
  const json field = to_json(sample_field(g, {-1, 1, -1, 1}, 2));
  CHECK(field["f"] == json::array({2, 2, 2, 2}));
  CHECK(field["state"][0] == "defined");
  const json error = to_json(parse("x^2 + xy").error);
  CHECK(error["column"] == 7);
  CHECK(error["text"] == "unknown name 'xy' at column 7; did you mean x*y?");
}

TEST_CASE("expr json: dump survives text that is not valid UTF-8") {
  const json j = {{"message", std::string("bad \xff byte")}};
  const std::string text = dump(j);
  CHECK(text.find("bad ") != std::string::npos);
}
