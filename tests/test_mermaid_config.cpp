// config_from_mermaid: a diagram's shape over the current config, each expected
// config written out by hand from the diagram beside it.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "engine/formats/mermaid_config.h"
#include "mlp_testing.h"

using namespace bpl;

namespace {

// Three inputs, hidden layers of 2 and 1 units, one output.
const char* const k3_2_1_1 =
    "graph LR\n"
    "  I1((x1)) & I2((x2)) & I3((x1²)) --> H1(h) & H2(h)\n"
    "  H1 & H2 --> G1(g)\n"
    "  G1 --> O1((o))\n";

// Two inputs, one output, no hidden layer.
const char* const k2_1 =
    "graph LR\n"
    "  I1((x1)) & I2((x2)) --> O1((o))\n";

// Two inputs, four hidden units, two outputs.
const char* const k2_4_2 =
    "graph LR\n"
    "  I1((a)) & I2((b)) --> H1(h) & H2(h) & H3(h) & H4(h)\n"
    "  H1 & H2 & H3 & H4 --> O1((p)) & O2((q))\n";

}  // namespace

TEST_CASE("mermaid_config: the diagram sets features and hidden layers, the rest is kept") {
  TrainConfig current;  // features x1, x2; hidden {4}; bce
  current.learning_rate = 0.3;
  current.seed = 7;

  SUBCASE("3 inputs, hidden 2 and 1: the first three features") {
    const Result<TrainConfig> got = config_from_mermaid(k3_2_1_1, current);
    BPL_REQUIRE(got.ok());
    TrainConfig want = current;
    want.features = {Feature::x1, Feature::x2, Feature::x1_squared};
    want.hidden = {2, 1};
    CHECK(got.value->features == want.features);
    CHECK(got.value->hidden == want.hidden);
    CHECK(got.value->learning_rate == 0.3);
    CHECK(got.value->seed == 7);
    CHECK(got.value->loss == Loss::bce);
  }
  SUBCASE("as many inputs as features: the chosen features stay") {
    current.features = {Feature::sin_x1, Feature::x2_squared};
    const Result<TrainConfig> got = config_from_mermaid(k2_1, current);
    BPL_REQUIRE(got.ok());
    CHECK(got.value->features == std::vector<Feature>{Feature::sin_x1, Feature::x2_squared});
    CHECK(got.value->hidden.empty());
  }
  SUBCASE("two outputs with softmax_ce") {
    current.loss = Loss::softmax_ce;
    current.output_activation = Activation::softmax;
    const Result<TrainConfig> got = config_from_mermaid(k2_4_2, current);
    BPL_REQUIRE(got.ok());
    CHECK(got.value->features == std::vector<Feature>{Feature::x1, Feature::x2});
    CHECK(got.value->hidden == std::vector<int>{4});
    CHECK(got.value->loss == Loss::softmax_ce);
  }
}

TEST_CASE("mermaid_config: refusals name the field or the line and column") {
  const TrainConfig current;  // bce: one output
  SUBCASE("two outputs without softmax_ce") {
    const Result<TrainConfig> got = config_from_mermaid(k2_4_2, current);
    BPL_REQUIRE(!got.ok());
    BPL_REQUIRE(got.errors.size() == 1);
    CHECK(got.errors[0].field == "outputs");
    CHECK(got.errors[0].message == "the diagram has 2 outputs; use 1 (or 2 with softmax_ce)");
  }
  SUBCASE("eight inputs") {
    std::string text = "graph LR\n  ";
    for (int i = 1; i <= 8; ++i) text += (i > 1 ? " & I" : "I") + std::to_string(i) + "((x))";
    text += " --> O1((o))\n";
    const Result<TrainConfig> got = config_from_mermaid(text, current);
    BPL_REQUIRE(!got.ok());
    CHECK(got.errors[0].field == "inputs");
    CHECK(got.errors[0].message == "the diagram has 8 inputs; BackpropLens has 1 to 7 (x1, x2, x1², …)");
  }
  SUBCASE("text that is not a flowchart") {
    const Result<TrainConfig> got = config_from_mermaid("pie title x\n", current);
    BPL_REQUIRE(!got.ok());
    CHECK(got.errors[0].field == "line 1, column 1");
    CHECK(!got.errors[0].message.empty());
  }
}
