// Section index: round trips · the table's syntax · defaults left out · malformed fields ·
// fields that fit only together (the loss/dataset pairing) · caps · weights · origin= rules.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>

#include "engine/mlp/model_json.h"
#include "engine/training/train_config.h"
#include "engine/formats/origin.h"
#include "engine/formats/url_state.h"
#include "engine/formats/url_state_text.h"
#include "mlp_testing.h"

using namespace bpl;
using json = nlohmann::json;

namespace {

bool has_warning(const FieldErrors& warnings, const std::string& field, const std::string& fragment = "") {
  for (const FieldError& w : warnings) {
    if (w.field == field && w.message.find(fragment) != std::string::npos) return true;
  }
  return false;
}

std::string describe(const FieldErrors& warnings) {
  std::string text;
  for (const FieldError& w : warnings) text += to_string(w) + "\n";
  return text;
}

// A 3-input network (features x1, x2, x1^2), hidden 3-2 tanh, sigmoid output,
// bce, with awkward floats: −0, a subnormal, the largest float, 1/3 rounded.
Network<float> awkward_network() {
  Rng rng(7);
  Network<float> net = testing::random_network(
      testing::make_shape(3, {3, 2, 1}, Activation::tanh, Activation::sigmoid, Loss::bce), rng).cast<float>();
  net.layers[0].weights(0, 0) = -0.0f;
  net.layers[0].weights(1, 2) = 1e-40f;
  net.layers[1].weights(0, 1) = 3.4028234663852886e38f;
  net.layers[2].biases(0) = 1.0f / 3.0f;
  return net;
}

// Everything getState() and the embed options hold, none at its default.
json full_state() {
  TrainConfig config;
  config.dataset = DatasetKind::circle;
  config.features = {Feature::x1, Feature::x2, Feature::x1_squared};
  config.hidden = {3, 2};
  config.activation = Activation::tanh;
  config.learning_rate = 0.03;
  config.noise = 0.25;
  config.batch_size = 10;
  config.seed = 9007199254740992ULL;  // 2^53
  config.optimizer = OptimizerKind::adam;
  config.epsilon = 1e-7;
  json state = config_to_json(config);
  state["demo"] = "expression";
  state["selected"] = "W1[0][1]";
  state["derivationSample"] = 3;
  state["gradientLens"] = true;
  state["logScale"] = true;
  state["discretize"] = false;
  state["showTestPoints"] = true;
  state["expression"] = "(x^2 + x*y) * y^3";
  state["point"] = {{"x", 1}, {"y", -0.5}};
  state["descent"] = {{"optimizer", "adam"}, {"learningRate", 0.05}, {"steps", 200}, {"momentum", 0.8},
                      {"start", {{"x", -1.5}, {"y", 2.25}}}};
  state["weights"] = model_to_json(awkward_network());
  state["embed"] = true;
  state["panels"] = {"network", "derivation"};
  state["hide"] = {"seed", "learningRate"};
  state["theme"] = "dark";
  state["autoplay"] = true;
  state["origin"] = "https://example.org:8080";
  return state;
}

std::uint32_t bits_of(float f) {
  std::uint32_t bits;
  std::memcpy(&bits, &f, sizeof bits);
  return bits;
}

}  // namespace

TEST_CASE("url_state: a full state round-trips, weights bit for bit") {
  const json state = full_state();
  const std::string hash = encode_url_state(state);
  const UrlStateResult decoded = decode_url_state("#" + hash);
  CHECK_MESSAGE(decoded.warnings.empty(), describe(decoded.warnings));
  CHECK(decoded.state == state);
  BPL_REQUIRE(decoded.state.contains("weights"));
  const Result<Network<double>> net = model_from_json(decoded.state["weights"]);
  BPL_REQUIRE(net.ok());
  const Network<float> expected = awkward_network();
  for (int l = 0; l < expected.depth(); ++l) {
    const Layer<float>& want = expected.layers[size_t(l)];
    const Layer<double>& got = net.value->layers[size_t(l)];
    for (int j = 0; j < want.weights.rows(); ++j) {
      for (int i = 0; i < want.weights.cols(); ++i) CHECK(bits_of(float(got.weights(j, i))) == bits_of(want.weights(j, i)));
      CHECK(bits_of(float(got.biases(j))) == bits_of(want.biases(j)));
    }
  }
  CHECK(std::signbit(net.value->layers[0].weights(0, 0)));  // −0 stays −0
  CHECK(hash.find("&w=3,3:tanh,2:tanh,1:sigmoid,bce,f32:") != std::string::npos);
}

TEST_CASE("url_state: weights that are not floats are written as doubles, still exact") {
  Network<double> net = make_network<double>(testing::make_shape(2, {4, 1}, Activation::sigmoid, Activation::sigmoid, Loss::bce));
  net.layers[0].weights(2, 1) = 0.1;  // not a float
  net.layers[1].biases(0) = -1.0 / 3.0;
  const json state = {{"weights", model_to_json(net)}};
  const std::string hash = encode_url_state(state);
  CHECK(hash.find(",f64:") != std::string::npos);
  const UrlStateResult decoded = decode_url_state(hash);  // 2-4-1 sigmoid bce: the built-in config
  CHECK_MESSAGE(decoded.warnings.empty(), describe(decoded.warnings));
  CHECK(decoded.state == state);
}

TEST_CASE("url_state: the links read and write as the table in url_state.h says") {
  const json state = {{"demo", "network"}, {"dataset", "xor4"}, {"hidden", {2}}, {"activation", "relu"},
                      {"learningRate", 0.03}, {"features", {"x1", "x2"}}, {"selected", "w1"},
                      {"expression", "(x^2+x*y)*y^3"}, {"point", {{"x", 1}, {"y", 2}}}};
  // Written by hand from the table: keys in table order, ^ and + escaped, * ( ) kept.
  const std::string link = "v=1&demo=network&dataset=xor4&features=x1,x2&hidden=2&activation=relu&lr=0.03"
                           "&selected=w1&expr=(x%5E2%2Bx*y)*y%5E3&point=1,2";
  CHECK(encode_url_state(state) == link);
  SUBCASE("decoding it") {
    const UrlStateResult decoded = decode_url_state("#" + link);
    CHECK_MESSAGE(decoded.warnings.empty(), describe(decoded.warnings));
    CHECK(decoded.state == state);
  }
  SUBCASE("any order, state field names as keys, a bare boolean") {
    const UrlStateResult decoded =
        decode_url_state("learningRate=0.03&embed&descent.steps=7&d.lr=.5&hidden=&features=x1,x1%5E2");
    CHECK_MESSAGE(decoded.warnings.empty(), describe(decoded.warnings));
    CHECK(decoded.state == json{{"learningRate", 0.03}, {"embed", true}, {"hidden", json::array()},
                                {"features", {"x1", "x1^2"}}, {"descent", {{"steps", 7}, {"learningRate", 0.5}}}});
  }
  SUBCASE("escaping only what is needed") {
    const json text = {{"expression", "x + y^2 & z=#%é"}, {"origin", "https://a.b"}, {"hide", {"a,b"}}};
    CHECK(encode_url_state(text) == "v=1&expr=x%20%2B%20y%5E2%20%26%20z%3D%23%25%C3%A9&hide=a%2Cb&origin=https://a.b");
  }
  SUBCASE("w1 names a parameter of a 2-2-1 network only") {
    const UrlStateResult decoded = decode_url_state("hidden=2,2&selected=w1");
    CHECK(has_warning(decoded.warnings, "selected", "W<l>[j][i]"));
    CHECK(decoded.state == json{{"hidden", {2, 2}}});
  }
}

TEST_CASE("url_state: fields equal to the defaults are left out") {
  const json defaults = full_state();
  json state = defaults;
  state["learningRate"] = 0.1;
  state["descent"]["steps"] = 20;
  state["panels"] = json::array();
  const std::string hash = encode_url_state(state, defaults);
  CHECK(hash == "v=1&lr=0.1&d.steps=20&panels=");
  const UrlStateResult decoded = decode_url_state(hash, defaults);
  CHECK_MESSAGE(decoded.warnings.empty(), describe(decoded.warnings));
  CHECK(decoded.state == json{{"learningRate", 0.1}, {"descent", {{"steps", 20}}}, {"panels", json::array()}});
  json merged = defaults;
  merged.merge_patch(decoded.state);
  CHECK(merged == state);
  CHECK(encode_url_state(defaults, defaults) == "v=1");
}

TEST_CASE("url_state: a malformed field falls back to its default, the others apply") {
  const std::string long_expression = "expr=" + std::string(1001, 'x');
  std::string long_list = "features=x1";
  for (int i = 0; i < kMaxUrlListItems; ++i) long_list += ",x1";
  const std::string weights_2_2_1 = encode_url_state(
      {{"weights", model_to_json(make_network<float>(testing::make_shape(2, {2, 1}, Activation::relu, Activation::sigmoid, Loss::bce)))}});
  struct Row {
    std::string pair;
    const char* field;
    const char* fragment;  // of the warning's message
  };
  const Row rows[] = {
      {"lr=-1", "learningRate", "expected a number > 0"},
      {"lr=abc", "learningRate", "got \"abc\""},
      {"lr=1e999", "learningRate", "expected a number > 0"},
      {"lr=%zz", "learningRate", "percent-escape"},
      {"hidden=2,0", "hidden", "hidden[1]"},
      {"hidden=2000", "hidden", "from 1 to 1024"},
      {"hidden=2,x", "hidden", "hidden[1]"},
      {"hidden=1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1", "hidden", "at most 15"},
      {"activation=swish", "activation", "unknown name \"swish\""},
      {"activation=softmax", "activation", "only for the output"},
      {"output=softmax", "outputActivation", "needs the output activation \"sigmoid\""},
      {"features=x1,x3", "features", "unknown feature"},
      {"features=x1,x1", "features", "listed twice"},
      {"features=", "features", "at least one"},
      {long_list, "features", "at most 64 comma-separated items, got 65"},
      {"seed=9007199254740993", "seed", "from 0 to 9007199254740992"},
      {"seed=1.5", "seed", "integer"},
      {"samples=2", "samples", "from 4"},
      {"demo=graph", "demo", "\"network\", \"expression\""},
      {"theme=blue", "theme", "\"light\", \"dark\", \"auto\""},
      {"embed=yes", "embed", "expected 1 or 0"},
      {"lens=2", "gradientLens", "expected 1 or 0"},
      {"point=1", "point", "expected x,y"},
      {"point=1,nan", "point", "expected x,y"},
      {"d.start=1,1e999", "descent.start", "two finite numbers"},
      {"d.steps=100001", "descent.steps", "from 0 to 100000"},
      {"d.opt=sgd", "descent.optimizer", "\"gd\", \"momentum\", \"adam\""},
      {"d.lr=0", "descent.learningRate", "> 0"},
      {"expr=(x%2B", "expression", "column"},
      {long_expression, "expression", "at most 1000 characters"},
      {"expr=%E0%A4", "expression", "UTF-8"},
      {"selected=w9", "selected", "no parameter \"w9\""},
      {"sample=-1", "derivationSample", "from 0"},
      {"panels=net%20work", "panels", "unknown name \"net work\"; expected names from: network"},
      {"w=2,2:relu", "weights", "expected <inputs>"},
      {"w=2,2:relu,1:sigmoid,bce,f32:AAAA", "weights", "expected 9 values"},
      {weights_2_2_1.substr(4), "weights", "2 → 4 sigmoid → 1 sigmoid, bce"},
      {"selected", "selected", "no value"},
      {"foo=1", "foo", "unknown key"},
      {"v=2", "v", "unknown link version \"2\""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.pair);
    const UrlStateResult decoded = decode_url_state("#v=1&dataset=circle&" + row.pair + "&noise=0.25");
    CHECK_MESSAGE(has_warning(decoded.warnings, row.field, row.fragment), describe(decoded.warnings));
    CHECK(decoded.warnings.size() == 1);
    CHECK(decoded.state.value("dataset", "") == "circle");
    CHECK(decoded.state.value("noise", 0.0) == 0.25);
    CHECK(decoded.state.size() == 2);
    const bool field_names_a_state_field = std::string(row.field) != "foo" && std::string(row.field) != "v";
    if (field_names_a_state_field) CHECK(decoded.warnings[0].message.find("using the default") != std::string::npos);
    // What a link decodes to encodes to a link that decodes to the same.
    CHECK(decode_url_state(encode_url_state(decoded.state)).state == decoded.state);
  }
}

TEST_CASE("url_state: fields that fit only together are kept together") {
  SUBCASE("softmax output with softmax_ce") {
    const UrlStateResult decoded = decode_url_state("output=softmax&loss=softmax_ce");
    CHECK_MESSAGE(decoded.warnings.empty(), describe(decoded.warnings));
    CHECK(decoded.state.size() == 2);
  }
  SUBCASE("a regression dataset with a regression loss") {
    const UrlStateResult decoded = decode_url_state("dataset=plane&loss=mse&output=linear");
    CHECK_MESSAGE(decoded.warnings.empty(), describe(decoded.warnings));
    CHECK(decoded.state.size() == 3);
  }
  SUBCASE("a regression dataset against the default bce: the dataset picker's pairing") {
    const UrlStateResult decoded = decode_url_state("dataset=plane&lr=0.1");
    CHECK_MESSAGE(decoded.warnings.empty(), describe(decoded.warnings));  // the link named no loss
    CHECK(decoded.state == json{{"dataset", "plane"}, {"loss", "half_mse"}, {"outputActivation", "tanh"}, {"learningRate", 0.1}});
  }
  SUBCASE("a regression dataset with bce: the dataset stays, the loss is paired") {
    const UrlStateResult decoded = decode_url_state("loss=bce&dataset=plane");
    CHECK(has_warning(decoded.warnings, "loss", "\"bce\" cannot train on the regression dataset \"plane\""));
    CHECK(decoded.warnings.size() == 1);
    CHECK(decoded.state == json{{"dataset", "plane"}, {"loss", "half_mse"}, {"outputActivation", "tanh"}});
  }
  SUBCASE("the link's output is kept when it fits the paired loss, replaced when it does not") {
    const UrlStateResult kept = decode_url_state("loss=bce&output=sigmoid&dataset=multigauss");
    CHECK(kept.state == json{{"dataset", "multigauss"}, {"loss", "half_mse"}, {"outputActivation", "sigmoid"}});
    const UrlStateResult replaced = decode_url_state("loss=softmax_ce&output=softmax&dataset=plane");
    CHECK(has_warning(replaced.warnings, "outputActivation", "only for loss softmax_ce"));
    CHECK(replaced.state == json{{"dataset", "plane"}, {"loss", "half_mse"}, {"outputActivation", "tanh"}});
  }
  SUBCASE("an unreadable loss with a regression dataset: the reader's reason, the pairing") {
    const UrlStateResult decoded = decode_url_state("loss=hinge&dataset=plane");
    CHECK(has_warning(decoded.warnings, "loss", "unknown name \"hinge\""));
    CHECK(decoded.state.value("dataset", "") == "plane");
  }
  SUBCASE("softmax_ce against the default sigmoid output") {
    const UrlStateResult decoded = decode_url_state("loss=softmax_ce");
    CHECK(has_warning(decoded.warnings, "loss", "conflicts with outputActivation"));
    CHECK(decoded.state.empty());
  }
  SUBCASE("the defaults' config is what a field must fit") {
    const json defaults = {{"dataset", "plane"}, {"loss", "mse"}, {"outputActivation", "linear"}, {"learningRate", 0.5}};
    const UrlStateResult decoded = decode_url_state("loss=bce&lr=0.2", defaults);
    CHECK(has_warning(decoded.warnings, "loss", "using the default \"mse\""));
    CHECK(decoded.state == json{{"learningRate", 0.2}});
  }
}

TEST_CASE("url_state: caps on length, pairs, and duplicates") {
  SUBCASE("a hash longer than 64 KiB is ignored as a whole") {
    const UrlStateResult decoded = decode_url_state("lr=0.1&expr=" + std::string(kMaxUrlHashLength, 'x'));
    CHECK(has_warning(decoded.warnings, "", "more than the 64 KiB (65,536 bytes) this page takes; using the defaults"));
    CHECK(decoded.state.empty());
    CHECK(to_string(url_hash_too_long(1500001)) ==
          "the link's state is 1,500,001 bytes, more than the 64 KiB (65,536 bytes) this page takes; using the defaults");
  }
  SUBCASE("a hash of exactly 64 KiB is read") {
    std::string hash = "#lr=0.1";
    hash += std::string(kMaxUrlHashLength - hash.size(), '&');  // empty pairs are skipped
    const UrlStateResult decoded = decode_url_state(hash);
    CHECK_MESSAGE(decoded.warnings.empty(), describe(decoded.warnings));
    CHECK(decoded.state == json{{"learningRate", 0.1}});
  }
  SUBCASE("pairs past the 128th are ignored") {
    std::string hash = "lr=0.1";
    for (int i = 0; i < 200; ++i) hash += "&noise=0.5";
    hash += "&seed=5";
    const UrlStateResult decoded = decode_url_state(hash);
    CHECK(has_warning(decoded.warnings, "", "more than 128"));
    CHECK(decoded.state == json{{"learningRate", 0.1}, {"noise", 0.5}});
  }
  SUBCASE("a key given twice: the last one") {
    const UrlStateResult decoded = decode_url_state("lr=0.1&lr=0.2");
    CHECK(has_warning(decoded.warnings, "learningRate", "twice"));
    CHECK(decoded.state == json{{"learningRate", 0.2}});
  }
  SUBCASE("weights that would pass 64 KiB are left out of the link") {
    // 2-128-128-1: 17025 floats = 90800 base64url characters.
    const Network<float> big = make_network<float>(testing::make_shape(2, {128, 128, 1}, Activation::relu, Activation::sigmoid, Loss::bce));
    const std::string hash = encode_url_state({{"learningRate", 0.1}, {"weights", model_to_json(big)}});
    CHECK(hash == "v=1&lr=0.1");
  }
  SUBCASE("empty and '#' alone") {
    CHECK(decode_url_state("").state.empty());
    CHECK(decode_url_state("#").warnings.empty());
    CHECK(decode_url_state("#&&").state.empty());
  }
}

TEST_CASE("url_state: weights that overflow the page's floats are refused at load") {
  Network<double> net = make_network<double>(testing::make_shape(2, {4, 1}, Activation::sigmoid, Activation::sigmoid, Loss::bce));
  net.layers[1].weights(0, 2) = 1e300;  // a double; as a float it would be inf
  const UrlStateResult decoded = decode_url_state(encode_url_state({{"weights", model_to_json(net)}}));
  CHECK(has_warning(decoded.warnings, "weights", "layers[1].weights[0][2]: 1e+300 does not fit the 32-bit floats"));
  CHECK(decoded.state.empty());
}

// engine/formats/origin.h, rule by rule: what the author writes, what browsers report as event.origin.
TEST_CASE("url_state: origin= is normalised as browsers write origins") {
  const std::pair<const char*, const char*> rows[] = {
      {"https://good.example", "https://good.example"},
      {"HTTPS://Good.Example", "https://good.example"},      // scheme and host case
      {"HTTP://127.0.0.1:8932", "http://127.0.0.1:8932"},    // the issue's never-matching origin
      {"https://good.example:443", "https://good.example"},  // the scheme's default port is dropped
      {"http://good.example:80", "http://good.example"},
      {"https://good.example:80", "https://good.example:80"},
      {"http://localhost:0080", "http://localhost"},          // leading zeros, then http's default
      {"https://xn--bcher-kva.example", "https://xn--bcher-kva.example"},
      {"https://a-b.c-d.example:65535", "https://a-b.c-d.example:65535"},
      {"", ""},
      {"none", "none"},
  };
  for (const auto& row : rows) {  // no structured bindings: clang 14 cannot capture them in CAPTURE
    const std::string given = row.first, normalised = row.second;
    CAPTURE(given);
    const UrlStateResult decoded = decode_url_state("origin=" + url::percent_encode(given));
    CHECK_MESSAGE(decoded.warnings.empty(), describe(decoded.warnings));
    CHECK(decoded.state == json{{"origin", normalised}});
    const Result<std::string> direct = normalise_origin(given);
    BPL_REQUIRE(direct.ok());
    CHECK(*direct.value == normalised);
  }
}

TEST_CASE("url_state: a malformed origin= answers no one and says why") {
  const std::pair<std::string, const char*> rows[] = {
      {"https://good.example/", "trailing '/'"},
      {"https://good.example/path", "no path, query or fragment"},
      {"https://good.example?x=1", "no path, query or fragment"},
      {"https://good.example#top", "no path, query or fragment"},
      {"good.example", "no scheme"},
      {"ftp://good.example", "scheme must be http or https"},
      {"javascript:alert(1)", "no scheme"},
      {"https://good.example:99999", "port must be a number from 1 to 65535"},
      {"https://good.example:0", "port must be a number from 1 to 65535"},
      {"https://good.example:", "port must be a number from 1 to 65535"},
      {"https://good.example:8o", "port must be a number from 1 to 65535"},
      {"https://user@good.example", "no user name or password"},
      {"https://", "no host"},
      {"https://[::1]:8080", "IPv6"},
      {"https://bücher.example", "punycode"},
      {"https://good..example", "empty part"},
      {"https://good.example.", "empty part"},
      {"https://-good.example", "starts or ends with '-'"},
      {"https://good_example.org", "'_' cannot be part of a host name"},
      {"https://256.1.1.1", "IPv4 address"},
      {"https://example.123", "IPv4 address"},
      {"https://01.2.3.4", "IPv4 address"},
      {"null", "\"null\" is shared"},
      {"*", "no scheme"},
      {"https://" + std::string(250, 'a') + ".org", "longer than 256"},
      {"https://" + std::string(64, 'a') + ".org", "longer than 63"},
  };
  for (const auto& row : rows) {
    const std::string& given = row.first;
    const char* fragment = row.second;
    CAPTURE(given);
    const UrlStateResult decoded = decode_url_state("dataset=circle&origin=" + url::percent_encode(given));
    CHECK_MESSAGE(has_warning(decoded.warnings, "origin", fragment), describe(decoded.warnings));
    CHECK(has_warning(decoded.warnings, "origin", "answered by no parent (origin=none)"));
    CHECK(decoded.state == json{{"dataset", "circle"}, {"origin", "none"}});  // fails closed, never ""
    CHECK_FALSE(normalise_origin(given).ok());
  }
  SUBCASE("an origin that cannot even be read fails closed too") {
    for (const char* raw : {"origin=%zz", "origin=%FF", "origin"}) {
      CAPTURE(raw);
      const UrlStateResult decoded = decode_url_state(raw);
      CHECK(has_warning(decoded.warnings, "origin", "origin=none"));
      CHECK(decoded.state == json{{"origin", "none"}});
    }
  }
}
