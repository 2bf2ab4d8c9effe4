// Links keep opening the same: tests/data/links_before_schema.json holds links
// decoded by the engine before the state table (engine/formats/state_schema.h)
// replaced its URL decoder (commit 0764295), with the state and the warned
// fields it gave. Every field, both defaults (none and the page's), and the
// conflicts a link can carry.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "bpl_require.h"
#include "engine/formats/url_state.h"

using nlohmann::json;

TEST_CASE("url_state: links saved before the state table decode to the same state") {
  std::ifstream in(std::string(BPL_SOURCE_DIR) + "/tests/data/links_before_schema.json");
  BPL_REQUIRE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  const json saved = json::parse(text.str(), nullptr, false);
  BPL_REQUIRE(saved.is_array() && saved.size() >= 40);
  for (const json& row : saved) {
    CAPTURE(row["link"].get<std::string>());
    CAPTURE(row["defaults"].dump());
    const bpl::UrlStateResult decoded = bpl::decode_url_state(row["link"].get<std::string>(), row["defaults"]);
    CHECK(decoded.state == row["state"]);
    json fields = json::array();
    for (const bpl::FieldError& w : decoded.warnings) fields.push_back(w.field);
    std::vector<std::string> got = fields.get<std::vector<std::string>>(), want = row["warnings"].get<std::vector<std::string>>();
    std::sort(got.begin(), got.end());
    std::sort(want.begin(), want.end());
    CHECK(got == want);
  }
}
