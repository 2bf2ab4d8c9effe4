#include <doctest/doctest.h>

#include <string>

#include "bpl_require.h"
#include "engine/core/input_limits.h"
#include "engine/core/json_text.h"
#include "engine/mlp/model_json.h"

using namespace bpl;

namespace {
std::string error_of(const std::string& text) {
  const Result<nlohmann::json> parsed = parse_json_text(text, "model");
  return parsed.ok() ? "" : to_string(parsed.errors.front());
}
std::string nested(int depth) { return std::string(std::size_t(depth), '[') + std::string(std::size_t(depth), ']'); }
}  // namespace

TEST_CASE("json_text: a number that overflows a double says where it is") {
  // Line 3, "1e309" starts at column 20 and nlohmann stops after it: the error points at its last digit.
  const std::string model = "{\"inputs\": 2,\n  \"loss\": \"bce\",\n  \"layers\": [{\"x\": 1e309}]}";
  const std::string e = error_of(model);
  CHECK_MESSAGE(e.find("number overflow parsing '1e309' at line 3, column 24") != std::string::npos, e);
  CHECK(read_model_json(model).errors.front().message.find("line 3, column 24") != std::string::npos);
}

TEST_CASE("json_text: a 100,001-digit number gives a short message with line and column") {
  const std::string e = error_of("[\n1" + std::string(100000, '0') + "]");
  CHECK_MESSAGE(e.find("at line 2, column 100001") != std::string::npos, e.substr(0, 300));
  CHECK(e.size() < 300);
}

TEST_CASE("json_text: documents nested deeper than 64 are refused before a tree is built") {
  CHECK(error_of(nested(kMaxJsonDepth)).empty());
  CHECK(error_of(nested(kMaxJsonDepth + 1)) == "model: invalid JSON (nested deeper than 64 levels at line 1, column 65)");
  CHECK(error_of(nested(100000)).find("nested deeper than 64 levels") != std::string::npos);
  SUBCASE("brackets inside strings are text, not nesting") {
    CHECK(error_of("[\"" + std::string(1000, '[') + "\\\"{\"]").empty());
  }
  SUBCASE("objects count as levels too") {
    std::string deep;
    for (int i = 0; i <= kMaxJsonDepth; ++i) deep += "{\"a\":";
    deep += "1" + std::string(std::size_t(kMaxJsonDepth) + 1, '}');
    CHECK(error_of(deep).find("nested deeper than 64 levels at line 1, column 321") != std::string::npos);
  }
}

TEST_CASE("json_text: syntax errors keep nlohmann's line and column") {
  // Line 2 is `  "a": [1,, 2]`: the second comma is column 11.
  CHECK(error_of("{\n  \"a\": [1,, 2]\n}").find("parse error at line 2, column 11") != std::string::npos);
}
