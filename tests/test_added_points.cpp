// Points a learner adds by clicking: kept by the Trainer, in the state (`points`), in
// links (points=x1,x2,label;…) and in the data CSV. Section index: links · setState ·
// the page's start · the Trainer · the CSV.
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "bpl_require.h"
#include "engine/core/input_limits.h"
#include "engine/formats/state_schema.h"
#include "engine/formats/url_state.h"
#include "engine/training/trainer.h"

using namespace bpl;
using json = nlohmann::json;

namespace {

json point(double x1, double x2, double label) { return {{"x1", x1}, {"x2", x2}, {"label", label}}; }

int count_field(const FieldErrors& errors, const std::string& field) {
  int n = 0;
  for (const FieldError& e : errors) n += e.field == field;
  return n;
}

std::string many_points(std::size_t n) {
  std::string text;
  for (std::size_t i = 0; i < n; ++i) text += (i ? ";" : "") + std::to_string(i % 5) + ",1,0";
  return text;
}

}  // namespace

// ---------------------------------------------------------------- links

TEST_CASE("added points: a link round-trips them") {
  const json defaults = state_to_json(PageState{});
  json state = defaults;
  state["points"] = json::array({point(1.5, -2, 1), point(0.25, 3, 0)});
  const std::string hash = encode_url_state(state, defaults);
  CHECK(hash == "v=1&points=1.5,-2,1;0.25,3,0");
  const UrlStateResult decoded = decode_url_state(hash, defaults);
  CHECK(decoded.warnings.empty());
  CHECK(decoded.state == json{{"points", state["points"]}});
}

TEST_CASE("added points: a malformed point is left out with a warning, the others kept") {
  SUBCASE("not three numbers") {
    const UrlStateResult decoded = decode_url_state("v=1&points=1,2,1;x,2,0;3,4;-1,-2,0");
    CHECK(decoded.state["points"] == json::array({point(1, 2, 1), point(-1, -2, 0)}));
    BPL_REQUIRE(decoded.warnings.size() == 1);
    CHECK(decoded.warnings[0].field == "points");
    CHECK(decoded.warnings[0].message.find("point 2 \"x,2,0\", 3") != std::string::npos);
  }
  SUBCASE("a label that is no class of the dataset") {
    const UrlStateResult decoded = decode_url_state("v=1&points=1,2,1;1,2,0.5");  // xor4 classifies: 0 or 1
    CHECK(decoded.state["points"] == json::array({point(1, 2, 1)}));
    BPL_REQUIRE(decoded.warnings.size() == 1);
    CHECK(decoded.warnings[0].field == "points");
    CHECK(decoded.warnings[0].message.find("1 of 2 points") != std::string::npos);
  }
  SUBCASE("the same label fits a regression dataset") {
    const UrlStateResult decoded = decode_url_state("v=1&dataset=plane&points=1,2,0.5");
    CHECK(decoded.warnings.empty());
    CHECK(decoded.state["points"] == json::array({point(1, 2, 0.5)}));
  }
}

TEST_CASE("added points: over the cap, one message and no points") {
  const std::string link = "v=1&lr=0.1&points=" + many_points(kMaxAddedPoints + 1);
  const UrlStateResult decoded = decode_url_state(link);
  CHECK(decoded.warnings.size() == 1);
  CHECK(count_field(decoded.warnings, "points") == 1);
  CHECK(!decoded.state.contains("points"));
  CHECK(decoded.state["learningRate"] == 0.1);  // the other fields apply
  const UrlStateResult at_cap = decode_url_state("v=1&points=" + many_points(kMaxAddedPoints));
  CHECK(at_cap.warnings.empty());
  CHECK(at_cap.state["points"].size() == kMaxAddedPoints);
}

TEST_CASE("added points: a link without them decodes as before") {
  const UrlStateResult decoded = decode_url_state("v=1&dataset=circle&lr=0.03");
  CHECK(decoded.warnings.empty());
  CHECK(decoded.state == json{{"dataset", "circle"}, {"learningRate", 0.03}});
}

// ---------------------------------------------------------------- setState

TEST_CASE("added points: setState checks them all or nothing") {
  PageState state;
  SUBCASE("a label that does not fit") {
    const FieldErrors errors = apply_state_json(json{{"points", {point(1, 2, 1), point(1, 2, 0.5)}}}, state);
    BPL_REQUIRE(errors.size() == 1);
    CHECK(errors[0].field == "points[1].label");
    CHECK(state.points.empty());
  }
  SUBCASE("a point that is not {x1, x2, label}") {
    const FieldErrors errors = apply_state_json(json{{"points", {json{{"x1", 1}}}}}, state);
    BPL_REQUIRE(errors.size() == 1);
    CHECK(errors[0].field == "points[0]");
  }
  SUBCASE("over the cap: one error") {
    json points = json::array();
    for (std::size_t i = 0; i <= kMaxAddedPoints; ++i) points.push_back(point(0, 0, 1));
    const FieldErrors errors = apply_state_json(json{{"points", points}}, state);
    BPL_REQUIRE(errors.size() == 1);
    CHECK(errors[0].field == "points");
  }
  SUBCASE("they count as training points for derivationSample") {  // xor4 has 4 training points
    CHECK(apply_state_json(json{{"derivationSample", 4}}, state).at(0).field == "derivationSample");
    CHECK(apply_state_json(json{{"points", {point(1, 2, 1)}}, {"derivationSample", 4}}, state).empty());
    CHECK(state.points.size() == 1);
  }
  SUBCASE("new data settings drop them unless given") {
    BPL_REQUIRE(apply_state_json(json{{"points", {point(1, 2, 1)}}}, state).empty());
    BPL_REQUIRE(apply_state_json(json{{"hidden", {3}}}, state).empty());
    CHECK(state.points.size() == 1);  // the same data
    BPL_REQUIRE(apply_state_json(json{{"dataset", "circle"}}, state).empty());
    CHECK(state.points.empty());
  }
}

// ---------------------------------------------------------------- the page's start

TEST_CASE("added points: the page's start is spelled out in its links") {
  // Links are read over PageState{} (xor4), so a link of the start names its data.
  PageState start;
  start.config = page_start_config();
  const json defaults = state_to_json(PageState{});
  const std::string hash = encode_url_state(state_to_json(start), defaults);
  CHECK(hash == "v=1&dataset=xor&train=0.5&batch=10");
  const UrlStateResult decoded = decode_url_state(hash, defaults);
  CHECK(decoded.warnings.empty());
  json merged = defaults;
  merged.merge_patch(decoded.state);
  CHECK(merged == state_to_json(start));
  CHECK(training_point_count(start.config.dataset_settings()) == 250);  // a visible test split: 250 of 500
  // Picking the seed's xor4 from there trains on all four of its points.
  TrainConfig picked = start.config;
  picked.dataset = DatasetKind::xor4;
  preselect_for_dataset(picked);
  CHECK(training_point_count(picked.dataset_settings()) == 4);
}

// ---------------------------------------------------------------- the Trainer

TEST_CASE("added points: the Trainer keeps them while the data settings stay") {
  Trainer t;  // xor4: 4 training points
  BPL_REQUIRE(t.add_point(0.5, 0.25, 1.0, false).empty());
  BPL_REQUIRE(t.add_point(2.0, 2.0, 0.0, true).empty());  // a test point is not an added training point
  CHECK(t.added_points() == std::vector<Point>{{0.5, 0.25, 1.0}});
  TrainConfig wider = t.config();
  wider.hidden = {3};
  BPL_REQUIRE(t.configure(wider).empty());
  CHECK(t.dataset().train.size() == 5);
  CHECK(t.added_points().size() == 1);
  SUBCASE("set_added_points replaces them") {
    BPL_REQUIRE(t.set_added_points({{1, 1, 0}, {-1, 0, 1}}).empty());
    CHECK(t.dataset().train.size() == 6);
    CHECK(t.dataset().train[5] == Point{-1, 0, 1});
    CHECK(t.set_added_points({{1, 1, 2}}).at(0).field == "points[0].label");
    CHECK(t.added_points().size() == 2);  // unchanged on error
  }
  SUBCASE("new data drops them") {
    TrainConfig other = t.config();
    other.seed = 2;
    BPL_REQUIRE(t.configure(other).empty());
    CHECK(t.added_points().empty());
    CHECK(t.dataset().train.size() == 4);
  }
}

// ---------------------------------------------------------------- the CSV

TEST_CASE("added points: the data CSV marks them") {
  Dataset data;
  data.train = {{0, 0, 0}, {1, 1, 0}, {0.125, -2.5, 1}};
  data.test = {{1, 0, 1}};
  CHECK(dataset_csv(data, 1) ==
        "x1,x2,label,set,added\n"
        "0,0,0,train,0\n"
        "1,1,0,train,0\n"
        "0.125,-2.5,1,train,1\n"
        "1,0,1,test,0\n");
}
