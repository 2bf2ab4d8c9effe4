#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "bp_process.h"
#include "engine/cli/commands.h"
#include "engine/model_json.h"

using namespace bpl::testing;
using json = nlohmann::json;

namespace {
std::vector<json> json_lines(const std::string& text) {
  std::vector<json> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(json::parse(line, nullptr, false));
  return lines;
}
}  // namespace

TEST_CASE("bp train: one JSON line per epoch, and the saved model solves xor4") {
  // tests/data/xor4_config.json: the seed's 2-4-1 sigmoid net, bce, SGD lr 0.5, full batch, 3000 epochs.
  const std::string saved = (scratch_dir() / "xor_model.json").string();
  const BpRun run = run_bp_binary("train --config '" + source_file("tests/data/xor4_config.json") +
                                  "' --save-model '" + saved + "'");
  REQUIRE(run.exit_code == 0);
  const std::vector<json> lines = json_lines(run.out);
  REQUIRE(lines.size() == 3000);
  CHECK(lines[0]["epoch"] == 1);
  CHECK(lines.back()["epoch"] == 3000);
  CHECK(lines.back()["train_loss"].get<double>() < lines[0]["train_loss"].get<double>());
  CHECK(lines.back()["accuracy"] == 1.0);
  CHECK_FALSE(lines.back().contains("test_loss"));  // xor4 with trainFraction 1 has no test set

  // The saved MODEL.json, read back and evaluated in double by `bp grad`'s reader and forward.
  const bpl::Result<bpl::Network<double>> model = bpl::read_model_json(read_text(saved));
  REQUIRE(model.ok());
  const BpRun grad = run_bp_binary("grad --model '" + saved + "' --data '" +
                                   scratch_file("xor4.json", R"({"x": [[0,0],[0,1],[1,0],[1,1]], "y": [[0],[1],[1],[0]]})") + "'");
  REQUIRE(grad.exit_code == 0);
  CHECK(json::parse(grad.out)["loss"].get<double>() == doctest::Approx(lines.back()["train_loss"].get<double>()).epsilon(1e-5));
}

TEST_CASE("bp train: test loss and accuracy with a split") {
  const std::string config = scratch_file("circle.json", R"({"dataset": "circle", "hidden": [4], "activation": "tanh",
    "batchSize": 10, "learningRate": 0.1, "trainFraction": 0.5, "noise": 0.1, "epochs": 3, "seed": 4})");
  const BpRun run = run_bp_binary("train --config '" + config + "'");
  REQUIRE(run.exit_code == 0);
  const std::vector<json> lines = json_lines(run.out);
  REQUIRE(lines.size() == 3);
  for (const json& line : lines) {
    CHECK(line.contains("test_loss"));
    CHECK(line["accuracy"].get<double>() >= 0.0);
    CHECK(line["train_accuracy"].get<double>() <= 1.0);
  }
  const BpRun regression = run_bp_binary("train --config '" + scratch_file("plane.json",
      R"({"dataset": "plane", "loss": "mse", "outputActivation": "linear", "epochs": 2, "batchSize": 20})") + "'");
  REQUIRE(regression.exit_code == 0);
  CHECK_FALSE(json_lines(regression.out)[0].contains("accuracy"));  // accuracy only for classification
}

TEST_CASE("bp train: divergence is a status line, an error and exit code 1, never NaN numbers") {
  const std::string config = scratch_file("diverge.json", R"({"dataset": "plane", "loss": "mse",
    "outputActivation": "linear", "activation": "relu", "hidden": [8, 8], "learningRate": 100,
    "batchSize": 10, "epochs": 50})");
  const BpRun run = run_bp_binary("train --config '" + config + "' --save-model '" +
                                  (scratch_dir() / "never.json").string() + "'");
  CHECK(run.exit_code == 1);
  const std::vector<json> lines = json_lines(run.out);
  REQUIRE_FALSE(lines.empty());
  CHECK(lines.back()["status"] == "diverged");
  CHECK_FALSE(lines.back().contains("train_loss"));
  CHECK(run.out.find("NaN") == std::string::npos);
  CHECK(run.out.find("null") == std::string::npos);
  CHECK(run.err.rfind("error: training diverged", 0) == 0);
  CHECK_FALSE(std::filesystem::exists(scratch_dir() / "never.json"));
}

TEST_CASE("bp train: bad configs are one error line naming the field, exit code 2") {
  auto train = [](const std::string& text) {
    return run_bp_binary("train --config '" + scratch_file("bad.json", text) + "'");
  };
  struct Case {
    const char* config;
    const char* expected_err;
  };
  const Case cases[] = {
      {"{\"hidden\": [4,, 2]}", "error: config: invalid JSON (parse error at line 1, column 15"},
      {R"({"hidden": [4, -3]})", "error: hidden[1]: expected an integer from 1 to 1024, got -3"},
      {R"({"dataset": "moons"})", "error: dataset: unknown name \"moons\"; expected one of xor4 | xor"},
      {R"({"batchSize": -1})", "error: batchSize: expected an integer from 1 to 100000, got -1"},
      {R"({"learningRate": 0})", "error: learningRate: expected a number > 0, got 0"},
      {R"({"loss": "softmax_ce"})", "error: outputActivation: loss softmax_ce needs the output activation \"softmax\""},
      {R"({"epochs": "ten"})", "error: epochs: expected an integer from 0 to 1000000, got string"},
      {R"({"lr": 0.1})", "error: lr: unknown field; expected one of dataset, samples"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.config);
    const BpRun run = train(c.config);
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK(run.err.rfind(c.expected_err, 0) == 0);
    CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
  }
}

TEST_CASE("bp train: run_train with string streams, epochs 0 saves the initial model") {
  std::ostringstream out, err;
  const std::string saved = (scratch_dir() / "initial.json").string();
  const int code = bpl::cli::run_train(
      {scratch_file("zero.json", R"({"epochs": 0, "seed": 42})"), saved}, out, err);
  CHECK(code == 0);
  CHECK(out.str().empty());
  const bpl::Result<bpl::Network<double>> model = bpl::read_model_json(read_text(saved));
  REQUIRE(model.ok());
  // The he-initialised 2-4-1 net of seed 42 (tests/test_initializer.cpp has the same value).
  CHECK(float(model.value->layers[0].weights(0, 1)) == -2.49443364f);
}
