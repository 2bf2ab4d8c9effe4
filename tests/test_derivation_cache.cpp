#include <doctest/doctest.h>

#include <string>

#include "derivation_testing.h"
#include "engine/derivation/derivation_cache.h"
#include "engine/mlp/parameter_names.h"
#include "mlp_testing.h"

using namespace bpl;

namespace {

// A 2-3-1 tanh net on xor4 (the web app's sort of network), weights from its seed.
TrainConfig xor4_config() {
  TrainConfig c;
  c.dataset = DatasetKind::xor4;
  c.hidden = {3};
  c.activation = Activation::tanh;
  return c;
}

// The same lines and numbers, to the last bit: both come from the same traces.
void check_same(const WeightDerivation& a, const WeightDerivation& b) {
  CHECK(a.text == b.text);
  CHECK(a.latex == b.latex);
  CHECK(a.value == b.value);
  CHECK(a.sample_value == b.sample_value);
  CHECK(a.numerical_check == b.numerical_check);
}

}  // namespace

TEST_CASE("derivation_cache: one derivation per weights version, parameter and sample") {
  Trainer t;
  BPL_REQUIRE(t.configure(xor4_config()).empty());
  DerivationCache cache;
  long version = 0;
  // What web/network_demo.cpp's derivation_of does on a miss.
  auto derive_at = [&](const std::string& id, int sample) {
    const ParameterRef p = *parse_parameter_id(t.network(), id);
    return [&t, p, sample] {
      const testing::TrainerTraces traces(t, sample);
      return derive_weight(traces.inputs(sample), p);
    };
  };
  auto key = [&](const std::string& id, int sample) {
    return DerivationKey{version, *parse_parameter_id(t.network(), id), sample};
  };

  SUBCASE("three readers in one frame (panel, JS API, export): derived once, as from scratch") {
    for (int reader = 0; reader < 3; ++reader) cache.get(key("W1[1][0]", 2), derive_at("W1[1][0]", 2));
    CHECK(cache.computed() == 1);
    check_same(cache.get(key("W1[1][0]", 2), derive_at("W1[1][0]", 2)), testing::derive(t, "W1[1][0]", 2));
    CHECK(cache.computed() == 1);
    CHECK(cache.current(key("W1[1][0]", 2)));
  }
  SUBCASE("new weights, another sample, another parameter: derived again") {
    cache.get(key("W1[1][0]", 2), derive_at("W1[1][0]", 2));
    BPL_REQUIRE(t.set_parameter("W1[1][0]", 0.75).empty());
    ++version;
    CHECK_FALSE(cache.current(key("W1[1][0]", 2)));
    check_same(cache.get(key("W1[1][0]", 2), derive_at("W1[1][0]", 2)), testing::derive(t, "W1[1][0]", 2));
    CHECK(cache.computed() == 2);
    check_same(cache.get(key("W1[1][0]", 0), derive_at("W1[1][0]", 0)), testing::derive(t, "W1[1][0]", 0));
    CHECK(cache.computed() == 3);
    check_same(cache.get(key("b2[0]", 0), derive_at("b2[0]", 0)), testing::derive(t, "b2[0]", 0));
    CHECK(cache.computed() == 4);
    // Back to the first parameter: one is kept, not a history.
    cache.get(key("W1[1][0]", 0), derive_at("W1[1][0]", 0));
    CHECK(cache.computed() == 5);
  }
  SUBCASE("keep_older keeps the same parameter and sample at older weights, nothing else") {
    const WeightDerivation before = cache.get(key("W1[0][1]", 1), derive_at("W1[0][1]", 1));
    BPL_REQUIRE(t.set_parameter("W1[0][1]", -0.5).empty());
    ++version;
    check_same(cache.get(key("W1[0][1]", 1), derive_at("W1[0][1]", 1), true), before);
    CHECK(cache.computed() == 1);
    CHECK_FALSE(cache.current(key("W1[0][1]", 1)));
    cache.get(key("W1[0][1]", 0), derive_at("W1[0][1]", 0), true);
    CHECK(cache.computed() == 2);
    CHECK(cache.current(key("W1[0][1]", 0)));
  }
}
