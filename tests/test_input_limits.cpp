#include <doctest/doctest.h>

#include <string>

#include "engine/core/input_limits.h"
#include "engine/formats/url_state.h"
#include "engine/mlp/model_json.h"
#include "mlp_testing.h"

using namespace bpl;

TEST_CASE("input_limits: one message for every cap, with the exact number") {
  CHECK_FALSE(over_cap("text", "the text", kMaxImportBytes, kMaxImportBytes, "an import"));
  const std::optional<FieldError> e = over_cap("text", "the text", kMaxImportBytes + 1, kMaxImportBytes, "an import");
  BPL_REQUIRE(e.has_value());
  CHECK(to_string(*e) == "text: the text is 4,194,305 bytes, more than the 4 MiB (4,194,304 bytes) an import takes");
  CHECK(size_text(64 * 1024) == "64 KiB");
  CHECK(size_text(kMaxExpressionLength) == "1,000 bytes");
  CHECK(size_text(kMaxLoadUrlHashJsonBytes) == "129 KiB");
  CHECK(size_text(kMaxImportCallJsonBytes) == "8193 KiB");
}

// The caps are sized to carry what the page must carry (the table in input_limits.h).
TEST_CASE("input_limits: a link at its cap still carries trained weights of a 2-64-64-64-1 net") {
  Rng rng(3);
  const Network<float> net = testing::random_network(
      testing::make_shape(2, {64, 64, 64, 1}, Activation::tanh, Activation::sigmoid, Loss::bce), rng).cast<float>();
  const std::string hash = encode_url_state({{"weights", model_to_json(net)}});
  CHECK(hash.find("&w=2,64:tanh,64:tanh,64:tanh,1:sigmoid,bce,f32:") != std::string::npos);
  CHECK(hash.size() + 1 <= kMaxUrlHashLength);
}

TEST_CASE("input_limits: an import at its cap carries the MODEL.json of a 125,000-parameter net") {
  Rng rng(4);
  // 2-250-250-250-1: 3·250 + 2·(250·250 + 250) + 251 = 126,501 parameters, random floats (~31 bytes each).
  const Network<float> net = testing::random_network(
      testing::make_shape(2, {250, 250, 250, 1}, Activation::relu, Activation::sigmoid, Loss::bce), rng).cast<float>();
  const std::string text = write_model_json(net);
  CHECK_MESSAGE(text.size() <= kMaxImportBytes, text.size());
  CHECK(read_model_json(text).ok());
}

TEST_CASE("input_limits: read_model_json refuses text over 64 MiB unread") {
  const std::string text = "{}" + std::string(kMaxModelJsonBytes - 1, ' ');
  const Result<Network<double>> read = read_model_json(text);
  BPL_REQUIRE(!read.ok());
  CHECK(to_string(read.errors.front()) ==
        "model: the MODEL.json text is 67,108,865 bytes, more than the 64 MiB (67,108,864 bytes) the model reader takes");
  // One byte less is read, and found to be an empty object.
  const Result<Network<double>> at_cap = read_model_json(text.substr(1));
  BPL_REQUIRE(!at_cap.ok());
  CHECK(at_cap.errors.front().message.find("bytes, more than") == std::string::npos);
}
